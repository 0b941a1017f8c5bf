import { describe, expect, it, vi } from 'vitest'
import type { DeviceStatus, Scan } from '../../../../common/devices'
import { memoryLogger } from '../../../../common/ports'
import { createDeviceManager, type DeviceManagerOptions } from '../../../../hardware/manager/device-manager'
import { backoffDelay } from '../../../../hardware/manager/reconnect'
import type { HidDeviceInfo } from '../../../../hardware/scanner/hid-backend'
import type { SerialBackend } from '../../../../hardware/scanner/serial-backend'
import { FakeHidBus, HONEYWELL_POS, setupTime } from '../scanner/helpers'
import { FakeDrawer, FakePrinter } from './fakes'

const HID_SCANNER = { driver: 'hid', mode: 'hid-pos', vendorId: '0x0c2e', productId: '0x0b8f' }

function ean13Report(code: string): string {
  const b = new Uint8Array(64)
  b[0] = 2
  b[1] = code.length
  b.set(Buffer.from(']E0'), 2)
  b.set(Buffer.from(code), 5)
  return Buffer.from(b).toString('hex')
}

const noSerial: SerialBackend = {
  list: async () => [],
  open: async () => {
    throw new Error('no serial ports here')
  },
}

function setup(
  config: unknown = {},
  over: Partial<DeviceManagerOptions> = {},
  attached: HidDeviceInfo[] = [],
) {
  const time = setupTime()
  const logger = memoryLogger()
  const bus = new FakeHidBus()
  bus.devices = attached
  const printers: FakePrinter[] = []
  const drawers: FakeDrawer[] = []
  const manager = createDeviceManager({
    // Status polling off unless a test turns it on: these tests count timers and probes.
    config: { statusPollMs: 0, ...(config as object) },
    ...time,
    logger,
    hid: bus,
    serial: noSerial,
    random: () => 0.5, // no jitter: delays are exactly 500, 1000, 2000 …
    factories: {
      printer: (c) => {
        const p = new FakePrinter(c)
        printers.push(p)
        return p
      },
      drawer: (c, deps) => {
        const d = new FakeDrawer(c, deps.printer)
        drawers.push(d)
        return d
      },
    },
    ...over,
  })
  const statuses: DeviceStatus[] = []
  const scans: Scan[] = []
  manager.onStatus((s) => statuses.push(s))
  manager.onScan((s) => scans.push(s))
  // Lets the HID scanner's async connect settle between timer steps.
  const settle = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve()
  }
  return { ...time, logger, bus, manager, printers, drawers, statuses, scans, settle }
}

