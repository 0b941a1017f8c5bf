// Decodes the ESC/POS subset Tresen emits (docs/hardware-printer.md) back into text lines and a command
// list. The virtual printer, the fake TCP printer and the tests all read printer bytes through this, so it
// is deliberately independent of the encoder library: a wrong byte from the encoder shows up here.
import { type CodepageName, EPSON_CODEPAGE_NUMBERS, decodeByte } from './codepages'

export type Align = 'left' | 'center' | 'right'

export type DecodedCommand = { offset: number } & (
  | { type: 'init' }
  | { type: 'cancel-kanji' }
  | { type: 'kanji-on' }
  | { type: 'codepage'; n: number; codepage: CodepageName | null }
  | { type: 'charset'; n: number }
  | { type: 'font'; n: number }
  | { type: 'bold'; on: boolean }
  | { type: 'underline'; n: number }
  | { type: 'double-strike'; on: boolean }
  | { type: 'align'; align: Align }
  | { type: 'print-mode'; n: number }
  | { type: 'size'; width: number; height: number }
  | { type: 'reverse'; on: boolean }
  | { type: 'line-spacing'; n: number | null }
  | { type: 'feed'; lines: number }
  | { type: 'feed-dots'; dots: number }
  | { type: 'text'; text: string }
  | { type: 'newline' }
  | { type: 'cut'; partial: boolean; feed: number | null }
  | { type: 'pulse'; pin: 2 | 5; onMs: number; offMs: number }
  | { type: 'realtime-pulse'; pin: 2 | 5; ms: number }
  | { type: 'status-request'; n: number }
  | { type: 'recover'; n: number }
  | { type: 'paper-status-request'; n: number }
  | { type: 'auto-status-back'; n: number }
  | { type: 'barcode-setting'; setting: 'height' | 'width' | 'hri' | 'hri-font'; n: number }
  | { type: 'barcode'; symbology: number; data: string }
  | { type: 'qr-model'; model: number }
  | { type: 'qr-size'; size: number }
  | { type: 'qr-error-level'; level: 'L' | 'M' | 'Q' | 'H' }
  | { type: 'qr-store'; data: string }
  | { type: 'qr-print' }
  | { type: '2d'; cn: number; fn: number; length: number }
  | { type: 'raster'; mode: number; widthBytes: number; heightDots: number }
  | { type: 'column-image'; mode: number; dots: number }
  | { type: 'unknown'; bytes: number[] }
  | { type: 'truncated'; bytes: number[] }
)

export interface DecodedLine {
  text: string
  bold: boolean
  /** Character magnification, 1–8, as set by GS ! or ESC ! at the line's first printed character. */
  width: number
  height: number
  align: Align
}

export interface DecodeResult {
  lines: DecodedLine[]
  commands: DecodedCommand[]
  /** Commands the decoder did not recognise; tests of our own output expect none. */
  unknown: DecodedCommand[]
}

export interface DecodeOptions {
  /** Code page in effect before any ESC t (a printer's power-on default; PC437 on most). */
  codepage?: CodepageName
}

const ESC = 0x1b
const GS = 0x1d
const FS = 0x1c
const DLE = 0x10
const LF = 0x0a
const CR = 0x0d

class Truncated extends Error {}

export function decodeEscPos(input: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  return new Decoder(input, options.codepage ?? 'cp437').run()
}

/** The text lines alone, for assertions like `expect(decodeText(bytes)).toContain('Brötchen …')`. */
export function decodeText(input: Uint8Array, options: DecodeOptions = {}): string[] {
  return decodeEscPos(input, options).lines.map((l) => l.text)
}

class Decoder {
  private pos = 0
  private readonly commands: DecodedCommand[] = []
  private readonly lines: DecodedLine[] = []
  private codepage: CodepageName
  private style = { bold: false, width: 1, height: 1, align: 'left' as Align }
  private current: DecodedLine | null = null
  private textRun: { offset: number; text: string } | null = null

  constructor(
    private readonly bytes: Uint8Array,
    private readonly initialCodepage: CodepageName,
  ) {
    this.codepage = initialCodepage
  }

  run(): DecodeResult {
    while (this.pos < this.bytes.length) {
      const start = this.pos
      try {
        this.step()
      } catch (e) {
        if (!(e instanceof Truncated)) throw e
        this.flushText()
        this.commands.push({
          offset: start,
          type: 'truncated',
          bytes: Array.from(this.bytes.subarray(start)),
        })
        this.pos = this.bytes.length
      }
    }
    this.flushText()
    if (this.current && this.current.text !== '') this.lines.push(this.current)
    return {
      lines: this.lines,
      commands: this.commands,
      unknown: this.commands.filter((c) => c.type === 'unknown'),
    }
  }

  private next(): number {
    if (this.pos >= this.bytes.length) throw new Truncated()
    return this.bytes[this.pos++]
  }

