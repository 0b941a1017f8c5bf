import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createSecretStore,
  encryptedFileSecretStore,
  type Cipher,
} from '../../../main/secrets/encrypted-file-store'
import { memoryLogger } from '../../../common/ports'

// Stands in for safeStorage: a reversible transform whose output never contains the plain text.
const cipher: Cipher = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0xa5)),
  decryptString: (b) => Buffer.from(b.map((x) => x ^ 0xa5)).toString('utf8'),
}

let dir: string
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tresen-secrets-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('secret store', () => {
  it('keeps secrets encrypted on disk, readable by a new store, owner-only', async () => {
    const file = join(dir, 'secrets.bin')
    const store = encryptedFileSecretStore(file, cipher, memoryLogger())
    await store.set('secuconnect.refreshToken', 'a1b2c3d4e5f6refresh')
    expect(readFileSync(file).toString('latin1')).not.toContain('a1b2c3d4e5f6refresh')
    expect(statSync(file).mode & 0o077).toBe(0)
    const again = encryptedFileSecretStore(file, cipher, memoryLogger())
    expect(await again.get('secuconnect.refreshToken')).toBe('a1b2c3d4e5f6refresh')
    await again.delete('secuconnect.refreshToken')
    expect(
      await encryptedFileSecretStore(file, cipher, memoryLogger()).get('secuconnect.refreshToken'),
    ).toBeNull()
  })

  it('falls back to memory, never plain disk, when no cipher is available', async () => {
    const logger = memoryLogger()
    const store = createSecretStore(
      join(dir, 'secrets.bin'),
      { ...cipher, isEncryptionAvailable: () => false },
      logger,
    )
    await store.set('k', 'v')
    expect(await store.get('k')).toBe('v')
    expect(() => statSync(join(dir, 'secrets.bin'))).toThrow()
    expect(logger.entries.map((e) => e.event)).toContain('secrets.memory-only')
  })
})
