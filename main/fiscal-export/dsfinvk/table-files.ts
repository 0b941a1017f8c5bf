// The export's CSV files while they are written: one file per table in a work folder, header first,
// records as the closings stream through. Each record is encoded straight into the file's own fixed
// buffer and the full buffer written out with one write, so memory stays 20 buffers and no record is
// joined, copied or allocated twice (a year is several million records). The writes are synchronous:
// the export runs in its own worker thread (run-export.ts), where nothing else waits for the loop.
import { closeSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { headerLine, recordLine, type CellValue } from './csv'
import type { DsfinvkTable } from './table-schema'
import { DSFINVK_TABLES } from './tables'

/** Bytes buffered per file before a write. */
const BUFFER_BYTES = 256 * 1024
/** A UTF-16 code unit takes at most 3 bytes in UTF-8. */
const MAX_BYTES_PER_CHAR = 3

class TableFile {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES)
  private used = 0
  rows = 0
  constructor(
    readonly table: DsfinvkTable,
    private readonly fd: number,
  ) {
    this.push(headerLine(table))
  }
  private push(text: string): void {
    if (this.used + text.length * MAX_BYTES_PER_CHAR > BUFFER_BYTES) {
      this.flush()
      // A record longer than the whole buffer (never in practice) goes out on its own.
      if (text.length * MAX_BYTES_PER_CHAR > BUFFER_BYTES) {
        this.writeAll(Buffer.from(text, 'utf8'))
        return
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8')
  }
  private writeAll(bytes: Buffer): void {
    let off = 0
    while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off)
  }
  add(row: Record<string, CellValue>): void {
    this.push(recordLine(this.table, row))
    this.rows += 1
  }
  flush(): void {
    if (this.used === 0) return
    this.writeAll(this.buffer.subarray(0, this.used))
    this.used = 0
  }
  close(): void {
    try {
      this.flush()
    } finally {
      closeSync(this.fd)
    }
  }
}

export class TableFiles {
  private readonly files = new Map<string, TableFile>()
  constructor(readonly dir: string) {
    try {
      for (const t of DSFINVK_TABLES)
        this.files.set(t.file, new TableFile(t, openSync(join(dir, t.file), 'w')))
    } catch (error) {
      this.closeAll()
      throw error
    }
  }
  add(file: string, row: Record<string, CellValue>): void {
    const f = this.files.get(file)
    if (!f) throw new Error(`unknown DSFinV-K file ${file}`)
    f.add(row)
  }
  rows(file: string): number {
    return this.files.get(file)?.rows ?? 0
  }
  /** Lets the event loop breathe between closings (full buffers are written as they fill). */
  async maybeFlush(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  async close(): Promise<void> {
    this.closeAll()
    await Promise.resolve()
  }
  private closeAll(): void {
    let first: unknown
    for (const f of this.files.values())
      try {
        f.close()
      } catch (error) {
        first ??= error
      }
    this.files.clear()
    if (first !== undefined) throw first
  }
}
