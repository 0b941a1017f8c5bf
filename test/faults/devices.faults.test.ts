// Device faults at the level the cashier sees them: the real app (demo config, virtual printer, drawer
// and scanner), faults injected into the twins, everything observed through the contract. Each fault must
// end in a defined status on `devices.status` (pushed as an event, with a message key the UI can show in
// German and English) and must have a recovery path that works once the cause is fixed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DeviceState, DeviceStatus } from '../../common/devices'
import type { EventMessage } from '../../main/ipc/event-bus'
import { createTestApp, type TestApp } from '../helpers/test-app'
import { messageText } from '../fuzz/messages'

let t: TestApp
let events: EventMessage[]

beforeEach(async () => {
  t = await createTestApp()
  events = []
  t.app.events.subscribe((m) => events.push(m))
  await t.app.dispatch('seller.login', { sellerId: 'chefin', pin: '9999' })
})
afterEach(async () => {
  await t?.dispose()
})

async function send<T>(command: string, input: unknown = {}): Promise<T> {
  const result = await t.app.dispatch(command, input)
  if (!result.ok)
    throw new Error(`${command}: ${result.error.code} ${result.error.messageKey} ${result.error.message}`)
  return result.value as T
}

const statusOf = async (kind: DeviceStatus['kind']) =>
  (await send<DeviceStatus[]>('devices.status')).find((s) => s.kind === kind)!

/** The status the UI shows for `kind`: in `states`, pushed as an event, and worded in both languages. */
async function shows(kind: DeviceStatus['kind'], states: DeviceState[]): Promise<DeviceStatus> {
  await expect
    .poll(async () => (await statusOf(kind)).state, { timeout: 8000, interval: 50 })
    .toSatisfy((s: DeviceState) => states.includes(s))
  const status = await statusOf(kind)
  const pushed = events
    .filter((e) => e.type === 'devices.status' && (e.payload as DeviceStatus).kind === kind)
    .at(-1)
  expect(
    (pushed?.payload as DeviceStatus | undefined)?.state,
    `${kind} status must reach the UI as an event`,
  ).toBe(status.state)
  const key = status.messageKey ?? `status.state.${status.state}`
  expect(messageText('de', key), `German text for ${key}`).toBeTruthy()
  expect(messageText('en', key), `English text for ${key}`).toBeTruthy()
  return status
}

type PrintAnswer = { status: 'printed' | 'failed'; messageKey: string | null }
const printer = () => t.app.devices.virtual.printer!

describe('printer', () => {
  it('paper runs out mid-receipt: the job fails with a worded reason, the status says paper out; new paper and the next print works', async () => {
    printer().emulator.set({ paperOutAfterLines: 3 })
    const failed = await send<PrintAnswer>('devices.testPrint')
    expect(failed.status).toBe('failed')
    expect(messageText('de', failed.messageKey!)).toBeTruthy()
    await shows('printer', ['paper-out'])

    printer().emulator.set({ paperOut: false })
    const again = await send<PrintAnswer>('devices.testPrint')
    expect(again).toEqual({ status: 'printed', messageKey: null })
    await shows('printer', ['connected', 'paper-low'])
  })

  it('printer switched off: offline with a reason; switched on, it is found again without a restart', async () => {
    await send('demo.fault', { fault: 'printer.offline', on: true })
    expect((await send<PrintAnswer>('devices.testPrint')).status).toBe('failed')
    await shows('printer', ['offline'])
    await send('demo.fault', { fault: 'printer.offline', on: false })
    // The device manager probes a lost printer with backoff (≤ 5 s); no command is needed for it.
    await shows('printer', ['connected'])
    expect((await send<PrintAnswer>('devices.testPrint')).status).toBe('printed')
  })

  it('cover open: nothing is sent, the status says so; closed, printing works', async () => {
    const before = printer().emulator.receivedCount
    await send('demo.fault', { fault: 'printer.cover-open', on: true })
    await shows('printer', ['cover-open'])
    expect((await send<PrintAnswer>('devices.testPrint')).status).toBe('failed')
    expect(
      printer()
        .decoded()
        .lines.map((l) => l.text)
        .join('\n'),
    ).not.toContain('Testdruck')
    await send('demo.fault', { fault: 'printer.cover-open', on: false })
    expect((await send<PrintAnswer>('devices.testPrint')).status).toBe('printed')
    expect(printer().emulator.receivedCount).toBeGreaterThan(before)
  })

  it('cable pulled in the middle of a job: disconnected; plugged back, it recovers by itself', async () => {
    printer().link.unplugAfterBytes(40)
    expect((await send<PrintAnswer>('devices.testPrint')).status).toBe('failed')
    await shows('printer', ['disconnected', 'offline'])
    printer().link.plugIn()
    await shows('printer', ['connected'])
    expect((await send<PrintAnswer>('devices.testPrint')).status).toBe('printed')
  })
})

