// The journal's independent record of itself: a small file beside it (`journal.anchor.json`) with the
// last receipt number, Z number, cash movement and chain head the journal is known to have reached.
// SQLite cannot tell that it lost committed transactions — deleting `journal.sqlite-wal` after a crash
// drops them, an empty or zero-byte file is a new empty book — so on open the journal is compared with
// this record, before anything is written, and refused if it went backwards. The record also keeps
// the last head the full verify found intact (the start's fast path begins there) and the head of the
// last Z closing, so a chain recomputed after a rewrite no longer matches a remembered hash.
//
// Written atomically (temp file, fsync, rename), synchronously after the journal's commit — the record
// is never ahead of the journal on disk, so a power cut cannot make a good journal look rolled back,
// and never half-written, so it never looks damaged. Recovery: docs/journal.md "Rollback protection".
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { open, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
import { z } from 'zod'
import { AppFailure } from '../../common/result'
import { chainExists, type ChainHead } from './chain'
import { JOURNAL_FILE } from './database'

export const ANCHOR_FILE = 'journal.anchor.json'

const head = z.object({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) })

export const anchorRecord = z.object({
  format: z.literal(1),
  receiptNo: z.number().int().min(0),
  zNo: z.number().int().min(0),
  cashMovementId: z.number().int().min(0),
  head,
  /** Up to here the full verify found the journal intact. */
  verified: head.optional(),
  /** The head at the last Z closing (also signed into the TSE when there is one). */
  lastZ: head.extend({ zNo: z.number().int().min(1) }).optional(),
  at: z.string(),
})
export type AnchorRecord = z.infer<typeof anchorRecord>

/** Where the journal stands now (read straight from its tables; 0 where a table does not exist yet). */
export interface JournalPosition {
  receiptNo: number
  zNo: number
  cashMovementId: number
  head: ChainHead
}

const hasTable = (db: DatabaseSync, name: string) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined

const maxOf = (db: DatabaseSync, sql: string, table: string) =>
  hasTable(db, table) ? Number((db.prepare(sql).get() as { n: number | null }).n ?? 0) : 0

export function journalPosition(db: DatabaseSync): JournalPosition {
  const chained = chainExists(db)
  const top = chained
    ? (db.prepare('SELECT seq, hash FROM journal_chain ORDER BY seq DESC LIMIT 1').get() as
        { seq: number; hash: string } | undefined)
    : undefined
  return {
    receiptNo: maxOf(db, 'SELECT MAX(receipt_no) AS n FROM sale_completions', 'sale_completions'),
    zNo: maxOf(db, 'SELECT MAX(z_no) AS n FROM closings', 'closings'),
    cashMovementId: maxOf(db, 'SELECT MAX(id) AS n FROM cash_movements', 'cash_movements'),
    head: top ? { seq: Number(top.seq), hash: top.hash } : { seq: 0, hash: '0'.repeat(64) },
  }
}

/** journalPosition with its statements prepared once, for a migrated journal (read after each commit). */
export function positionReader(db: DatabaseSync): () => JournalPosition {
  const receipt = db.prepare('SELECT MAX(receipt_no) AS n FROM sale_completions')
  const z = db.prepare('SELECT MAX(z_no) AS n FROM closings')
  const cash = db.prepare('SELECT MAX(id) AS n FROM cash_movements')
  const top = db.prepare('SELECT seq, hash FROM journal_chain ORDER BY seq DESC LIMIT 1')
  const n = (s: typeof receipt) => Number((s.get() as { n: number | null }).n ?? 0)
  return () => {
    const h = top.get() as { seq: number; hash: string } | undefined
    return {
      receiptNo: n(receipt),
      zNo: n(z),
      cashMovementId: n(cash),
      head: h ? { seq: Number(h.seq), hash: h.hash } : { seq: 0, hash: '0'.repeat(64) },
    }
  }
}

