// A streaming ZIP writer on node:zlib (deflate + crc32): entries are added from files or buffers one
// after another and never held in memory whole, so a year's lines.csv of several hundred MB zips with
// constant memory. Format: PKWARE APPNOTE 6.3.x (https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT)
// local headers with bit 3 (sizes in a data descriptor after the data), bit 11 (UTF-8 names), a
// central directory and its end record. No ZIP64: an archive or entry reaching 4 GiB is refused with
// a clear error (a bakery's year is far below; docs/fiscal-export.md).
// Why our own writer: the project already carries node:zlib, and the two dozen lines of headers are
// simpler to audit than a dependency (yazl/archiver/fflate would do the same).
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { createDeflateRaw, crc32 } from 'node:zlib'

const LIMIT = 0xffffffff

interface Entry {
  name: Buffer
  crc: number
  compressed: number
  size: number
  offset: number
  dosTime: number
  dosDate: number
}

function dosDateTime(d: Date): { dosTime: number; dosDate: number } {
  return {
    dosTime: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    dosDate: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  }
}

export class ZipWriter {
  private readonly out: WriteStream
  private offset = 0
  private readonly entries: Entry[] = []

  /**
   * `level` is the deflate level (zlib 1 fastest … 9 smallest). The DSFinV-K export uses 1: its CSV
   * still shrinks to a fraction, and on a year of sales level 6 costs several seconds more CPU for a
   * somewhat smaller file that only an auditor's tool unpacks once (docs/fiscal-export.md).
   */
  constructor(
    path: string,
    private readonly date = new Date(),
    private readonly level = 6,
  ) {
    this.out = createWriteStream(path, { flags: 'wx' })
  }

  private async write(buf: Buffer): Promise<void> {
    this.offset += buf.length
    if (this.offset > LIMIT) throw new Error('ZIP archive would exceed 4 GiB (no ZIP64 support)')
    if (!this.out.write(buf)) await once(this.out, 'drain')
  }

  /** Adds one entry from a file on disk or from memory, deflated. */
  async add(name: string, source: string | Buffer): Promise<void> {
    const nameBuf = Buffer.from(name, 'utf8')
    const { dosTime, dosDate } = dosDateTime(this.date)
    const offset = this.offset
    const head = Buffer.alloc(30)
    head.writeUInt32LE(0x04034b50, 0)
    head.writeUInt16LE(20, 4) // version needed: 2.0 (deflate)
    head.writeUInt16LE(0x0808, 6) // bit 3: data descriptor; bit 11: UTF-8 name
    head.writeUInt16LE(8, 8) // deflate
    head.writeUInt16LE(dosTime, 10)
    head.writeUInt16LE(dosDate, 12)
    // crc and sizes stay 0 here: they follow in the data descriptor.
    head.writeUInt16LE(nameBuf.length, 26)
    await this.write(Buffer.concat([head, nameBuf]))

    let crc = 0
    let size = 0
    let compressed = 0
    const deflate = createDeflateRaw({ level: this.level })
    const input = typeof source === 'string' ? createReadStream(source) : null
    const pump = (async () => {
      if (input) {
        for await (const chunk of input as AsyncIterable<Buffer>) {
          crc = crc32(chunk, crc)
          size += chunk.length
          if (!deflate.write(chunk)) await once(deflate, 'drain')
        }
      } else {
        const buf = source as Buffer
        crc = crc32(buf, crc)
        size += buf.length
        deflate.write(buf)
      }
      deflate.end()
    })()
    for await (const chunk of deflate as AsyncIterable<Buffer>) {
      compressed += chunk.length
      await this.write(chunk)
    }
    await pump
    if (size > LIMIT || compressed > LIMIT)
      throw new Error(`ZIP entry ${name} exceeds 4 GiB (no ZIP64 support)`)
    const desc = Buffer.alloc(16)
    desc.writeUInt32LE(0x08074b50, 0)
    desc.writeUInt32LE(crc >>> 0, 4)
    desc.writeUInt32LE(compressed, 8)
    desc.writeUInt32LE(size, 12)
    await this.write(desc)
    this.entries.push({ name: nameBuf, crc: crc >>> 0, compressed, size, offset, dosTime, dosDate })
  }

  /** Writes the central directory and closes the file. */
  async finish(): Promise<void> {
    const start = this.offset
    for (const e of this.entries) {
      const c = Buffer.alloc(46)
      c.writeUInt32LE(0x02014b50, 0)
      c.writeUInt16LE(20, 4) // made by: 2.0
      c.writeUInt16LE(20, 6)
      c.writeUInt16LE(0x0808, 8)
      c.writeUInt16LE(8, 10)
      c.writeUInt16LE(e.dosTime, 12)
      c.writeUInt16LE(e.dosDate, 14)
      c.writeUInt32LE(e.crc, 16)
      c.writeUInt32LE(e.compressed, 20)
      c.writeUInt32LE(e.size, 24)
      c.writeUInt16LE(e.name.length, 28)
      c.writeUInt32LE(e.offset, 42)
      await this.write(Buffer.concat([c, e.name]))
    }
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(this.entries.length, 8)
    end.writeUInt16LE(this.entries.length, 10)
    end.writeUInt32LE(this.offset - start, 12)
    end.writeUInt32LE(start, 16)
    await this.write(end)
    this.out.end()
    await once(this.out, 'close')
  }

  /** Abandons the archive (the caller removes the partial file). */
  abort(): void {
    this.out.destroy()
  }
}
