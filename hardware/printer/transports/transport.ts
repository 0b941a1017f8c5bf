// What a printer connection must offer. Real transports (serial, TCP, USB device file) and the virtual
// printer's in-memory link all implement it, so the job queue and status logic run unchanged on each.
import type { Unsubscribe } from '../../types'

export type TransportErrorKind = 'disconnected' | 'timeout' | 'refused' | 'io'

export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'TransportError'
  }
}

export interface PrinterTransport {
  /** For logs: "serial /dev/ttyUSB0", "tcp 192.168.1.50:9100". */
  readonly description: string
  /**
   * Whether the connection stays open between jobs. TCP printers take one connection at a time, so
   * the TCP transport is closed after every job and status poll to let other hosts (and a reboot) in.
   */
  readonly persistent: boolean
  readonly isOpen: boolean
  /** Idempotent; rejects with TransportError. */
  open(): Promise<void>
  /** Resolves once the bytes left this host (drained); rejects with TransportError ('timeout' when the printer stops taking data). */
  write(bytes: Uint8Array): Promise<void>
  onData(listener: (chunk: Uint8Array) => void): Unsubscribe
  /** The link went away without close() being called (unplug, socket reset). */
  onLost(listener: (error: TransportError) => void): Unsubscribe
  /** Idempotent; never rejects. */
  close(): Promise<void>
}

export function asTransportError(error: unknown, fallback: TransportErrorKind = 'io'): TransportError {
  if (error instanceof TransportError) return error
  const e = error as { code?: string; message?: string; disconnected?: boolean } | undefined
  const code = e?.code ?? ''
  const message = e?.message ?? String(error)
  if (
    e?.disconnected ||
    ['EIO', 'ENODEV', 'ENXIO', 'ENOENT', 'EPIPE', 'ECONNRESET', 'EBADF'].includes(code) ||
    /disconnected|not open/i.test(message)
  ) {
    return new TransportError('disconnected', message, { cause: error })
  }
  if (
    ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EACCES', 'EBUSY'].includes(code) ||
    /cannot lock|locked/i.test(message)
  ) {
    return new TransportError('refused', message, { cause: error })
  }
  if (code === 'ETIMEDOUT') return new TransportError('timeout', message, { cause: error })
  return new TransportError(fallback, message, { cause: error })
}

/** A tiny listener set; transports and devices share it instead of each wiring an EventEmitter. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>()
  add(listener: (value: T) => void): Unsubscribe {
    this.set.add(listener)
    return () => void this.set.delete(listener)
  }
  emit(value: T): void {
    for (const l of [...this.set]) l(value)
  }
  get size(): number {
    return this.set.size
  }
}

/** Rejects with a 'timeout' TransportError after `ms`, and clears its timer whichever way `promise` settles. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TransportError('timeout', `${what} timed out after ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * Listener plumbing shared by the transports, and the write guard: a write that does not finish in time
 * drops the link, so unsent bytes never trail into the next job (the next job reopens it clean).
 */
export abstract class BaseTransport implements PrinterTransport {
  abstract readonly description: string
  abstract readonly persistent: boolean
  abstract readonly isOpen: boolean
  protected readonly data = new Listeners<Uint8Array>()
  protected readonly lost = new Listeners<TransportError>()

  abstract open(): Promise<void>
  abstract write(bytes: Uint8Array): Promise<void>
  abstract close(): Promise<void>

  onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
    return this.data.add(listener)
  }

  onLost(listener: (error: TransportError) => void): Unsubscribe {
    return this.lost.add(listener)
  }

  protected async guardWrite(done: Promise<void>, length: number, timeoutMs: number): Promise<void> {
    try {
      await withTimeout(done, timeoutMs, `writing ${length} bytes to ${this.description}`)
    } catch (e) {
      await this.close()
      throw e
    }
  }
}
