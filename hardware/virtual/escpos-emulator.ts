// An ESC/POS printer in memory: answers DLE EOT from a settable state, prints (records) what it is sent,
// and stops printing at paper end or with the cover open, holding the rest like a real printer's buffer.
// The virtual printer, the fake TCP printer and the serial test peer all wrap this one emulator.
import { type DecodeResult, decodeEscPos } from '../escpos-decoder/decode'
import { Listeners } from '../printer/transports/transport'
import { ByteTail } from './byte-tail'

/**
 * What the emulator keeps of its paper: the newest jobs, cut at a job's start (ESC @) — about 700 text
 * receipts, enough for the demo panel's last 20 even as raster — and of all it was sent, a shorter tail.
 */
const PAPER_KEPT = 2 * 1024 * 1024
const RECEIVED_KEPT = 256 * 1024

/** The first job start (ESC @ as a command, not as data inside one) at or after `from`, else −1. */
function jobStartFrom(bytes: Uint8Array, from: number): number {
  const start = decodeEscPos(bytes).commands.find((c) => c.type === 'init' && c.offset >= from)
  return start ? start.offset : -1
}

export interface EmulatorState {
  /** Powered off: no replies, nothing taken in. */
  power: boolean
  offline: boolean
  coverOpen: boolean
  paperOut: boolean
  paperLow: boolean
  /** Level of the drawer connector pin 3 (the drawer's sensor switch), reported in DLE EOT 1 bit 2. */
  drawerPinHigh: boolean
  /** Runs out of paper after printing this many more lines (mid-receipt paper end). */
  paperOutAfterLines: number | null
  /** Delay before replies and before data is taken in (a slow or busy printer). */
  slowMs: number
}

export interface PulseEvent {
  pin: 2 | 5
  onMs: number
  offMs: number
}

const initialState = (): EmulatorState => ({
  power: true,
  offline: false,
  coverOpen: false,
  paperOut: false,
  paperLow: false,
  drawerPinHigh: false,
  paperOutAfterLines: null,
  slowMs: 0,
})

export class EscPosEmulator {
  readonly state: EmulatorState = initialState()
  private readonly received = new ByteTail(RECEIVED_KEPT)
  private readonly printed = new ByteTail(PAPER_KEPT, jobStartFrom)
  private held: number[] = []
  /** Bytes of a command split across two chunks, kept until the rest arrives. */
  private carry: number[] = []
  private dle: 0 | 1 | 2 = 0
  private readonly pulses = new Listeners<PulseEvent>()
  /** Every status request answered, for tests that check the before/after polling. */
  statusRequests = 0

  set(patch: Partial<EmulatorState>): void {
    Object.assign(this.state, patch)
    // Reloading paper or closing the cover resumes printing of what was held.
    if (this.canPrint() && this.held.length > 0) {
      const held = this.held
      this.held = []
      this.print(held)
    }
  }

  onPulse(listener: (pulse: PulseEvent) => void) {
    return this.pulses.add(listener)
  }

  /** Feeds bytes from the host; returns the status bytes the printer answers. */
  receive(chunk: Uint8Array): Uint8Array {
    if (!this.state.power) return new Uint8Array(0)
    const replies: number[] = []
    this.received.append(chunk)
    for (const byte of chunk) {
      // DLE EOT n is real-time: answered wherever it appears, even while printing is stopped (B.2).
      if (this.dle === 2) {
        replies.push(this.statusByte(byte))
        this.statusRequests++
        this.dle = 0
      } else if (byte === 0x10) this.dle = 1
      else if (this.dle === 1 && byte === 0x04) this.dle = 2
      else this.dle = 0
    }
    if (this.canPrint()) this.print(Array.from(chunk))
    else this.held.push(...chunk)
    return Uint8Array.from(replies)
  }

  statusByte(n: number): number {
    const s = this.state
    let byte = 0x12
    if (n === 1) {
      if (s.drawerPinHigh) byte |= 0x04
      if (!this.online()) byte |= 0x08
    } else if (n === 2) {
      if (s.coverOpen) byte |= 0x04
      if (s.paperOut) byte |= 0x20
      if (s.offline) byte |= 0x40
    } else if (n === 4) {
      if (s.paperLow || s.paperOut) byte |= 0x0c
      if (s.paperOut) byte |= 0x60
    }
    return byte
  }

  /** Bytes received in total (it drops to 0 when the recording is cleared). */
  get receivedCount(): number {
    return this.received.total
  }

  /** Bytes printed in total, without copying them (it drops to 0 when the recording is cleared). */
  get printedCount(): number {
    return this.printed.total
  }

  /** Everything received, status requests included: the newest 256 KiB. */
  receivedBytes(): Uint8Array {
    return this.received.bytes()
  }

  /** What made it onto paper: the newest jobs, 2–4 MiB of them. */
  printedBytes(): Uint8Array {
    return this.printed.bytes()
  }

  heldBytes(): Uint8Array {
    return Uint8Array.from(this.held)
  }

  decodePrinted(): DecodeResult {
    return decodeEscPos(this.printedBytes())
  }

  /** Drops held data, as DLE ENQ 2 or a power cycle does on printers that do not resume after reload. */
  clearHeld(): void {
    this.held = []
  }

  /** Forgets recorded bytes (a new demo day), keeps the state. */
  clearRecording(): void {
    this.received.clear()
    this.printed.clear()
  }

  private online(): boolean {
    return !this.state.offline && !this.state.coverOpen && !this.state.paperOut
  }

  private canPrint(): boolean {
    return this.state.power && this.online()
  }

  private print(bytes: number[]): void {
    let i = 0
    for (; i < bytes.length; i++) {
      if (
        bytes[i] === 0x0a &&
        this.state.paperOutAfterLines !== null &&
        --this.state.paperOutAfterLines <= 0
      ) {
        this.state.paperOutAfterLines = null
        this.state.paperOut = true
        i++
        break
      }
    }
    const onPaper = bytes.slice(0, i)
    this.printed.append(onPaper)
    this.firePulses(onPaper)
    if (i < bytes.length) this.held.push(...bytes.slice(i))
  }

  private firePulses(bytes: number[]): void {
    const decoded = decodeEscPos(Uint8Array.from([...this.carry, ...bytes]))
    this.carry = []
    for (const c of decoded.commands) {
      if (c.type === 'pulse') this.pulses.emit({ pin: c.pin, onMs: c.onMs, offMs: c.offMs })
      if (c.type === 'truncated') this.carry = c.bytes
    }
  }
}
