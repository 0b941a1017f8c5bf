// The settings screen through the contract: read, change (manager only), saved atomically to the config
// file and read again after a restart; devices plugged in; the test print.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import { boot } from '../../../main/boot'
import type { App } from '../../../main/app'
import { appConfig } from '../../../common/config'
import { settingsView, type SettingsView } from '../../../common/ipc/settings-contract'
import { attachedDevice } from '../../../common/devices'
import { manualClock, memoryLogger } from '../../../common/ports'
import { createDeviceManager } from '../../../hardware/manager/device-manager'
import type { EventMessage } from '../../../main/ipc/event-bus'
import type { Result } from '../../../common/result'
import { decodeText } from '../../../hardware/escpos-decoder'
// Not demo mode: an API host that is not the simulator (nothing listens on port 9; nothing here calls it).
const OUTSIDE_DEMO = { secuconnect: { host: 'http://127.0.0.1:9' } }

const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const run of cleanup.splice(0).reverse()) await run()
})

async function testApp(overrides: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp> {
  const t = await createTestApp(overrides)
  cleanup.push(() => t.dispose())
  return t
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tresen-settings-'))
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function bootApp(argv: string[], dataDir: string): Promise<App> {
  const booted = await boot({
    argv,
    dataDir,
    transport: 'test',
    cipher: null,
    clock: manualClock(Date.now()),
    logger: memoryLogger(),
  })
  if (!booted.ok) throw new Error(booted.message)
  cleanup.push(() => booted.app.close())
  return booted.app
}

async function call<T>(app: App, channel: string, payload?: unknown): Promise<T> {
  const result = await app.dispatch(channel, payload)
  if (!result.ok)
    throw new Error(`${channel}: ${result.error.code} ${result.error.messageKey} ${result.error.message}`)
  return result.value as T
}

const newShop = {
  name: 'Bäckerei Sonnenschein',
  address: ['Marktplatz 3', '79098 Freiburg'],
  taxNumber: '06/123/45678',
  footer: ['Schönen Tag noch!'],
}

/** A device manager outside demo mode with one HID scanner and one serial device plugged in. */
const plugged = () =>
  createDeviceManager({
    config: {},
    clock: manualClock(),
    logger: memoryLogger(),
    hid: {
      listHid: async () => [
        { vendorId: 0x05e0, productId: 0x1200, path: '/dev/hidraw3', product: 'Scanner', usagePage: 0x8c },
      ],
      openHid: async () => {
        throw new Error('unused')
      },
    },
    serial: {
      list: async () => [
        { path: '/dev/ttyACM0', vendorId: '0483', productId: '5740', manufacturer: 'STMicro' },
      ],
      open: () => {
        throw new Error('unused')
      },
    },
  } as Parameters<typeof createDeviceManager>[0])

describe('settings.get', () => {
  it('shows shop, receipt policy, language, till, demo flag and how each device is found', async () => {
    const { app } = await testApp()
    const view = settingsView.parse(await call(app, 'settings.get'))
    expect(view).toMatchObject({
      shop: { name: 'Bäckerei Demo' },
      receiptPolicy: 'ask',
      locale: 'de',
      tillId: 'kasse-1',
      demo: true,
    })
    expect(view.devices).toEqual([
      { kind: 'scanner', driver: 'virtual', summary: 'virtual' },
      { kind: 'printer', driver: 'virtual', summary: 'virtual, 48 columns' },
      { kind: 'drawer', driver: 'virtual', summary: 'virtual' },
    ])
  })
})

describe('settings.update', () => {
  it('refuses anyone but a manager and writes nothing', async () => {
    const t = await testApp()
    const file = join(t.dataDir, 'config.json')
    expect(await t.app.dispatch('settings.update', { receiptPolicy: 'always' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', messageKey: 'seller.error.managerRequired' },
    })
    await call(t.app, 'seller.login', { sellerId: 'anna', pin: '1111' })
    expect(await t.app.dispatch('settings.update', { receiptPolicy: 'always' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', messageKey: 'seller.error.managerRequired' },
    })
    expect(
      await t.app.dispatch('settings.update', { receiptPolicy: 'always', managerPin: '1111' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'seller.error.wrongPin' } })
    expect(() => readFileSync(file)).toThrow(/ENOENT/)
    expect(t.app.settings.current().receipt.policy).toBe('ask')
  })

  it('takes effect at once for a manager PIN or an active manager, with events', async () => {
    const t = await testApp()
    const events: EventMessage[] = []
    t.app.events.subscribe((m) => events.push(m))
    const configBefore = t.app.config

    const view = await call<SettingsView>(t.app, 'settings.update', {
      shop: newShop,
      receiptPolicy: 'always',
      locale: 'en',
      managerPin: '9999',
    })
    expect(view).toMatchObject({ shop: newShop, receiptPolicy: 'always', locale: 'en' })
    // The live config: the same object every service holds, with the new values.
    expect(t.app.config).toBe(configBefore)
    expect(t.app.settings.current()).toBe(configBefore)
    expect(t.app.config).toMatchObject({ shop: newShop, receipt: { policy: 'always' }, locale: 'en' })
    expect(t.app.info()).toMatchObject({ locale: 'en', shopName: 'Bäckerei Sonnenschein' })
    expect(events.filter((e) => e.type === 'settings.changed').map((e) => e.payload)).toEqual([view])
    expect(events.filter((e) => e.type === 'app.localeChanged').map((e) => e.payload)).toEqual([
      { locale: 'en' },
    ])

    await call(t.app, 'seller.login', { sellerId: 'chefin', pin: '9999' })
    expect(await call<SettingsView>(t.app, 'settings.update', { receiptPolicy: 'never' })).toMatchObject({
      receiptPolicy: 'never',
      locale: 'en',
    })
    // The next receipt uses the new header: the test print shows it.
    expect(await call(t.app, 'devices.testPrint')).toEqual({ status: 'printed', messageKey: null })
    const paper = decodeText(t.app.devices.virtual.printer!.emulator.printedBytes()).join('\n')
    expect(paper).toContain('Bäckerei Sonnenschein')
    expect(paper).toContain('Test print')
  })

  it('names the bad fields and changes nothing', async () => {
    const t = await testApp()
    const result = await t.app.dispatch('settings.update', {
      shop: { ...newShop, name: '', address: ['x'.repeat(60)] },
      receiptPolicy: 'sometimes',
      locale: 'fr',
      managerPin: '9999',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'error.validation' } })
    const paths = (result as Extract<Result<unknown>, { ok: false }>).error.issues!.map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['shop.name', 'shop.address.0', 'receiptPolicy', 'locale']))
    expect(await t.app.dispatch('settings.update', { tillId: 'kasse-2', managerPin: '9999' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
    expect(readdirSync(t.dataDir).filter((f) => f.includes('config'))).toEqual([])
    expect(t.app.settings.current().shop.name).toBe('Bäckerei Demo')
  })

  it('persists into config.json in the data dir and a restart reads it (demo mode stays on)', async () => {
    const dataDir = tempDir()
    const first = await bootApp([], dataDir)
    await call(first, 'settings.update', {
      shop: newShop,
      receiptPolicy: 'always',
      locale: 'en',
      managerPin: '9999',
    })
    await first.close()

    const saved = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8'))
    expect(saved).toEqual({ demo: true, shop: newShop, receipt: { policy: 'always' }, locale: 'en' })

    const second = await bootApp([], dataDir)
    expect(await call<SettingsView>(second, 'settings.get')).toMatchObject({
      shop: newShop,
      receiptPolicy: 'always',
      locale: 'en',
      demo: true,
    })
    expect(second.info().locale).toBe('en')
  })

  it('patches a --config file in place, keeping every other field as written', async () => {
    const dir = tempDir()
    const file = join(dir, 'tresen.json')
    const written = {
      demo: true,
      tillId: 'theke-2',
      kiosk: true,
      receipt: { policy: 'ask' },
      sellers: [
        { id: 'maria', name: 'Maria', pin: '4711', role: 'manager' },
        { id: 'tom', name: 'Tom', pin: '1234' },
      ],
      devices: { scanner: { driver: 'virtual' } },
    }
    writeFileSync(file, JSON.stringify(written, null, 4))
    const first = await bootApp(['--config', file], join(dir, 'data'))
    expect(await first.dispatch('settings.update', { locale: 'en', managerPin: '9999' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    await call(first, 'settings.update', { receiptPolicy: 'never', managerPin: '4711' })
    await first.close()

    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ...written, receipt: { policy: 'never' } })
    expect(readdirSync(dir).sort()).toEqual(['data', 'tresen.json'])

    const second = await bootApp(['--config', file], join(dir, 'data'))
    expect(await call<SettingsView>(second, 'settings.get')).toMatchObject({
      receiptPolicy: 'never',
      tillId: 'theke-2',
      locale: 'de',
    })
  })

  it('never leaves a partial file: a reader during a burst of updates always sees complete JSON', async () => {
    const t = await testApp()
    const file = join(t.dataDir, 'config.json')
    await call(t.app, 'settings.update', { receiptPolicy: 'always', managerPin: '9999' })
    let reading = true
    let reads = 0
    const reader = (async () => {
      while (reading) {
        const text = readFileSync(file, 'utf8')
        expect(() => JSON.parse(text)).not.toThrow()
        reads++
        await new Promise((r) => setImmediate(r))
      }
    })()
    const names = Array.from({ length: 20 }, (_, i) => `Bäckerei Nummer ${i}`)
    const results = await Promise.all(
      names.map((name) =>
        t.app.dispatch('settings.update', { shop: { ...newShop, name }, managerPin: '9999' }),
      ),
    )
    reading = false
    await reader
    expect(results.every((r) => r.ok)).toBe(true)
    expect(reads).toBeGreaterThan(0)
    // Updates run in order: the last one wins, in memory and on disk, and no temp file is left behind.
    expect(JSON.parse(readFileSync(file, 'utf8')).shop.name).toBe('Bäckerei Nummer 19')
    expect(t.app.settings.current().shop.name).toBe('Bäckerei Nummer 19')
    expect(readdirSync(t.dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('refuses to overwrite a config file that was broken by hand since the start', async () => {
    const t = await testApp()
    const file = join(t.dataDir, 'config.json')
    writeFileSync(file, '{ "demo": true, ')
    expect(await t.app.dispatch('settings.update', { locale: 'en', managerPin: '9999' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', messageKey: 'settings.error.configUnreadable' },
    })
    expect(readFileSync(file, 'utf8')).toBe('{ "demo": true, ')
    expect(t.app.settings.current().locale).toBe('de')
  })
})

describe('devices.attached', () => {
  it('lists the virtual twins in demo mode and survives buses that cannot be listed', async () => {
    const logger = memoryLogger()
    const devices = createDeviceManager({
      config: {},
      clock: manualClock(),
      logger,
      hid: {
        listHid: async () => {
          throw new Error('Cannot find module node-hid')
        },
        openHid: async () => {
          throw new Error('unused')
        },
      },
      serial: {
        list: () => {
          throw new Error('serialport native binding missing')
        },
        open: () => {
          throw new Error('unused')
        },
      },
    } as Parameters<typeof createDeviceManager>[0])
    const { app } = await testApp({ devices, logger })
    const list = (await call<unknown[]>(app, 'devices.attached')).map((d) => attachedDevice.parse(d))
    expect(list.map((d) => d.path)).toEqual(['virtual:scanner', 'virtual:printer', 'virtual:drawer'])
    expect(list.every((d) => d.bus === 'virtual')).toBe(true)
    expect(
      logger.entries
        .filter((e) => e.event === 'devices.list-failed')
        .map((e) => e.data?.bus)
        .sort(),
    ).toEqual(['hid', 'serial'])
  })

  it('lists only real devices outside demo mode', async () => {
    const { app } = await testApp({ devices: plugged(), config: appConfig.parse(OUTSIDE_DEMO) })
    expect(await call(app, 'devices.attached')).toEqual([
      {
        bus: 'hid',
        path: '/dev/hidraw3',
        vendorId: 0x05e0,
        productId: 0x1200,
        product: 'Scanner',
        usagePage: 0x8c,
      },
      { bus: 'serial', path: '/dev/ttyACM0', vendorId: 0x0483, productId: 0x5740, manufacturer: 'STMicro' },
    ])
  })
})

describe('devices.testPrint', () => {
  it('prints the shop header, "Testdruck", the time and the special characters, each under its own key', async () => {
    const t = await testApp()
    expect(await call(t.app, 'devices.testPrint')).toEqual({ status: 'printed', messageKey: null })
    expect(await call(t.app, 'devices.testPrint')).toEqual({ status: 'printed', messageKey: null })
    const printer = t.app.devices.virtual.printer!
    expect(new Set(printer.jobs().map((j) => j.key)).size).toBe(2)
    const lines = decodeText(printer.emulator.printedBytes()).map((l) => l.trim())
    expect(lines.filter((l) => l === 'Testdruck')).toHaveLength(2)
    expect(lines).toEqual(
      expect.arrayContaining([
        'Bäckerei Demo',
        'Hauptstraße 1',
        '€ äöü ÄÖÜ ß',
        'Vielen Dank für Ihren Einkauf!',
      ]),
    )
    const date = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium' }).format(
      new Date(t.clock.now()),
    )
    expect(lines.some((l) => l.startsWith('Datum') && l.includes(date))).toBe(true)
  })

  it('reports a printer out of paper as failed with its message key', async () => {
    const t = await testApp()
    t.app.devices.virtual.printer!.emulator.set({ paperOut: true })
    expect(await call(t.app, 'devices.testPrint')).toEqual({
      status: 'failed',
      messageKey: 'status.state.paper-out',
    })
  })
})

describe('settings.selectDevice', () => {
  it('saves the picked device by its USB identity for the next start, manager only', async () => {
    const { app, dataDir } = await testApp({ devices: plugged(), config: appConfig.parse(OUTSIDE_DEMO) })
    const pick = { kind: 'printer', bus: 'serial', path: '/dev/ttyACM0' }
    await call(app, 'seller.login', { sellerId: 'anna', pin: '1111' })
    const refused = await app.dispatch('settings.selectDevice', pick)
    expect(refused.ok || refused.error.code).toBe('FORBIDDEN')

    const view = settingsView.parse(await call(app, 'settings.selectDevice', { ...pick, managerPin: '9999' }))
    expect(view.restartRequired).toEqual(['printer'])
    const saved = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8'))
    expect(saved.devices.printer).toEqual({ driver: 'serial', vendorId: '0x0483', productId: '0x5740' })
    // What was saved is a config the next start accepts.
    expect(appConfig.safeParse(saved).success).toBe(true)
  })

  it('refuses a device that is gone or cannot be that kind, writing nothing', async () => {
    const { app, dataDir } = await testApp({ devices: plugged(), config: appConfig.parse(OUTSIDE_DEMO) })
    await call(app, 'seller.login', { sellerId: 'chefin', pin: '9999' })
    const gone = await app.dispatch('settings.selectDevice', {
      kind: 'printer',
      bus: 'serial',
      path: '/dev/ttyUSB9',
    })
    expect(gone.ok || gone.error.messageKey).toBe('settings.error.deviceGone')
    const wrongKind = await app.dispatch('settings.selectDevice', {
      kind: 'printer',
      bus: 'hid',
      path: '/dev/hidraw3',
    })
    expect(wrongKind.ok || wrongKind.error.messageKey).toBe('settings.error.deviceKind')
    expect(readdirSync(dataDir)).not.toContain('config.json')
  })
})
