import { describe, expect, it } from 'vitest'
import { memoryLogger } from '../../../../common/ports'
import { drawerConfig } from '../../../../common/config/devices'
import { createDrawer, kickBytes, kickDurationMs } from '../../../../hardware/drawer'
import type { ModemLines, OpenSerialLine } from '../../../../hardware/drawer/serial-line'
import { createVirtualPrinter } from '../../../../hardware/virtual/printer'
import { VirtualDrawer } from '../../../../hardware/virtual/drawer'
import { TransportError } from '../../../../hardware/printer/transports/transport'

const pulses = (p: ReturnType<typeof createVirtualPrinter>) =>
  p.decoded().commands.filter((c) => c.type === 'pulse')

describe('ESC p kick bytes', () => {
  it('are always five bytes per pin, timings in 2 ms units', () => {
    expect(Array.from(kickBytes({ pin: '2', onMs: 50, offMs: 500 }))).toEqual([0x1b, 0x70, 0x00, 0x19, 0xfa])
    expect(Array.from(kickBytes({ pin: '5', onMs: 100, offMs: 250 }))).toEqual([0x1b, 0x70, 0x01, 0x32, 0x7d])
    expect(Array.from(kickBytes({ pin: 'both', onMs: 50, offMs: 50 }))).toEqual([
      0x1b, 0x70, 0x00, 0x19, 0x19, 0x1b, 0x70, 0x01, 0x19, 0x19,
    ])
    expect(Array.from(kickBytes({ pin: '2', onMs: 2, offMs: 600 })).slice(3)).toEqual([1, 255])
    expect(kickDurationMs({ pin: '2', onMs: 50, offMs: 500 })).toBe(550)
  })
})

describe('virtual drawer', () => {
  it('opens once per request, logs the reason, reports open and closed', async () => {
    const logger = memoryLogger()
    const d = new VirtualDrawer({}, { logger })
    expect(await d.open({ reason: 'cash sale R-42' })).toEqual({ status: 'kicked', open: true })
    expect(d.current().state).toBe('drawer-open')
    expect(logger.entries.find((e) => e.event === 'drawer.open')?.data).toMatchObject({
      reason: 'cash sale R-42',
    })
    d.shut()
    expect((await d.status()).state).toBe('drawer-closed')
  })

  it('a stuck drawer: one kick, no retry, status error "stuck"', async () => {
    const d = new VirtualDrawer({ confirmMs: 100 })
    d.setStuck(true)
    const outcome = await d.open({ reason: 'no sale' })
    expect(outcome).toMatchObject({ status: 'failed', state: 'error', messageKey: 'device.drawer.stuck' })
    expect(d.kicks).toBe(1)
    expect(d.current()).toMatchObject({ state: 'error', messageKey: 'device.drawer.stuck' })
  })

  it('refuses a second kick while the first is still running, and kicks again after it', async () => {
    let now = 1_000_000
    const d = new VirtualDrawer({}, { clock: { now: () => now } })
    await d.open({ reason: 'cash sale R-1' })
    d.shut()
    expect(await d.open({ reason: 'cash sale R-1 (double tap)' })).toMatchObject({
      status: 'failed',
      messageKey: 'device.drawer.busy',
    })
    expect(d.kicks).toBe(1)
    now += 1000
    expect(await d.open({ reason: 'cash in' })).toEqual({ status: 'kicked', open: true })
    expect(d.kicks).toBe(2)
  })

  it('an unplugged drawer fails as disconnected without kicking', async () => {
    const d = new VirtualDrawer()
    d.unplug()
    expect(await d.open({ reason: 'no sale' })).toMatchObject({ status: 'failed', state: 'disconnected' })
    expect(d.kicks).toBe(0)
    expect((await d.status()).state).toBe('disconnected')
  })
})

