// What the journal's writers share: the database, its cached statements, `append` (every write of the
// journal is one of these), the clock, and the checks every write starts with (input parsed with zod,
// the sale it writes to exists and is open). journal.ts composes the writers (sale-writes.ts,
// payment-writes.ts, storno-writes.ts, till-writes.ts) into the Journal.
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { type z } from 'zod'
import { AppFailure } from '../../common/result'
import type { Logger } from '../../common/ports'
import { readSale } from './read-sales'
import type { SaleRecord, ZReport } from './types'
import { numberFloors, type NumberFloors } from './number-series'

export interface JournalCore {
  db: DatabaseSync
  stmt: (sql: string) => StatementSync
  /** Appends one row and returns its id: every write of the journal is one of these. */
  append: (sql: string, ...params: (string | number | null)[]) => number
  /** Now as an ISO string, from the journal's clock. */
  now: () => string
  logger: Logger
  /** The sale, or NOT_FOUND. */
  saleOrThrow: (saleId: number) => SaleRecord
  /** The sale if it is still open, else CONFLICT. */
  openSale: (saleId: number) => SaleRecord
  /**
   * The same check for writes that need only the sale's sign, not the whole record: one
   * indexed row instead of a dozen queries (a step's write runs on the payment's path).
   */
  openSaleHead: (saleId: number) => OpenSaleHead
  /** NOT_FOUND unless the sale exists: for writes that only refer to it (one indexed lookup). */
  saleMustExist: (saleId: number) => void
  /** Numbers a restore left behind, never issued again (number-series.ts). Read once: restores run offline. */
  floors: NumberFloors
}

export interface OpenSaleHead {
  saleId: number
  /** The sale's total as frozen from the basket (before any card bonus; the bonus never flips its sign). */
  frozenTotal: number
}

export function journalCore(
  db: DatabaseSync,
  stmt: (sql: string) => StatementSync,
  now: () => string,
  logger: Logger,
): JournalCore {
  const append = (sql: string, ...params: (string | number | null)[]): number =>
    Number(stmt(sql).run(...params).lastInsertRowid)
  const unknownSale = (saleId: number) => notFound('unknownSale', `No sale ${saleId}`, { saleId })
  const saleFinished = (saleId: number, status: 'completed' | 'aborted') =>
    conflict('saleFinished', `Sale ${saleId} is already ${status}`, { saleId, status })
  const saleOrThrow = (saleId: number): SaleRecord => {
    const sale = readSale(stmt, saleId)
    if (!sale) throw unknownSale(saleId)
    return sale
  }
  const openSale = (saleId: number): SaleRecord => {
    const sale = saleOrThrow(saleId)
    if (sale.status !== 'open') throw saleFinished(saleId, sale.status)
    return sale
  }

  const openSaleHead = (saleId: number): OpenSaleHead => {
    const row = stmt(`SELECT s.total,
        EXISTS (SELECT 1 FROM sale_completions c WHERE c.sale_id = s.id) AS completed,
        EXISTS (SELECT 1 FROM sale_aborts a WHERE a.sale_id = s.id) AS aborted
      FROM sales s WHERE s.id = ?`).get(saleId) as
      { total: number; completed: number; aborted: number } | undefined
    if (!row) throw unknownSale(saleId)
    if (row.completed || row.aborted) throw saleFinished(saleId, row.completed ? 'completed' : 'aborted')
    return { saleId, frozenTotal: Number(row.total) }
  }

  const saleMustExist = (saleId: number): void => {
    if (stmt('SELECT 1 FROM sales WHERE id = ?').get(saleId) === undefined) throw unknownSale(saleId)
  }

  return {
    db,
    stmt,
    append,
    now,
    logger,
    saleOrThrow,
    openSale,
    openSaleHead,
    saleMustExist,
    floors: numberFloors(db),
  }
}

export function parse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  throw new AppFailure({
    code: 'VALIDATION',
    messageKey: 'journal.error.invalidInput',
    message: `Invalid ${what}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'} ${i.message}`).join('; ')}`,
    params: { what },
    issues: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(input)', message: i.message })),
  })
}

export const conflict = (key: string, message: string, params?: Record<string, string | number>) =>
  AppFailure.of('CONFLICT', `journal.error.${key}`, message, params)
export const notFound = (key: string, message: string, params?: Record<string, string | number>) =>
  AppFailure.of('NOT_FOUND', `journal.error.${key}`, message, params)
export const detailJson = (d: Record<string, unknown> | undefined) =>
  d === undefined ? null : JSON.stringify(d)

export type ClosingRow = { id: number; report: string }
export const toZReport = (row: ClosingRow): ZReport => ({
  ...(JSON.parse(row.report) as Omit<ZReport, 'closingId'>),
  closingId: Number(row.id),
})
