// HID POS scanner reports (usage page 0x8C, input report 0x02), reassembled across packets
// (docs/hardware-scanner.md, after NielsLeenheer/WebHidBarcodeScanner). Offsets below are WebHID `data`
// offsets, i.e. *without* the report ID; node-hid hands us the report ID as byte 0 for numbered reports.
//   data[0]      bytes of barcode in this report
//   data[1..3]   AIM symbology identifier `]Xm` (some devices: data[2..4])
//   data[4..59]  barcode bytes (56 per report)
//   data[60]     Honeywell code ID
//   data[62]     != 0: more reports follow
import type { Timers, TimerHandle } from '../manager/timers'

export const HID_POS_USAGE_PAGE = 0x8c
export const HID_POS_REPORT_ID = 0x02
const DATA_BYTES = 63
const MAX_CHUNK = 56

export interface HidPosRead {
  text: string
  symbology?: string
  problem?: 'partial-read' | 'bad-report'
}

// AIM ISO/IEC 15424 identifiers → the names used in Scan.symbology. E0 covers EAN-13, UPC-A and UPC-E.
const AIM: Record<string, string> = {
  ']E0': 'ean13',
  ']E3': 'ean13+addon',
  ']E4': 'ean8',
  ']C0': 'code128',
  ']C1': 'gs1-128',
  ']A0': 'code39',
  ']G0': 'code93',
  ']I0': 'itf',
  ']I1': 'itf',
  ']F0': 'codabar',
  ']e0': 'gs1-databar',
  ']Q0': 'qr',
  ']Q1': 'qr',
  ']Q3': 'gs1-qr',
  ']d1': 'datamatrix',
  ']d2': 'gs1-datamatrix',
  ']L0': 'pdf417',
  ']z0': 'aztec',
}

// Honeywell code IDs (data[60]); only meaningful for VID 0x0C2E.
const HONEYWELL: Record<number, string> = {
  0x64: 'ean13',
  0x44: 'ean8',
  0x63: 'upca',
  0x45: 'upce',
  0x6a: 'code128',
  0x49: 'gs1-128',
  0x62: 'code39',
  0x69: 'code93',
  0x65: 'itf',
  0x61: 'codabar',
  0x73: 'qr',
  0x77: 'datamatrix',
  0x72: 'pdf417',
  0x7a: 'aztec',
}
export const HONEYWELL_VID = 0x0c2e
export const YOUJIE_VID = 0x23d0

export type HidPosReport =
  | { type: 'chunk'; bytes: Uint8Array; symbology?: string; more: boolean }
  | { type: 'other-report'; reportId: number }
  | { type: 'bad-report'; length: number }

/** One node-hid buffer → its part of a barcode. Pure. */
export function parseHidPosReport(report: Uint8Array, vendorId?: number): HidPosReport {
  let data: Uint8Array
  if (report.length === DATA_BYTES) data = report
  else if (report.length > DATA_BYTES) {
    if (report[0] !== HID_POS_REPORT_ID) return { type: 'other-report', reportId: report[0] }
    data = report.subarray(1, 1 + DATA_BYTES)
  } else return { type: 'bad-report', length: report.length }

  // [I] The reference lib copies `count - 1` bytes, i.e. counts a trailing suffix byte; we take `count` bytes
  // and strip a trailing CR/NUL later (classify), which gives the same code either way and loses no byte
  // when a device does not append CR.
  const count = data[0]
  const offset = data[1] === 0x5d ? 0 : data[2] === 0x5d ? 1 : -1
  const start = 4 + Math.max(0, offset)
  if (count > MAX_CHUNK || start + count > 60) return { type: 'bad-report', length: report.length }
  const aim =
    offset >= 0 ? String.fromCharCode(data[1 + offset], data[2 + offset], data[3 + offset]) : undefined
  const symbology = (aim && AIM[aim]) ?? (vendorId === HONEYWELL_VID ? HONEYWELL[data[60]] : undefined) ?? aim
  return {
    type: 'chunk',
    bytes: data.slice(start, start + count),
    ...(symbology ? { symbology } : {}),
    more: data[62] !== 0,
  }
}

export interface HidPosAssembler {
  push(report: Uint8Array): void
  abort(): void
  discard(): void
}

export interface HidPosAssemblerOptions {
  timers: Timers
  /** How long to wait for a promised continuation report before calling the read partial. */
  continuationTimeoutMs: number
  vendorId?: number
  onRead(read: HidPosRead): void
  onIgnored?(report: HidPosReport): void
}

export function createHidPosAssembler(options: HidPosAssemblerOptions): HidPosAssembler {
  let parts: Uint8Array[] = []
  let symbology: string | undefined
  let timer: TimerHandle | undefined

  const stopTimer = () => {
    if (timer !== undefined) options.timers.clearTimeout(timer)
    timer = undefined
  }
  const finish = (problem?: HidPosRead['problem']) => {
    stopTimer()
    // Latin-1 keeps every byte as one char, so nothing is lost before the classifier looks at it.
    const text = Buffer.concat(parts).toString('latin1')
    const read: HidPosRead = { text, ...(symbology ? { symbology } : {}), ...(problem ? { problem } : {}) }
    parts = []
    symbology = undefined
    options.onRead(read)
  }

  return {
    push(report) {
      const parsed = parseHidPosReport(report, options.vendorId)
      if (parsed.type === 'other-report') {
        options.onIgnored?.(parsed)
        return
      }
      if (parsed.type === 'bad-report') {
        // A broken packet inside a multi-report code poisons the whole code; alone it is still reported.
        options.onIgnored?.(parsed)
        parts.push(new Uint8Array())
        finish('bad-report')
        return
      }
      if (parts.length === 0) symbology = parsed.symbology
      parts.push(parsed.bytes)
      if (parsed.more) {
        stopTimer()
        timer = options.timers.setTimeout(() => finish('partial-read'), options.continuationTimeoutMs)
      } else finish()
    },
    abort() {
      if (parts.length > 0) finish('partial-read')
    },
    discard() {
      stopTimer()
      parts = []
      symbology = undefined
    },
  }
}
