// The drawer pulse and the status bar tell the truth, against the loopback TCP 9100 fake printer whose
// received bytes are decoded byte by byte: no ESC p waits in the buffer of a printer that cannot print,
// and the status is polled so "paper out" shows (and goes) without a print.
import { afterEach, describe, expect, it } from 'vitest'
import { drawerConfig, printerConfig } from '../../../../common/config/devices'
import type { DeviceStatus } from '../../../../common/devices'
import { memoryLogger, systemClock } from '../../../../common/ports'
import { createDrawer } from '../../../../hardware/drawer'
import { decodeEscPos } from '../../../../hardware/escpos-decoder'
import { createDeviceManager } from '../../../../hardware/manager/device-manager'
import { createPrinter } from '../../../../hardware/printer'
import { type FakeTcpPrinter, startFakeTcpPrinter } from '../../../fakes/fake-tcp-printer'
import { goldenReceipt } from '../../../fixtures/escpos/golden-receipt'

let fake: FakeTcpPrinter | null = null
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
  await fake?.close()
  fake = null
})

const printerAt = (port: number) => ({
  driver: 'tcp',
  host: '127.0.0.1',
  port,
  statusTimeoutMs: 300,
  connectTimeoutMs: 1000,
  writeTimeoutMs: 2000,
})

function setup(f: FakeTcpPrinter, pulse: 'buffered' | 'realtime' = 'buffered') {
  const logger = memoryLogger()
  const printer = createPrinter(printerConfig.parse(printerAt(f.port)), { logger })
  const drawer = createDrawer(drawerConfig.parse({ driver: 'printer', pulse, sensorOpenWhen: 'none' }), {
    printer,
    logger,
  })
  cleanups.push(
    () => drawer.close(),
    () => printer.close(),
  )
  const pulses: unknown[] = []
  f.emulator.onPulse((p) => pulses.push(p))
  const commands = () => decodeEscPos(f.emulator.receivedBytes()).commands.map((c) => c.type)
  return { printer, drawer, pulses, commands, logger }
}

describe('drawer pulse only to a printer that is ready', () => {
  it.each([
    ['paper out', { paperOut: true }, 'paper-out'],
    ['cover open', { coverOpen: true }, 'cover-open'],
    ['offline', { offline: true }, 'error'],
  ] as const)(
    '%s: ESC p is not sent, and nothing fires after the refill and the next print',
    async (_, state, expected) => {
      fake = await startFakeTcpPrinter()
      const t = setup(fake)
      fake.emulator.set(state)
      const outcome = await t.drawer.open({ reason: 'cash sale R-1' })
      expect(outcome).toMatchObject({
        status: 'failed',
        state: expected,
        messageKey: 'device.drawer.printerNotReady',
      })
      expect(t.commands()).not.toContain('pulse')
      expect(decodeEscPos(fake.emulator.heldBytes()).commands.map((c) => c.type)).not.toContain('pulse')
      // Refilled, then the next receipt (or a reprint) connects: no unannounced opening.
      fake.emulator.set({ paperOut: false, coverOpen: false, offline: false })
      expect(await t.printer.print({ key: 'R-2', document: goldenReceipt() })).toMatchObject({
        status: 'printed',
      })
      expect(t.pulses).toEqual([])
      expect(t.logger.entries.some((e) => e.event === 'drawer.open.not-sent')).toBe(true)
    },
  )

  it('a ready printer gets ESC p after its status answered, and the drawer opens once', async () => {
    fake = await startFakeTcpPrinter()
    const t = setup(fake)
    expect(await t.drawer.open({ reason: 'no sale' })).toMatchObject({ status: 'kicked' })
    const types = t.commands()
    expect(types.indexOf('status-request')).toBeLessThan(types.indexOf('pulse'))
    expect(t.pulses).toHaveLength(1)
  })

  it('realtime mode: DLE DC4 1 m t goes to a printer out of paper that answers, ESC p never', async () => {
    fake = await startFakeTcpPrinter()
    const t = setup(fake, 'realtime')
    fake.emulator.set({ paperOut: true })
    expect(await t.drawer.open({ reason: 'cash sale R-3' })).toMatchObject({ status: 'kicked' })
    const decoded = decodeEscPos(fake.emulator.receivedBytes()).commands
    expect(decoded.filter((c) => c.type === 'realtime-pulse')).toEqual([
      expect.objectContaining({ type: 'realtime-pulse', pin: 2, ms: 100 }),
    ])
    expect(decoded.some((c) => c.type === 'pulse')).toBe(false)
  })

  it('realtime mode: a printer that does not answer gets no pulse at all', async () => {
    fake = await startFakeTcpPrinter()
    const t = setup(fake, 'realtime')
    fake.emulator.set({ power: false })
    expect(await t.drawer.open({ reason: 'cash sale R-4' })).toMatchObject({
      status: 'failed',
      messageKey: 'device.drawer.printerNotReady',
    })
    fake.emulator.set({ power: true })
    expect(decodeEscPos(fake.emulator.receivedBytes()).commands.map((c) => c.type)).toEqual([])
  })
})

