// Test doubles placed above node-hid: a fake HIDAsync handle that replays recorded reports, and fixture
// loading. Time is a manual clock + manual timers, so replays keep their recorded spacing without sleeping.
import { EventEmitter } from 'node:events'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { manualClock } from '../../../../common/ports'
import type {
  HidBackend,
  HidDeviceInfo,
  HidHandle,
  HidTarget,
} from '../../../../hardware/scanner/hid-backend'
import { manualTimers } from '../../../../hardware/manager/timers'
import { hexReport } from '../../../../hardware/scanner/virtual-scanner'

export const FIXTURES = resolve(__dirname, '../../../fixtures/hid')

/** Recorded reports: [milliseconds since the first report, hex bytes]. */
export type Recording = [number, string][]

export function loadFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8')) as T
}

export function setupTime() {
  const clock = manualClock()
  const timers = manualTimers(clock)
  return { clock, timers }
}

export class FakeHidHandle extends EventEmitter implements HidHandle {
  closed = false
  featureReports: number[][] = []
  constructor(readonly target: HidTarget) {
    super()
  }
  async close(): Promise<void> {
    this.closed = true
  }
  async sendFeatureReport(data: number[] | Buffer): Promise<number> {
    this.featureReports.push([...data])
    return data.length
  }
  emitReport(hex: string | Uint8Array): void {
    const bytes = typeof hex === 'string' ? hexReport(hex) : hex
    this.emit('data', Buffer.from(bytes))
  }
  /** Unplug as node-hid reports it: a read error, nothing else. */
  unplug(): void {
    this.emit('error', new Error('could not read data from device'))
  }
}

/** A HID bus: tests plug and unplug devices; `openHid` fails for devices not (or no longer) attached. */
export class FakeHidBus implements HidBackend {
  devices: HidDeviceInfo[] = []
  handles: FakeHidHandle[] = []
  listCalls = 0
  openFailure: Error | undefined
  async listHid(): Promise<HidDeviceInfo[]> {
    this.listCalls++
    return this.devices.map((d) => ({ ...d }))
  }
  async openHid(target: HidTarget): Promise<FakeHidHandle> {
    if (this.openFailure) throw this.openFailure
    const present = this.devices.some((d) =>
      'path' in target
        ? d.path === target.path
        : d.vendorId === target.vendorId && d.productId === target.productId,
    )
    if (!present) throw new Error(`cannot open device with path ${'path' in target ? target.path : '?'}`)
    const handle = new FakeHidHandle(target)
    this.handles.push(handle)
    return handle
  }
  get last(): FakeHidHandle {
    const h = this.handles.at(-1)
    if (!h) throw new Error('no HID device opened')
    return h
  }
}

/** Feeds a recording into `emit`, advancing the manual timers to each report's recorded time. */
export function replay(
  recording: Recording,
  timers: { advance(ms: number): void },
  emit: (hex: string) => void,
): void {
  let now = 0
  for (const [t, hex] of recording) {
    if (t > now) timers.advance(t - now)
    now = Math.max(now, t)
    emit(hex)
  }
}

export const HONEYWELL_POS: HidDeviceInfo = {
  vendorId: 0x0c2e,
  productId: 0x0b8f,
  path: '/dev/hidraw3',
  serialNumber: '21345B4321',
  manufacturer: 'Honeywell',
  product: 'Voyager 1400g',
  usagePage: 0x8c,
  usage: 0x02,
}

export const WEDGE_KEYBOARD: HidDeviceInfo = {
  vendorId: 0x0c2e,
  productId: 0x0b87,
  path: '/dev/hidraw1',
  manufacturer: 'Honeywell',
  product: 'Voyager 1450g (keyboard)',
  usagePage: 0x01,
  usage: 0x06,
}
