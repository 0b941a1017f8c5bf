// Real-time status (DLE EOT n, docs/hardware-printer.md): the byte layouts and how they map onto the
// one DeviceState word the UI shows.
import type { DeviceState } from '../../common/devices'
import type { PrinterTransport } from './transports/transport'

export const DLE_EOT = (n: 1 | 2 | 3 | 4): Uint8Array => Uint8Array.of(0x10, 0x04, n)

/**
 * Every DLE EOT reply has the fixed pattern 0xx1xx10b (Citizen "Identification of Send Status"), which
 * tells a status reply apart from XON/XOFF, ASB bytes or stray data.
 */
export function isStatusReply(byte: number): boolean {
  return (byte & 0x93) === 0x12
}

export interface PrinterStatusReport {
  /** Bytes answered to DLE EOT 1, 2 and 4; null where the printer stayed silent. */
  printer: number | null
  offlineCause: number | null
  paper: number | null
}

export interface StatusVerdict {
  state: DeviceState
  detail: string
  /** Drawer kick connector pin 3 level (DLE EOT 1 bit 2); null when unknown. */
  drawerPinHigh: boolean | null
  /** Nothing may be sent: the printer would not print it now. */
  blocking: boolean
}

/** The most specific reason wins: a cover-open printer is also "offline", but "cover open" is what to fix. */
export function interpretStatus(report: PrinterStatusReport): StatusVerdict {
  const { printer, offlineCause, paper } = report
  const drawerPinHigh = printer === null ? null : (printer & 0x04) !== 0
  const verdict = (state: DeviceState, detail: string, blocking: boolean): StatusVerdict => ({
    state,
    detail,
    drawerPinHigh,
    blocking,
  })
  if (printer === null) return verdict('offline', 'no reply to DLE EOT 1 within the status timeout', true)
  if (offlineCause !== null) {
    if (offlineCause & 0x04) return verdict('cover-open', 'cover open (DLE EOT 2 bit 2)', true)
    if (offlineCause & 0x20)
      return verdict('paper-out', 'printing stopped at paper end (DLE EOT 2 bit 5)', true)
  }
  if (paper !== null && (paper & 0x60) === 0x60)
    return verdict('paper-out', 'paper end (DLE EOT 4 bits 5+6)', true)
  if (offlineCause !== null && offlineCause & 0x40)
    return verdict('error', 'printer error (DLE EOT 2 bit 6)', true)
  if (printer & 0x08) return verdict('offline', 'printer reports offline (DLE EOT 1 bit 3)', true)
  if (paper !== null && (paper & 0x0c) === 0x0c)
    return verdict('paper-low', 'paper near end (DLE EOT 4 bits 2+3)', false)
  return verdict('connected', 'online', false)
}

/** The byte a healthy, idle printer answers, per request; the emulators build on it. */
export const IDLE_STATUS = { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 } as const

/**
 * Sends DLE EOT n and waits for the first byte shaped like a status reply. Requests go one at a time:
 * the replies carry no request number, so two in flight could not be told apart. Transport errors
 * propagate (the link is gone, a different verdict than silence).
 */
export async function requestStatusByte(
  transport: PrinterTransport,
  n: 1 | 2 | 3 | 4,
  timeoutMs: number,
): Promise<number | null> {
  const offs: (() => void)[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const reply = new Promise<number | null>((resolve, reject) => {
    offs.push(
      transport.onData((chunk) => {
        const byte = chunk.find(isStatusReply)
        if (byte !== undefined) resolve(byte)
      }),
      // A link that drops while we wait (TCP reset, unplugged serial) is "disconnected", not silence.
      transport.onLost(reject),
    )
    timer = setTimeout(() => resolve(null), timeoutMs)
  })
  try {
    await transport.write(DLE_EOT(n))
    return await reply
  } finally {
    clearTimeout(timer)
    for (const off of offs) off()
  }
}

/** DLE EOT 1, then 2 and 4 only when the printer answered at all (a silent printer would cost 3 timeouts). */
export async function readStatusReport(
  transport: PrinterTransport,
  timeoutMs: number,
): Promise<PrinterStatusReport> {
  const printer = await requestStatusByte(transport, 1, timeoutMs)
  if (printer === null) return { printer, offlineCause: null, paper: null }
  const offlineCause = await requestStatusByte(transport, 2, timeoutMs)
  const paper = await requestStatusByte(transport, 4, timeoutMs)
  return { printer, offlineCause, paper }
}