  private take(n: number): Uint8Array {
    if (this.pos + n > this.bytes.length) throw new Truncated()
    const out = this.bytes.subarray(this.pos, this.pos + n)
    this.pos += n
    return out
  }

  private emit(
    offset: number,
    command: DecodedCommand extends infer C
      ? C extends { offset: number }
        ? Omit<C, 'offset'>
        : never
      : never,
  ): void {
    this.flushText()
    this.commands.push({ offset, ...command } as DecodedCommand)
  }

  private step(): void {
    const offset = this.pos
    const b = this.next()
    if (b === LF) {
      this.emit(offset, { type: 'newline' })
      this.endLine()
    } else if (b === CR) {
      // The encoder's "\n\r" newline; CR alone does not advance paper on thermal printers.
    } else if (b === ESC) this.esc(offset)
    else if (b === GS) this.gs(offset)
    else if (b === FS) this.fs(offset)
    else if (b === DLE) this.dle(offset)
    else if (b < 0x20 || b === 0x7f) this.emit(offset, { type: 'unknown', bytes: [b] })
    else this.printChar(offset, decodeByte(b, this.codepage))
  }

  private esc(offset: number): void {
    const c = this.next()
    switch (c) {
      case 0x40:
        // ESC @ clears the print buffer: an unfinished line (a job cut off mid-line) never reaches paper.
        this.current = null
        this.codepage = this.initialCodepage
        this.style = { bold: false, width: 1, height: 1, align: 'left' }
        return this.emit(offset, { type: 'init' })
      case 0x74: {
        const n = this.next()
        const codepage = EPSON_CODEPAGE_NUMBERS[n] ?? null
        this.codepage = codepage ?? 'cp437'
        return this.emit(offset, { type: 'codepage', n, codepage })
      }
      case 0x52:
        return this.emit(offset, { type: 'charset', n: this.next() })
      case 0x45: {
        const on = (this.next() & 1) === 1
        this.style.bold = on
        return this.emit(offset, { type: 'bold', on })
      }
      case 0x2d:
        return this.emit(offset, { type: 'underline', n: this.next() & 0x03 })
      case 0x47:
        return this.emit(offset, { type: 'double-strike', on: (this.next() & 1) === 1 })
      case 0x4d:
        return this.emit(offset, { type: 'font', n: this.next() })
      case 0x61: {
        const n = this.next()
        const align: Align = n === 1 || n === 49 ? 'center' : n === 2 || n === 50 ? 'right' : 'left'
        this.style.align = align
        return this.emit(offset, { type: 'align', align })
      }
      case 0x21: {
        const n = this.next()
        this.style.bold = (n & 0x08) !== 0
        this.style.height = n & 0x10 ? 2 : 1
        this.style.width = n & 0x20 ? 2 : 1
        return this.emit(offset, { type: 'print-mode', n })
      }
      case 0x64: {
        const lines = this.next()
        this.emit(offset, { type: 'feed', lines })
        for (let i = 0; i < lines; i++) this.endLine()
        return
      }
      case 0x4a:
        return this.emit(offset, { type: 'feed-dots', dots: this.next() })
      case 0x32:
        return this.emit(offset, { type: 'line-spacing', n: null })
      case 0x33:
        return this.emit(offset, { type: 'line-spacing', n: this.next() })
      case 0x70: {
        const [m, t1, t2] = this.take(3)
        // If t2 < t1 the printer uses t1 for the off time too (Star, Wincor, Citizen manuals, B.1).
        return this.emit(offset, {
          type: 'pulse',
          pin: m === 1 || m === 49 ? 5 : 2,
          onMs: t1 * 2,
          offMs: Math.max(t1, t2) * 2,
        })
      }
      case 0x2a: {
        const [m, nL, nH] = this.take(3)
        const dots = nL + nH * 256
        this.take(m === 0 || m === 1 ? dots : dots * 3)
        return this.emit(offset, { type: 'column-image', mode: m, dots })
      }
      default:
        return this.emit(offset, { type: 'unknown', bytes: [ESC, c] })
    }
  }

