// X and Z reports (DSFinV-K, Kassenabschluss) as SQL aggregates over one closing period. A period is bounded by
// row ids, not times: ids only grow, while a wall clock can be set back. Each Z stores the last id it
// covered of every table it sums, and the next period starts right after them.
//
// VAT per rate in a report is the sum of the receipts' own VAT amounts (each extracted per rate from
// that receipt's gross, common/basket.ts), so the Z agrees cent for cent with the receipts it covers.
// Training sales (training.ts) stay outside every sum: DSFinV-K keeps AVTraining out of the closing.
import type { StatementSync } from 'node:sqlite'
import type { VatBreakdownRow } from '../../common/basket'
import { VAT_RATES } from '../../common/catalog'
import { VOUCHER_METHODS } from '../../common/fiscal-amounts'
import { fiscalSum } from './completion-fiscal'
import { TRAINING_COMPLETIONS } from './training'
import { CASH, type PeriodReport } from './types'
import { addCents, sumCents } from '../../common/money'

type Row = Record<string, unknown>
type Stmt = (sql: string) => StatementSync

export interface PeriodBounds {
  periodStart: string | null
  after: { sale: number; completion: number; abort: number; cash: number; receipt: number }
  upTo: { sale: number; completion: number; abort: number; cash: number; receipt: number }
}

export function currentBounds(stmt: Stmt): PeriodBounds {
  const last = stmt('SELECT * FROM closings ORDER BY id DESC LIMIT 1').get() as Row | undefined
  const max = (table: string) =>
    Number((stmt(`SELECT COALESCE(MAX(id), 0) AS m FROM ${table}`).get() as Row).m)
  return {
    periodStart: last ? String(last.at) : null,
    after: {
      sale: Number(last?.last_sale_id ?? 0),
      completion: Number(last?.last_completion_id ?? 0),
      abort: Number(last?.last_abort_id ?? 0),
      cash: Number(last?.last_cash_movement_id ?? 0),
      receipt: Number(last?.last_receipt_id ?? 0),
    },
    upTo: {
      sale: max('sales'),
      completion: max('sale_completions'),
      abort: max('sale_aborts'),
      cash: max('cash_movements'),
      receipt: max('receipts'),
    },
  }
}

/**
 * Every value `column` has ever taken, by skipping through its index (one O(log n) seek per value): a
 * till has a handful of sellers and payment types, so this stays cheap however long the history.
 */
function distinctValues(stmt: Stmt, table: string, column: string): string[] {
  const rows = stmt(`
    WITH RECURSIVE k(v) AS (
      SELECT MIN(${column}) FROM ${table}
      UNION ALL SELECT (SELECT MIN(${column}) FROM ${table} WHERE ${column} > k.v) FROM k WHERE k.v IS NOT NULL
    ) SELECT v FROM k WHERE v IS NOT NULL`).all() as Row[]
  return rows.map((r) => String(r.v))
}

