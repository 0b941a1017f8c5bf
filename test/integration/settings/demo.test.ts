// The demo panel through the contract: paper of the virtual printer per job, the virtual drawer, scans
// fed to the virtual scanner, and each fault with the device status or API error it causes.
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import { appConfig } from '../../../common/config'
import { demoView, type DemoView } from '../../../common/ipc/settings-contract'
import type { DeviceStatus } from '../../../common/devices'
import type { ScanOutcome } from '../../../common/ipc/contract'
import type { RegisterView } from '../../../common/basket'
import type { EventMessage } from '../../../main/ipc/event-bus'
import { toAppError } from '../../../main/secuconnect'
import { DEMO_API_LATENCY_MS } from '../../../main/demo/demo-service'
// Not demo mode: an API host that is not the simulator (nothing listens on port 9; nothing here calls it).
const OUTSIDE_DEMO = { secuconnect: { host: 'http://127.0.0.1:9' } }

let t: TestApp
let events: EventMessage[]
afterEach(async () => t?.dispose())

async function start(overrides: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp> {
  t = await createTestApp(overrides)
  events = []
  t.app.events.subscribe((m) => events.push(m))
  return t
}

async function call<T>(channel: string, payload?: unknown): Promise<T> {
  const result = await t.app.dispatch(channel, payload)
  if (!result.ok)
    throw new Error(`${channel}: ${result.error.code} ${result.error.messageKey} ${result.error.message}`)
  return result.value as T
}

const view = async () => demoView.parse(await call('demo.view'))
const fault = (name: string, on: boolean) => call<DemoView>('demo.fault', { fault: name, on })
const statusOf = (kind: DeviceStatus['kind']) => t.app.devices.statuses().find((s) => s.kind === kind)!
const statusEvents = (kind: DeviceStatus['kind']) =>
  events
    .filter(
      (e): e is Extract<EventMessage, { type: 'devices.status' }> =>
        e.type === 'devices.status' && e.payload.kind === kind,
    )
    .map((e) => e.payload)
const demoEvents = () =>
  events
    .filter((e): e is Extract<EventMessage, { type: 'demo.changed' }> => e.type === 'demo.changed')
    .map((e) => e.payload)

describe('demo panel guard', () => {
  it('answers every demo command with FORBIDDEN outside demo mode', async () => {
    await start({ config: appConfig.parse(OUTSIDE_DEMO) })
    for (const [channel, payload] of [
      ['demo.view', {}],
      ['demo.scan', { code: '4260123450014' }],
      ['demo.fault', { fault: 'printer.paper-out', on: true }],
      ['demo.closeDrawer', {}],
    ] as const) {
      expect(await t.app.dispatch(channel, payload)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', messageKey: 'demo.error.notDemo' },
      })
    }
    expect(t.app.devices.virtual.printer!.emulator.state.paperOut).toBe(false)
  })
})

describe('paper and drawer', () => {
  it('shows each print job as decoded text under its key and publishes demo.changed after it', async () => {
    await start()
    expect(await view()).toEqual({ paper: [], drawer: { open: false, openings: 0 }, faults: [] })
    await call('devices.testPrint')
    await expect.poll(() => demoEvents().at(-1)?.paper.length ?? 0, { timeout: 3000 }).toBe(1)
    const paper = (await view()).paper
    expect(paper[0].key).toMatch(/^test-print-/)
    expect(paper[0].text).toContain('Testdruck')
    expect(paper[0].text).toContain('€ äöü ÄÖÜ ß')
    expect(paper[0].at).toBe(new Date(t.clock.now()).toISOString())

    // A job the printer refused before sending leaves no paper; the next one is named correctly.
    await fault('printer.paper-out', true)
    await call('devices.testPrint')
    await fault('printer.paper-out', false)
    await t.app.devices.printer.print({
      key: 'receipt-42',
      document: { ...t.app.devices.virtual.printer!.jobs()[0].job.document, title: 'Beleg 42' },
    })
    const after = (await view()).paper
    expect(after.map((p) => p.key)).toEqual([paper[0].key, 'receipt-42'])
    expect(after[1].text).toContain('Beleg 42')
  })

  it('counts drawer openings, closes the drawer by hand and publishes each change', async () => {
    await start()
    const drawer = t.app.devices.drawer
    expect(await drawer.open({ reason: 'test: no sale' })).toEqual({ status: 'kicked', open: true })
    await expect
      .poll(() => demoEvents().at(-1)?.drawer, { timeout: 2000 })
      .toEqual({ open: true, openings: 1 })

    expect((await call<DemoView>('demo.closeDrawer')).drawer).toEqual({ open: false, openings: 1 })
    expect(statusOf('drawer').state).toBe('drawer-closed')
    expect(demoEvents().at(-1)?.drawer).toEqual({ open: false, openings: 1 })

    t.clock.advance(1000)
    await drawer.open({ reason: 'test: cash sale' })
    expect((await view()).drawer).toEqual({ open: true, openings: 2 })
  })
})