  private gs(offset: number): void {
    const c = this.next()
    switch (c) {
      case 0x21: {
        const n = this.next()
        this.style.width = (n >> 4) + 1
        this.style.height = (n & 0x0f) + 1
        return this.emit(offset, { type: 'size', width: this.style.width, height: this.style.height })
      }
      case 0x42:
        return this.emit(offset, { type: 'reverse', on: (this.next() & 1) === 1 })
      case 0x56: {
        const m = this.next()
        if (m === 65 || m === 66)
          return this.emit(offset, { type: 'cut', partial: m === 66, feed: this.next() })
        return this.emit(offset, { type: 'cut', partial: m === 1 || m === 49, feed: null })
      }
      case 0x68:
        return this.emit(offset, { type: 'barcode-setting', setting: 'height', n: this.next() })
      case 0x77:
        return this.emit(offset, { type: 'barcode-setting', setting: 'width', n: this.next() })
      case 0x48:
        return this.emit(offset, { type: 'barcode-setting', setting: 'hri', n: this.next() })
      case 0x66:
        return this.emit(offset, { type: 'barcode-setting', setting: 'hri-font', n: this.next() })
      case 0x6b:
        return this.barcode(offset)
      case 0x28:
        return this.twoD(offset)
      case 0x76: {
        const [zero, m, xL, xH, yL, yH] = this.take(6)
        if (zero !== 0x30) return this.emit(offset, { type: 'unknown', bytes: [GS, c, zero] })
        const widthBytes = xL + xH * 256
        const heightDots = yL + yH * 256
        this.take(widthBytes * heightDots)
        return this.emit(offset, { type: 'raster', mode: m, widthBytes, heightDots })
      }
      case 0x72:
        return this.emit(offset, { type: 'paper-status-request', n: this.next() })
      case 0x61:
        return this.emit(offset, { type: 'auto-status-back', n: this.next() })
      default:
        return this.emit(offset, { type: 'unknown', bytes: [GS, c] })
    }
  }

  private barcode(offset: number): void {
    const m = this.next()
    let data: Uint8Array
    if (m <= 6) {
      const end = this.bytes.indexOf(0, this.pos)
      if (end < 0) throw new Truncated()
      data = this.take(end - this.pos)
      this.pos++
    } else {
      data = this.take(this.next())
    }
    this.emit(offset, { type: 'barcode', symbology: m, data: String.fromCharCode(...data) })
  }

  private twoD(offset: number): void {
    const k = this.next()
    const [pL, pH] = this.take(2)
    const length = pL + pH * 256
    const body = this.take(length)
    if (k !== 0x6b || length < 2)
      return this.emit(offset, { type: 'unknown', bytes: [GS, 0x28, k, pL, pH, ...body] })
    const [cn, fn] = body
    if (cn !== 0x31) return this.emit(offset, { type: '2d', cn, fn, length })
    switch (fn) {
      case 0x41:
        return this.emit(offset, { type: 'qr-model', model: body[2] - 0x30 })
      case 0x43:
        return this.emit(offset, { type: 'qr-size', size: body[2] })
      case 0x45:
        return this.emit(offset, {
          type: 'qr-error-level',
          level: (['L', 'M', 'Q', 'H'] as const)[body[2] - 48] ?? 'L',
        })
      case 0x50:
        // The encoder sends QR data as ISO-8859-1 (observed with 4.0.1), so bytes map 1:1 to code points.
        return this.emit(offset, { type: 'qr-store', data: String.fromCharCode(...body.subarray(3)) })
      case 0x51:
        return this.emit(offset, { type: 'qr-print' })
      default:
        return this.emit(offset, { type: '2d', cn, fn, length })
    }
  }

  private fs(offset: number): void {
    const c = this.next()
    if (c === 0x2e) return this.emit(offset, { type: 'cancel-kanji' })
    if (c === 0x26) return this.emit(offset, { type: 'kanji-on' })
    this.emit(offset, { type: 'unknown', bytes: [FS, c] })
  }

  private dle(offset: number): void {
    const c = this.next()
    if (c === 0x04) return this.emit(offset, { type: 'status-request', n: this.next() })
    if (c === 0x05) return this.emit(offset, { type: 'recover', n: this.next() })
    if (c === 0x14) {
      const [fn, m, t] = this.take(3)
      if (fn === 1) return this.emit(offset, { type: 'realtime-pulse', pin: m === 1 ? 5 : 2, ms: t * 100 })
      return this.emit(offset, { type: 'unknown', bytes: [DLE, c, fn, m, t] })
    }
    this.emit(offset, { type: 'unknown', bytes: [DLE, c] })
  }

  private printChar(offset: number, char: string): void {
    if (!this.current)
      this.current = {
        text: '',
        bold: false,
        width: this.style.width,
        height: this.style.height,
        align: this.style.align,
      }
    if (this.current.text === '')
      Object.assign(this.current, {
        width: this.style.width,
        height: this.style.height,
        align: this.style.align,
      })
    if (this.style.bold && char !== ' ') this.current.bold = true
    this.current.text += char
    if (!this.textRun) this.textRun = { offset, text: '' }
    this.textRun.text += char
  }

  private flushText(): void {
    if (this.textRun)
      this.commands.push({ offset: this.textRun.offset, type: 'text', text: this.textRun.text })
    this.textRun = null
  }

  private endLine(): void {
    this.lines.push(
      this.current ?? {
        text: '',
        bold: false,
        width: this.style.width,
        height: this.style.height,
        align: this.style.align,
      },
    )
    this.current = null
  }
}
