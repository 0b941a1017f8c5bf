// A consistent copy of the journal at each Z closing, through SQLite's online backup API
// (https://www.sqlite.org/backup.html, node:sqlite `backup()`): the copy is one snapshot even while
// the till goes on selling, unlike a file copy of journal.sqlite next to an uncheckpointed WAL.
// Restoring puts a backup in place of the journal (the replaced files are kept, never deleted),
// records the restore in the restored journal and writes the anchor record for it, so the till
// starts on it (docs/journal.md "Backup and restore").
import {
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  closeSync,
  renameSync,
  unlinkSync,
} from 'node:fs'
import { basename, join } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { sqlite } from './sqlite'
import { AppFailure } from '../../common/result'
import { journalPosition, readAnchor, writeAnchor, type AnchorRecord } from './anchor'
import { registerChainFunction } from './chain'
import { JOURNAL_FILE } from './database'
import { PRIVATE_DIR_MODE, restrictToOwner } from '../config/file-modes'
import { describeFinding, verifyChain } from './verify'

export const DEFAULT_BACKUP_DIR = 'backups'

const fsyncFile = (path: string) => {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** `journal-Z0003-20261206T043000Z.sqlite`: sorts by Z number, then time. */
export function backupName(zNo: number, at: string): string {
  const stamp = at.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
  return `journal-Z${String(zNo).padStart(4, '0')}-${stamp}.sqlite`
}

/** Writes the backup beside its final name and renames it into place once complete and synced. */
export async function backupJournal(
  db: DatabaseSync,
  folder: string,
  name: string,
): Promise<{ path: string; pages: number }> {
  // The backup is the journal: owner-only like it (main/config/file-modes.ts).
  mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR_MODE })
  const path = join(folder, name)
  const temp = `${path}.partial`
  if (existsSync(temp)) unlinkSync(temp)
  try {
    const pages = await sqlite().backup(db, temp)
    restrictToOwner([temp])
    fsyncFile(temp)
    renameSync(temp, path)
    return { path, pages }
  } catch (error) {
    if (existsSync(temp)) unlinkSync(temp)
    throw error
  }
}

export interface RestoreResult {
  restored: string
  /** Where the journal that was replaced went (kept for the tax auditor, never deleted). */
  keptAs: string[]
  position: AnchorRecord
}

/**
 * Puts `backupFile` in place of the data dir's journal. The backup must verify cleanly; the current
 * journal files are renamed to `journal.replaced-<time>.sqlite[-wal|-shm]`. The restore is journaled
 * (`journal_events` kind `restored`, with the record the journal was refused against) and the anchor
 * record is rewritten for the restored journal, which is behind the old record by design.
 */
export function restoreJournal(
  dataDir: string,
  backupFile: string,
  at: string,
  by: string | null = null,
): RestoreResult {
  const check = new (sqlite().DatabaseSync)(backupFile, { readOnly: true })
  let verified
  try {
    verified = verifyChain(check)
  } finally {
    check.close()
  }
  if (!verified.ok) {
    const first = describeFinding(verified.findings[0]!)
    throw AppFailure.of(
      'CONFLICT',
      'journal.error.backupAltered',
      `Die Sicherung ${backupFile} ist nicht unverändert: ${first.de} / The backup ${backupFile} is not intact: ${first.en}`,
      { file: backupFile },
    )
  }
  const previous = (() => {
    try {
      return readAnchor(dataDir)
    } catch {
      return undefined
    }
  })()
  const journal = join(dataDir, JOURNAL_FILE)
  const suffix = at.replace(/[-:.]/g, '')
  const keptAs: string[] = []
  for (const ext of ['', '-wal', '-shm']) {
    if (!existsSync(journal + ext)) continue
    const kept = join(dataDir, `journal.replaced-${suffix}.sqlite${ext}`)
    renameSync(journal + ext, kept)
    keptAs.push(kept)
  }
  const temp = `${journal}.restoring`
  copyFileSync(backupFile, temp)
  restrictToOwner([temp])
  fsyncFile(temp)
  renameSync(temp, journal)

  const db = new (sqlite().DatabaseSync)(journal)
  try {
    registerChainFunction(db)
    db.exec('PRAGMA journal_mode = WAL')
    db.exec('PRAGMA synchronous = FULL')
    const restoredTo = journalPosition(db)
    // The numbers between the backup and the refused record were issued on lost receipts: the series
    // go on after them (number-series.ts), and the gap is stated here for the auditor.
    const gap = (series: 'receiptNo' | 'zNo') =>
      previous && previous[series] > restoredTo[series]
        ? { from: restoredTo[series] + 1, to: previous[series] }
        : null
    db.prepare("INSERT INTO journal_events (kind, detail, by, at) VALUES ('restored', ?, ?, ?)").run(
      JSON.stringify({
        from: basename(backupFile),
        keptAs: keptAs.map((k) => basename(k)),
        previousRecord: previous ?? null,
        skipped: { receipts: gap('receiptNo'), closings: gap('zNo') },
      }),
      by,
      at,
    )
    const position = journalPosition(db)
    const record: AnchorRecord = { format: 1, ...position, verified: position.head, at }
    writeAnchor(dataDir, record)
    return { restored: backupFile, keptAs, position: record }
  } finally {
    db.close()
  }
}
