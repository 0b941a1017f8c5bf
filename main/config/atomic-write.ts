// Replaces a file so that a crash or power cut at any moment leaves either the old or the new content,
// never a half-written file: write a temp file beside it, fsync it, rename it over the original, then
// fsync the folder so the rename itself is durable. A till is switched off at the wall at closing time.
import { constants } from 'node:fs'
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { randomBytes } from 'node:crypto'

/** The file system calls used, so tests can fail one of them and check that nothing is lost. */
export interface AtomicWriteOps {
  open(path: string, flags: string | number, mode?: number): Promise<FileHandle>
  rename(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
}

export const nodeWriteOps: AtomicWriteOps = { open, rename, unlink }

/** Windows may refuse a rename for a moment while a virus scanner or indexer holds the target open. */
const RENAME_RETRIES = 5
const RENAME_RETRY_MS = 40
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function renameWithRetry(ops: AtomicWriteOps, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ops.rename(from, to)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (attempt >= RENAME_RETRIES || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY'))
        throw error
      await sleep(RENAME_RETRY_MS * (attempt + 1))
    }
  }
}

/**
 * Makes the rename durable. Best effort: the new content is already in place, so a failure here must not
 * report the write as failed. Windows cannot open a folder for fsync; NTFS journals the rename itself.
 */
async function syncFolder(ops: AtomicWriteOps, dir: string): Promise<void> {
  let handle: FileHandle | undefined
  try {
    handle = await ops.open(dir, constants.O_RDONLY)
    await handle.sync()
  } catch {
    // See above: nothing to undo and nothing the user could do.
  } finally {
    await handle?.close().catch(() => {})
  }
}

/**
 * Writes `text` to `path` atomically. The new file keeps the old one's owner permissions and never
 * gives group or others access, since a config may hold seller PINs and an API secret.
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  ops: AtomicWriteOps = nodeWriteOps,
): Promise<void> {
  const dir = dirname(path)
  // Owner bits only: a config may name seller PINs, so group and others never get to read it, even
  // when the file was first written by hand with a wider umask.
  const mode = await stat(path).then(
    (s) => s.mode & 0o700 & ~0o100,
    () => 0o600,
  )
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  let handle: FileHandle | undefined
  try {
    handle = await ops.open(temp, 'wx', mode)
    await handle.writeFile(text, 'utf8')
    await handle.sync()
    await handle.close()
    handle = undefined
    await renameWithRetry(ops, temp, path)
  } catch (error) {
    await handle?.close().catch(() => {})
    await ops.unlink(temp).catch(() => {})
    throw error
  }
  await syncFolder(ops, dir)
}
