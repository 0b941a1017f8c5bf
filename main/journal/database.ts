// Opening the journal database: WAL so readers never block the till and every write is ordered in
// one log, synchronous=NORMAL so an ordinary commit costs no fsync, and an explicit fsync of the WAL
// (a barrier) for the commits that must survive a power cut: the intents and outcomes of steps that
// move money (docs/checkout.md "Durability"). Since the WAL is appended in commit order, one fsync
// makes every earlier commit durable too. Schema migrations are tracked in an append-only table.
// SQLite documents both halves: https://www.sqlite.org/pragma.html#pragma_synchronous ("WAL mode is
// always consistent with synchronous=NORMAL, but ... might roll back following a power loss") and
// https://www.sqlite.org/wal.html (frames are appended; a checksum chain ends recovery at the first
// frame that is missing or torn).
import { closeSync, fsyncSync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { sqlite } from './sqlite'
import { AppFailure } from '../../common/result'
import type { Logger } from '../../common/ports'
import { MIGRATIONS, SCHEMA_VERSION_SQL, type Migration } from './schema'
import { PRIVATE_DIR_MODE, restrictToOwner } from '../config/file-modes'

export const JOURNAL_FILE = 'journal.sqlite'

export function openDatabase(dataDir: string): DatabaseSync {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE })
  const file = join(dataDir, JOURNAL_FILE)
  const db = new (sqlite().DatabaseSync)(file, {
    enableForeignKeyConstraints: true,
    timeout: 5000,
  })
  // Owner-only before anything is written: SQLite creates the WAL and -shm files with the database
  // file's permissions (https://www.sqlite.org/tempfiles.html, unix VFS), so they follow. Not created
  // empty beforehand: an empty journal file means a lost journal to the start check.
  restrictToOwner([file, `${file}-wal`, `${file}-shm`])
  db.exec('PRAGMA journal_mode = WAL')
  db.exec('PRAGMA synchronous = NORMAL')
  // A small page cache (4 MB) and no mmap: both count as main's own memory and grew its RSS with the
  // journal (soak, 10 000 sales: +20 % with 16 MB, +6.8 % with 4 MB), while the OS page cache keeps the
  // period's pages warm anyway — X/Z over 100 000 sales take ~40 ms against a 200 ms target.
  // (temp_store=MEMORY was measured to slow sorting down; reports.ts does not sort anyway.)
  db.exec('PRAGMA cache_size = -4096')
  db.exec('PRAGMA mmap_size = 0')
  // The WAL file exists now (journal_mode = WAL created it): its directory entry goes to disk once.
  syncPath(dataDir)
  durability.set(db, {
    walPath: `${join(dataDir, JOURNAL_FILE)}-wal`,
    wanted: false,
    barriers: 0,
    barrierMs: 0,
  })
  return db
}

