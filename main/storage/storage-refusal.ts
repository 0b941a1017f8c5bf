// Clear words for broken storage. A damaged journal, a read-only data dir or an empty or unreadable
// file stops the start — the till must not sell into a journal it cannot keep — with what is wrong, the
// path, and what to do, in German and English, instead of a stack trace. The SQLite result codes are
// those of https://www.sqlite.org/rescode.html (node:sqlite passes them as `errcode`).
import { constants } from 'node:fs'
import { access, mkdir, open, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'

/** A start that cannot go on because of the disk; `de`/`en` say what is wrong and what to do. */
export class StorageRefusal extends Error {
  constructor(
    readonly path: string,
    readonly de: string,
    readonly en: string,
    readonly detail: string,
  ) {
    super(`${en} (${detail})`)
    this.name = 'StorageRefusal'
  }

  /** The two-language text a shop owner reads (console, dialog). */
  text(): string {
    return `Tresen startet nicht: ${this.de}\nTresen will not start: ${this.en}`
  }
}

const SQLITE_READONLY = 8
const SQLITE_CORRUPT = 11
const SQLITE_FULL = 13
const SQLITE_CANTOPEN = 14
const SQLITE_NOTADB = 26

const KEEP_IT =
  'Die Datei nicht löschen: das Journal muss aufbewahrt werden (GoBD). ' +
  'Die Kasse nicht weiter benutzen, den Datenordner sichern und die letzte Sicherung zurückspielen oder den Support rufen.'
const KEEP_IT_EN =
  'Do not delete the file: the journal must be kept (GoBD). ' +
  'Stop using the till, copy the data folder and restore the last backup or call support.'

function readOnlyDir(dir: string, detail: string): StorageRefusal {
  return new StorageRefusal(
    dir,
    `der Datenordner ${dir} ist schreibgeschützt oder gehört einem anderen Benutzer (${detail}). ` +
      'Was tun: dem Benutzer der Kasse Schreibrechte geben (z. B. sudo chown -R <benutzer> ' +
      `${dir}) oder ein beschreibbares Laufwerk einhängen, dann neu starten.`,
    `the data folder ${dir} is read-only or belongs to another user (${detail}). ` +
      `What to do: give the till's user write access (e.g. sudo chown -R <user> ${dir}) ` +
      'or mount a writable drive, then start again.',
    detail,
  )
}

const errnoOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined

/** The data dir exists and takes a new file (a probe written, synced and removed). */
export async function checkDataDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true })
  } catch (error) {
    const code = errnoOf(error) ?? String(error)
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw readOnlyDir(dir, code)
    throw new StorageRefusal(
      dir,
      `der Datenordner ${dir} kann nicht angelegt werden (${code}). Was tun: den Pfad prüfen (--data-dir) — ` +
        'ist dort eine Datei statt eines Ordners?',
      `the data folder ${dir} cannot be created (${code}). What to do: check the path (--data-dir) — ` +
        'is there a file instead of a folder?',
      code,
    )
  }
  const probe = join(dir, `.tresen-write-check-${process.pid}`)
  try {
    // 'w', not 'wx': a probe left by a process killed right here is simply written over.
    const handle = await open(probe, 'w')
    await handle.sync()
    await handle.close()
    await unlink(probe)
  } catch (error) {
    const code = errnoOf(error) ?? String(error)
    if (code === 'ENOSPC') throw diskFull(dir, code)
    throw readOnlyDir(dir, code)
  }
}

function diskFull(path: string, detail: string): StorageRefusal {
  return new StorageRefusal(
    path,
    `auf dem Laufwerk von ${path} ist kein Platz mehr (${detail}). Was tun: Platz schaffen (alte Sicherungen ` +
      'auf ein anderes Laufwerk verschieben), dann neu starten.',
    `the drive of ${path} is full (${detail}). What to do: free some space (move old backups to another ` +
      'drive), then start again.',
    detail,
  )
}

/**
 * The journal file, if it exists, is a readable, writable, non-empty regular file. A journal of
 * 0 bytes is refused: SQLite would take it for a new, empty journal and the till would start its
 * receipt numbers again over a journal that was lost.
 */
export async function checkJournalFile(path: string): Promise<void> {
  let info
  try {
    info = await stat(path)
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return
    throw unreadable(path, errnoOf(error) ?? String(error))
  }
  if (!info.isFile()) throw unreadable(path, 'not a regular file')
  if (info.size === 0) {
    const wal = await stat(`${path}-wal`).catch(() => null)
    if (!wal || wal.size === 0)
      throw new StorageRefusal(
        path,
        `das Journal ${path} ist leer (0 Bytes). Wenn diese Kasse noch nie verkauft hat: die leere Datei ` +
          'löschen, Tresen legt beim Start ein neues Journal an. Sonst ist es verloren gegangen: die letzte ' +
          'Sicherung zurückspielen — ein leeres Journal ersetzt nie ein verlorenes.',
        `the journal ${path} is empty (0 bytes). If this till has never sold anything: delete the empty ` +
          'file and Tresen creates a new journal at start. Otherwise it was lost: restore the last backup — ' +
          'an empty journal never replaces a lost one.',
        '0 bytes',
      )
  }
  try {
    await access(path, constants.R_OK | constants.W_OK)
  } catch (error) {
    throw unreadable(path, errnoOf(error) ?? String(error))
  }
}

function unreadable(path: string, detail: string): StorageRefusal {
  return new StorageRefusal(
    path,
    `das Journal ${path} kann nicht gelesen oder beschrieben werden (${detail}). Was tun: prüfen, dass es eine ` +
      'Datei ist und der Benutzer der Kasse sie lesen und schreiben darf (ls -l), dann neu starten.',
    `the journal ${path} cannot be read or written (${detail}). What to do: check that it is a file the ` +
      "till's user may read and write (ls -l), then start again.",
    detail,
  )
}

/**
 * The refusal for an error thrown while the journal is opened, or null when it is not a storage error.
 * `journal` is the journal's path, `dataDir` its folder.
 */
export function journalOpenRefusal(
  error: unknown,
  where: { journal: string; dataDir: string },
): StorageRefusal | null {
  if (error instanceof StorageRefusal) return error
  if (typeof error !== 'object' || error === null) return null
  const sqlite = error as { code?: string; errcode?: number; errstr?: string; message?: string }
  const errno = errnoOf(error)
  if (errno === 'ENOSPC') return diskFull(where.dataDir, errno)
  if (errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS') return readOnlyDir(where.dataDir, errno)
  if (sqlite.code !== 'ERR_SQLITE_ERROR' || typeof sqlite.errcode !== 'number') return null
  const detail = sqlite.errstr ?? sqlite.message ?? String(sqlite.errcode)
  switch (sqlite.errcode & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return new StorageRefusal(
        where.journal,
        `das Journal ${where.journal} ist beschädigt (${detail}). Tresen schreibt nicht hinein, damit nichts ` +
          `verloren geht. ${KEEP_IT}`,
        `the journal ${where.journal} is damaged (${detail}). Tresen does not write into it, so nothing more ` +
          `is lost. ${KEEP_IT_EN}`,
        detail,
      )
    case SQLITE_READONLY:
      return readOnlyDir(where.dataDir, detail)
    case SQLITE_FULL:
      return diskFull(where.dataDir, detail)
    case SQLITE_CANTOPEN:
      return unreadable(where.journal, detail)
    default:
      return null
  }
}