describe('device manager', () => {
  it('all-virtual by default: virtual scanner reachable for demo and tests, scans forwarded', async () => {
    const { manager, scans, printers, drawers } = setup()
    expect(manager.scanner).toBe(manager.virtual.scanner)
    expect(manager.printer).toBe(printers[0])
    expect(manager.drawer).toBe(drawers[0])
    // fakes are not the printer engineer's virtual twins
    expect(manager.virtual.printer).toBeNull()
    expect(drawers[0].printer).toBe(printers[0])
    manager.virtual.scanner.inject('4006381333931')
    manager.virtual.scanner.inject('4006381333931')
    expect(scans.map((s) => s.kind)).toEqual(['ean13', 'ean13'])
    expect(manager.statuses().map((s) => [s.kind, s.state])).toEqual([
      ['scanner', 'connected'],
      ['printer', 'connected'],
      ['drawer', 'drawer-closed'],
    ])
    await manager.close()
  })

  it('re-emits printer status changes (paper out, cover open, offline) as one stream', async () => {
    const { manager, printers, statuses } = setup()
    printers[0].set('paper-out')
    printers[0].set('cover-open')
    printers[0].set('offline')
    expect(statuses.map((s) => `${s.kind}:${s.state}`)).toEqual([
      'printer:paper-out',
      'printer:cover-open',
      'printer:offline',
    ])
    await manager.close()
  })

  it('a printer the config cannot describe becomes an error device instead of an exception', async () => {
    const time = setupTime()
    // default factories (the printer engineer's createPrinter): driver tcp without host throws
    const manager = createDeviceManager({
      config: { printer: { driver: 'tcp' } },
      ...time,
      logger: memoryLogger(),
      hid: new FakeHidBus(),
      serial: noSerial,
    })
    expect(manager.printer.current()).toMatchObject({ state: 'error', messageKey: 'device.printer.noDriver' })
    expect(manager.printer.current().detail).toContain('host')
    expect(await manager.printer.print({ key: 'R-1', document: {} as never })).toMatchObject({
      status: 'failed',
      key: 'R-1',
    })
    await manager.close()
  })

  it('a printer gone offline is probed with backoff until it answers again', async () => {
    const t = setup()
    await t.settle()
    const printer = t.printers[0]
    let probes = 0
    const status = printer.status
    printer.status = async () => {
      probes++
      return status()
    }
    printer.set('offline')
    expect(t.timers.pending()).toBe(1)
    t.timers.advance(500)
    await t.settle()
    expect(probes).toBe(1)
    printer.set('connected')
    t.timers.advance(1000)
    await t.settle()
    expect(probes).toBe(2)
    expect(t.timers.pending()).toBe(0)
    // paper out is not "gone": no probing, the cashier has to act
    printer.set('paper-out')
    expect(t.timers.pending()).toBe(0)
    await t.manager.close()
  })

  it('polls printer and drawer every statusPollMs while they are up, not while lost, and stops on close', async () => {
    const t = setup({ statusPollMs: 5000 })
    await t.settle()
    const [printer] = t.printers
    const [drawer] = t.drawers
    let printerPolls = 0
    let drawerPolls = 0
    const pStatus = printer.status
    printer.status = async () => {
      printerPolls++
      return pStatus()
    }
    const dStatus = drawer.status.bind(drawer)
    drawer.status = async () => {
      drawerPolls++
      return dStatus()
    }
    t.timers.advance(4999)
    await t.settle()
    expect([printerPolls, drawerPolls]).toEqual([0, 0])
    t.timers.advance(1)
    await t.settle()
    expect([printerPolls, drawerPolls]).toEqual([1, 1])
    t.timers.advance(5000)
    await t.settle()
    expect([printerPolls, drawerPolls]).toEqual([2, 2])
    // Paper out is not "lost": the poll goes on, so the refill shows without a print.
    printer.set('paper-out')
    t.timers.advance(5000)
    await t.settle()
    expect(printerPolls).toBe(3)
    await t.manager.close()
    expect(t.timers.pending()).toBe(0)
  })

  it('builds the configured scale (virtual twin), reports its status, and drops it when reconfigured to none', async () => {
    const t = setup({ scale: { driver: 'virtual' } })
    expect(t.manager.scale).toBe(t.manager.virtual.scale)
    await vi.waitFor(() => expect(t.manager.scale?.current().state).toBe('connected'))
    expect(t.manager.statuses().map((s) => s.kind)).toContain('scale')
    t.manager.virtual.scale!.place(237)
    expect(await t.manager.scale!.weigh({ unitPrice: 2490 })).toMatchObject({ status: 'stable', amount: 590 })
    await t.manager.reconfigure({ statusPollMs: 0, scale: { driver: 'none' } })
    expect(t.manager.scale).toBeNull()
    expect(t.manager.statuses().map((s) => s.kind)).not.toContain('scale')
    await t.manager.close()
  })

  it('real HID scanner absent at start: retries with capped exponential backoff until it is plugged in', async () => {
    const t = setup({ scanner: HID_SCANNER }, { backoff: { initialMs: 500, maxMs: 4000, jitter: 0.2 } })
    await t.settle()
    expect(t.manager.scanner.current()).toMatchObject({
      state: 'disconnected',
      messageKey: 'device.scanner.notFound',
    })
    const listsAt: number[] = []
    const start = t.clock.now()
    for (const step of [500, 1000, 2000, 4000, 4000]) {
      const before = t.bus.listCalls
      t.timers.advance(step - 1)
      await t.settle()
      expect(t.bus.listCalls).toBe(before)
      t.timers.advance(1)
      await t.settle()
      expect(t.bus.listCalls).toBe(before + 1)
      listsAt.push(t.clock.now() - start)
    }
    expect(listsAt).toEqual([500, 1500, 3500, 7500, 11500])
    t.bus.devices = [HONEYWELL_POS]
    t.timers.advance(4000)
    await t.settle()
    expect(t.manager.scanner.current().state).toBe('connected')
    expect(t.timers.pending()).toBe(0)
    t.bus.last.emitReport(ean13Report('4006381333931\r'))
    expect(t.scans).toEqual([{ code: '4006381333931', kind: 'ean13', source: 'hid-pos', symbology: 'ean13' }])
    await t.manager.close()
  })

  it('unplug → disconnected status → reconnect by VID/PID under a new path, backoff reset', async () => {
    const t = setup({ scanner: HID_SCANNER }, {}, [HONEYWELL_POS])
    await t.settle()
    expect(t.manager.scanner.current().state).toBe('connected')
    t.bus.devices = []
    t.bus.last.unplug()
    await t.settle()
    expect(t.statuses.filter((s) => s.kind === 'scanner').map((s) => s.messageKey)).toEqual([
      'device.scanner.connected',
      'device.scanner.lost',
    ])
    t.timers.advance(500)
    await t.settle()
    expect(t.manager.scanner.current().messageKey).toBe('device.scanner.notFound')
    t.bus.devices = [{ ...HONEYWELL_POS, path: '/dev/hidraw8' }]
    t.timers.advance(1000)
    await t.settle()
    expect(t.manager.scanner.current().state).toBe('connected')
    expect(t.bus.last.target).toEqual({ path: '/dev/hidraw8' })
    // a second unplug starts from the first delay again
    t.bus.last.unplug()
    await t.settle()
    t.timers.advance(499)
    await t.settle()
    expect(t.manager.scanner.current().state).toBe('disconnected')
    t.timers.advance(1)
    await t.settle()
    expect(t.manager.scanner.current().state).toBe('connected')
    await t.manager.close()
  })

  it('reconnectNow tries at once instead of waiting for the backoff', async () => {
    const t = setup({ scanner: HID_SCANNER })
    await t.settle()
    t.bus.devices = [HONEYWELL_POS]
    await t.manager.reconnectNow()
    expect(t.manager.scanner.current().state).toBe('connected')
    expect(t.timers.pending()).toBe(0)
    await t.manager.close()
  })

  it('lists attached HID devices and serial ports; one failing bus does not hide the other', async () => {
    const t = setup(
      {},
      {
        serial: {
          list: async () => [
            { path: '/dev/ttyACM0', vendorId: '05f9', productId: '4204', manufacturer: 'Datalogic' },
          ],
          open: noSerial.open,
        },
      },
    )
    t.bus.devices = [HONEYWELL_POS]
    expect(await t.manager.listAttached()).toEqual([
      {
        bus: 'hid',
        path: '/dev/hidraw3',
        vendorId: 0x0c2e,
        productId: 0x0b8f,
        serialNumber: '21345B4321',
        manufacturer: 'Honeywell',
        product: 'Voyager 1400g',
        usagePage: 0x8c,
      },
      { bus: 'serial', path: '/dev/ttyACM0', vendorId: 0x05f9, productId: 0x4204, manufacturer: 'Datalogic' },
    ])
    t.bus.listHid = async () => {
      throw new Error('node-hid failed to load')
    }
    expect(await t.manager.listAttached()).toEqual([
      { bus: 'serial', path: '/dev/ttyACM0', vendorId: 0x05f9, productId: 0x4204, manufacturer: 'Datalogic' },
    ])
    expect(t.logger.entries.some((e) => e.event === 'devices.list-failed' && e.data?.bus === 'hid')).toBe(
      true,
    )
    await t.manager.close()
  })

  it('reconfigure swaps only what changed; scan and status listeners survive', async () => {
    const t = setup()
    const oldVirtual = t.manager.virtual.scanner
    t.bus.devices = [HONEYWELL_POS]
    await t.manager.reconfigure({ scanner: HID_SCANNER })
    await t.settle()
    expect(t.manager.scanner.virtual).toBe(false)
    expect(t.manager.scanner.current().state).toBe('connected')
    expect(t.printers).toHaveLength(1)
    expect(t.manager.virtual.scanner).not.toBe(oldVirtual)
    t.bus.last.emitReport(ean13Report('96385074\r'))
    // the virtual scanner stays usable next to the real one
    t.manager.virtual.scanner.inject('9276004429942845')
    expect(t.scans.map((s) => [s.kind, s.source])).toEqual([
      ['ean8', 'hid-pos'],
      ['card', 'virtual'],
    ])
    await t.manager.reconfigure({ scanner: HID_SCANNER, printer: { driver: 'tcp', host: '192.168.1.50' } })
    expect(t.printers).toHaveLength(2)
    expect(t.printers[0].closed).toBe(true)
    expect(t.drawers).toHaveLength(2)
    expect(t.drawers[1].printer).toBe(t.printers[1])
    expect(t.manager.virtual.printer).toBeNull()
    await t.manager.close()
  })

  it('close() closes every device and leaves no timer behind', async () => {
    const t = setup({ scanner: HID_SCANNER })
    await t.settle()
    expect(t.timers.pending()).toBe(1)
    await t.manager.close()
    expect(t.timers.pending()).toBe(0)
    expect(t.printers[0].closed).toBe(true)
    expect(t.drawers[0].closed).toBe(true)
    t.timers.advance(60_000)
    await t.settle()
    expect(t.bus.listCalls).toBe(1)
  })

  it('rejects a config that does not parse', () => {
    expect(() => setup({ scanner: { driver: 'hid' } })).toThrow()
  })
})

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const o = { initialMs: 500, maxMs: 30_000, jitter: 0 }
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50].map((a) => backoffDelay(a, o))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ])
  })
  it('jitter stays within ± the fraction and never exceeds the cap', () => {
    const o = { initialMs: 500, maxMs: 30_000, jitter: 0.2 }
    expect(backoffDelay(0, o, () => 0)).toBe(400)
    expect(backoffDelay(0, o, () => 0.999999)).toBe(600)
    expect(backoffDelay(10, o, () => 0.999999)).toBe(30_000)
  })
})
