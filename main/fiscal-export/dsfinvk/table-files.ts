// The export's CSV files while they are written: one buffered append stream per table in a work
// folder, header first, records as the closings stream through (memory stays a few buffers).
import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import { headerLine, recordLine, type CellValue } from './csv'
import { DSFINVK_TABLES, type DsfinvkTable } from './tables'

const FLUSH_AT = 64 * 1024

class TableFile {
  private buffer: string[] = []
  private size = 0
  rows = 0
  constructor(
    readonly table: DsfinvkTable,
    private readonly stream: WriteStream,
  ) {
    this.push(headerLine(table))
  }
  private push(text: string): void {
    this.buffer.push(text)
    this.size += text.length
  }
  add(row: Record<string, CellValue>): void {
    this.push(recordLine(this.table, row))
    this.rows += 1
  }
  get pending(): number {
    return this.size
  }
  async flush(): Promise<void> {
    if (this.size === 0) return
    const text = this.buffer.join('')
    this.buffer = []
    this.size = 0
    if (!this.stream.write(text, 'utf8')) await once(this.stream, 'drain')
  }
  async close(): Promise<void> {
    await this.flush()
    this.stream.end()
    await once(this.stream, 'close')
  }
}

export class TableFiles {
  private readonly files = new Map<string, TableFile>()
  constructor(readonly dir: string) {
    for (const t of DSFINVK_TABLES)
      this.files.set(t.file, new TableFile(t, createWriteStream(join(dir, t.file))))
  }
  add(file: string, row: Record<string, CellValue>): void {
    const f = this.files.get(file)
    if (!f) throw new Error(`unknown DSFinV-K file ${file}`)
    f.add(row)
  }
  rows(file: string): number {
    return this.files.get(file)?.rows ?? 0
  }
  /** Writes buffers that grew large; awaiting it lets the stream drain and the event loop breathe. */
  async maybeFlush(): Promise<void> {
    for (const f of this.files.values()) if (f.pending >= FLUSH_AT) await f.flush()
  }
  async close(): Promise<void> {
    for (const f of this.files.values()) await f.close()
  }
}
