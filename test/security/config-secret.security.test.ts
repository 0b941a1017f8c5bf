// The README promises that a client secret written into config.json for the first set-up "is moved
// into the OS key store". Started the way Electron starts it (boot() with a working cipher), the secret
// must end up in the encrypted store and no longer be readable in the config file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { boot } from '../../main/boot'
import { encryptedFileSecretStore, type Cipher } from '../../main/secrets/encrypted-file-store'
import { silentLogger } from '../../common/ports'

const SECRET = 'first-setup-secret-4711'
const cipher: Cipher = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(s, 'utf8').reverse(),
  decryptString: (b) => Buffer.from(b).reverse().toString('utf8'),
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tresen-config-secret-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** config.json with the secret for the first set-up, in the data dir; returns its path. */
function configWithSecret(): string {
  const config = join(dir, 'config.json')
  const content = { demo: true, secuconnect: { host: 'simulator', clientId: 'tresen', clientSecret: SECRET } }
  writeFileSync(config, JSON.stringify(content, null, 2))
  return config
}

describe('client secret from the config file', () => {
  it('is moved into the encrypted store and no longer lies in config.json in plain text', async () => {
    const config = configWithSecret()
    const booted = await boot({ argv: [], dataDir: dir, transport: 'test', cipher, logger: silentLogger })
    expect(booted.ok).toBe(true)
    if (booted.ok) await booted.app.close()
    const store = encryptedFileSecretStore(join(dir, 'secrets.bin'), cipher, silentLogger)
    expect(await store.get('secuconnect.client_secret'), 'the secret is in the key store').toBe(SECRET)
    expect(readFileSync(config, 'utf8'), 'config.json still holds the secret in plain text').not.toContain(
      SECRET,
    )
  })

  it('stays in the file when there is no OS key store (a memory-only store would lose it at restart)', async () => {
    const config = configWithSecret()
    const booted = await boot({
      argv: [],
      dataDir: dir,
      transport: 'test',
      cipher: null,
      logger: silentLogger,
    })
    expect(booted.ok).toBe(true)
    if (booted.ok) {
      expect(booted.app.config.secuconnect.clientSecret).toBe(SECRET)
      await booted.app.close()
    }
    expect(readFileSync(config, 'utf8')).toContain(SECRET)
  })
})
