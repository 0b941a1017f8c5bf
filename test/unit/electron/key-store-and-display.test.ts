// Electron-only guarantees: a basic_text safeStorage (Linux without a keyring) is detected and reported,
// and the customer display window gets only the read-only view commands and events, decided in main.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { safeStorage } from 'electron'
import { runElectronShell } from '../../../main/electron/shell'
import { inspectKeyStore, type SafeStorageLike } from '../../../main/electron/key-store'
import { boot } from '../../../main/boot'
import { memoryLogger } from '../../../common/ports'
import { installElectronStub, resetElectronStub } from '../../stubs/electron'
import { FakeBrowserWindow, fakeElectron } from './fake-electron'

let dir: string
const running: { close(): Promise<void> }[] = []
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tresen-keystore-'))
  mkdirSync(join(dir, 'renderer'))
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Tresen</title>')
})
afterEach(async () => {
  resetElectronStub()
  for (const app of running.splice(0)) await app.close()
  rmSync(dir, { recursive: true, force: true })
})

const xor = {
  encryptString: (s: string) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
}

describe('safeStorage backend', () => {
  it('takes basic_text for what it is: a weak key store, though encryption says available', () => {
    installElectronStub({
      safeStorage: {
        isEncryptionAvailable: () => true,
        getSelectedStorageBackend: () => 'basic_text',
        ...xor,
      },
    })
    const found = inspectKeyStore(safeStorage as unknown as SafeStorageLike, 'linux')
    expect(found).toMatchObject({ kind: 'weak-key-store', backend: 'basic_text' })
    expect(found.cipher.decryptString(found.cipher.encryptString('x'))).toBe('x')
  })

  it('a keyring backend is an OS key store; other platforms have no backend to ask; no encryption is memory', () => {
    const store = (backend: string, available = true): SafeStorageLike => ({
      isEncryptionAvailable: () => available,
      getSelectedStorageBackend: () => backend,
      ...xor,
    })
    expect(inspectKeyStore(store('gnome_libsecret'), 'linux').kind).toBe('os-key-store')
    expect(inspectKeyStore(store('kwallet5'), 'linux').kind).toBe('os-key-store')
    expect(inspectKeyStore(store('basic_text'), 'win32').kind).toBe('os-key-store')
    expect(inspectKeyStore(store('basic_text', false), 'linux').kind).toBe('memory')
  })

  it('a weak key store is logged and reported in app.info for the status bar', async () => {
    const logger = memoryLogger()
    const booted = await boot({
      argv: [],
      dataDir: join(dir, 'data'),
      transport: 'test',
      cipher: { isEncryptionAvailable: () => true, ...xor },
      keyStore: 'weak-key-store',
      logger,
    })
    expect(booted.ok).toBe(true)
    if (!booted.ok) return
    running.push(booted.app)
    expect(logger.entries.some((e) => e.event === 'secrets.weak-key-store' && e.level === 'warn')).toBe(true)
    expect(await booted.app.dispatch('app.info', {})).toMatchObject({
      ok: true,
      value: { secretStorage: 'weak-key-store' },
    })
  })

  it('the Electron shell asks safeStorage for its backend on Linux', async () => {
    const fake = fakeElectron({ userData: join(dir, 'data') })
    Object.assign(fake.api.safeStorage, { getSelectedStorageBackend: () => 'basic_text' })
    const app = await runElectronShell(fake.api, [], {
      preload: join(dir, 'preload.js'),
      rendererDir: join(dir, 'renderer'),
    }).ready
    running.push(app!)
    const info = await app!.dispatch('app.info', {})
    expect(info).toMatchObject({
      ok: true,
      value: { secretStorage: process.platform === 'linux' ? 'weak-key-store' : 'os-key-store' },
    })
  })
})

describe('customer display window', () => {
  it('may call only the read-only views and receives only its view events', async () => {
    const fake = fakeElectron({ userData: join(dir, 'data'), displays: 2 })
    const app = await runElectronShell(fake.api, [], {
      preload: join(dir, 'preload.js'),
      rendererDir: join(dir, 'renderer'),
    }).ready
    running.push(app!)
    const [till, display] = FakeBrowserWindow.created.map((w) => w.webContents)
    const from = (contents: typeof till, url: string) => {
      contents.mainFrame.url = url
      return { sender: contents, senderFrame: contents.mainFrame }
    }
    const invoke = (contents: typeof till, url: string, command: string, payload: unknown = {}) =>
      fake.handlers.get(`pos:${command}`)!(from(contents, url), payload)

    for (const command of ['app.info', 'register.view', 'checkout.view'])
      expect(await invoke(display, 'app://tresen/display.html', command), command).toMatchObject({ ok: true })
    for (const [command, payload] of [
      ['seller.login', { sellerId: 'chefin', pin: '9999' }],
      ['basket.addPlu', { plu: '1', quantity: 1 }],
      ['drawer.open', {}],
      ['checkout.payCash', {}],
      ['settings.update', { locale: 'en' }],
      ['journal.sales', {}],
    ] as const) {
      expect(await invoke(display, 'app://tresen/display.html', command, payload), command).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
    }
    // Even loading the till's page in the display window does not widen what it may do.
    expect(await invoke(display, 'app://tresen/index.html', 'drawer.open')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    // The till window keeps the whole contract.
    expect(
      await invoke(till, 'app://tresen/index.html', 'seller.login', { sellerId: 'anna', pin: '1111' }),
    ).toMatchObject({ ok: true })

    app!.events.publish('journal.changed', { kind: 'sale', saleId: 1 })
    app!.events.publish('app.localeChanged', { locale: 'en' })
    const types = (w: typeof till) => w.sent.map((s) => (s.message as { type: string }).type)
    expect(types(till)).toContain('journal.changed')
    expect(types(display)).not.toContain('journal.changed')
    expect(types(display)).not.toContain('devices.status')
    expect(types(display)).toContain('app.localeChanged')
  })
})