describe('cash drawer', () => {
  type Opened = { opened: boolean; messageKey: string | null }

  it('stuck: one kick, not opened, a worded reason and an error status; freed, it opens and closes', async () => {
    const drawer = t.app.devices.virtual.drawer!
    await send('demo.fault', { fault: 'drawer.stuck', on: true })
    const stuck = await send<Opened>('drawer.open', { reason: 'Wechselgeld', managerPin: '9999' })
    expect(stuck.opened).toBe(false)
    expect(messageText('de', stuck.messageKey!)).toBeTruthy()
    expect(drawer.kicks).toBe(1)
    await shows('drawer', ['error'])

    await send('demo.fault', { fault: 'drawer.stuck', on: false })
    t.clock.advance(1000)
    await new Promise((r) => setTimeout(r, 700))
    expect(await send<Opened>('drawer.open', { reason: 'Wechselgeld', managerPin: '9999' })).toEqual({
      opened: true,
      messageKey: null,
    })
    await shows('drawer', ['drawer-open'])
    await send('demo.closeDrawer')
    await shows('drawer', ['drawer-closed'])
  })

  it('unplugged: the kick is not sent and the status says disconnected; plugged in, it opens', async () => {
    const drawer = t.app.devices.virtual.drawer!
    drawer.unplug()
    const refused = await send<Opened>('drawer.open', { reason: 'Wechselgeld', managerPin: '9999' })
    expect(refused.opened).toBe(false)
    expect(drawer.kicks).toBe(0)
    await shows('drawer', ['disconnected'])
    drawer.plugIn()
    t.clock.advance(1000)
    await new Promise((r) => setTimeout(r, 700))
    expect((await send<Opened>('drawer.open', { reason: 'Wechselgeld', managerPin: '9999' })).opened).toBe(
      true,
    )
  })
})

describe('scanner', () => {
  it('unplugged in the middle of a code: the half code is refused, never sold; the status says so; plugged back, scans sell again', async () => {
    const scanner = t.app.devices.virtual.scanner
    scanner.type('40071230', 'none')
    await send('demo.fault', { fault: 'scanner.unplugged', on: true })
    await shows('scanner', ['disconnected'])
    const results = events
      .filter((e) => e.type === 'scan.result')
      .map((e) => e.payload as { outcome: string; scan: { kind: string; reason?: string } })
    expect(results).toEqual([
      expect.objectContaining({
        outcome: 'rejected',
        scan: expect.objectContaining({ kind: 'invalid', reason: 'partial-read' }),
      }),
    ])
    expect(
      (await send<{ basket: { lines: unknown[] } | null }>('register.view')).basket?.lines ?? [],
    ).toEqual([])

    const refused = await t.app.dispatch('demo.scan', { code: '4007123000517' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'DEVICE' } })
    if (!refused.ok) expect(messageText('de', refused.error.messageKey)).toBeTruthy()

    await send('demo.fault', { fault: 'scanner.unplugged', on: false })
    await shows('scanner', ['connected'])
    await send('demo.scan', { code: '4007123000517' })
    expect(
      (await send<{ basket: { lines: { name: string }[] } }>('register.view')).basket.lines.map(
        (l) => l.name,
      ),
      // The bottle brings its deposit line along.
    ).toEqual(['Mineralwasser 0,5 l', 'Pfand Einweg'])
  })
})
