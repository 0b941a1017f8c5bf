// What a receipt needs of a completed sale (or storno) as the journal keeps it: the frozen lines, the
// VAT the completion froze, and the payments that actually moved money (settled ≠ 0; a declined
// terminal attempt or a card that paid nothing does not print).
import type { ApiReceiptLine } from '../../common/receipt/api-lines'
import type { SaleRecord } from '../journal'
import type { ReceiptSale } from './sale-receipt'
import { priceComponents } from '../../common/combo'

export function receiptSaleFromJournal(
  sale: SaleRecord,
  sellerName: string,
  apiLines: ApiReceiptLine[],
): ReceiptSale {
  if (sale.receiptNo === undefined || sale.completedAt === undefined) {
    throw new Error(`sale ${sale.saleId} is not completed; only a completed sale has a receipt`)
  }
  return {
    kind: sale.kind,
    ...(sale.partialReturn ? { partialReturn: true as const } : {}),
    receiptNo: sale.receiptNo,
    completedAt: sale.completedAt,
    sellerName,
    lines: sale.lines.map((l) => ({
      name: l.name,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      total: l.total,
      vatRate: l.vatRate,
      ...(l.weightGrams !== undefined ? { weightGrams: l.weightGrams } : {}),
      ...(l.discount ? { discount: l.discount } : {}),
      ...(l.kind === 'topup' ? { kind: l.kind } : {}),
      ...(l.components ? { components: priceComponents(l.total, l.components) } : {}),
    })),
    ...(sale.consumption ? { consumption: sale.consumption } : {}),
    ...(sale.bonus ? { bonus: sale.bonus } : {}),
    vat: sale.vat,
    total: sale.total,
    payments: sale.payments
      .filter((p) => p.settled !== 0)
      .map((p) => ({
        method: p.method,
        amount: p.settled,
        ...(p.tendered !== undefined ? { tendered: p.tendered } : {}),
      })),
    apiLines,
  }
}