describe('drawer on the printer (ESC p, sensor DLE EOT 1 bit 2)', () => {
  const setup = (sensorOpenWhen: 'high' | 'low' | 'none', wire: 'opens' | 'stuck') => {
    const printer = createVirtualPrinter()
    // Wiring the emulated drawer: a kick flips pin 3 to its "open" level unless the drawer is stuck.
    const closedLevel = sensorOpenWhen === 'low'
    printer.emulator.set({ drawerPinHigh: closedLevel })
    if (wire === 'opens')
      printer.emulator.onPulse(() => printer.emulator.set({ drawerPinHigh: !closedLevel }))
    const config = drawerConfig.parse({ driver: 'printer', pin: '5', onMs: 60, offMs: 240, sensorOpenWhen })
    const logger = memoryLogger()
    return { printer, logger, drawer: createDrawer(config, { printer, logger }) }
  }

  it.each(['high', 'low'] as const)(
    'kicks pin 5 with the configured timings and reads "open" with polarity %s',
    async (polarity) => {
      const { printer, drawer } = setup(polarity, 'opens')
      expect((await drawer.status()).state).toBe('drawer-closed')
      expect(await drawer.open({ reason: 'cash sale R-7' })).toEqual({ status: 'kicked', open: true })
      expect(pulses(printer)).toEqual([expect.objectContaining({ pin: 5, onMs: 60, offMs: 240 })])
      expect(drawer.current().state).toBe('drawer-open')
    },
  )

  it('without a sensor reports open: null', async () => {
    const { printer, drawer } = setup('none', 'opens')
    expect(await drawer.open({ reason: 'no sale' })).toEqual({ status: 'kicked', open: null })
    expect(pulses(printer)).toHaveLength(1)
  })

  it('a stuck drawer: exactly one pulse, status error, the reason logged', async () => {
    const { printer, drawer, logger } = setup('high', 'stuck')
    const outcome = await drawer.open({ reason: 'cash sale R-8' })
    expect(outcome).toMatchObject({ status: 'failed', messageKey: 'device.drawer.stuck' })
    expect(pulses(printer)).toHaveLength(1)
    expect(drawer.current().state).toBe('error')
    expect(logger.entries.map((e) => e.event)).toEqual(
      expect.arrayContaining(['drawer.open', 'drawer.stuck']),
    )
  })

  it('printer unplugged: the kick fails as disconnected and is not retried', async () => {
    const { printer, drawer } = setup('high', 'opens')
    printer.link.unplug()
    expect(await drawer.open({ reason: 'no sale' })).toMatchObject({
      status: 'failed',
      state: 'disconnected',
    })
    printer.link.plugIn()
    expect(pulses(printer)).toHaveLength(0)
  })

  it('needs its printer', () => {
    expect(() => createDrawer(drawerConfig.parse({ driver: 'printer' }))).toThrow(/needs the printer/)
  })
})

/** A serial line with modem lines under test control (ptys have none, reference C.5). */
function fakeLine(initial: Partial<ModemLines> = {}) {
  const state = {
    writes: [] as number[][],
    lineSets: [] as { dtr: boolean; rts: boolean }[],
    lines: { cts: false, dsr: false, dcd: false, ...initial },
    opens: 0,
    fail: null as TransportError | null,
    hupcl: [] as boolean[],
  }
  const open: OpenSerialLine = async ({ hupcl }) => {
    if (state.fail) throw state.fail
    state.opens++
    state.hupcl.push(hupcl)
    let isOpen = true
    return {
      get isOpen() {
        return isOpen
      },
      write: async (b) => void state.writes.push(Array.from(b)),
      setLines: async (l) => void state.lineSets.push(l),
      getLines: async () => ({ ...state.lines }),
      close: async () => void (isOpen = false),
    }
  }
  return { state, open }
}

describe('serial drawer interface', () => {
  it('writes the trigger bytes once and confirms with DSR (open when low)', async () => {
    const line = fakeLine({ dsr: true })
    const drawer = createDrawer(
      drawerConfig.parse({
        driver: 'serial',
        path: '/dev/ttyS9',
        trigger: { bytes: [0x07] },
        sensor: 'dsr',
        sensorOpenWhen: 'low',
      }),
      { openLine: line.open },
    )
    const opened = drawer.open({ reason: 'cash sale R-9' })
    setTimeout(() => (line.state.lines.dsr = false), 20)
    expect(await opened).toEqual({ status: 'kicked', open: true })
    expect(line.state.writes).toEqual([[0x07]])
  })

  it('pulses DTR with RTS held low, from an idle state set right after opening (hupcl off)', async () => {
    const line = fakeLine()
    const drawer = createDrawer(
      drawerConfig.parse({ driver: 'serial', path: '/dev/ttyS9', trigger: { pulse: 'dtr', ms: 30 } }),
      { openLine: line.open },
    )
    expect(await drawer.open({ reason: 'no sale' })).toEqual({ status: 'kicked', open: null })
    expect(line.state.lineSets).toEqual([
      { dtr: false, rts: false },
      { dtr: true, rts: false },
      { dtr: false, rts: false },
    ])
    expect(line.state.hupcl).toEqual([false])
  })

  it('a stuck drawer on CTS: one trigger, then status error', async () => {
    const line = fakeLine()
    const drawer = createDrawer(
      drawerConfig.parse({
        driver: 'serial',
        path: '/dev/ttyS9',
        trigger: { bytes: [0x07] },
        sensor: 'cts',
        sensorOpenWhen: 'high',
      }),
      { openLine: line.open },
    )
    expect(await drawer.open({ reason: 'no sale' })).toMatchObject({
      status: 'failed',
      messageKey: 'device.drawer.stuck',
    })
    expect(line.state.writes).toHaveLength(1)
    expect(drawer.current().state).toBe('error')
  })

  it('a missing port fails the request as disconnected', async () => {
    const line = fakeLine()
    line.state.fail = new TransportError('disconnected', 'ENOENT /dev/ttyS9')
    const drawer = createDrawer(
      drawerConfig.parse({ driver: 'serial', path: '/dev/ttyS9', trigger: { bytes: [0x07] } }),
      { openLine: line.open },
    )
    expect(await drawer.open({ reason: 'no sale' })).toMatchObject({
      status: 'failed',
      state: 'disconnected',
    })
    expect(line.state.writes).toHaveLength(0)
  })
})
