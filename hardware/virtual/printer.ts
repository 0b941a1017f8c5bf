// The virtual printer: the real EscPosPrinter (queue, status checks, idempotency) over an in-memory link
// to an emulated printer, so demo mode and tests exercise the same code paths as the hardware.
import type { Clock, Logger } from '../../common/ports'
import type { DecodeResult } from '../escpos-decoder/decode'
import type { KickSpec } from '../drawer/kick'
import { EscPosEmulator } from './escpos-emulator'
import { EscPosPrinter, type QueuedPrinter } from '../printer/escpos-printer'
import { BaseTransport, TransportError } from '../printer/transports/transport'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** In-memory link; `unplug()` and `unplugAfterBytes` simulate a cable pulled before or during a job. */
export class MemoryTransport extends BaseTransport {
  readonly persistent = true
  readonly description = 'virtual'
  private opened = false
  private plugged = true
  private budget: number | null = null

  constructor(readonly emulator: EscPosEmulator) {
    super()
  }

  get isOpen(): boolean {
    return this.opened
  }

  async open(): Promise<void> {
    if (!this.plugged) throw new TransportError('disconnected', 'virtual printer is unplugged')
    this.opened = true
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.opened) throw new TransportError('disconnected', 'virtual printer is not open')
    if (this.emulator.state.slowMs > 0) await sleep(this.emulator.state.slowMs)
    let chunk = bytes
    if (this.budget !== null && bytes.length > this.budget) {
      chunk = bytes.subarray(0, this.budget)
      this.deliver(chunk)
      this.unplug()
      throw new TransportError(
        'disconnected',
        `virtual printer unplugged after ${chunk.length} of ${bytes.length} bytes`,
      )
    }
    if (this.budget !== null) this.budget -= bytes.length
    this.deliver(chunk)
  }

  async close(): Promise<void> {
    this.opened = false
  }

  unplug(): void {
    this.plugged = false
    this.budget = null
    if (this.opened) {
      this.opened = false
      this.lost.emit(new TransportError('disconnected', 'virtual printer unplugged'))
    }
  }

  /** Lets `bytes` more through, then unplugs in the middle of the write that exceeds them. */
  unplugAfterBytes(bytes: number): void {
    this.budget = bytes
  }

  plugIn(): void {
    this.plugged = true
  }

  private deliver(chunk: Uint8Array): void {
    const replies = this.emulator.receive(chunk)
    if (replies.length === 0) return
    // Replies arrive asynchronously, as from a wire, after the writer started listening.
    setTimeout(() => this.data.emit(replies), 0)
  }
}

export interface VirtualPrinterOptions {
  id?: string
  columns?: number
  codepage?: 'cp858' | 'windows1252'
  statusTimeoutMs?: number
}

export interface VirtualPrinter extends QueuedPrinter {
  readonly emulator: EscPosEmulator
  readonly link: MemoryTransport
  /** What reached paper, decoded into text lines and commands. */
  decoded(): DecodeResult
}

export function createVirtualPrinter(
  options: VirtualPrinterOptions = {},
  deps: { clock?: Clock; logger?: Logger; kick?: KickSpec } = {},
): VirtualPrinter {
  const emulator = new EscPosEmulator()
  const link = new MemoryTransport(emulator)
  const printer = new EscPosPrinter(
    {
      id: options.id ?? 'printer',
      virtual: true,
      columns: options.columns ?? 48,
      codepage: options.codepage ?? 'cp858',
      statusTimeoutMs: options.statusTimeoutMs ?? 300,
      statusQuery: 'dle-eot',
      cut: 'partial',
      feedBeforeCut: 4,
      postCheckDelayMs: 0,
    },
    { transport: link, ...deps },
  )
  return Object.assign(printer, { emulator, link, decoded: () => emulator.decodePrinted() })
}
