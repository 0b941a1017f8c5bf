// The receipt model of a sale (main/receipts): what buildSaleReceipt puts on paper, what a journal sale
// turns into, and how printReceipt records outcomes on the virtual printer.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { appConfig } from '../../../common/config'
import { manualClock, memoryLogger } from '../../../common/ports'
import type { ApiReceiptLine } from '../../../common/receipt/api-lines'
import { createVirtualPrinter } from '../../../hardware/virtual/printer'
import { openJournal, type Journal } from '../../../main/journal'
import { receiptSaleFromJournal } from '../../../main/receipts/from-journal'
import { paymentLabel, RECEIPT_WORDS } from '../../../main/receipts/labels'
import { printReceipt } from '../../../main/receipts/print-receipt'
import { buildSaleReceipt, type ReceiptContext, type ReceiptSale } from '../../../main/receipts/sale-receipt'

const shop = appConfig.parse({
  shop: {
    name: 'Bäckerei Krume',
    address: ['Marktplatz 3', '04109 Leipzig'],
    taxNumber: '231/123/45678',
    vatId: 'DE123456789',
    footer: ['Danke!'],
  },
}).shop
const ctx: ReceiptContext = { shop, tillId: 'kasse-2', locale: 'de' }
const apiLines: ApiReceiptLine[] = [
  { type: 'separator', value: { caption: 'Kundenkarte' } },
  { type: 'name-value', value: { name: 'Kartennummer:', value: '9276004424644352' } },
  { type: 'textline', value: { text: 'Bonus:', decoration: ['important'] } },
]

const sale = (patch: Partial<ReceiptSale> = {}): ReceiptSale => ({
  kind: 'sale',
  receiptNo: 42,
  completedAt: '2026-11-22T08:05:09.000Z',
  sellerName: 'Anna',
  lines: [
    { name: 'Kaffee', quantity: 2, unitPrice: 260, total: 520, vatRate: 19 },
    { name: 'Teegebäck lose', quantity: 1, unitPrice: 2490, total: 623, vatRate: 7, weightGrams: 250 },
    { name: 'Kartenaufladung', quantity: 1, unitPrice: 1000, total: 1000, vatRate: 0 },
  ],
  vat: [
    { rate: 19, gross: 520, net: 437, vat: 83 },
    { rate: 7, gross: 623, net: 582, vat: 41 },
    { rate: 0, gross: 1000, net: 1000, vat: 0 },
  ],
  total: 2143,
  payments: [
    { method: 'loyalty', amount: 143 },
    { method: 'cash', amount: 2000, tendered: 5000 },
  ],
  apiLines,
  ...patch,
})

describe('buildSaleReceipt', () => {
  it('has the shop header, receipt number, local date and time, till and seller', () => {
    const doc = buildSaleReceipt(sale(), ctx)
    expect(doc.header).toEqual([
      'Bäckerei Krume',
      'Marktplatz 3',
      '04109 Leipzig',
      'St.-Nr. 231/123/45678',
      'USt-IdNr. DE123456789',
    ])
    // 08:05 UTC is 09:05 in Berlin in November.
    expect(doc.meta).toEqual([
      { label: 'Beleg-Nr.', value: '42' },
      { label: 'Datum', value: '22.11.2026, 09:05:09' },
      { label: 'Kasse', value: 'kasse-2' },
      { label: 'Es bediente Sie', value: 'Anna' },
    ])
    expect(doc.title).toBeUndefined()
    expect(doc.copy).toBe(false)
    expect(doc.footer).toEqual(['Danke!', 'TSE: nicht angeschlossen'])
  })

  it('prints lines with VAT letters and the weight, the total, the VAT table per rate', () => {
    const doc = buildSaleReceipt(sale(), ctx)
    expect(doc.items.map((i) => [i.name, i.total, i.vatLetter, i.note])).toEqual([
      ['Kaffee', 520, 'A', undefined],
      ['Teegebäck lose', 623, 'B', '0,250 kg × 24,90 €/kg'],
      ['Kartenaufladung', 1000, 'C', undefined],
    ])
    expect(doc.total).toEqual({ label: 'SUMME EUR', amount: 2143 })
    expect(doc.vat.map((v) => [v.letter, v.rate, v.gross, v.net, v.vat])).toEqual([
      ['A', 19, 520, 437, 83],
      ['B', 7, 623, 582, 41],
      ['C', 0, 1000, 1000, 0],
    ])
  })

  it('shows cash handed over and the change; exact cash has no change line', () => {
    const doc = buildSaleReceipt(sale(), ctx)
    expect(doc.payments).toEqual([
      { label: 'Kundenkarte', amount: 143 },
      { label: 'Bar (Gegeben)', amount: 5000 },
    ])
    expect(doc.change).toEqual({ label: 'Rückgeld', amount: 3000 })
    const exact = buildSaleReceipt(
      sale({ payments: [{ method: 'cash', amount: 2143, tendered: 2143 }] }),
      ctx,
    )
    expect(exact.payments).toEqual([{ label: 'Bar', amount: 2143 }])
    expect(exact.change).toBeUndefined()
    const terminal = buildSaleReceipt(sale({ payments: [{ method: 'terminal', amount: 2143 }] }), ctx)
    expect(terminal.payments).toEqual([{ label: 'Kartenzahlung', amount: 2143 }])
  })

  it('passes the API lines through as they came, with the card number masked to its last four', () => {
    expect(buildSaleReceipt(sale(), ctx).apiLines).toEqual([
      apiLines[0],
      { type: 'name-value', value: { name: 'Kartennummer:', value: '•••• •••• •••• 4352' } },
      apiLines[2],
    ])
  })

  it('speaks English when the till does, and marks a storno and a copy', () => {
    const doc = buildSaleReceipt(
      sale({ kind: 'storno', originalReceiptNo: 41, total: -2143 }),
      { ...ctx, locale: 'en' },
      { copy: true },
    )
    expect(doc.title).toBe('VOID')
    expect(doc.copy).toBe(true)
    expect(doc.labels).toMatchObject({ copy: 'COPY', vat: 'VAT' })
    expect(doc.meta.slice(0, 2)).toEqual([
      { label: 'Receipt no.', value: '42' },
      { label: 'Void of receipt', value: '41' },
    ])
    expect(doc.meta[2]).toEqual({ label: 'Date', value: '22/11/2026, 09:05:09' })
    expect(doc.total?.label).toBe('TOTAL EUR')
  })

  it('names every payment type, and an unknown one as stored', () => {
    const de = RECEIPT_WORDS.de
    expect(['cash', 'loyalty', 'terminal', 'voucher'].map((m) => paymentLabel(m, de))).toEqual([
      'Bar',
      'Kundenkarte',
      'Kartenzahlung',
      'voucher',
    ])
  })
})

