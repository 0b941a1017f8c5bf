// The local journal as a feed of rows for the push: a read-only connection of its own on the journal
// file (WAL lets it read while the till writes), reading the hash chain that main/journal keeps of every
// append-only row.
import { sqlite } from '../journal/sqlite'
import type { FeedRow, JournalFeed } from './journal-push'

interface ChainRow {
  seq: number
  tbl: string
  row_key: string
  payload: string
  prev_hash: string | null
  hash: string | null
}

export function openJournalFeed(journalFile: string): JournalFeed & { close(): void } {
  const db = new (sqlite().DatabaseSync)(journalFile, { readOnly: true, timeout: 5000 })
  const chained = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal_chain'")
    .get()
  if (!chained) {
    // A journal without its hash chain has nothing that could be checked on arrival: nothing goes up.
    db.close()
    throw new Error(`${journalFile} has no hash chain (journal_chain); the journal must be migrated first`)
  }
  const after = db.prepare(
    'SELECT seq, tbl, row_key, payload, prev_hash, hash FROM journal_chain WHERE seq > ? ORDER BY seq LIMIT ?',
  )
  const head = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM journal_chain')
  return {
    after(afterSeq, limit) {
      return (after.all(afterSeq, limit) as unknown as ChainRow[]).map((r): FeedRow => ({
        seq: Number(r.seq),
        tbl: r.tbl,
        rowKey: String(r.row_key),
        payload: r.payload,
        prevHash: r.prev_hash,
        hash: r.hash,
      }))
    },
    head: () => Number((head.get() as { seq: number }).seq),
    close: () => db.close(),
  }
}
