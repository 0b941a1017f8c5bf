// Append-only byte storage for the simulator's long-lived records (transaction revisions, signed log
// messages). A real TSE keeps one signed log message per operation for the TR-03153 export, so the
// simulator must keep them too, but in large Buffers outside the V8 heap: one small JS object per
// record would make the demo till's live heap grow a few KB with every sale.
const CHUNK = 1 << 20

export class BlobStore {
  private readonly chunks: Buffer[] = []
  private used = CHUNK

  /** Stores the bytes; the handle (a plain number) reads them back. */
  append(data: Buffer): number {
    const need = data.length + 4
    if (this.used + need > CHUNK) {
      this.chunks.push(Buffer.allocUnsafe(Math.max(CHUNK, need)))
      this.used = 0
    }
    const chunk = this.chunks[this.chunks.length - 1]!
    const at = this.used
    chunk.writeUInt32LE(data.length, at)
    data.copy(chunk, at + 4)
    this.used += need
    return (this.chunks.length - 1) * CHUNK + at
  }

  /** The stored bytes (a view into the chunk: copy before keeping them). */
  read(handle: number): Buffer {
    const chunk = this.chunks[Math.floor(handle / CHUNK)]!
    const at = handle % CHUNK
    return chunk.subarray(at + 4, at + 4 + chunk.readUInt32LE(at))
  }
}
