// Receipt size and encode time. A typical bakery receipt (10 article lines, cash with change, VAT table,
// shop header and footer) is laid out and encoded exactly as the printer driver does it (layoutReceipt →
// renderEscPos), and compared with the same receipt sent as a picture: the laid-out text drawn into a
// 576-dot-wide 1-bit raster (80 mm paper at 203 dpi) and encoded by the same encoder's GS v 0 raster
// image support. Raster size does not depend on the ink, only on width × height; the height counts 30
// dots per text line (font A is 24 dots high, plus Epson's default 1/6-inch line spacing — taller on a
// 203-dpi head, so the raster figure is a lower bound) and 60 for double-height lines.
import { performance } from 'node:perf_hooks'
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder'
import { computeTotals } from '../../common/basket'
import { demoConfig } from '../../common/config'
import { layoutReceipt, lineText, type ReceiptLayout } from '../../common/receipt/layout'
import type { ReceiptDocument } from '../../common/receipt/model'
import { renderEscPos } from '../../hardware/printer/render'
import { buildSaleReceipt } from '../../main/receipts/sale-receipt'
import { latencyRow, valueRow, type BenchRow } from './stats'

const COLUMNS = 48
const DOTS = 576
const CELL_W = DOTS / COLUMNS
const LINE_DOTS = 30
const QR_DOTS = 6 * 33

const LINES = [
  ['Weizenbrötchen', 6, 45, 7],
  ['Laugenbrezel', 2, 110, 7],
  ['Mehrkornbrötchen', 4, 60, 7],
  ['Roggenbrot 750 g', 1, 420, 7],
  ['Buttercroissant', 2, 150, 7],
  ['Käsekuchen (Stück)', 2, 320, 7],
  ['Apfelstrudel', 1, 290, 7],
  ['Kaffee', 2, 260, 19],
  ['Cappuccino', 1, 340, 19],
  ['Mineralwasser 0,5 l', 1, 180, 19],
] as const

/** The typical receipt: 10 lines at 7 % and 19 %, paid in cash with change. */
export function typicalReceipt(): ReceiptDocument {
  const lines = LINES.map(([name, quantity, unitPrice, vatRate]) => ({
    name,
    quantity,
    unitPrice,
    total: quantity * unitPrice,
    vatRate,
  }))
  const totals = computeTotals(lines)
  const tendered = Math.ceil(totals.total / 1000) * 1000 + 1000
  const config = demoConfig()
  return buildSaleReceipt(
    {
      kind: 'sale',
      receiptNo: 4711,
      completedAt: '2026-11-22T08:15:00.000Z',
      sellerName: 'Anna',
      lines,
      vat: totals.vat,
      total: totals.total,
      payments: [{ method: 'cash', amount: totals.total, tendered }],
      apiLines: [],
    },
    { shop: config.shop, tillId: config.tillId, locale: 'de' },
  )
}

function encodeText(layout: ReceiptLayout): Uint8Array {
  return renderEscPos(layout, { columns: COLUMNS, codepage: 'cp858', cut: 'partial', feedBeforeCut: 4 })
}

/** The laid-out receipt drawn as 1-bit pixels: every printed character cell gets a block of ink. */
function rasterise(layout: ReceiptLayout): { data: Uint8ClampedArray; width: number; height: number } {
  const rows: { text: string; dots: number; scale: number }[] = []
  for (const line of layout.lines) {
    if (line.kind === 'text')
      rows.push({ text: lineText(line), dots: LINE_DOTS * line.size, scale: line.size })
    else if (line.kind === 'separator') rows.push({ text: line.text, dots: LINE_DOTS, scale: 1 })
    else if (line.kind === 'blank') rows.push({ text: '', dots: LINE_DOTS, scale: 1 })
    else if (line.kind === 'qr') rows.push({ text: '#'.repeat(17), dots: QR_DOTS, scale: 1 })
    else rows.push({ text: '', dots: LINE_DOTS * 4, scale: 1 })
  }
  const height = Math.ceil(rows.reduce((sum, r) => sum + r.dots, 0) / 8) * 8
  // RGBA, white; the encoder reads the red channel (> 0 = white).
  const data = new Uint8ClampedArray(DOTS * height * 4).fill(255)
  let y0 = 0
  for (const row of rows) {
    const cell = CELL_W * row.scale
    ;[...row.text].forEach((ch, i) => {
      if (ch === ' ') return
      for (let y = y0 + 2; y < y0 + Math.min(row.dots, 24 * row.scale); y++)
        for (let x = Math.floor(i * cell) + 1; x < Math.min(DOTS, Math.floor((i + 1) * cell) - 1); x++) {
          const at = (y * DOTS + x) * 4
          data[at] = data[at + 1] = data[at + 2] = 0
        }
    })
    y0 += row.dots
  }
  return { data, width: DOTS, height }
}

function encodeRaster(layout: ReceiptLayout): Uint8Array {
  const image = rasterise(layout)
  const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: COLUMNS, imageMode: 'raster' })
  // The encoder's "plain object" image input: { data, width, height } with RGBA data.
  return encoder
    .initialize()
    .image(image as never, image.width, image.height, 'threshold')
    .cut('partial')
    .encode()
}

export function receiptBench(options: { iterations?: number } = {}): BenchRow[] {
  const iterations = options.iterations ?? 2000
  const document = typicalReceipt()
  const layout = layoutReceipt(document, { columns: COLUMNS })
  const text = encodeText(layout)
  const raster = encodeRaster(layout)
  for (let i = 0; i < 200; i++) encodeText(layoutReceipt(document, { columns: COLUMNS }))
  const samples: number[] = []
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now()
    encodeText(layoutReceipt(document, { columns: COLUMNS }))
    samples.push(performance.now() - t0)
  }
  const ratio = text.length / raster.length
  return [
    valueRow(
      'receipt-bytes',
      'receipt bytes, 10-line receipt (ESC/POS text)',
      text.length,
      'B',
      undefined,
      `${layout.lines.length} printed lines, 80 mm, CP858`,
    ),
    valueRow(
      'receipt-raster-bytes',
      'same receipt as 576-dot raster (GS v 0)',
      raster.length,
      'B',
      undefined,
      `${rasterise(layout).height} dot rows`,
    ),
    valueRow(
      'receipt-ratio',
      'text / raster',
      Math.round(ratio * 10_000) / 10_000,
      'ratio',
      { op: '<=', value: 1 / 20 },
      `1/${Math.round(1 / ratio)}`,
    ),
    latencyRow('receipt-encode', 'encode time (layout + ESC/POS)', samples),
  ]
}
