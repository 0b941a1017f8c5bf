// node-hid scanner driver: HID POS (page 0x8C) or keyboard-report mode. It finds its device by VID/PID
// (and serial number) on every connect, never by a remembered path — hidraw numbers change on re-plug.
// Reconnecting is the device manager's job: this driver reports 'disconnected' and waits for `connect()`.
import type { ScannerConfig } from '../../common/config/devices'
import type { Reconnectable } from '../manager/reconnect'
import type { Timers } from '../manager/timers'
import type { CodeBuffer } from './code-buffer'
import type { HidBackend, HidDeviceInfo, HidHandle } from './hid-backend'
import {
  HID_POS_USAGE_PAGE,
  HONEYWELL_VID,
  YOUJIE_VID,
  createHidPosAssembler,
  type HidPosAssembler,
} from './hid-pos'
import { createKeyboardDecoder, type KeyboardDecoder } from './keyboard'
import { HardwareScanner, type ScannerBaseOptions } from './scanner-base'

export type HidScannerConfig = Extract<ScannerConfig, { driver: 'hid' }>

export interface HidScannerOptions extends ScannerBaseOptions {
  config: HidScannerConfig
  hid: HidBackend
  timers: Timers
}

const GENERIC_DESKTOP = 0x01
const KEYBOARD_USAGE = 0x06

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0')
}

/** The HID collection to open for the configured device and mode, or why there is none. */
export function pickHidDevice(
  devices: readonly HidDeviceInfo[],
  config: Pick<HidScannerConfig, 'vendorId' | 'productId' | 'serialNumber' | 'mode'>,
): { device: HidDeviceInfo } | { missing: string } {
  const id = `${hex4(config.vendorId)}:${hex4(config.productId)}${config.serialNumber ? ` serial ${config.serialNumber}` : ''}`
  const matching = devices.filter(
    (d) =>
      d.vendorId === config.vendorId &&
      d.productId === config.productId &&
      (!config.serialNumber || d.serialNumber === config.serialNumber),
  )
  if (matching.length === 0) return { missing: `no HID device ${id} attached` }
  const wanted = (d: HidDeviceInfo) =>
    config.mode === 'hid-pos'
      ? d.usagePage === HID_POS_USAGE_PAGE
      : d.usagePage === GENERIC_DESKTOP && d.usage === KEYBOARD_USAGE
  const hit = matching.find(wanted)
  if (hit) return { device: hit }
  // The Linux libusb backend reports no usage page at all; then the interface cannot be told apart here.
  if (matching.every((d) => d.usagePage === undefined || d.usagePage === 0)) return { device: matching[0] }
  const pages = [...new Set(matching.map((d) => `0x${(d.usagePage ?? 0).toString(16)}`))].join(', ')
  return {
    missing:
      config.mode === 'hid-pos'
        ? `${id} has no HID POS collection (usage pages ${pages}); is the scanner still in keyboard mode?`
        : `${id} has no keyboard collection (usage pages ${pages}); is the scanner in HID POS mode?`,
  }
}

export class HidScanner extends HardwareScanner implements Reconnectable {
  private readonly config: HidScannerConfig
  private readonly hid: HidBackend
  private handle: HidHandle | undefined
  private readonly keyboard: KeyboardDecoder
  private readonly codes: CodeBuffer
  private hidPos: HidPosAssembler | undefined
  private readonly timers: Timers

  constructor(options: HidScannerOptions) {
    super(options)
    this.config = options.config
    this.hid = options.hid
    this.timers = options.timers
    this.keyboard = createKeyboardDecoder(this.config.layout)
    this.codes = this.codeBuffer('keyboard', options.timers, this.config)
  }

  protected isOpen(): boolean {
    return this.handle !== undefined
  }

  protected abortReads(): void {
    this.codes.abort()
    this.hidPos?.abort()
  }

  protected dropReads(): void {
    this.codes.discard()
    this.hidPos?.discard()
  }

  protected async open(): Promise<boolean> {
    const info = await this.locate(
      {
        list: () => this.hid.listHid(),
        unavailableKey: 'device.scanner.hidUnavailable',
        what: 'HID devices',
      },
      (all) => {
        const pick = pickHidDevice(all, this.config)
        return 'missing' in pick ? pick.missing : pick.device
      },
    )
    if (!info) return false
    let handle: HidHandle
    try {
      handle = await this.hid.openHid(
        info.path ? { path: info.path } : { vendorId: info.vendorId, productId: info.productId },
      )
    } catch (error) {
      // Found but not openable is nearly always permissions (udev rule missing) or, on Windows, a keyboard
      // collection the OS keeps to itself.
      this.setStatus(
        'error',
        'device.scanner.openFailed',
        `cannot open ${info.path ?? 'device'}: ${String(error)} — see docs/hardware-scanner.md (udev rule, HID POS mode)`,
      )
      return false
    }
    if (this.closed) {
      await handle.close().catch(() => undefined)
      return false
    }
    this.handle = handle
    this.keyboard.reset()
    this.hidPos = createHidPosAssembler({
      timers: this.timers,
      continuationTimeoutMs: Math.max(this.config.interCharTimeoutMs, 200),
      vendorId: info.vendorId,
      onRead: (read) => this.deliverRead('hid-pos', read),
      onIgnored: (report) =>
        this.logger.log('debug', 'scanner.hid-report-ignored', { id: this.id, ...report }),
    })
    handle.on('data', (data: Buffer) => this.onData(handle, data))
    // node-hid's only unplug signal is a read error; the handle is dead and must be closed.
    handle.on('error', (error: Error) => {
      if (handle === this.handle) void this.lost(error.message)
    })
    if (this.config.mode === 'hid-pos' && (info.vendorId === HONEYWELL_VID || info.vendorId === YOUJIE_VID)) {
      // Honeywell/Youjie only start sending scans after feature report 0xFE 0x01 ("HID mode on").
      await handle
        .sendFeatureReport([0xfe, 0x01])
        .catch((error: unknown) =>
          this.logger.log('warn', 'scanner.hid-enable-failed', { id: this.id, error: String(error) }),
        )
    }
    this.setStatus(
      'connected',
      'device.scanner.connected',
      [info.manufacturer, info.product, info.path].filter(Boolean).join(' '),
    )
    return true
  }

  private onData(handle: HidHandle, data: Buffer): void {
    if (handle !== this.handle) return
    const report = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    if (this.config.mode === 'hid-pos') this.hidPos?.push(report)
    else this.codes.keys(this.keyboard.push(report))
  }

  protected async release(): Promise<void> {
    const handle = this.handle
    this.handle = undefined
    if (!handle) return
    handle.removeAllListeners('data')
    // Keep an error listener: node-hid may still emit on a dead handle, and an unhandled 'error' event
    // would crash the main process.
    handle.removeAllListeners('error')
    handle.on('error', () => undefined)
    await handle
      .close()
      .catch((error: unknown) =>
        this.logger.log('debug', 'scanner.hid-close-failed', { id: this.id, error: String(error) }),
      )
  }
}