describe('receipts from the journal and printing them', () => {
  let dir: string
  let journal: Journal
  afterEach(() => {
    journal?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  function paidSale(): number {
    dir = mkdtempSync(join(tmpdir(), 'tresen-receipt-'))
    journal = openJournal({
      dataDir: dir,
      clock: manualClock(Date.UTC(2026, 10, 22, 8, 0, 0)),
      logger: memoryLogger(),
    })
    const s = journal.beginSale({
      sellerId: 'anna',
      lines: [{ productId: 'kaffee', name: 'Kaffee', quantity: 2, unitPrice: 260, total: 520, vatRate: 19 }],
    })
    // A declined terminal attempt first: it moved no money and does not print.
    const terminal = journal.recordPaymentIntent({
      saleId: s.saleId,
      method: 'terminal',
      amount: 520,
      step: 'start',
      transactionId: 'STX_1',
    })
    journal.recordPaymentOutcome({ intentId: terminal.intentId, status: 'declined' })
    const cash = journal.recordPaymentIntent({
      saleId: s.saleId,
      method: 'cash',
      amount: 520,
      tendered: 1000,
      step: 'tender',
    })
    journal.recordPaymentOutcome({ intentId: cash.intentId, status: 'settled' })
    return journal.completeSale(s.saleId).saleId
  }

  it('turns a completed sale into the receipt input: frozen lines, VAT, settled payments only', () => {
    const saleId = paidSale()
    const input = receiptSaleFromJournal(journal.sale(saleId)!, 'Anna', apiLines)
    expect(input).toMatchObject({ kind: 'sale', receiptNo: 1, sellerName: 'Anna', total: 520, apiLines })
    expect(input.payments).toEqual([{ method: 'cash', amount: 520, tendered: 1000 }])
    expect(input.vat).toEqual([{ rate: 19, gross: 520, net: 437, vat: 83 }])
    expect(buildSaleReceipt(input, ctx).change).toEqual({ label: 'Rückgeld', amount: 480 })
  })

  it('refuses a sale that is not completed', () => {
    paidSale()
    const open = journal.beginSale({
      sellerId: 'anna',
      lines: [{ productId: 'tee', name: 'Tee', quantity: 1, unitPrice: 240, total: 240, vatRate: 19 }],
    })
    expect(() => receiptSaleFromJournal(open, 'Anna', [])).toThrow(/not completed/)
  })

  it('prints once per key and records the outcome; a failed print is recorded and a copy prints under its own key', async () => {
    const saleId = paidSale()
    const document = buildSaleReceipt(receiptSaleFromJournal(journal.sale(saleId)!, 'Anna', []), ctx)
    const { receiptId } = journal.recordReceipt({ kind: 'sale', saleId, document })
    const printer = createVirtualPrinter()
    const logger = memoryLogger()
    try {
      printer.emulator.set({ paperOut: true })
      const failed = await printReceipt({ journal, printer, logger }, { receiptId, document })
      expect(failed).toMatchObject({ status: 'failed', messageKey: 'status.state.paper-out' })
      expect(journal.sale(saleId)!.receipts[0].prints).toEqual([
        expect.objectContaining({ status: 'failed', detail: expect.stringContaining('paper-out') }),
      ])
      expect(logger.entries.some((e) => e.event === 'receipt.print-failed')).toBe(true)

      printer.emulator.set({ paperOut: false })
      // The same original is never sent twice: the printer answers the kept job's failure again, and
      // that attempt is recorded like any other; only an explicit copy prints.
      const again = await printReceipt({ journal, printer, logger }, { receiptId, document })
      expect(again).toMatchObject({ status: 'failed', key: `receipt-${receiptId}` })
      const copy = await printReceipt({ journal, printer, logger }, { receiptId, document, copyNo: 1 })
      expect(copy).toMatchObject({ status: 'printed', key: `receipt-${receiptId}-copy-1` })
      const paper = printer.decoded().lines.map((l) => l.text)
      expect(paper.some((l) => l.includes('KOPIE'))).toBe(true)
      expect(paper.some((l) => /^Rückgeld +4,80 €$/.test(l))).toBe(true)
      expect(journal.sale(saleId)!.receipts[0].prints.map((p) => p.status)).toEqual([
        'failed',
        'failed',
        'printed',
      ])
    } finally {
      await printer.close()
    }
  })
})
