// Reading what the DSFinV-K export needs straight from the journal file, read-only, in id ranges: the
// Z closings of the request, then per closing its completions, aborts and cash movements in chunks, so
// a year of sales streams through with bounded memory (docs/fiscal-export.md, "Streaming").
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { JOURNAL_FILE } from '../../journal/database'
import { sqlite } from '../../journal/sqlite'

type Row = Record<string, unknown>

export interface ClosingRow {
  id: number
  zNo: number
  at: string
  lastSaleId: number
  lastCompletionId: number
  lastAbortId: number
  lastCashMovementId: number
  expectedCash: number
  countedCash: number
  difference: number
  /** The Z report as the till printed it (JSON). */
  report: string
}

export interface ClosingSpan {
  closing: ClosingRow
  after: { sale: number; completion: number; abort: number; cash: number }
}

export function openJournalReadOnly(dataDir: string): DatabaseSync {
  const path = join(dataDir, JOURNAL_FILE)
  if (!existsSync(path)) throw new Error(`No journal at ${path}`)
  // Loaded lazily like the journal's own connection (main/journal/sqlite.ts).
  return new (sqlite().DatabaseSync)(path, { readOnly: true })
}

export function hasTable(db: DatabaseSync, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined
}

export function columnsOf(db: DatabaseSync, table: string): Set<string> {
  return new Set((db.prepare(`PRAGMA table_info(${table})`).all() as Row[]).map((r) => String(r.name)))
}

const toClosing = (r: Row): ClosingRow => ({
  id: Number(r.id),
  zNo: Number(r.z_no),
  at: String(r.at),
  lastSaleId: Number(r.last_sale_id),
  lastCompletionId: Number(r.last_completion_id),
  lastAbortId: Number(r.last_abort_id),
  lastCashMovementId: Number(r.last_cash_movement_id),
  expectedCash: Number(r.expected_cash),
  countedCash: Number(r.counted_cash),
  difference: Number(r.difference),
  report: String(r.report),
})

/** Every closing (a till has one a day: a few hundred rows a year). */
export function allClosings(db: DatabaseSync): ClosingRow[] {
  return (db.prepare('SELECT * FROM closings ORDER BY z_no').all() as Row[]).map(toClosing)
}

/** The closings with fromZ ≤ Z_NR ≤ toZ, each with the ids its period starts after. */
export function closingSpans(all: readonly ClosingRow[], fromZ: number, toZ: number): ClosingSpan[] {
  return all.flatMap((closing, i) => {
    if (closing.zNo < fromZ || closing.zNo > toZ) return []
    const prev = i > 0 ? all[i - 1] : undefined
    return [
      {
        closing,
        after: {
          sale: prev?.lastSaleId ?? 0,
          completion: prev?.lastCompletionId ?? 0,
          abort: prev?.lastAbortId ?? 0,
          cash: prev?.lastCashMovementId ?? 0,
        },
      },
    ]
  })
}

/** Z numbers of the closings whose day (in `timeZone`) lies in [from, to] (YYYY-MM-DD). */
export function zRangeOfDates(
  all: readonly ClosingRow[],
  from: string,
  to: string,
  timeZone: string,
): { fromZ: number; toZ: number } | null {
  const day = (iso: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(iso),
    )
  const inRange = all.filter((c) => day(c.at) >= from && day(c.at) <= to)
  if (inRange.length === 0) return null
  return { fromZ: inRange[0]!.zNo, toZ: inRange[inRange.length - 1]!.zNo }
}

/** The Z number a completion id belongs to (closings sorted by z_no; last ids only grow). */
export function zOfCompletion(all: readonly ClosingRow[], completionId: number): ClosingRow | undefined {
  let lo = 0
  let hi = all.length - 1
  let found: ClosingRow | undefined
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (all[mid]!.lastCompletionId >= completionId) {
      found = all[mid]
      hi = mid - 1
    } else lo = mid + 1
  }
  return found
}

/** [a, b] id ranges of at most `size` ids covering (after, upTo]. */
export function* chunks(after: number, upTo: number, size: number): Generator<[number, number]> {
  for (let a = after; a < upTo; a += size) yield [a, Math.min(a + size, upTo)]
}
