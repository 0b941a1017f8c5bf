// What every scanner (HID, serial, virtual) shares: the status word, listeners, and the path from a framed
// read to a classified, card-debounced Scan.
import { maskCardNumber } from '../../common/card'
import type { ScanningConfig } from '../../common/config/devices'
import type { DeviceState, DeviceStatus, Scan } from '../../common/devices'
import type { Clock, Logger } from '../../common/ports'
import type { Scanner, Unsubscribe } from '../types'
import type { Timers } from '../manager/timers'
import { DEFAULT_IN_STORE, classifyCode, type ReadInfo } from './classify'
import { createCodeBuffer, type CodeBuffer, type Terminator } from './code-buffer'
import { createCardDebounce, type CardDebounce } from './debounce'
import { listeners, type Listeners } from './listeners'

export const DEFAULT_SCANNING: ScanningConfig = { cardWindowMs: 1500, inStore: DEFAULT_IN_STORE }

export interface ScannerBaseOptions {
  id?: string
  clock: Clock
  logger: Logger
  scanning?: ScanningConfig
}

export abstract class ScannerBase implements Scanner {
  readonly kind = 'scanner' as const
  readonly id: string
  abstract readonly virtual: boolean
  protected readonly clock: Clock
  protected readonly logger: Logger
  private readonly scanning: ScanningConfig
  private readonly debounce: CardDebounce
  private readonly scanListeners: Listeners<Scan>
  private readonly statusListeners: Listeners<DeviceStatus>
  private status: DeviceStatus | undefined

  protected constructor(options: ScannerBaseOptions) {
    this.id = options.id ?? 'scanner'
    this.clock = options.clock
    this.logger = options.logger
    this.scanning = options.scanning ?? DEFAULT_SCANNING
    this.debounce = createCardDebounce(options.clock, this.scanning.cardWindowMs)
    this.scanListeners = listeners(options.logger, 'scanner.scan')
    this.statusListeners = listeners(options.logger, 'scanner.status')
  }

  current(): DeviceStatus {
    this.status ??= this.makeStatus('disconnected', 'device.scanner.notConnected', 'not opened yet')
    return this.status
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    return this.statusListeners.add(listener)
  }

  onScan(listener: (scan: Scan) => void): Unsubscribe {
    return this.scanListeners.add(listener)
  }

  abstract close(): Promise<void>

  protected setStatus(state: DeviceState, messageKey: string, detail?: string): void {
    const prev = this.status
    if (prev && prev.state === state && prev.messageKey === messageKey && prev.detail === detail) return
    this.status = this.makeStatus(state, messageKey, detail)
    this.logger.log(state === 'error' ? 'warn' : 'info', 'scanner.status', { id: this.id, state, detail })
    this.statusListeners.emit(this.status)
  }

  /** A framed read → Scan → listeners. Returns the scan, or null when it was a repeated card or empty. */
  protected deliver(text: string, info: ReadInfo): Scan | null {
    const scan = classifyCode(text, info, this.scanning.inStore)
    if (scan.kind !== 'invalid' && scan.code === '') return null
    if (!this.debounce.accept(scan)) {
      this.logger.log('debug', 'scanner.card-repeat-dropped', {
        id: this.id,
        card: maskCardNumber(scan.code),
      })
      return null
    }
    this.logger.log(scan.kind === 'invalid' ? 'warn' : 'info', 'scanner.scan', {
      id: this.id,
      kind: scan.kind,
      source: scan.source,
      // Card numbers never reach the log in full.
      code: scan.kind === 'card' ? maskCardNumber(scan.code) : scan.code,
      ...(scan.reason ? { reason: scan.reason } : {}),
    })
    this.scanListeners.emit(scan)
    return scan
  }

  /** A code buffer for a character-stream transport whose reads go to `deliver`. */
  protected codeBuffer(
    source: string,
    timers: Timers,
    framing: { interCharTimeoutMs: number; terminators: readonly Terminator[] },
  ): CodeBuffer {
    return createCodeBuffer({
      timers,
      ...framing,
      onCode: (text, problem) => this.deliver(text, { source, ...(problem ? { problem } : {}) }),
    })
  }

  /** `deliver` for reads that carry a symbology and framing problem of their own (HID POS). */
  protected deliverRead(
    source: string,
    read: { text: string; symbology?: string; problem?: ReadInfo['problem'] },
  ): Scan | null {
    return this.deliver(read.text, {
      source,
      ...(read.symbology ? { symbology: read.symbology } : {}),
      ...(read.problem ? { problem: read.problem } : {}),
    })
  }

  protected clearListeners(): void {
    this.scanListeners.clear()
    this.statusListeners.clear()
  }

  private makeStatus(state: DeviceState, messageKey: string, detail?: string): DeviceStatus {
    return {
      kind: 'scanner',
      id: this.id,
      virtual: this.virtual,
      state,
      messageKey,
      ...(detail ? { detail } : {}),
      since: new Date(this.clock.now()).toISOString(),
    }
  }
}

/**
 * A scanner on real hardware: opens on `connect()` (single-flight — the manager's retry and a manual
 * "reconnect" may overlap), and after an unplug reports 'disconnected' and waits for the next `connect()`.
 */
export abstract class HardwareScanner extends ScannerBase {
  readonly virtual = false
  protected closed = false
  private connecting: Promise<boolean> | undefined

  connect(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false)
    if (this.isOpen()) return Promise.resolve(true)
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined
    })
    return this.connecting
  }

  async close(): Promise<void> {
    this.closed = true
    this.dropReads()
    await this.release()
    this.setStatus('disconnected', 'device.scanner.closed')
    this.clearListeners()
  }

  /** The transport died under us: half-read input becomes a partial read, then the status says so. */
  protected async lost(reason: string): Promise<void> {
    this.abortReads()
    // Status first: the cashier (and the manager's retry) learn of the unplug before the close settles.
    const release = this.release()
    if (!this.closed) this.setStatus('disconnected', 'device.scanner.lost', reason)
    await release
  }

  /**
   * Enumerates the bus and picks the configured device; on failure sets the status (bus unusable = error,
   * device absent = disconnected) and returns undefined.
   */
  protected async locate<T>(
    bus: { list(): Promise<T[]>; unavailableKey: string; what: string },
    pick: (all: T[]) => T | string,
  ): Promise<T | undefined> {
    let all: T[]
    try {
      all = await bus.list()
    } catch (error) {
      this.setStatus('error', bus.unavailableKey, `cannot list ${bus.what}: ${String(error)}`)
      return undefined
    }
    const found = pick(all)
    if (typeof found !== 'string') return found
    this.setStatus('disconnected', 'device.scanner.notFound', found)
    return undefined
  }

  protected abstract isOpen(): boolean
  protected abstract open(): Promise<boolean>
  protected abstract release(): Promise<void>
  /** Report buffered input as partial reads. */
  protected abstract abortReads(): void
  /** Forget buffered input (closing on purpose). */
  protected abstract dropReads(): void
}
