// The node-hid driver end to end, with a fake HID bus above node-hid replaying recorded reports.
import { describe, expect, it } from 'vitest'
import type { DeviceStatus, Scan } from '../../../../common/devices'
import { memoryLogger } from '../../../../common/ports'
import { devicesConfig } from '../../../../common/config/devices'
import { isProductScan } from '../../../../hardware/scanner/classify'
import { HidScanner, pickHidDevice, type HidScannerConfig } from '../../../../hardware/scanner/hid-scanner'
import {
  FakeHidBus,
  HONEYWELL_POS,
  WEDGE_KEYBOARD,
  loadFixture,
  replay,
  setupTime,
  type Recording,
} from '../../../unit/hardware/scanner/helpers'

type Expect = Pick<Scan, 'code' | 'kind' | 'source'> & { symbology?: string }

function hidConfig(over: Record<string, unknown>): HidScannerConfig {
  const c = devicesConfig.parse({
    scanner: { driver: 'hid', vendorId: '0x0c2e', productId: '0x0b8f', ...over },
  }).scanner
  if (c.driver !== 'hid') throw new Error('not hid')
  return c
}

async function start(over: Record<string, unknown>, devices = [HONEYWELL_POS]) {
  const time = setupTime()
  const logger = memoryLogger()
  const bus = new FakeHidBus()
  bus.devices = devices
  const scanner = new HidScanner({ ...time, logger, hid: bus, config: hidConfig(over) })
  const scans: Scan[] = []
  const statuses: DeviceStatus[] = []
  scanner.onScan((s) => scans.push(s))
  scanner.onStatus((s) => statuses.push(s))
  const connected = await scanner.connect()
  return { ...time, logger, bus, scanner, scans, statuses, connected }
}

