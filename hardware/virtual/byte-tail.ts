// The newest bytes of a stream, kept compactly and bounded: what a virtual printer keeps of what it
// was sent and of its paper. A real roll ends; the demo till runs for days, and a JS number array
// kept every byte of every day at 8 bytes each (docs/memory.md).

export class ByteTail {
  private buf = new Uint8Array(4096)
  private length = 0
  /** Bytes dropped from the front so far (`total` counts them). */
  private dropped = 0

  /**
   * `keep`: bytes kept at least once trimmed; trimming happens when twice that is reached.
   * `cutAt(bytes, from)`: where to cut at or after `from` (a job's start), or −1 for `from` itself.
   */
  constructor(
    private readonly keep: number,
    private readonly cutAt: (bytes: Uint8Array, from: number) => number = () => -1,
  ) {}

  /** Everything ever appended, the trimmed front included (a cursor tests and fakes count against). */
  get total(): number {
    return this.dropped + this.length
  }

  append(bytes: ArrayLike<number>): void {
    if (bytes.length === 0) return
    const need = this.length + bytes.length
    if (need > this.buf.length) {
      const grown = new Uint8Array(Math.max(need, this.buf.length * 2))
      grown.set(this.buf.subarray(0, this.length))
      this.buf = grown
    }
    this.buf.set(bytes, this.length)
    this.length = need
    if (this.length >= 2 * this.keep) this.trim()
  }

  /** A copy of the kept bytes. */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length)
  }

  clear(): void {
    this.buf = new Uint8Array(4096)
    this.length = 0
    this.dropped = 0
  }

  private trim(): void {
    const from = this.length - this.keep
    const aligned = this.cutAt(this.buf.subarray(0, this.length), from)
    const cut = aligned >= from && aligned < this.length ? aligned : from
    const kept = this.buf.slice(cut, this.length)
    this.buf = new Uint8Array(Math.max(4096, kept.length * 2))
    this.buf.set(kept)
    this.length = kept.length
    this.dropped += cut
  }
}
