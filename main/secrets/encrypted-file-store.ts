// Secrets (OAuth refresh token, client secret) are kept encrypted by the OS key store (Electron's
// safeStorage) in one file in the data dir. Where no cipher is available (the browser host, tests)
// secrets live in memory only: pairing must be repeated after a restart, but nothing is on disk in plain.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Logger } from '../../common/ports'

import { memorySecretStore, type SecretStore } from './secret-store'

export { memorySecretStore, type SecretStore }

/**
 * Where secrets live: an OS key store, a key store that is only obfuscation (Electron's `basic_text`
 * on Linux without a keyring), or memory only (pair again after a restart).
 */
export type SecretStorageKind = 'os-key-store' | 'weak-key-store' | 'memory'

/** The subset of Electron's safeStorage we use; injected so this module stays Electron-free. */
export interface Cipher {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
}

export function encryptedFileSecretStore(file: string, cipher: Cipher, logger: Logger): SecretStore {
  // One load for every caller: two first reads at once must not each start from an empty map (one of
  // them would answer null for a secret that is on disk).
  let loading: Promise<Map<string, string>> | null = null
  // Writes one after another, each from the map the previous one left: a read and a write, or two
  // writes, at once must not rewrite the file from a map that lacks the other's keys.
  let writes: Promise<unknown> = Promise.resolve()

  async function readFromDisk(): Promise<Map<string, string>> {
    const values = new Map<string, string>()
    try {
      const blob = await readFile(file)
      const entries = JSON.parse(cipher.decryptString(blob)) as Record<string, string>
      for (const [k, v] of Object.entries(entries)) if (typeof v === 'string') values.set(k, v)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // A file we cannot decrypt (OS key changed) is not fatal: the till pairs again.
      if (code !== 'ENOENT') logger.log('warn', 'secrets.unreadable', { error: String(error) })
    }
    return values
  }

  const load = (): Promise<Map<string, string>> => (loading ??= readFromDisk())

  async function persist(values: Map<string, string>): Promise<void> {
    const blob = cipher.encryptString(JSON.stringify(Object.fromEntries(values)))
    await mkdir(dirname(file), { recursive: true, mode: 0o700 })
    const tmp = `${file}.tmp`
    await writeFile(tmp, blob, { mode: 0o600 })
    await rename(tmp, file)
  }

  /** Applies `change` to a copy of the current map, writes it, and only then makes it the current map. */
  function update(change: (values: Map<string, string>) => boolean): Promise<void> {
    const run = writes.then(async () => {
      const current = await load()
      const next = new Map(current)
      if (!change(next)) return
      await persist(next)
      loading = Promise.resolve(next)
    })
    writes = run.catch(() => {})
    return run
  }

  return {
    async get(key) {
      return (await load()).get(key) ?? null
    },
    set: (key, value) => update((values) => (values.set(key, value), true)),
    delete: (key) => update((values) => values.delete(key)),
  }
}

/** Picks the encrypted file store when the cipher works, memory otherwise (logged once). */
export function createSecretStore(file: string, cipher: Cipher | null, logger: Logger): SecretStore {
  if (cipher && cipher.isEncryptionAvailable()) return encryptedFileSecretStore(file, cipher, logger)
  logger.log('warn', 'secrets.memory-only', { reason: cipher ? 'encryption unavailable' : 'no OS key store' })
  return memorySecretStore()
}
