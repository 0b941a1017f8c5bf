// The back office's own arithmetic and mappings, without a browser: the counting sheet, the paper width
// the preview draws, and the config block the device picker shows.
import { describe, expect, it } from 'vitest'
import { EURO_DENOMINATIONS } from '../../../common/cash'
import {
  COUNTING_ORDER,
  countedDenominations,
  countedTotal,
  MAX_COUNT,
  setCount,
} from '../../../renderer/src/backoffice/counting'
import { paperColumns } from '../../../renderer/src/backoffice/use-paper'
import { configSnippet, deviceConfigFor, kindsFor } from '../../../common/config/device-pick'
import { devicesConfig } from '../../../common/config/devices'
import type { SettingsView } from '../../../common/ipc/settings-contract'

describe('counting sheet', () => {
  it('counts every euro coin and note, notes first', () => {
    expect([...COUNTING_ORDER].sort((a, b) => a - b)).toEqual([...EURO_DENOMINATIONS])
    expect(COUNTING_ORDER[0]).toBe(50000)
    let counts = {}
    counts = setCount(counts, 5000, 3)
    counts = setCount(counts, 200, 1)
    counts = setCount(counts, 100, 2)
    counts = setCount(counts, 50, 1)
    counts = setCount(counts, 10, 1)
    expect(countedTotal(counts)).toBe(15_460)
    // Only what was counted goes to the Z report, largest first.
    expect(countedDenominations(setCount(counts, 1, 0))).toEqual([
      { value: 5000, count: 3 },
      { value: 200, count: 1 },
      { value: 100, count: 2 },
      { value: 50, count: 1 },
      { value: 10, count: 1 },
    ])
  })

  it('keeps counts whole, never negative and within what the journal accepts', () => {
    expect(setCount({}, 100, -1)[100]).toBe(0)
    expect(setCount({}, 100, 2.7)[100]).toBe(2)
    expect(setCount({}, 100, MAX_COUNT + 5)[100]).toBe(MAX_COUNT)
  })
})

describe('paper width of the preview', () => {
  const view = (summary: string): SettingsView =>
    ({ devices: [{ kind: 'printer', driver: 'x', summary }] }) as unknown as SettingsView
  it('draws 32 columns for 58 mm paper and 48 otherwise', () => {
    expect(paperColumns(view('virtual, 32 columns'))).toBe(32)
    expect(paperColumns(view('TCP 192.168.1.50:9100, 58mm, cp858'))).toBe(32)
    expect(paperColumns(view('virtual, 48 columns'))).toBe(48)
    expect(paperColumns(view('USB /dev/usb/lp0, 80mm, cp858'))).toBe(48)
    expect(paperColumns(null)).toBe(48)
  })
})

describe('device picker', () => {
  it('turns an attached device into a config block the config schema accepts', () => {
    const scanner = {
      bus: 'hid' as const,
      path: '/dev/hidraw0',
      vendorId: 0x05e0,
      productId: 0x1200,
      usagePage: 0x8c,
    }
    expect(kindsFor(scanner)).toEqual(['scanner'])
    expect(deviceConfigFor(scanner, 'scanner')).toEqual({
      driver: 'hid',
      mode: 'hid-pos',
      vendorId: '0x05e0',
      productId: '0x1200',
    })
    expect(deviceConfigFor(scanner, 'printer')).toBeNull()

    const serial = {
      bus: 'serial' as const,
      path: '/dev/ttyUSB0',
      vendorId: 0x0483,
      productId: 0x5740,
      serialNumber: 'A1',
    }
    const drawer = deviceConfigFor(serial, 'drawer')!
    const printer = deviceConfigFor(serial, 'printer')!
    const keyboard = deviceConfigFor(
      { bus: 'hid', path: '/dev/hidraw1', vendorId: 1, productId: 2 },
      'scanner',
    )!
    const parsed = devicesConfig.parse({ drawer, printer, scanner: keyboard })
    expect(parsed.drawer).toMatchObject({
      driver: 'serial',
      vendorId: 0x0483,
      productId: 0x5740,
      serialNumber: 'A1',
    })
    expect(parsed.printer).toMatchObject({ driver: 'serial', vendorId: 0x0483 })
    expect(parsed.scanner).toMatchObject({ driver: 'hid', mode: 'keyboard' })
    // A plain RS-232 port without USB identity is found by its path.
    expect(deviceConfigFor({ bus: 'serial', path: '/dev/ttyS0' }, 'printer')).toEqual({
      driver: 'serial',
      path: '/dev/ttyS0',
    })
    expect(JSON.parse(configSnippet('printer', printer))).toEqual({ devices: { printer } })
  })
})
