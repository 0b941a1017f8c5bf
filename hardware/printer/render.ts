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

/** ESC @, FS . (clones boot into Chinese mode), ESC t n — at the head of every job (hardware.md §0.3). */
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
  return encoder.encode()
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
        encoder.text(text)
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
