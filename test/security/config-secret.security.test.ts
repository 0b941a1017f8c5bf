// The README promises that a client secret written into config.json for the first set-up "is moved
// into the OS key store". Started the way Electron starts it (boot() with a working cipher), the secret
// must end up in the encrypted store and no longer be readable in the config file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { boot } from '../../main/boot'
import { encryptedFileSecretStore, type Cipher } from '../../main/secrets/encrypted-file-store'
import { silentLogger } from '../../common/ports'
import { CLIENT_SECRET_ENV } from '../../main/secrets/external-secret'

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

  it('demo config: stays in the file when there is no OS key store (a memory-only store would lose it at restart)', async () => {
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

/** A live config after the README's "Example for a real till", with the secret written into it. */
function liveConfigWithSecret(): string {
  const config = join(dir, 'config.json')
  const content = {
    shop: { name: 'Bäckerei Korn', address: ['Marktplatz 3', '79098 Freiburg'], taxNumber: '06/123/45678' },
    receipt: { policy: 'ask' },
    catalog: join(dir, 'artikel.csv'),
    secuconnect: {
      host: 'https://connect-testing.secuconnect.com',
      clientId: 'korn',
      clientSecret: SECRET,
      deviceSerial: 'korn-1',
    },
    devices: {
      scanner: { driver: 'hid', vendorId: '0x05e0', productId: '0x1200', mode: 'hid-pos' },
      printer: { driver: 'tcp', host: '192.0.2.50', port: 9100 },
      drawer: { driver: 'printer', pin: '2' },
    },
    sellers: [{ id: 'korn', name: 'Frau Korn', pin: '4711', role: 'manager' }],
    fiscal: { tse: 'fiskaly' },
  }
  writeFileSync(config, JSON.stringify(content, null, 2))
  return config
}

describe('client secret without an OS key store', () => {
  it('a live config with the secret in config.json is refused, naming the two ways that are allowed', async () => {
    const config = liveConfigWithSecret()
    const before = readFileSync(config, 'utf8')
    const booted = await boot({
      argv: [],
      dataDir: dir,
      transport: 'host',
      cipher: null,
      env: {},
      logger: silentLogger,
    })
    expect(booted.ok).toBe(false)
    if (!booted.ok) {
      expect(booted.message).toContain(CLIENT_SECRET_ENV)
      expect(booted.message).toContain('secuconnect.clientSecretFile')
      expect(booted.message).toMatch(/Schlüsselspeicher/)
      expect(booted.message).not.toContain(SECRET)
    }
    expect(readFileSync(config, 'utf8')).toBe(before)
  })

  it('takes the secret from the environment and never writes it anywhere', async () => {
    const config = join(dir, 'config.json')
    writeFileSync(
      config,
      JSON.stringify({ demo: true, secuconnect: { host: 'simulator', clientId: 'tresen' } }),
    )
    const booted = await boot({
      argv: [],
      dataDir: dir,
      transport: 'host',
      cipher: null,
      env: { [CLIENT_SECRET_ENV]: 'from-the-environment-1' },
      logger: silentLogger,
    })
    expect(booted.ok).toBe(true)
    if (!booted.ok) return
    expect(booted.app.config.secuconnect.clientSecret).toBe('from-the-environment-1')
    await booted.app.close()
    expect(readFileSync(config, 'utf8')).not.toContain('from-the-environment-1')
  })

  it('takes the secret from a 0600 file outside the data dir; refuses one inside it, one others can read, or none', async () => {
    const dataDir = join(dir, 'data')
    const outside = join(dir, 'outside')
    mkdirSync(dataDir)
    mkdirSync(outside)
    const secretFile = join(outside, 'client-secret')
    writeFileSync(secretFile, 'from-a-file-2\n', { mode: 0o600 })
    chmodSync(secretFile, 0o600)
    const startWith = async (file: string) => {
      const config = join(dataDir, 'config.json')
      writeFileSync(
        config,
        JSON.stringify({
          demo: true,
          secuconnect: { host: 'simulator', clientId: 'tresen', clientSecretFile: file },
        }),
      )
      return boot({ argv: [], dataDir, transport: 'host', cipher: null, env: {}, logger: silentLogger })
    }
    const good = await startWith(secretFile)
    expect(good.ok).toBe(true)
    if (good.ok) {
      expect(good.app.config.secuconnect.clientSecret).toBe('from-a-file-2')
      await good.app.close()
    }
    // Relative to the config file's folder, still outside the data dir.
    const relative = await startWith('../outside/client-secret')
    expect(relative.ok).toBe(true)
    if (relative.ok) await relative.app.close()

    const inData = join(dataDir, 'client-secret')
    writeFileSync(inData, 'in-the-data-dir', { mode: 0o600 })
    const refusedInside = await startWith(inData)
    expect(refusedInside).toMatchObject({ ok: false })
    if (!refusedInside.ok) expect(refusedInside.message).toMatch(/inside the data dir/)

    chmodSync(secretFile, 0o644)
    const refusedMode = await startWith(secretFile)
    expect(refusedMode).toMatchObject({ ok: false })
    if (!refusedMode.ok) {
      expect(refusedMode.message).toMatch(/chmod 600/)
      expect(refusedMode.message).not.toContain('from-a-file-2')
    }
    expect(await startWith(join(outside, 'missing'))).toMatchObject({ ok: false })
  })
})
