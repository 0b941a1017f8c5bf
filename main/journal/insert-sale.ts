// A sale row with its lines, line discounts and deposit links (deposits.ts), as the sale writes (sale-writes.ts) and the storno
// writes (storno-writes.ts) both insert it. Runs inside the caller's transaction.
import { computeTotals } from '../../common/basket'
import { insertDeposits } from './deposits'
import type { JournalCore } from './journal-core'
import type { SaleRecord } from './types'
import { writeVatContext } from './vat-context'

export function insertSale(
  { stmt, append, now }: JournalCore,
  kind: 'sale' | 'storno',
  sellerId: string,
  lines: SaleRecord['lines'],
  originalSaleId: number | null,
  reason: string | null,
  startedAt?: string,
): number {
  const totals = computeTotals(lines)
  const at = startedAt ?? now()
  const saleId = append(
    'INSERT INTO sales (kind, original_sale_id, seller_id, started_at, total, reason) VALUES (?, ?, ?, ?, ?, ?)',
    kind,
    originalSaleId,
    sellerId,
    at,
    totals.total,
    reason,
  )
  const insertLine =
    stmt(`INSERT INTO sale_lines (sale_id, line_no, product_id, name, kind, quantity, unit_price, total, vat_rate, weight_grams, ean, article_number)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  for (const l of lines)
    insertLine.run(
      saleId,
      l.lineNo,
      l.productId,
      l.name,
      l.kind,
      l.quantity,
      l.unitPrice,
      l.total,
      l.vatRate,
      l.weightGrams ?? null,
      l.ean ?? null,
      l.articleNumber ?? null,
    )
  const insertDiscount = stmt(`INSERT INTO line_discounts
    (sale_id, line_no, kind, value, amount, reason, manager_id, at, reason_id, scope)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  for (const l of lines) {
    const d = l.discount
    if (!d) continue
    insertDiscount.run(
      saleId,
      l.lineNo,
      d.kind,
      d.value,
      d.amount,
      d.reason,
      d.managerId,
      at,
      d.reasonId,
      d.scope,
    )
  }
  insertDeposits(stmt, saleId, lines)
  // Combo parts, and for a storno its original's Im Haus / Außer Haus (docs/vat-rates.md).
  writeVatContext(stmt, saleId, at, lines, originalSaleId)
  return saleId
}
