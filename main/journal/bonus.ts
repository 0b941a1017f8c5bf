// The redeemed loyalty bonus: a price reduction in the goods' own VAT rates (docs/fiscal-export.md).
// The secuconnect preTransaction answers with `bonus_products`, one negative line per VAT rate; they
// are kept in `bonus_discounts` under the intent of that card application. The bonus counts for the
// sale once the card payment's start took effect (a card applied and then dropped reduces nothing), and only the
// latest application counts (applying again writes a fresh set). A storno carries its original's
// bonus negated, as its refunds are exactly what the original settled.
import type { StatementSync } from 'node:sqlite'
import { z } from 'zod'
import { vatRate } from '../../common/catalog'
import type { PaymentRecord } from './types'

type Row = Record<string, unknown>
type Stmt = (sql: string) => StatementSync

export const bonusDiscountInput = z.object({
  saleId: z.number().int().positive(),
  /** The payment intent of the card application (preTransaction) the bonus came with. */
  intentId: z.number().int().positive(),
  lines: z.array(z.object({ vatRate, amount: z.number().int().positive() })).min(1),
})
export type BonusDiscountInput = z.infer<typeof bonusDiscountInput>

export interface BonusLine {
  vatRate: number
  /** Positive reduction for a sale, negative for a storno. */
  amount: number
}

/** Payment methods whose application can carry a bonus. */
const CARD_METHODS = new Set(['loyalty'])

export function insertBonus(
  append: (sql: string, ...params: (string | number | null)[]) => number,
  at: string,
  input: BonusDiscountInput,
): void {
  for (const l of input.lines)
    append(
      'INSERT INTO bonus_discounts (sale_id, intent_id, vat_rate, amount, at) VALUES (?, ?, ?, ?, ?)',
      input.saleId,
      input.intentId,
      l.vatRate,
      l.amount,
      at,
    )
}

/** The bonus that counts for a sale given its payments (see the head comment). */
export function effectiveBonus(
  stmt: Stmt,
  sale: { saleId: number; kind: string; originalSaleId?: number },
  payments: readonly PaymentRecord[],
  readPayments: (saleId: number) => PaymentRecord[],
): BonusLine[] {
  if (sale.kind === 'storno') {
    if (sale.originalSaleId === undefined) return []
    const original = stmt('SELECT id, kind FROM sales WHERE id = ?').get(sale.originalSaleId) as
      Row | undefined
    if (!original) return []
    return effectiveBonus(
      stmt,
      { saleId: sale.originalSaleId, kind: String(original.kind) },
      readPayments(sale.originalSaleId),
      readPayments,
    ).map((b) => ({ vatRate: b.vatRate, amount: -b.amount }))
  }
  const rows = stmt(
    'SELECT intent_id, vat_rate, amount FROM bonus_discounts WHERE sale_id = ? ORDER BY id',
  ).all(sale.saleId) as Row[]
  if (rows.length === 0) return []
  // The card's start took effect: settled (its cash balance paid) or done (it covered only bonus).
  const settledCard = payments.filter(
    (p) =>
      CARD_METHODS.has(p.method) &&
      p.steps.some(
        (s) => s.step === 'start' && (s.outcome?.status === 'settled' || s.outcome?.status === 'done'),
      ) &&
      !p.steps.some((s) => s.outcome?.status === 'reversed'),
  )
  const intents = new Set(settledCard.flatMap((p) => p.steps.map((s) => s.intentId)))
  const counting = rows.filter((r) => intents.has(Number(r.intent_id)))
  if (counting.length === 0) return []
  const latest = Math.max(...counting.map((r) => Number(r.intent_id)))
  const byRate = new Map<number, number>()
  for (const r of counting.filter((r) => Number(r.intent_id) === latest))
    byRate.set(Number(r.vat_rate), (byRate.get(Number(r.vat_rate)) ?? 0) + Number(r.amount))
  return [...byRate].map(([vatRate, amount]) => ({ vatRate, amount }))
}
