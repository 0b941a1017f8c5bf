// Opening the journal database durably: WAL so readers never block the till, synchronous=FULL so a
// commit has reached the disk (WAL fsync) before the till tells the customer "paid", and schema
// migrations tracked in an append-only version table.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
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
  restrictToOwner([file, `${file}-wal`, `${file}-shm`])
  db.exec('PRAGMA synchronous = FULL')
  // A small page cache (4 MB) and no mmap: both count as main's own memory and grew its RSS with the
  // journal (soak, 10 000 sales: +20 % with 16 MB, +6.8 % with 4 MB), while the OS page cache keeps the
  // period's pages warm anyway — X/Z over 100 000 sales take ~40 ms against a 200 ms target.
  // (temp_store=MEMORY was measured to slow sorting down; reports.ts does not sort anyway.)
  db.exec('PRAGMA cache_size = -4096')
  db.exec('PRAGMA mmap_size = 0')
  return db
}

const commitListeners = new WeakMap<DatabaseSync, () => void>()

/**
 * One listener per connection, called after each outermost COMMIT (not after a savepoint's release):
 * the integrity record (anchor.ts) follows what is durably in the journal. `undefined` removes it.
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
 * one commit (one fsync) while each still undoes only itself when it throws.
 */
export function inTransaction<T>(db: DatabaseSync, fn: () => T): T {
  const nested = db.isTransaction
  db.exec(nested ? 'SAVEPOINT journal_write' : 'BEGIN IMMEDIATE')
  try {
    const result = fn()
    // A promise would let the commit happen before the work it stands for.
    if (result instanceof Promise) throw new Error('a journal transaction must be synchronous')
    db.exec(nested ? 'RELEASE journal_write' : 'COMMIT')
    // The listener catches its own errors: what it sees has committed and must not look failed.
    if (!nested) commitListeners.get(db)?.()
    return result
  } catch (error) {
    if (nested) {
      db.exec('ROLLBACK TO journal_write')
      db.exec('RELEASE journal_write')
    } else if (db.isTransaction) db.exec('ROLLBACK')
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
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue
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
