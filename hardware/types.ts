// The one interface per device kind that real drivers and virtual twins both implement
// (in the spirit of node-serialport's bindings-interface + binding-mock).
import type { DeviceStatus, Scan } from '../common/devices'
import type { ReceiptDocument } from '../common/receipt/model'

export type Unsubscribe = () => void

export interface Device {
  readonly id: string
  readonly virtual: boolean
  /** Last known status, without touching the hardware. */
  current(): DeviceStatus
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe
  close(): Promise<void>
}

export interface Scanner extends Device {
  readonly kind: 'scanner'
  onScan(listener: (scan: Scan) => void): Unsubscribe
}

export interface PrintJob {
  /** Idempotency key: a job with a key already printed or queued is not printed again. */
  key: string
  document: ReceiptDocument
  /** A reprint is explicit and marked as a copy on paper. */
  copy?: boolean
  /** Pulse the drawer kick in the same job (printer-driven drawer). */
  openDrawer?: boolean
}

export type PrintOutcome =
  | { status: 'printed'; key: string; bytes: number }
  | { status: 'duplicate'; key: string }
  /**
   * Not (fully) printed; `state` says why. The job is kept for an explicit reprint, never resent.
   * `reached`: 'nothing' when not a byte was sent (checked before, connection refused) — the receipt can
   * be printed again as the original; 'maybe' (also when absent) when part of it may be on paper — only a
   * copy may follow.
   */
  | {
      status: 'failed'
      key: string
      state: DeviceStatus['state']
      messageKey: string
      detail: string
      reached?: 'nothing' | 'maybe'
    }

export interface Printer extends Device {
  readonly kind: 'printer'
  readonly columns: number
  print(job: PrintJob): Promise<PrintOutcome>
  /** Real-time status query (DLE EOT) with a timeout; updates `current()`. */
  status(): Promise<DeviceStatus>
  /** Raw ESC/POS bytes, for a kick through the printer. */
  writeRaw(bytes: Uint8Array): Promise<void>
}

export interface DrawerOpenRequest {
  /** Why the drawer opens: logged with every opening ("cash sale R-42", "cash in", "no sale"). */
  reason: string
}

export type DrawerOutcome =
  | { status: 'kicked'; open: boolean | null }
  | { status: 'failed'; state: DeviceStatus['state']; messageKey: string; detail: string }

export interface CashDrawer extends Device {
  readonly kind: 'drawer'
  /** At most one kick per call, never retried automatically. */
  open(request: DrawerOpenRequest): Promise<DrawerOutcome>
  /** Sensor state: open, closed, or null when this drawer has no sensor. */
  status(): Promise<DeviceStatus>
}

/** A weighing request: the article's price per kg in cents (the scale shows it and computes the amount). */
export interface WeighRequest {
  unitPrice: number
}

export type WeighFailure =
  | 'motion'
  | 'same-weighing'
  | 'below-minimum'
  | 'under-zero'
  | 'overload'
  | 'price-refused'
  | 'amount-mismatch'
  | 'timeout'
  | 'disconnected'
  | 'busy'
  | 'error'

export type WeighOutcome =
  /** The scale's stable, legal-for-trade reading, and the amount it computed for the unit price. */
  | { status: 'stable'; grams: number; unitPrice: number; amount: number }
  | { status: 'failed'; reason: WeighFailure; messageKey: string; detail: string }

export interface Scale extends Device {
  readonly kind: 'scale'
  /** One weighing: sends the unit price, waits (bounded) for a stable weight; never a typed number. */
  weigh(request: WeighRequest): Promise<WeighOutcome>
  /** Asks the scale for its status (cheap); updates `current()`. */
  status(): Promise<DeviceStatus>
}
