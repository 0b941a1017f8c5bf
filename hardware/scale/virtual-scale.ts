// The virtual scale: the real Dialog 06 driver (./serial-scale.ts) over an in-memory serial link to the
// scale emulator, so demo mode and tests go through the same frames, timeouts and checks as a real
// scale. Faults: motion, overload, under zero, silence (power off), unplug.
import type { Clock, Logger } from '../../common/ports'
import type { SerialBackend, SerialLike } from '../scanner/serial-backend'
import { Dialog06ScaleEmulator, type ScaleEmulatorState } from '../virtual/dialog06-scale-emulator'
import { SerialScale } from './serial-scale'

type Handler = (...args: never[]) => void

/** One end of an in-memory serial cable whose other end is the emulator. */
export class MemoryScaleLink implements SerialLike {
  isOpen = true
  private handlers = new Map<string, Handler[]>()
  constructor(private readonly emulator: Dialog06ScaleEmulator) {}

  on(event: string, listener: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener])
    return this
  }

  removeAllListeners(event?: string): this {
    if (event) this.handlers.delete(event)
    else this.handlers.clear()
    return this
  }

  write(data: Uint8Array, callback?: (error?: Error | null) => void): boolean {
    if (!this.isOpen) {
      callback?.(new Error('Port is not open'))
      return false
    }
    const reply = this.emulator.receive(data)
    callback?.(null)
    if (reply.length > 0) {
      const send = () => this.isOpen && this.emit('data', Buffer.from(reply))
      if (this.emulator.state.slowMs > 0) setTimeout(send, this.emulator.state.slowMs)
      else setImmediate(send)
    }
    return true
  }

  close(callback?: (error?: Error | null) => void): void {
    this.isOpen = false
    callback?.(null)
  }

  /** The cable is pulled: serialport reports `close` with `disconnected: true`. */
  unplug(): void {
    if (!this.isOpen) return
    this.isOpen = false
    this.emit('close', Object.assign(new Error('disconnected'), { disconnected: true }))
  }

  private emit(event: string, ...args: unknown[]): void {
    for (const h of this.handlers.get(event) ?? []) (h as (...a: unknown[]) => void)(...args)
  }
}

export class VirtualScale extends SerialScale {
  readonly emulator: Dialog06ScaleEmulator
  /** The cable: shared with the in-memory serial backend the driver opens. */
  private readonly cable: { plugged: boolean; link: MemoryScaleLink | null }

  constructor(deps: { clock?: Clock; logger?: Logger; id?: string } = {}) {
    const emulator = new Dialog06ScaleEmulator()
    const cable: { plugged: boolean; link: MemoryScaleLink | null } = { plugged: true, link: null }
    const serial: SerialBackend = {
      list: async () => (cable.plugged ? [{ path: 'virtual-scale' }] : []),
      open: async () => {
        if (!cable.plugged) throw new Error('ENOENT: virtual scale unplugged')
        cable.link = new MemoryScaleLink(emulator)
        return cable.link
      },
    }
    super(
      {
        id: deps.id ?? 'scale',
        virtual: true,
        path: 'virtual-scale',
        baudRate: 9600,
        dataBits: 7,
        parity: 'odd',
        responseTimeoutMs: 300,
        stableTimeoutMs: 1500,
        retryMs: 100,
      },
      {
        serial,
        ...(deps.clock ? { clock: deps.clock } : {}),
        ...(deps.logger ? { logger: deps.logger } : {}),
      },
    )
    this.cable = cable
    this.emulator = emulator
  }

  /** Puts goods on the platter (or takes them off with 0); settles at once unless `motion`. */
  place(grams: number, options: { motion?: boolean } = {}): void {
    this.emulator.set({ grams, motion: options.motion ?? false })
  }

  set(patch: Partial<ScaleEmulatorState>): void {
    this.emulator.set(patch)
  }

  unplug(): void {
    this.cable.plugged = false
    this.cable.link?.unplug()
  }

  plugIn(): void {
    this.cable.plugged = true
  }
}