export function readAnchor(dataDir: string): AnchorRecord | undefined {
  const path = join(dataDir, ANCHOR_FILE)
  // A temp file of a write another process did not finish (killed before the rename) is litter.
  for (const name of readdirSync(dataDir))
    if (
      name.startsWith(`${ANCHOR_FILE}.`) &&
      name.endsWith('.tmp') &&
      !name.startsWith(`${ANCHOR_FILE}.${process.pid}.`)
    )
      unlinkSync(join(dataDir, name))
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const parsed = anchorRecord.safeParse(safeJson(text))
  if (!parsed.success)
    throw AppFailure.of(
      'CONFLICT',
      'journal.error.anchorUnreadable',
      `Die Kontrolldatei ${path} ist beschädigt; siehe docs/journal.md „Rollback-Schutz“. / ` +
        `The control file ${path} is damaged; see docs/journal.md "Rollback protection".`,
      { path },
    )
  return parsed.data
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Atomic, synchronously: the caller has just committed what the record says. */
export function writeAnchor(dataDir: string, record: AnchorRecord): void {
  const path = join(dataDir, ANCHOR_FILE)
  syncWalNow(join(dataDir, `${JOURNAL_FILE}-wal`))
  const temp = `${path}.${process.pid}.tmp`
  const fd = openSync(temp, 'w', 0o600)
  try {
    writeSync(fd, `${JSON.stringify(record, null, 1)}\n`)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    renameSync(temp, path)
  } catch (error) {
    try {
      unlinkSync(temp)
    } catch {
      // nothing left to clean up
    }
    throw error
  }
  // No fsync of the folder: a rename lost in a power cut leaves the previous record, which lags the
  // journal — less strict, never wrong — and saves the sale a second fsync (docs/journal.md).
}

/**
 * The same write off the till's path (libuv's threads do the fsync), for the record after a sale.
 * `superseded()` is asked before the rename: a newer record written meanwhile must not be replaced by
 * this older one (an older record would only lag, but there is no reason to lose the newer).
 */
export async function writeAnchorAsync(
  dataDir: string,
  record: AnchorRecord,
  superseded: () => boolean,
): Promise<void> {
  const path = join(dataDir, ANCHOR_FILE)
  // The journal runs synchronous=NORMAL: a commit is durable only once the WAL is synced. Syncing it
  // first makes every commit this record describes durable (WAL order), so after a power cut the record
  // is never ahead of the journal — which would refuse a healthy till as "went backwards".
  await syncWal(join(dataDir, `${JOURNAL_FILE}-wal`))
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  const handle = await open(temp, 'w', 0o600)
  try {
    await handle.writeFile(`${JSON.stringify(record, null, 1)}\n`)
    await handle.sync()
  } finally {
    await handle.close()
  }
  if (superseded()) return unlink(temp)
  // Checked and renamed in one synchronous step: an async rename could still be queued in the thread
  // pool when a synchronous write (the Z's) renames its newer record, and then land over it.
  renameSync(temp, path)
}

/** The synchronous twin of syncWal, for the record written at start and at a Z. */
function syncWalNow(walPath: string): void {
  let fd: number | undefined
  try {
    fd = openSync(walPath, 'r')
    fsyncSync(fd)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

async function syncWal(walPath: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined
  try {
    handle = await open(walPath, 'r')
    await handle.sync()
  } catch (error) {
    // No WAL (a checkpoint removed it, or nothing written yet): everything is in the database file.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  } finally {
    await handle?.close()
  }
}

export interface Rollback {
  what: string
  expected: number | string
  found: number | string
}

/** What went backwards between the record and the journal; empty when the journal is at or past it. */
export function rollbacks(db: DatabaseSync, record: AnchorRecord): Rollback[] {
  const now = journalPosition(db)
  const out: Rollback[] = []
  if (now.receiptNo < record.receiptNo)
    out.push({ what: 'receiptNo', expected: record.receiptNo, found: now.receiptNo })
  if (now.zNo < record.zNo) out.push({ what: 'zNo', expected: record.zNo, found: now.zNo })
  if (now.cashMovementId < record.cashMovementId)
    out.push({ what: 'cashMovementId', expected: record.cashMovementId, found: now.cashMovementId })
  // A different hash at the recorded length is no rollback (no number goes back): the chain was
  // recomputed or the journal replaced by another book. verify reports it (the record's head is one
  // of its anchors) and the till sells on under the red banner.
  if (now.head.seq < record.head.seq)
    out.push({ what: 'chainSeq', expected: record.head.seq, found: now.head.seq })
  return out
}

const WHAT: Record<string, { de: string; en: string }> = {
  receiptNo: { de: 'letzte Belegnummer', en: 'last receipt number' },
  zNo: { de: 'letzte Z-Nummer', en: 'last Z number' },
  cashMovementId: { de: 'letzte Kassenbewegung', en: 'last cash movement' },
  chainSeq: { de: 'Länge der Prüfkette', en: 'length of the hash chain' },
}

/**
 * Refuses to open a journal that is behind its record: committed sales would be missing and the next
 * receipt would reuse a number. The message says what is missing and how to recover, in both languages.
 */
export function assertNotRolledBack(
  db: DatabaseSync,
  dataDir: string,
  record: AnchorRecord | undefined,
): void {
  if (!record) return
  const found = rollbacks(db, record)
  if (found.length === 0) return
  const list = (lang: 'de' | 'en') =>
    found.map((r) => `${WHAT[r.what]?.[lang] ?? r.what} ${r.expected} → ${r.found}`).join(', ')
  throw new AppFailure({
    code: 'CONFLICT',
    messageKey: 'journal.error.rolledBack',
    message:
      `Das Journal in ${dataDir} ist älter als sein letzter bekannter Stand (${list('de')}): gebuchte Vorgänge fehlen ` +
      `(gelöschte journal.sqlite-wal, ersetzte oder leere Datei?). Die Kasse startet nicht, damit keine Belegnummer doppelt ` +
      `vergeben wird. Wiederherstellen: fehlende Datei zurücklegen oder die letzte Sicherung einspielen ` +
      `(npm run journal:restore), siehe docs/journal.md „Rollback-Schutz“. / ` +
      `The journal in ${dataDir} is older than its last known state (${list('en')}): committed records are missing ` +
      `(deleted journal.sqlite-wal, replaced or empty file?). The till does not start so no receipt number is issued twice. ` +
      `Recover: put the missing file back or restore the last backup (npm run journal:restore), see docs/journal.md ` +
      `"Rollback protection".`,
    params: { dataDir, found: found.map((r) => r.what).join(',') },
  })
}
