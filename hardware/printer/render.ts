// Layout lines → ESC/POS bytes. The only module that imports @point-of-sale/receipt-printer-encoder, so
// its typings (which mention DOM canvas types for images we never use) stay contained here.
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder'
import type { LayoutLine, ReceiptLayout } from '../../common/receipt/layout'
import { type CodepageName, encodeChar } from '../escpos-decoder/codepages'
import { type KickSpec, kickBytes } from '../drawer/kick'

export type PrinterCodepage = Exclude<CodepageName, 'cp437'>

/** Epson numbering; HP (858 = 6, 1252 = 8) and Citizen (858 = 2) differ, hence `codepageNumber` in the config. */
export const DEFAULT_CODEPAGE_NUMBER: Record<PrinterCodepage, number> = { cp858: 19, windows1252: 16 }

export interface RenderOptions {
  columns: number
  codepage: PrinterCodepage
  codepageNumber?: number
  cut: 'partial' | 'full'
  feedBeforeCut: number
  /** Pulse the drawer at the start of the job, so a cash drawer opens even if the paper then runs out. */
  kick?: KickSpec | null
  /**
   * 'native': GS ( k (model 2). 'text': for printers without a QR command, the QR's content as plain
   * lines; the receipt's TSE rows already carry the § 6 fields in plain text (§ 6 S. 2 KassenSichV).
   */
  qr?: 'native' | 'text'
}

/**
 * ESC @, FS . (clones boot into Chinese mode), ESC t n — at the head of every job (FS . "cancel Kanji
 * character mode", Epson ESC/POS command reference).
 */
export function prologue(codepage: PrinterCodepage, codepageNumber?: number): Uint8Array {
  return Uint8Array.of(
    0x1b,
    0x40,
    0x1c,
    0x2e,
    0x1b,
    0x74,
    codepageNumber ?? DEFAULT_CODEPAGE_NUMBER[codepage],
  )
}

/**
 * Same-width stand-ins for typographic characters PC858 lacks (WPC1252 has them), so a name typed with
 * "–" or "„…“" prints readable instead of as "?". Anything else unprintable becomes "?" (encoder default).
 */
const STAND_INS: Record<string, string> = {
  '–': '-',
  '—': '-',
  '‒': '-',
  '‐': '-',
  '„': '"',
  '“': '"',
  '”': '"',
  '‚': ',',
  '‘': "'",
  '’': "'",
  '•': '*',
  '\u00A0': ' ',
  '\u202F': ' ',
  '…': '.',
}

export function printable(text: string, codepage: PrinterCodepage): string {
  let out = ''
  for (const ch of text) out += encodeChar(ch, codepage) !== undefined ? ch : (STAND_INS[ch] ?? '?')
  return out
}

export function renderEscPos(layout: ReceiptLayout, options: RenderOptions): Uint8Array {
  const number = options.codepageNumber ?? DEFAULT_CODEPAGE_NUMBER[options.codepage]
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: layout.columns,
    // Pin the mapping to our number so the encoder never picks another table ("auto" chose CP857, B.1).
    codepageMapping: { [options.codepage]: number },
    feedBeforeCut: options.feedBeforeCut,
    // "\n" alone: some printers double-space on the default "\n\r".
    newline: '\n',
    errors: 'relaxed',
  })
  // The encoder repeats ESC t before its first text; harmless, and our prologue must not depend on
  // whether the first line is text.
  encoder.raw(prologue(options.codepage, number)).codepage(options.codepage)
  if (options.kick) encoder.raw(kickBytes(options.kick))
  for (const line of layout.lines) renderLine(encoder, line, options)
  return cutLast(encoder.encode())
}

/**
 * Characters the encoder library puts at the wrong byte. Its PC858 table maps `¶` and `§` to 0x14/0x15,
 * their CP437 "graphic control" glyph positions, which a printer executes as control bytes (DC4 is even
 * the real-time prefix of some models), so "§ 19 UStG" printed without its `§`. IBM PC858 has them at
 * 0xF4/0xF5 (IBM code page 858 chart; Epson ESC/POS code table "PC858: Euro"). We send those bytes raw.
 */
const ENCODER_MISMAPS: Partial<Record<PrinterCodepage, Record<string, number>>> = {
  cp858: { '¶': 0xf4, '§': 0xf5 },
}

function writeText(encoder: ReceiptPrinterEncoder, text: string, codepage: PrinterCodepage): void {
  const fixes = ENCODER_MISMAPS[codepage]
  if (!fixes) {
    encoder.text(text)
    return
  }
  let run = ''
  for (const ch of text) {
    const byte = fixes[ch]
    if (byte === undefined) {
      run += ch
      continue
    }
    if (run !== '') encoder.text(run)
    run = ''
    encoder.raw([byte])
  }
  if (run !== '') encoder.text(run)
}

/**
 * The encoder ends `cut()` with a newline (`1d 56 01 0a`): a line fed after the cut, which lands on the
 * next customer's receipt and makes "the job's last byte is the cut" false. Drop line feeds after the
 * final cut command (GS V m, or GS V m n for the feed-and-cut forms).
 */
function cutLast(bytes: Uint8Array): Uint8Array {
  let end = bytes.length
  while (end > 0 && bytes[end - 1] === 0x0a) end--
  const isCutAt = (i: number) => i >= 0 && bytes[i] === 0x1d && bytes[i + 1] === 0x56
  const m = bytes[end - 1]
  const twoByteCut = isCutAt(end - 3) && m !== undefined && [0, 1, 0x30, 0x31].includes(m)
  const threeByteCut = isCutAt(end - 4) && [0x41, 0x42, 0x61, 0x62, 0x67, 0x68].includes(bytes[end - 2] ?? -1)
  return twoByteCut || threeByteCut ? bytes.subarray(0, end) : bytes
}

function renderLine(encoder: ReceiptPrinterEncoder, line: LayoutLine, options: RenderOptions): void {
  switch (line.kind) {
    case 'text': {
      if (line.size === 2) encoder.size(2, 2)
      const last = line.segments.length - 1
      line.segments.forEach((segment, i) => {
        // Trailing padding only costs bytes on paper; the layout keeps it for the preview.
        const text = printable(i === last ? segment.text.trimEnd() : segment.text, options.codepage)
        if (text === '') return
        if (segment.bold) encoder.bold(true)
        writeText(encoder, text, options.codepage)
        if (segment.bold) encoder.bold(false)
      })
      if (line.size === 2) encoder.size(1, 1)
      encoder.newline()
      return
    }
    case 'separator':
      encoder.line(line.text)
      return
    case 'blank':
      encoder.newline()
      return
    case 'qr':
      if (options.qr === 'text') {
        for (let i = 0; i < line.data.length; i += options.columns)
          encoder.text(printable(line.data.slice(i, i + options.columns), options.codepage)).newline()
        return
      }
      encoder.align('center').qrcode(line.data, { model: 2, size: 6, errorlevel: 'm' }).align('left')
      return
    case 'cut':
      encoder.cut(options.cut)
      return
  }
}
