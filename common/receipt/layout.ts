// The one receipt layout: a ReceiptDocument laid out into fixed-width lines. The ESC/POS renderer
// (hardware/printer/render.ts) and the on-screen preview both draw exactly these lines, so what the
// cashier sees is what the printer prints, cell for cell. Pure TS: no Node or DOM API.
import { formatAmount } from '../money'
import type { ApiReceiptLine } from './api-lines'
import type { ReceiptDocument } from './model'
import { alignText, clip, padEnd, textWidth, twoColumns, wrap } from './text'

export type LayoutAlign = 'left' | 'center' | 'right'

export interface LayoutSegment {
  text: string
  bold: boolean
}

/**
 * A text line's segments together are exactly `columns / size` cells wide (padding included), so a
 * preview can draw them in a monospace font without measuring; `align` tells how the padding was
 * chosen, for previews that prefer to centre with CSS.
 */
export type LayoutLine =
  | { kind: 'text'; segments: LayoutSegment[]; align: LayoutAlign; size: 1 | 2 }
  | { kind: 'separator'; text: string; style: 'single' | 'double' }
  | { kind: 'blank' }
  | { kind: 'qr'; data: string }
  | { kind: 'cut' }

export interface ReceiptLayout {
  columns: number
  lines: LayoutLine[]
}

export interface LayoutOptions {
  /** 48 for 80 mm paper, 32 for 58 mm (font A). */
  columns: number
}

export const PAPER_COLUMNS = { '80mm': 48, '58mm': 32 } as const

/** Plain text of one line, as it occupies the paper (separators included, QR and cut as ''). */
export function lineText(line: LayoutLine): string {
  switch (line.kind) {
    case 'text':
      return line.segments.map((s) => s.text).join('')
    case 'separator':
      return line.text
    default:
      return ''
  }
}

export function formatRate(rate: number): string {
  return `${String(rate).replace('.', ',')} %`
}

export function formatQuantity(quantity: number): string {
  if (Number.isInteger(quantity)) return String(quantity)
  return quantity.toFixed(3).replace(/0+$/, '').replace('.', ',')
}

export function layoutReceipt(doc: ReceiptDocument, options: LayoutOptions): ReceiptLayout {
  const columns = options.columns
  if (!Number.isInteger(columns) || columns < 16)
    throw new RangeError(`columns must be an integer ≥ 16, got ${columns}`)
  const out = new LineBuilder(columns)

  if (doc.copy) out.banner(doc.labels.copy)
  if (doc.training) out.banner(doc.training)
  doc.header.forEach((h, i) => (i === 0 ? out.banner(h) : out.wrapped(h, 'center')))
  if (doc.title) out.wrapped(doc.title, 'center', true)
  if (doc.header.length > 0 || doc.title) out.blank()
  for (const m of doc.meta) out.pair(m.label, m.value)
  if (doc.meta.length > 0) out.separator('single')

  const withLetters = doc.items.some((i) => i.vatLetter)
  for (const item of doc.items) {
    const suffix = withLetters ? ' ' + padEnd(item.vatLetter ?? '', 1) : ''
    out.pair(item.name, formatAmount(item.total) + suffix)
    if (!item.weighed && (item.quantity !== 1 || item.unitPrice !== item.total)) {
      out.wrapped(`${formatQuantity(item.quantity)} x ${formatAmount(item.unitPrice)}`, 'left', false, 2)
    }
    if (item.note) out.wrapped(item.note, 'left', false, 2)
  }

  if (doc.total) {
    out.separator('single')
    out.bigPair(doc.total.label, `${formatAmount(doc.total.amount)} €`)
    out.separator('single')
  }
  for (const p of doc.payments) out.pair(p.label, `${formatAmount(p.amount)} €`)
  if (doc.change) out.pair(doc.change.label, `${formatAmount(doc.change.amount)} €`)

  if (doc.vat.length > 0) {
    out.blank()
    vatTable(out, doc)
  }

  if (doc.apiLines.length > 0) {
    out.blank()
    for (const line of doc.apiLines) apiLine(out, line)
  }

  if (doc.fiscal) fiscalBlock(out, doc.fiscal)
  if (doc.footer.length > 0) {
    out.blank()
    for (const f of doc.footer) out.wrapped(f, 'center')
  }
  if (doc.qr) {
    out.blank()
    out.push({ kind: 'qr', data: doc.qr })
  }
  if (doc.training) {
    out.blank()
    out.banner(doc.training)
  }
  if (doc.copy) {
    out.blank()
    out.banner(doc.labels.copy)
  }
  out.push({ kind: 'cut' })
  return { columns, lines: out.lines }
}

