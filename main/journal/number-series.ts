// Receipt and Z numbers are issued as "highest in the journal + 1" — except after a restore from a
// backup. The sales and closings made after that backup are gone from the restored journal, but their
// receipts were handed out and their numbers signed by the TSE: issuing those numbers again would give
// two receipts one number, which an auditor cannot tell apart (GoBD, BMF-Schreiben vom 28.11.2019:
// every record individual and inalterable; DSFinV-K 2.4: BON_NR identifies a receipt, Z_NR is unique
// and never reset). So each series continues
// after the highest number the refused journal had reached, which the `restored` event keeps
// (backup.ts), and the skipped numbers are a journaled gap rather than a silent reuse.
import type { DatabaseSync, StatementSync } from 'node:sqlite'

export interface NumberFloors {
  /** No receipt number at or below this is issued again. */
  receipt: number
  /** No Z number at or below this is issued again. */
  z: number
}

const nonNegative = (value: unknown): number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0

/** The floors left by every restore in this journal (0 when it was never restored). */
export function numberFloors(db: DatabaseSync): NumberFloors {
  const floors: NumberFloors = { receipt: 0, z: 0 }
  const rows = db.prepare("SELECT detail FROM journal_events WHERE kind = 'restored'").all() as {
    detail: string
  }[]
  for (const { detail } of rows) {
    let record: unknown
    try {
      record = (JSON.parse(detail) as { previousRecord?: unknown }).previousRecord
    } catch {
      continue // a detail that is not JSON cannot raise a floor; verify reports altered rows
    }
    if (!record || typeof record !== 'object') continue
    const { receiptNo, zNo } = record as { receiptNo?: unknown; zNo?: unknown }
    floors.receipt = Math.max(floors.receipt, nonNegative(receiptNo))
    floors.z = Math.max(floors.z, nonNegative(zNo))
  }
  return floors
}

type Stmt = (sql: string) => StatementSync

export function nextReceiptNo(stmt: Stmt, floors: NumberFloors): number {
  const row = stmt('SELECT COALESCE(MAX(receipt_no), 0) AS n FROM sale_completions').get() as { n: number }
  return Math.max(Number(row.n), floors.receipt) + 1
}

export function nextZNo(stmt: Stmt, floors: NumberFloors): number {
  const row = stmt('SELECT COALESCE(MAX(z_no), 0) AS n FROM closings').get() as { n: number }
  return Math.max(Number(row.n), floors.z) + 1
}
