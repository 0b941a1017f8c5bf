// The data dir is the till's alone: 0700, and config.json, journal.sqlite* and secrets.bin 0600, for a
// fresh start, a data dir an older version (or a wide umask) left readable, and after settings writes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { boot } from '../../main/boot'
import type { Cipher } from '../../main/secrets/encrypted-file-store'
import { silentLogger } from '../../common/ports'
import { writeFileAtomic } from '../../main/config/atomic-write'

const cipher: Cipher = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(s, 'utf8').reverse(),
  decryptString: (b) => Buffer.from(b).reverse().toString('utf8'),
}
const mode = (path: string) => statSync(path).mode & 0o777

let root: string
let oldUmask: number
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tresen-modes-'))
  // The most careless umask a machine could have: everything the app creates would be world-readable.
  oldUmask = process.umask(0o000)
})
afterEach(() => {
  process.umask(oldUmask)
  rmSync(root, { recursive: true, force: true })
})

/** A config with a first-setup client secret: boot moves it into secrets.bin in the data dir. */
function configWithSecret(path: string): string {
  writeFileSync(
    path,
    JSON.stringify({
      demo: true,
      secuconnect: { host: 'simulator', clientId: 'c', clientSecret: 'first-setup-secret' },
    }),
    { mode: 0o644 },
  )
  return path
}

async function bootAndSell(dataDir: string, config: string): Promise<void> {
  const argv = ['--config', config]
  const booted = await boot({ argv, dataDir, transport: 'test', cipher, logger: silentLogger })
  expect(booted.ok).toBe(true)
  if (!booted.ok) return
  const { app } = booted
  await app.api.ready
  await app.checkout.recovery
  await app.dispatch('seller.login', { sellerId: 'anna', pin: '1111' })
  const c = (await app.dispatch('catalog.get', {})) as {
    value: { products: { id: string; kind?: string }[] }
  }
  await app.dispatch('basket.addProduct', {
    productId: c.value.products.find((p) => !p.kind)!.id,
    quantity: 1,
  })
  await app.dispatch('checkout.payCash', {})
  await app.checkout.idle()
  const files = ['journal.sqlite', 'journal.sqlite-wal', 'journal.sqlite-shm', 'secrets.bin']
  for (const f of files) expect(existsSync(join(dataDir, f)), f).toBe(true)
  for (const f of files) expect(mode(join(dataDir, f)).toString(8), f).toBe('600')
  await app.close()
}

describe('data dir and file modes', () => {
  it('a fresh data dir is 0700 and the journal, its WAL and the secrets are 0600', async () => {
    const dataDir = join(root, 'fresh')
    await bootAndSell(dataDir, configWithSecret(join(root, 'setup.json')))
    expect(mode(dataDir).toString(8)).toBe('700')
  })

  it('a data dir left readable by others is tightened, config.json included', async () => {
    const dataDir = join(root, 'old')
    mkdirSync(dataDir, { mode: 0o755 })
    chmodSync(dataDir, 0o755)
    const config = configWithSecret(join(dataDir, 'config.json'))
    chmodSync(config, 0o644)
    await bootAndSell(dataDir, config)
    expect(mode(dataDir).toString(8)).toBe('700')
    expect(mode(join(dataDir, 'config.json')).toString(8)).toBe('600')
  })

  it('a settings write never widens config.json', async () => {
    const file = join(root, 'config.json')
    writeFileSync(file, '{}', { mode: 0o666 })
    await writeFileAtomic(file, '{"demo":true}')
    expect(mode(file).toString(8)).toBe('600')
  })
})
