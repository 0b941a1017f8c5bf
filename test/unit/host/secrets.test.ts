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

describe('secret store with concurrent callers', () => {
  const seed = async (file: string) => {
    const first = encryptedFileSecretStore(file, cipher, memoryLogger())
    await first.set('secuconnect.refreshToken', 'R1')
    await first.set('secuconnect.deviceCode', 'D1')
  }

  it('two first reads at once both see what is on disk', async () => {
    const file = join(dir, 'secrets.bin')
    await seed(file)
    const store = encryptedFileSecretStore(file, cipher, memoryLogger())
    const reads = await Promise.all([
      store.get('secuconnect.refreshToken'),
      store.get('secuconnect.refreshToken'),
      store.get('secuconnect.deviceCode'),
    ])
    expect(reads).toEqual(['R1', 'R1', 'D1'])
  })

  it('a read and a write at once keep every other secret in the file', async () => {
    const file = join(dir, 'secrets.bin')
    await seed(file)
    const store = encryptedFileSecretStore(file, cipher, memoryLogger())
    await Promise.all([store.get('secuconnect.refreshToken'), store.set('secuconnect.accessToken', 'A1')])
    const fresh = encryptedFileSecretStore(file, cipher, memoryLogger())
    expect(await fresh.get('secuconnect.refreshToken')).toBe('R1')
    expect(await fresh.get('secuconnect.deviceCode')).toBe('D1')
    expect(await fresh.get('secuconnect.accessToken')).toBe('A1')
  })

  it('many writes and deletes at once all land, in call order', async () => {
    const file = join(dir, 'secrets.bin')
    await seed(file)
    const store = encryptedFileSecretStore(file, cipher, memoryLogger())
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)),
      store.delete('secuconnect.deviceCode'),
      store.set('k0', 'last'),
    ])
    const fresh = encryptedFileSecretStore(file, cipher, memoryLogger())
    for (let i = 1; i < 20; i++) expect(await fresh.get(`k${i}`)).toBe(`v${i}`)
    expect(await fresh.get('k0')).toBe('last')
    expect(await fresh.get('secuconnect.deviceCode')).toBeNull()
    expect(await fresh.get('secuconnect.refreshToken')).toBe('R1')
    expect(await store.get('k5')).toBe('v5')
  })

  it('a failed write leaves the stored and the remembered secrets as they were', async () => {
    const file = join(dir, 'secrets.bin')
    await seed(file)
    let fail = true
    const flaky: Cipher = {
      ...cipher,
      encryptString: (s) => {
        if (fail) throw new Error('key store locked')
        return cipher.encryptString(s)
      },
    }
    const store = encryptedFileSecretStore(file, flaky, memoryLogger())
    await expect(store.set('secuconnect.refreshToken', 'R2')).rejects.toThrow('key store locked')
    expect(await store.get('secuconnect.refreshToken')).toBe('R1')
    fail = false
    await store.set('secuconnect.accessToken', 'A1')
    const fresh = encryptedFileSecretStore(file, cipher, memoryLogger())
    expect(await fresh.get('secuconnect.refreshToken')).toBe('R1')
    expect(await fresh.get('secuconnect.accessToken')).toBe('A1')
  })
})