function syncPath(path: string): void {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    fsyncSync(fd)
  } catch (error) {
    // No WAL file (nothing written since a checkpoint removed it): nothing to make durable.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** Durable commits per database: how many barriers ran, and whether the open transaction wants one. */
interface Durability {
  walPath: string
  /** A write inside the open transaction asked for a durable commit. */
  wanted: boolean
  barriers: number
  /** Time spent in the barriers' fsync, ms. */
  barrierMs: number
}
const durability = new WeakMap<DatabaseSync, Durability>()

/** How many fsync barriers the journal has run (the benchmark and the tests count them). */
export function barrierCount(db: DatabaseSync): number {
  return durability.get(db)?.barriers ?? 0
}

/** Time the fsync barriers took so far, ms (the benchmark reports it beside the overhead). */
export function barrierTime(db: DatabaseSync): number {
  return durability.get(db)?.barrierMs ?? 0
}

/**
 * The barrier: fsync of the WAL after a commit. Linux flushes a file's dirty pages whichever
 * descriptor wrote them (fsync(2)), so SQLite's own WAL descriptor need not be reachable from here.
 */
function barrier(db: DatabaseSync): void {
  const d = durability.get(db)
  if (!d) return
  d.wanted = false
  const t0 = performance.now()
  syncPath(d.walPath)
  d.barrierMs += performance.now() - t0
  d.barriers++
}

const commitListeners = new WeakMap<DatabaseSync, () => void>()

/**
 * One listener per connection, called after each outermost COMMIT (not after a savepoint's release):
 * the integrity record (anchor.ts) follows what is in the journal. `undefined` removes it.
 */
export function onCommit(db: DatabaseSync, listener: (() => void) | undefined): void {
  if (listener) commitListeners.set(db, listener)
  else commitListeners.delete(db)
}

/**
 * Runs `fn` in one IMMEDIATE transaction: the write lock is taken up front, so the number read by
 * MAX()+1 cannot be taken by another connection before the insert. Any throw rolls everything back,
 * which is what makes receipt and Z numbers gapless: a number exists only together with its row.
 *
 * Called inside a transaction it runs under a savepoint instead, so several journal writes can share
 * one commit while each still undoes only itself when it throws. `durable`: the commit is followed by
 * the WAL barrier (fsync) before this returns; asked inside an outer transaction, the outer commit
 * gets it (a savepoint that rolled back asks for nothing).
 */
export function inTransaction<T>(db: DatabaseSync, fn: () => T, options: { durable?: boolean } = {}): T {
  const nested = db.isTransaction
  db.exec(nested ? 'SAVEPOINT journal_write' : 'BEGIN IMMEDIATE')
  const d = durability.get(db)
  try {
    const result = fn()
    // A promise would let the commit happen before the work it stands for.
    if (result instanceof Promise) throw new Error('a journal transaction must be synchronous')
    // A durable write inside an outer transaction makes the outer commit durable.
    if (options.durable && d) d.wanted = true
    db.exec(nested ? 'RELEASE journal_write' : 'COMMIT')
    if (!nested && d?.wanted) barrier(db)
    // The listener catches its own errors: what it sees has committed and must not look failed.
    // (The integrity record it feeds syncs the WAL before it writes, so under synchronous=NORMAL it is
    // never ahead of what a power cut leaves of the journal: anchor.ts writeAnchorAsync.)
    if (!nested) commitListeners.get(db)?.()
    return result
  } catch (error) {
    if (nested) {
      db.exec('ROLLBACK TO journal_write')
      db.exec('RELEASE journal_write')
    } else {
      if (db.isTransaction) db.exec('ROLLBACK')
      if (d) d.wanted = false
    }
    throw error
  }
}

export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_version').get() as { v: number }
  return row.v
}

export function migrate(
  db: DatabaseSync,
  now: () => string,
  logger: Logger,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  db.exec(SCHEMA_VERSION_SQL)
  const current = schemaVersion(db)
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0)
  if (current > latest) {
    // An older app must not write into a newer journal whose rules it does not know.
    throw AppFailure.of(
      'CONFLICT',
      'journal.error.newerSchema',
      `The journal has schema version ${current}; this app knows up to ${latest}`,
      { current, latest },
    )
  }
  // Each part of the app numbers its migrations in its own block, and the parts land in any order: a
  // journal already at a higher block's version still gets a lower block's migration it lacks.
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_version').all() as { version: number }[]).map((r) =>
      Number(r.version),
    ),
  )
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue
    inTransaction(db, () => {
      db.exec(m.sql)
      db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.description,
        now(),
      )
    })
    logger.log('info', 'journal.migrated', { version: m.version, description: m.description })
  }
  return schemaVersion(db)
}

/** Prepares each SQL text once per connection: the hot paths (append a sale, Z) reuse their statements. */
export function statementCache(db: DatabaseSync): (sql: string) => StatementSync {
  const cache = new Map<string, StatementSync>()
  return (sql) => {
    let s = cache.get(sql)
    if (!s) {
      s = db.prepare(sql)
      cache.set(sql, s)
    }
    return s
  }
}