describe('status polling (device manager over the fake TCP printer)', () => {
  async function until(check: () => boolean, ms = 4000): Promise<void> {
    const end = Date.now() + ms
    while (!check()) {
      if (Date.now() > end) throw new Error('condition not reached in time')
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  it('"paper out" shows without a print and goes after the refill; the drawer closing shows', async () => {
    fake = await startFakeTcpPrinter()
    const manager = createDeviceManager({
      config: {
        printer: printerAt(fake.port),
        drawer: { driver: 'printer', sensorOpenWhen: 'high' },
        statusPollMs: 250,
      },
      clock: systemClock,
      logger: memoryLogger(),
    })
    cleanups.push(() => manager.close())
    const seen: DeviceStatus[] = []
    manager.onStatus((s) => seen.push(s))
    const state = (kind: string) => manager.statuses().find((s) => s.kind === kind)?.state
    await until(() => state('printer') === 'connected')
    fake.emulator.set({ paperOut: true })
    await until(() => state('printer') === 'paper-out')
    fake.emulator.set({ paperOut: false })
    await until(() => state('printer') === 'connected')
    fake.emulator.set({ drawerPinHigh: true })
    await until(() => state('drawer') === 'drawer-open')
    fake.emulator.set({ drawerPinHigh: false })
    await until(() => state('drawer') === 'drawer-closed')
    expect(seen.filter((s) => s.kind === 'printer').map((s) => s.state)).toEqual(
      expect.arrayContaining(['paper-out', 'connected']),
    )
    // Nothing printed: the status came from DLE EOT polls alone.
    expect(
      decodeEscPos(fake.emulator.receivedBytes()).commands.every((c) => c.type === 'status-request'),
    ).toBe(true)
  })
})

describe('what a failed job says about the paper (fake TCP printer)', () => {
  it('cable pulled mid-job: "maybe partly printed" (device.printer.maybePartial), part of it decoded on paper', async () => {
    fake = await startFakeTcpPrinter()
    const printer = createPrinter(printerConfig.parse(printerAt(fake.port)))
    cleanups.push(() => printer.close())
    // The pre-check's 9 status bytes, then 300 bytes of the receipt, then the cable goes.
    fake.dropClientAfter(9 + 300)
    const outcome = await printer.print({ key: 'P-1', document: goldenReceipt() })
    expect(outcome).toMatchObject({
      status: 'failed',
      state: 'disconnected',
      messageKey: 'device.printer.maybePartial',
      reached: 'maybe',
    })
    const paper = decodeEscPos(fake.emulator.printedBytes())
    expect(paper.commands.some((c) => c.type === 'init')).toBe(true)
    expect(paper.commands.some((c) => c.type === 'cut')).toBe(false)
  })

  it('connection refused: "not printed", nothing reached the printer', async () => {
    fake = await startFakeTcpPrinter()
    const port = fake.port
    await fake.close()
    fake = null
    const printer = createPrinter(printerConfig.parse(printerAt(port)))
    cleanups.push(() => printer.close())
    expect(await printer.print({ key: 'P-2', document: goldenReceipt() })).toMatchObject({
      status: 'failed',
      state: 'disconnected',
      messageKey: 'status.state.disconnected',
      reached: 'nothing',
    })
  })

  it('paper out before the job: "Papier leer", nothing sent', async () => {
    fake = await startFakeTcpPrinter()
    const printer = createPrinter(printerConfig.parse(printerAt(fake.port)))
    cleanups.push(() => printer.close())
    fake.emulator.set({ paperOut: true })
    expect(await printer.print({ key: 'P-3', document: goldenReceipt() })).toMatchObject({
      status: 'failed',
      messageKey: 'status.state.paper-out',
      reached: 'nothing',
    })
    expect(
      decodeEscPos(fake.emulator.receivedBytes()).commands.every((c) => c.type === 'status-request'),
    ).toBe(true)
  })
})
