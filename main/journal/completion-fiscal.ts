// What a completion freezes besides VAT and payments: the redeemed bonus and the top-ups sold
// (MehrzweckgutscheinKauf), so X and Z list them apart (docs/fiscal-export.md). Rows only when non-zero:
// an ordinary sale writes nothing here.
import { TRAINING_COMPLETIONS } from './training'
import type { StatementSync } from 'node:sqlite'
import type { SaleRecord } from './types'

type Stmt = (sql: string) => StatementSync

export function freezeFiscal(stmt: Stmt, completionId: number, sale: SaleRecord): void {
  const bonus = (sale.bonus ?? []).reduce((s, b) => s + b.amount, 0)
  const vouchersSold = sale.lines.filter((l) => l.kind === 'topup').reduce((s, l) => s + l.total, 0)
  const insert = stmt('INSERT INTO completion_fiscal (completion_id, kind, amount) VALUES (?, ?, ?)')
  if (bonus !== 0) insert.run(completionId, 'bonus', bonus)
  if (vouchersSold !== 0) insert.run(completionId, 'voucher_sold', vouchersSold)
}

/** Sum of one kind over a range of completions (one index range). */
export function fiscalSum(stmt: Stmt, kind: 'bonus' | 'voucher_sold', after: number, upTo: number): number {
  const row = stmt(
    `SELECT COALESCE(SUM(amount), 0) AS s FROM completion_fiscal INDEXED BY completion_fiscal_by_kind
     WHERE kind = ? AND completion_id > ? AND completion_id <= ?
       AND completion_id NOT IN ${TRAINING_COMPLETIONS}`,
  ).get(kind, after, upTo) as { s: number }
  return Number(row.s)
}