export function periodReport(
  stmt: Stmt,
  bounds: PeriodBounds,
  periodEnd: string,
): Omit<PeriodReport, 'kind'> {
  const c = [bounds.after.completion, bounds.upTo.completion]
  // Each sum below is one range of a covering index (schema.ts): no sorting, work ∝ the period's rows.
  const sellerKind =
    stmt(`SELECT COUNT(*) AS n, COALESCE(SUM(total), 0) AS total FROM sale_completions INDEXED BY completions_by_seller
    WHERE seller_id = ? AND kind = ? AND id > ? AND id <= ? AND id NOT IN ${TRAINING_COMPLETIONS}`)
  const sellers = distinctValues(stmt, 'sale_completions', 'seller_id')
    .map((sellerId) => {
      const sale = sellerKind.get(sellerId, 'sale', ...c) as Row
      const storno = sellerKind.get(sellerId, 'storno', ...c) as Row
      return {
        sellerId,
        total: addCents(Number(sale.total), Number(storno.total), 'seller total'),
        receiptCount: Number(sale.n),
        stornoCount: Number(storno.n),
        stornoTotal: Number(storno.total),
      }
    })
    .filter((s) => s.receiptCount + s.stornoCount > 0)
  const sum = (key: 'receiptCount' | 'stornoCount' | 'total' | 'stornoTotal') =>
    sumCents(
      sellers.map((s) => s[key]),
      key,
    )

  const receiptNo = (order: 'ASC' | 'DESC') =>
    (
      stmt(
        `SELECT receipt_no FROM sale_completions WHERE id > ? AND id <= ? ORDER BY id ${order} LIMIT 1`,
      ).get(...c) as Row | undefined
    )?.receipt_no

  const vatOfRate =
    stmt(`SELECT COUNT(*) AS n, SUM(gross) AS gross, SUM(net) AS net, SUM(vat) AS vat FROM completion_vat INDEXED BY completion_vat_by_rate
    WHERE rate = ? AND completion_id > ? AND completion_id <= ? AND completion_id NOT IN ${TRAINING_COMPLETIONS}`)
  const vat = VAT_RATES.map((rate) => ({ rate, row: vatOfRate.get(rate, ...c) as Row }))
    .filter(({ row }) => Number(row.n) > 0)
    .map(({ rate, row }): VatBreakdownRow => ({
      rate,
      gross: Number(row.gross),
      net: Number(row.net),
      vat: Number(row.vat),
    }))

  const ofMethod =
    stmt(`SELECT COALESCE(SUM(amount), 0) AS amount, COALESCE(SUM(count), 0) AS n FROM completion_payments INDEXED BY completion_payments_by_method
    WHERE method = ? AND completion_id > ? AND completion_id <= ? AND completion_id NOT IN ${TRAINING_COMPLETIONS}`)
  const payments = distinctValues(stmt, 'completion_payments', 'method')
    .map((method) => {
      const row = ofMethod.get(method, ...c) as Row
      return { method, amount: Number(row.amount), count: Number(row.n) }
    })
    .filter((p) => p.count > 0)

  const moves = stmt(`
    SELECT kind, COALESCE(SUM(amount), 0) AS amount, COUNT(*) AS n FROM cash_movements
    WHERE id > ? AND id <= ? GROUP BY kind`).all(bounds.after.cash, bounds.upTo.cash) as Row[]
  const move = (k: string) => moves.find((r) => r.kind === k)
  const aborted = stmt('SELECT COUNT(*) AS n FROM sale_aborts WHERE id > ? AND id <= ?').get(
    bounds.after.abort,
    bounds.upTo.abort,
  ) as Row

  const training = stmt(
    `SELECT COUNT(*) AS n, COALESCE(SUM(total), 0) AS total FROM sale_completions
    WHERE id > ? AND id <= ? AND id IN ${TRAINING_COMPLETIONS}`,
  ).get(...c) as Row

  const openingFloat = Number(move('opening_float')?.amount ?? 0)
  const cashIn = Number(move('cash_in')?.amount ?? 0)
  const cashOut = Number(move('cash_out')?.amount ?? 0)
  const cashSales = payments.find((p) => p.method === CASH)?.amount ?? 0
  const stornoTotal = sum('stornoTotal')
  const salesTotal = addCents(sum('total'), -stornoTotal, 'sales total')
  const first = receiptNo('ASC')
  const last = receiptNo('DESC')

  const vouchersSold = fiscalSum(stmt, 'voucher_sold', ...(c as [number, number]))
  return {
    periodStart: bounds.periodStart,
    periodEnd,
    firstReceiptNo: first === undefined ? null : Number(first),
    lastReceiptNo: last === undefined ? null : Number(last),
    receiptCount: sum('receiptCount'),
    salesTotal,
    stornoCount: sum('stornoCount'),
    stornoTotal,
    abortedCount: Number(aborted.n),
    training: { count: Number(training.n), total: Number(training.total) },
    total: addCents(salesTotal, stornoTotal, 'period total'),
    vat,
    payments,
    sellers: sellers.map(({ stornoTotal: _st, ...s }) => s),
    fiscal: {
      bonus: fiscalSum(stmt, 'bonus', ...(c as [number, number])),
      vouchersSold,
      vouchersRedeemed: payments
        .filter((p) => VOUCHER_METHODS.includes(p.method))
        .reduce((s, p) => s + p.amount, 0),
      turnover: salesTotal + stornoTotal - vouchersSold,
    },
    cash: {
      openingFloat,
      cashSales,
      cashIn,
      cashOut,
      expected: sumCents([openingFloat, cashSales, cashIn, -cashOut], 'expected cash'),
      drawerOpenings: Number(move('drawer_open')?.n ?? 0),
    },
  }
}

/**
 * Sales of the period that are neither completed nor aborted, by counting: every sale begun before the
 * previous Z was finished then (a Z is refused otherwise), so the period's completions and aborts all
 * belong to the period's sales. Three range counts instead of a per-sale anti-join.
 */
export function unfinishedCount(stmt: Stmt, bounds: PeriodBounds): number {
  const count = (table: string, after: number, upTo: number) =>
    Number((stmt(`SELECT COUNT(*) AS n FROM ${table} WHERE id > ? AND id <= ?`).get(after, upTo) as Row).n)
  return (
    count('sales', bounds.after.sale, bounds.upTo.sale) -
    count('sale_completions', bounds.after.completion, bounds.upTo.completion) -
    count('sale_aborts', bounds.after.abort, bounds.upTo.abort)
  )
}
