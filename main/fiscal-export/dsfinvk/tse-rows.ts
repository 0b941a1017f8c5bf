// The TSE data of the exported transactions (transactions_tse): the final tse_records row of each
// TSE transaction that a sale, cash movement or closing points at.
import { groupBy, numOrNull, str, type ReaderContext, type Row } from './reader-context'
import type { TseRow } from './transactions'

function tseRowOf(r: Row): TseRow {
  return {
    tseSerial: String(r.tse_serial ?? ''),
    txNumber: numOrNull(r.tx_number),
    start: str(r.start_time),
    end: str(r.end_time),
    processType: String(r.process_type ?? ''),
    counter: numOrNull(r.signature_counter),
    signature: str(r.signature),
    error: str(r.error),
    processData: str(r.process_data),
    publicKey: str(r.public_key),
    sigAlgo: str(r.signature_algorithm),
    timeFormat: str(r.log_time_format),
  }
}

/**
 * The outcome of each TSE transaction: tse_records keeps every step (started, finishing, then
 * finished | cancelled | failed, main/journal/tse-records.ts); the export carries the last final row
 * per transaction, so a finish whose answer came after the receipt shows its signature.
 */
function finalRows(rows: Row[]): Row[] {
  const last = new Map<string, Row>()
  for (const r of rows) {
    const state = String(r.state)
    if (state !== 'finished' && state !== 'cancelled' && state !== 'failed') continue
    last.set(r.tx_id === null || r.tx_id === undefined ? `row-${String(r.id)}` : String(r.tx_id), r)
  }
  return [...last.values()].sort((a, b) => Number(a.id) - Number(b.id))
}

export function tseOf(ctx: ReaderContext, column: string, ids: number[]): Map<number, TseRow[]> {
  if (!ctx.hasTse || ids.length === 0) return new Map()
  const rows: Row[] = []
  // Bounded IN lists; tse_records is read by the id it points at.
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500)
    rows.push(
      ...(ctx.db
        .prepare(
          `SELECT * FROM tse_records WHERE ${column} IN (${part.map(() => '?').join(',')}) ORDER BY id`,
        )
        .all(...part) as Row[]),
    )
  }
  return groupBy(finalRows(rows), column, tseRowOf)
}