describe('HID scanner replaying recorded reports', () => {
  it('keyboard mode, US: the real capture decodes to 6957842208856', async () => {
    const fx = loadFixture<{ reports: Recording; expect: Expect[] }>('keyboard-us-6957842208856.json')
    const t = await start({ mode: 'keyboard', layout: 'us', productId: WEDGE_KEYBOARD.productId }, [
      WEDGE_KEYBOARD,
    ])
    expect(t.connected).toBe(true)
    replay(fx.reports, t.timers, (hex) => t.bus.last.emitReport(hex))
    t.timers.advance(1000)
    expect(t.scans).toEqual(fx.expect)
    expect(t.scans[0].code).toBe('6957842208856')
  })

  it('keyboard mode, DE: a magstripe swipe gives the card number (tracks 2, and 1+2)', async () => {
    for (const name of ['keyboard-de-magstripe-track2.json', 'keyboard-de-magstripe-track1-2.json']) {
      const fx = loadFixture<{ reports: Recording; expect: Expect[] }>(name)
      const t = await start({ mode: 'keyboard', layout: 'de', productId: WEDGE_KEYBOARD.productId }, [
        WEDGE_KEYBOARD,
      ])
      replay(fx.reports, t.timers, (hex) => t.bus.last.emitReport(hex))
      t.timers.advance(1000)
      expect(t.scans, name).toEqual(fx.expect)
    }
  })

  it('keyboard mode with the wrong layout (US) does not turn the DE swipe into a card', async () => {
    const fx = loadFixture<{ reports: Recording }>('keyboard-de-magstripe-track2.json')
    const t = await start({ mode: 'keyboard', layout: 'us', productId: WEDGE_KEYBOARD.productId }, [
      WEDGE_KEYBOARD,
    ])
    replay(fx.reports, t.timers, (hex) => t.bus.last.emitReport(hex))
    expect(t.scans).toEqual([{ code: '<9276004429942845)2512101_', kind: 'raw', source: 'keyboard' }])
  })

  it('HID POS: multi-report codes are reassembled, symbology read, a repeated product counts twice', async () => {
    const fx = loadFixture<{ reports: Recording; expect: Expect[] }>('hidpos-multi-report.json')
    const t = await start({ mode: 'hid-pos' })
    // Honeywell needs "HID mode on" before it sends anything
    expect(t.bus.last.featureReports).toEqual([[0xfe, 0x01]])
    replay(fx.reports, t.timers, (hex) => t.bus.last.emitReport(hex))
    t.timers.advance(1000)
    expect(t.scans).toEqual(fx.expect)
  })

  it('garbage never becomes a product or a card, and every broken read is reported', async () => {
    const fx = loadFixture<{ keyboard: { reports: Recording }; hidPos: { reports: Recording } }>(
      'garbage.json',
    )
    const kb = await start({ mode: 'keyboard', layout: 'us', productId: WEDGE_KEYBOARD.productId }, [
      WEDGE_KEYBOARD,
    ])
    replay(fx.keyboard.reports, kb.timers, (hex) => kb.bus.last.emitReport(hex))
    kb.timers.advance(1000)
    const pos = await start({ mode: 'hid-pos' })
    replay(fx.hidPos.reports, pos.timers, (hex) => pos.bus.last.emitReport(hex))
    pos.timers.advance(1000)
    const all = [...kb.scans, ...pos.scans]
    expect(all.filter((s) => isProductScan(s) || s.kind === 'card')).toEqual([])
    expect(kb.scans.map((s) => [s.kind, s.reason, s.code])).toEqual([
      ['invalid', 'bad-report', ''],
      ['invalid', 'unmapped-key', '4\uFFFD8\uFFFD'],
      ['invalid', 'bad-check-digit', '4006381333932'],
      ['invalid', 'bad-report', ''],
      ['invalid', 'partial-read', '40063813'],
      ['invalid', 'bad-report', '9276004429'],
    ])
    expect(pos.scans.map((s) => [s.kind, s.reason, s.code])).toEqual([
      ['invalid', 'bad-report', ''],
      ['invalid', 'partial-read', '40063813'],
      ['invalid', 'bad-report', ''],
      ['invalid', 'unprintable', '400\x07\x1b3'],
    ])
  })

  it('unplug mid-read: the half code is reported as partial, status goes disconnected, a new connect re-finds the device by VID/PID', async () => {
    const t = await start({ mode: 'keyboard', layout: 'us', productId: WEDGE_KEYBOARD.productId }, [
      WEDGE_KEYBOARD,
    ])
    const first = t.bus.last
    for (const hex of ['00 00 23 00 00 00 00 00', '00 00 00 00 00 00 00 00', '00 00 26 00 00 00 00 00'])
      first.emitReport(hex)
    t.bus.devices = []
    first.unplug()
    await Promise.resolve()
    expect(t.scans).toEqual([{ code: '69', kind: 'invalid', source: 'keyboard', reason: 'partial-read' }])
    expect(t.scanner.current()).toMatchObject({
      state: 'disconnected',
      messageKey: 'device.scanner.lost',
      detail: 'could not read data from device',
    })
    expect(first.closed).toBe(true)
    // reports from the dead handle are ignored
    first.emitReport('00 00 27 00 00 00 00 00')
    expect(await t.scanner.connect()).toBe(false)
    expect(t.scanner.current()).toMatchObject({
      state: 'disconnected',
      messageKey: 'device.scanner.notFound',
    })
    // re-plugged on another hidraw node: found again by VID/PID, not by the old path
    t.bus.devices = [{ ...WEDGE_KEYBOARD, path: '/dev/hidraw7' }]
    expect(await t.scanner.connect()).toBe(true)
    expect(t.bus.last.target).toEqual({ path: '/dev/hidraw7' })
    for (const hex of ['00 00 20 00 00 00 00 00', '00 00 00 00 00 00 00 00', '00 00 28 00 00 00 00 00'])
      t.bus.last.emitReport(hex)
    expect(t.scans.at(-1)).toEqual({ code: '3', kind: 'raw', source: 'keyboard' })
    expect(t.statuses.map((s) => s.messageKey)).toEqual([
      'device.scanner.connected',
      'device.scanner.lost',
      'device.scanner.notFound',
      'device.scanner.connected',
    ])
  })

  it('a device that is found but cannot be opened reports an error with the udev hint', async () => {
    const time = setupTime()
    const bus = new FakeHidBus()
    bus.devices = [HONEYWELL_POS]
    bus.openFailure = new Error('cannot open device with path /dev/hidraw3')
    const scanner = new HidScanner({ ...time, logger: memoryLogger(), hid: bus, config: hidConfig({}) })
    expect(await scanner.connect()).toBe(false)
    expect(scanner.current()).toMatchObject({ state: 'error', messageKey: 'device.scanner.openFailed' })
    expect(scanner.current().detail).toContain('udev')
  })

  it('close() stops everything and a late connect does nothing', async () => {
    const t = await start({ mode: 'hid-pos' })
    await t.scanner.close()
    expect(t.bus.last.closed).toBe(true)
    expect(await t.scanner.connect()).toBe(false)
    expect(t.bus.handles).toHaveLength(1)
  })
})

describe('pickHidDevice', () => {
  const cfg = { vendorId: 0x0c2e, productId: 0x0b8f, mode: 'hid-pos' as const }
  it('picks the HID POS collection among several of one device', () => {
    const kbd = { ...HONEYWELL_POS, path: '/dev/hidraw2', usagePage: 1, usage: 6 }
    expect(pickHidDevice([kbd, HONEYWELL_POS], cfg)).toEqual({ device: HONEYWELL_POS })
  })
  it('explains a scanner still in keyboard mode', () => {
    const r = pickHidDevice([{ ...HONEYWELL_POS, usagePage: 1, usage: 6 }], cfg)
    expect('missing' in r && r.missing).toContain('keyboard mode')
  })
  it('matches the serial number when configured, and accepts collections without usage info (libusb)', () => {
    const other = { ...HONEYWELL_POS, serialNumber: 'OTHER', path: '/dev/hidraw9' }
    expect(pickHidDevice([other, HONEYWELL_POS], { ...cfg, serialNumber: '21345B4321' })).toEqual({
      device: HONEYWELL_POS,
    })
    const libusb = { vendorId: 0x0c2e, productId: 0x0b8f, path: '0001:0005:00' }
    expect(pickHidDevice([libusb], cfg)).toEqual({ device: libusb })
  })
})
