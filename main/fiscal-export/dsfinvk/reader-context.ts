// What reading one export's closings shares: the journal, which tables this journal has (older journals
// lack the later migrations' tables), prepared statements, and small row helpers.
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { columnsOf, hasTable, type ClosingRow } from './journal-source'

export type Row = Record<string, unknown>
export const CHUNK = 500

export interface ReaderContext {
  db: DatabaseSync
  closings: readonly ClosingRow[]
  hasTse: boolean
  /** The journal lists training sales (main/journal/training.ts). */
  hasTraining?: boolean
  hasLineDiscounts: boolean
  hasFiscal: boolean
  /** Journals from migration 90 on say which lines are deposits and which stornos are returns. */
  hasDeposits: boolean
  /** Prepared once per export: the per-sale look-ups (bonus payments, stornos) reuse them. */
  stmt: (sql: string) => StatementSync
}

export function readerContext(db: DatabaseSync, closings: readonly ClosingRow[]): ReaderContext {
  const prepared = new Map<string, StatementSync>()
  return {
    db,
    closings,
    hasTse: hasTable(db, 'tse_records'),
    hasTraining: hasTable(db, 'training_sales'),
    hasLineDiscounts: hasTable(db, 'line_discounts') && columnsOf(db, 'line_discounts').has('amount'),
    hasFiscal: hasTable(db, 'completion_fiscal'),
    hasDeposits: hasTable(db, 'line_deposits') && hasTable(db, 'sale_returns'),
    stmt: (sql) => {
      let s = prepared.get(sql)
      if (!s) {
        s = db.prepare(sql)
        prepared.set(sql, s)
      }
      return s
    },
  }
}

export function groupBy<T>(rows: Row[], key: string, map: (r: Row) => T): Map<number, T[]> {
  const out = new Map<number, T[]>()
  for (const r of rows) {
    const k = Number(r[key])
    const list = out.get(k)
    if (list) list.push(map(r))
    else out.set(k, [map(r)])
  }
  return out
}

export const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