/** TSE rows: label and value on one line when they fit, else the value wrapped under its label. */
function fiscalBlock(out: LineBuilder, fiscal: NonNullable<ReceiptDocument['fiscal']>): void {
  out.blank()
  if (fiscal.note) out.wrapped(fiscal.note, 'center', true)
  for (const row of fiscal.rows) {
    if (textWidth(row.label) + 1 + textWidth(row.value) <= out.columns) out.pair(row.label, row.value)
    else {
      out.wrapped(row.label, 'left')
      for (let i = 0; i < row.value.length; i += out.columns - 2)
        out.text(padEnd('  ' + row.value.slice(i, i + out.columns - 2), out.columns), 'left')
    }
  }
}

function vatTable(out: LineBuilder, doc: ReceiptDocument): void {
  const { labels } = doc
  const rows = doc.vat.map((v) => [
    `${v.letter ? v.letter + ' ' : ''}${formatRate(v.rate)}`,
    formatAmount(v.net),
    formatAmount(v.vat),
    formatAmount(v.gross),
  ])
  const header = [labels.rate, labels.net, labels.vat, labels.gross]
  const amountWidth = Math.max(...[header, ...rows].flatMap((r) => r.slice(1).map(textWidth))) + 1
  const firstWidth = out.columns - 3 * amountWidth
  const row = (cells: string[], bold: boolean): void =>
    out.text(
      padEnd(clip(cells[0], firstWidth), firstWidth) +
        cells
          .slice(1)
          .map((c) => alignText(c, amountWidth, 'right'))
          .join(''),
      'left',
      bold,
    )
  row(header, true)
  for (const r of rows) row(r, false)
}

function apiLine(out: LineBuilder, line: ApiReceiptLine): void {
  switch (line.type) {
    case 'separator': {
      out.separator('single', line.value?.caption)
      return
    }
    case 'space':
      out.blank()
      return
    case 'textline': {
      const deco = line.value.decoration ?? []
      out.wrapped(line.value.text, decorationAlign(deco), deco.includes('important'))
      return
    }
    case 'name-value': {
      const deco = line.value.decoration ?? []
      out.pair(line.value.name, line.value.value, deco.includes('important'))
      return
    }
  }
}

/** Unknown decorations are ignored rather than rejected: the API may add some, the receipt must still print. */
function decorationAlign(decorations: readonly string[]): LayoutAlign {
  if (decorations.includes('align-center')) return 'center'
  if (decorations.includes('align-right')) return 'right'
  return 'left'
}

class LineBuilder {
  readonly lines: LayoutLine[] = []
  constructor(readonly columns: number) {}

  push(line: LayoutLine): void {
    this.lines.push(line)
  }

  blank(): void {
    const last = this.lines[this.lines.length - 1]
    if (last && last.kind !== 'blank') this.lines.push({ kind: 'blank' })
  }

  text(padded: string, align: LayoutAlign, bold = false, size: 1 | 2 = 1): void {
    this.lines.push({ kind: 'text', segments: [{ text: padded, bold }], align, size })
  }

  wrapped(text: string, align: LayoutAlign, bold = false, indent = 0): void {
    for (const l of wrap(text, this.columns - indent))
      this.text(alignText(' '.repeat(indent) + l, this.columns, align), align, bold)
  }

  pair(left: string, right: string, bold = false): void {
    for (const l of twoColumns(left, right, this.columns)) this.text(l, 'left', bold)
  }

  /** Double width and height when it fits on one half-width line, else bold at normal size. */
  banner(text: string): void {
    const half = this.columns >> 1
    if (textWidth(text) <= half) this.text(alignText(text, half, 'center'), 'center', true, 2)
    else this.wrapped(text, 'center', true)
  }

  bigPair(left: string, right: string): void {
    const half = this.columns >> 1
    if (textWidth(left) + 1 + textWidth(right) <= half)
      this.text(twoColumns(left, right, half)[0], 'left', true, 2)
    else this.pair(left, right, true)
  }

  separator(style: 'single' | 'double', caption?: string): void {
    const char = style === 'double' ? '=' : '-'
    let text = char.repeat(this.columns)
    if (caption) {
      const middle = ` ${clip(caption, this.columns - 4)} `
      const free = this.columns - textWidth(middle)
      text = char.repeat(free >> 1) + middle + char.repeat(free - (free >> 1))
    }
    this.lines.push({ kind: 'separator', text, style })
  }
}
