// The scanner twin for demo mode and tests: codes are injected as text, or as the raw reports a real
// scanner would send, which then run through the same decoders as the node-hid driver.
import type { Scan } from '../../common/devices'
import { systemTimers, type Timers } from '../manager/timers'
import type { CodeBuffer, Terminator } from './code-buffer'
import { createHidPosAssembler, type HidPosAssembler } from './hid-pos'
import { createKeyboardDecoder, encodeKeyboardReports, type KeyboardDecoder } from './keyboard'
import type { LayoutName } from './keyboard-layouts'
import { ScannerBase, type ScannerBaseOptions } from './scanner-base'

export interface VirtualScannerOptions extends ScannerBaseOptions {
  timers?: Timers
  /** Layout assumed for injected keyboard reports. */
  layout?: LayoutName
  terminators?: readonly Terminator[]
  interCharTimeoutMs?: number
  /** Vendor of the simulated HID POS scanner (selects the Honeywell code-ID table). */
  vendorId?: number
}

export type RawReport = Uint8Array | readonly number[] | string

/** "00 00 23 00 …" or "00002300…" → bytes. */
export function hexReport(hex: string): Uint8Array {
  const clean = hex.replace(/[\s:]/g, '')
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw new Error(`not a hex report: ${hex}`)
  return Uint8Array.from(clean.match(/../g) ?? [], (b) => parseInt(b, 16))
}

function toBytes(report: RawReport): Uint8Array {
  return typeof report === 'string'
    ? hexReport(report)
    : report instanceof Uint8Array
      ? report
      : Uint8Array.from(report)
}

export class VirtualScanner extends ScannerBase {
  readonly virtual = true
  private readonly keyboard: KeyboardDecoder
  private readonly codes: CodeBuffer
  private readonly hidPos: HidPosAssembler
  readonly layout: LayoutName
  private plugged = true
  private closed = false

  constructor(options: VirtualScannerOptions) {
    super(options)
    const timers = options.timers ?? systemTimers
    this.layout = options.layout ?? 'de'
    this.keyboard = createKeyboardDecoder(this.layout)
    this.codes = this.codeBuffer('virtual', timers, {
      interCharTimeoutMs: options.interCharTimeoutMs ?? 100,
      terminators: options.terminators ?? ['enter', 'tab'],
    })
    this.hidPos = createHidPosAssembler({
      timers,
      continuationTimeoutMs: Math.max(options.interCharTimeoutMs ?? 100, 200),
      ...(options.vendorId !== undefined ? { vendorId: options.vendorId } : {}),
      onRead: (read) => this.deliverRead('virtual', read),
    })
    this.setStatus('connected', 'device.scanner.connected', 'virtual scanner')
  }

  /** One complete read, as if the scanner had decoded `code`. Returns the scan, or null (repeated card, unplugged). */
  inject(code: string, options: { symbology?: string; source?: string } = {}): Scan | null {
    if (!this.accepting('inject')) return null
    return this.deliver(code, {
      source: options.source ?? 'virtual',
      ...(options.symbology ? { symbology: options.symbology } : {}),
    })
  }

  /** Boot-keyboard reports (8 or 9 bytes each), e.g. replayed from a capture. */
  injectKeyboardReports(reports: Iterable<RawReport>): void {
    if (!this.accepting('keyboard-reports')) return
    for (const report of reports) this.codes.keys(this.keyboard.push(toBytes(report)))
  }

  /** HID POS input reports (report ID 0x02, 64 bytes), e.g. replayed from a capture. */
  injectHidPosReports(reports: Iterable<RawReport>): void {
    if (!this.accepting('hid-pos-reports')) return
    for (const report of reports) this.hidPos.push(toBytes(report))
  }

  /** Types `text` the way a wedge scanner set to this scanner's layout would, Enter included. */
  type(text: string, terminator: 'enter' | 'tab' | 'none' = 'enter'): void {
    this.injectKeyboardReports(encodeKeyboardReports(text, this.layout, { terminator }))
  }

  /** Simulates pulling the cable: half-typed input becomes a partial read. */
  unplug(reason = 'virtual scanner unplugged'): void {
    if (this.closed || !this.plugged) return
    this.plugged = false
    this.codes.abort()
    this.hidPos.abort()
    this.keyboard.reset()
    this.setStatus('disconnected', 'device.scanner.lost', reason)
  }

  plug(): void {
    if (this.closed || this.plugged) return
    this.plugged = true
    this.setStatus('connected', 'device.scanner.connected', 'virtual scanner')
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.codes.discard()
    this.hidPos.discard()
    this.setStatus('disconnected', 'device.scanner.closed')
    this.clearListeners()
  }

  private accepting(what: string): boolean {
    if (this.plugged && !this.closed) return true
    this.logger.log('warn', 'scanner.virtual-input-dropped', {
      id: this.id,
      what,
      reason: this.closed ? 'closed' : 'unplugged',
    })
    return false
  }
}
