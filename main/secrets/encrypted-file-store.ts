// Secrets (OAuth refresh token, client secret) are kept encrypted by the OS key store (Electron's
// safeStorage) in one file in the data dir. Where no cipher is available (the browser host, tests)
// secrets live in memory only: pairing must be repeated after a restart, but nothing is on disk in plain.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Logger } from '../../common/ports'

import { memorySecretStore, type SecretStore } from './secret-store'

export { memorySecretStore, type SecretStore }

/** The subset of Electron's safeStorage we use; injected so this module stays Electron-free. */
export interface Cipher {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
}

export function encryptedFileSecretStore(file: string, cipher: Cipher, logger: Logger): SecretStore {
  let cache: Map<string, string> | null = null

  async function load(): Promise<Map<string, string>> {
    if (cache) return cache
    cache = new Map()
    try {
      const blob = await readFile(file)
      const entries = JSON.parse(cipher.decryptString(blob)) as Record<string, string>
      for (const [k, v] of Object.entries(entries)) if (typeof v === 'string') cache.set(k, v)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // A file we cannot decrypt (OS key changed) is not fatal: the till pairs again.
      if (code !== 'ENOENT') logger.log('warn', 'secrets.unreadable', { error: String(error) })
    }
    return cache
  }

  async function persist(values: Map<string, string>): Promise<void> {
    const blob = cipher.encryptString(JSON.stringify(Object.fromEntries(values)))
    await mkdir(dirname(file), { recursive: true })
    const tmp = `${file}.tmp`
    await writeFile(tmp, blob, { mode: 0o600 })
    await rename(tmp, file)
  }

  return {
    async get(key) {
      return (await load()).get(key) ?? null
    },
    async set(key, value) {
      const values = await load()
      values.set(key, value)
      await persist(values)
    },
    async delete(key) {
      const values = await load()
      if (values.delete(key)) await persist(values)
    },
  }
}

/** Picks the encrypted file store when the cipher works, memory otherwise (logged once). */
export function createSecretStore(file: string, cipher: Cipher | null, logger: Logger): SecretStore {
  if (cipher && cipher.isEncryptionAvailable()) return encryptedFileSecretStore(file, cipher, logger)
  logger.log('warn', 'secrets.memory-only', { reason: cipher ? 'encryption unavailable' : 'no OS key store' })
  return memorySecretStore()
}
