// A Dialog 06 shop scale in memory: takes the till's frames and answers like the scale would, from a state
// a test or the demo sets (load, motion, overload, silence). The virtual scale, the serial scale peer
// for socat tests and the demo all use this one emulator.
import {
  ACK,
  ENQ,
  EOT,
  ESC,
  ETX,
  MAX_FIELD_GRAMS,
  NAK,
  STX,
  statusRecord,
  weightRecord,
} from '../scale/dialog06'

export interface ScaleEmulatorState {
  /** Powered off or unplugged at the far end: no answers at all. */
  power: boolean
  /** Net weight on the platter in grams; may be negative (under zero). */
  grams: number
  /** The weight still settles: the scale answers NAK with status 20. */
  motion: boolean
  /** Capacity in grams (above it: status 32). */
  maxGrams: number
  /** Minimum load in grams (below it, but above 0: status 30). */
  minGrams: number
  /** Answer this many weight requests with status 20 before the weight settles (a scale that needs a moment). */
  settleAfterRequests: number
  /** Delay before each answer. */
  slowMs: number
  /** Adds this many cents to the computed amount (a scale set to another rounding rule). */
  amountOffset: number
}

const initial = (): ScaleEmulatorState => ({
  power: true,
  grams: 0,
  motion: false,
  maxGrams: 15_000,
  minGrams: 40,
  settleAfterRequests: 0,
  slowMs: 0,
  amountOffset: 0,
})

/** Weight × unit price rounded half up to the cent, as the scale computes it (docs/hardware-scale.md). */
export function scaleAmount(grams: number, unitPrice: number): number {
  return Math.floor((grams * unitPrice + 500) / 1000)
}

export class Dialog06ScaleEmulator {
  readonly state: ScaleEmulatorState = initial()
  private buffer: number[] = []
  private unitPrice: number | null = null
  /** Weight of the last weighing handed to the till; the same one is not handed out twice (status 21). */
  private lastWeighed: number | null = null
  private lastStatus = '00'
  /** Weighings handed to the till, for tests. */
  readonly weighings: { grams: number; unitPrice: number; amount: number }[] = []
  /** Frames received (for tests that check what the till sent). */
  readonly frames: string[] = []

  set(patch: Partial<ScaleEmulatorState>): void {
    const before = this.state.grams
    Object.assign(this.state, patch)
    // Taking the goods off (or putting new ones on) is the motion that allows the next weighing.
    if (patch.grams !== undefined && patch.grams !== before) this.lastWeighed = null
  }

  /** Feeds bytes from the till; returns the scale's answer bytes (possibly empty). */
  receive(chunk: Uint8Array): Uint8Array {
    if (!this.state.power) return new Uint8Array(0)
    this.buffer.push(...chunk)
    const out: number[] = []
    for (;;) {
      const frame = this.nextFrame()
      if (frame === null) break
      out.push(...this.answer(frame))
    }
    return Uint8Array.from(out)
  }

  /** A frame starts with EOT: EOT ENQ, or EOT STX … ETX. */
  private nextFrame(): string | null {
    const start = this.buffer.indexOf(EOT)
    if (start < 0) {
      this.buffer = []
      return null
    }
    if (this.buffer.length < start + 2) return null
    if (this.buffer[start + 1] === ENQ) {
      this.buffer = this.buffer.slice(start + 2)
      this.frames.push('ENQ')
      return 'ENQ'
    }
    if (this.buffer[start + 1] !== STX) {
      this.buffer = this.buffer.slice(start + 1)
      return this.nextFrame()
    }
    const end = this.buffer.indexOf(ETX, start)
    if (end < 0) return null
    const body = String.fromCharCode(...this.buffer.slice(start + 2, end))
    this.buffer = this.buffer.slice(end + 1)
    this.frames.push(body.replaceAll(String.fromCharCode(ESC), '|'))
    return body
  }

  private answer(frame: string): number[] {
    if (frame === 'ENQ') return this.weigh()
    const fields = frame.split(String.fromCharCode(ESC))
    if (fields[0] === '01') {
      if (!/^\d{6}$/.test(fields[1] ?? '')) return this.nak('11')
      this.unitPrice = Number(fields[1])
      this.lastStatus = '00'
      return [ACK]
    }
    if (fields[0] === '08') return Array.from(statusRecord(this.lastStatus))
    return this.nak('10')
  }

  private weigh(): number[] {
    const s = this.state
    if (this.unitPrice === null) return this.nak('11')
    if (s.settleAfterRequests > 0) {
      s.settleAfterRequests--
      return this.nak('20')
    }
    if (s.motion) return this.nak('20')
    if (s.grams > s.maxGrams || s.grams > MAX_FIELD_GRAMS) return this.nak('32')
    if (s.grams < 0) return this.nak('31')
    if (s.grams < s.minGrams) return this.nak('30')
    if (this.lastWeighed === s.grams) return this.nak('21')
    const amount = scaleAmount(s.grams, this.unitPrice) + s.amountOffset
    this.lastWeighed = s.grams
    this.lastStatus = '00'
    this.weighings.push({ grams: s.grams, unitPrice: this.unitPrice, amount })
    // One unit price per weighing: the next one needs record 01 again.
    const unitPrice = this.unitPrice
    this.unitPrice = null
    return Array.from(weightRecord(s.grams, unitPrice, amount))
  }

  private nak(code: string): number[] {
    this.lastStatus = code
    return [NAK]
  }
}