describe('demo.scan', () => {
  it('adds a demo catalogue EAN to the basket like a real scan', async () => {
    await start()
    await call('seller.login', { sellerId: 'anna', pin: '1111' })
    await call('demo.scan', { code: '4260123450014' })
    const result = events.find((e) => e.type === 'scan.result')?.payload as ScanOutcome
    expect(result).toMatchObject({
      outcome: 'added',
      scan: { code: '4260123450014', kind: 'ean13', source: 'virtual' },
    })
    const register = await call<RegisterView>('register.view')
    expect(register.basket!.lines.map((l) => l.name)).toEqual(['Buttertoast 500 g'])
  })

  it('reports a demo card as a card (its number masked), without touching the basket', async () => {
    await start()
    await call('seller.login', { sellerId: 'anna', pin: '1111' })
    await call('demo.scan', { code: '9276004429942845' })
    const results = events.filter((e) => e.type === 'scan.result').map((e) => e.payload as ScanOutcome)
    expect(results).toEqual([
      expect.objectContaining({
        outcome: 'card',
        scan: expect.objectContaining({ kind: 'card', code: '•••• •••• •••• 2845' }),
      }),
    ])
    expect((await call<RegisterView>('register.view')).basket!.lines).toEqual([])
  })
})

describe('printer, drawer and scanner faults', () => {
  it.each([
    ['printer.paper-out', 'paper-out'],
    ['printer.cover-open', 'cover-open'],
    ['printer.offline', 'offline'],
  ] as const)('%s makes the printer report %s and refuse jobs, until switched off', async (name, state) => {
    await start()
    expect((await fault(name, true)).faults).toEqual([name])
    expect(statusOf('printer').state).toBe(state)
    expect(statusEvents('printer').at(-1)?.state).toBe(state)
    expect(await call('devices.testPrint')).toEqual({ status: 'failed', messageKey: `status.state.${state}` })
    expect(demoEvents().at(-1)?.faults).toEqual([name])

    expect((await fault(name, false)).faults).toEqual([])
    expect(statusOf('printer').state).toBe('connected')
    expect(await call('devices.testPrint')).toEqual({ status: 'printed', messageKey: null })
  })

  it('drawer.stuck: a kick leaves the drawer closed and reports it stuck', async () => {
    await start()
    expect((await fault('drawer.stuck', true)).faults).toEqual(['drawer.stuck'])
    const outcome = await t.app.devices.drawer.open({ reason: 'test: stuck' })
    expect(outcome).toMatchObject({ status: 'failed', messageKey: 'device.drawer.stuck' })
    expect(statusOf('drawer')).toMatchObject({ state: 'error', messageKey: 'device.drawer.stuck' })
    expect((await view()).drawer).toEqual({ open: false, openings: 0 })

    await fault('drawer.stuck', false)
    t.clock.advance(1000)
    expect(await t.app.devices.drawer.open({ reason: 'test: freed' })).toEqual({
      status: 'kicked',
      open: true,
    })
    expect((await view()).drawer).toEqual({ open: true, openings: 1 })
  })

  it('scanner.unplugged: the scanner reports disconnected and takes no scans until plugged in', async () => {
    await start()
    await call('seller.login', { sellerId: 'anna', pin: '1111' })
    expect((await fault('scanner.unplugged', true)).faults).toEqual(['scanner.unplugged'])
    expect(statusOf('scanner').state).toBe('disconnected')
    expect(statusEvents('scanner').at(-1)?.state).toBe('disconnected')
    expect(await t.app.dispatch('demo.scan', { code: '4260123450014' })).toMatchObject({
      ok: false,
      error: { code: 'DEVICE', messageKey: 'demo.error.scannerUnplugged' },
    })
    expect(events.some((e) => e.type === 'scan.result')).toBe(false)

    await fault('scanner.unplugged', false)
    expect(statusOf('scanner').state).toBe('connected')
    await call('demo.scan', { code: '4260123450014' })
    expect(events.filter((e) => e.type === 'scan.result')).toHaveLength(1)
  })
})

describe('API faults', () => {
  const findCard = () => t.app.api.client.merchantCards.findByCardNumber('9276004429942845')

  it('api.offline: requests fail as a network error, and work again when switched off', async () => {
    await start()
    await t.app.api.ready
    expect((await fault('api.offline', true)).faults).toEqual(['api.offline'])
    const error = await findCard().then(
      () => null,
      (e: unknown) => toAppError(e),
    )
    expect(error).toMatchObject({ code: 'NETWORK', messageKey: 'error.secuconnect.network' })
    expect(t.app.api.connectivity()).toBe('offline')
    await fault('api.offline', false)
    expect(await findCard()).not.toBeNull()
    expect(t.app.api.connectivity()).toBe('online')
  })

  it('api.error: the API answers 503', async () => {
    await start()
    await t.app.api.ready
    await fault('api.error', true)
    const error = await findCard().then(
      () => null,
      (e: unknown) => toAppError(e),
    )
    expect(error).toMatchObject({ code: 'API', messageKey: 'error.secuconnect.api', params: { status: 503 } })
    await fault('api.error', false)
    expect(await findCard()).not.toBeNull()
  })

  it(
    'api.slow: answers arrive late but arrive; faults combine and switch off one by one',
    { timeout: 15_000 },
    async () => {
      await start()
      await t.app.api.ready
      await fault('api.slow', true)
      const started = performance.now()
      expect(await findCard()).not.toBeNull()
      expect(performance.now() - started).toBeGreaterThanOrEqual(DEMO_API_LATENCY_MS - 50)

      // Down beats slow while both are on; switching "down" off leaves the API slow.
      expect((await fault('api.offline', true)).faults).toEqual(['api.offline', 'api.slow'])
      await expect(findCard()).rejects.toThrow()
      expect((await fault('api.offline', false)).faults).toEqual(['api.slow'])
      expect(t.app.api.simulator!.faults()).toMatchObject([{ kind: 'latency', persistent: true }])
      await fault('api.slow', false)
      expect(t.app.api.simulator!.faults()).toEqual([])
    },
  )
})
