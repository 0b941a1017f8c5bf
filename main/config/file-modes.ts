// The data dir holds the journal (every sale), the encrypted secrets and a config that may name seller
// PINs: readable by the till's own user only. The dir is 0700 and its files 0600, whatever the umask or
// an earlier version left behind. POSIX modes only; Windows keeps the profile folder's ACLs.
import { chmodSync, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../../common/ports'

export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600
/** Files Tresen keeps in the data dir (the journal's WAL and shared-memory files included). */
export const PRIVATE_FILES = [
  'config.json',
  'journal.sqlite',
  'journal.sqlite-wal',
  'journal.sqlite-shm',
  'secrets.bin',
] as const

const posix = process.platform !== 'win32'

/** Creates the data dir 0700 (or tightens it) and makes every file of PRIVATE_FILES in it 0600. */
export function securePrivateDir(dataDir: string, logger?: Logger): void {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE })
  if (!posix) return
  try {
    chmodSync(dataDir, PRIVATE_DIR_MODE)
    for (const name of PRIVATE_FILES) {
      const path = join(dataDir, name)
      if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE)
    }
  } catch (error) {
    // A dir we do not own (a mounted share) cannot be changed; the start goes on and says so.
    logger?.log('warn', 'datadir.permissions', { dataDir, error: String(error) })
  }
}

/** Sets 0600 on each of `paths` that exists (others are skipped). */
export function restrictToOwner(paths: readonly string[]): void {
  if (!posix) return
  for (const path of paths) {
    try {
      chmodSync(path, PRIVATE_FILE_MODE)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
}
