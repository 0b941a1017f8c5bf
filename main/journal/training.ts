// Training mode (§ 146a AO: every process is recorded, so training sales are signed as AVTraining; DSFinV-K BON_TYP
// "AVTraining": must be switched on actively, is documented and exported, but stays outside the
// closing and carries no payment). Each switch is a row with the manager who made it; each sale begun
// while it is on is listed in training_sales, which X/Z (reports.ts), the TSE (AVTraining) and the
// DSFinV-K export read. docs/fiscal-tse.md "Training mode".
import type { StatementSync } from 'node:sqlite'

export interface TrainingState {
  on: boolean
  /** When the last switch happened, and the manager who made it (null: never switched). */
  since: string | null
  by: string | null
}

export interface TrainingStore {
  current(): TrainingState
  /** The manager switches training mode on or off (journaled; switching to the state it has is a no-op). */
  set(on: boolean, managerId: string): TrainingState
  /** A sale begun while training mode is on. */
  markSale(saleId: number): void
  isTrainingSale(saleId: number): boolean
}

/** The ids of training sales: sales per article leave them out, the sales list marks them. */
export const TRAINING_SALES = '(SELECT sale_id FROM training_sales)'

/** The completions of training sales: every X/Z sum leaves them out (reports.ts). */
export const TRAINING_COMPLETIONS =
  '(SELECT c.id FROM training_sales t JOIN sale_completions c ON c.sale_id = t.sale_id)'

export function trainingStore(stmt: (sql: string) => StatementSync, now: () => string): TrainingStore {
  const current = (): TrainingState => {
    const row = stmt(
      'SELECT on_off, manager_id, at FROM training_switches ORDER BY id DESC LIMIT 1',
    ).get() as { on_off: number; manager_id: string; at: string } | undefined
    return row
      ? { on: row.on_off === 1, since: row.at, by: row.manager_id }
      : { on: false, since: null, by: null }
  }
  return {
    current,
    set(on, managerId) {
      if (current().on === on) return current()
      stmt('INSERT INTO training_switches (on_off, manager_id, at) VALUES (?, ?, ?)').run(
        on ? 1 : 0,
        managerId,
        now(),
      )
      return current()
    },
    markSale(saleId) {
      stmt('INSERT OR IGNORE INTO training_sales (sale_id, at) VALUES (?, ?)').run(saleId, now())
    },
    isTrainingSale: (saleId) =>
      stmt('SELECT 1 AS x FROM training_sales WHERE sale_id = ?').get(saleId) !== undefined,
  }
}
