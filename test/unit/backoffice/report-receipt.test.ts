// The X and Z report paper: built from the journal's report through the common receipt model, laid out
// by the same layout the printer and the preview use.
import { describe, expect, it } from 'vitest'
import { layoutReceipt, lineText } from '../../../common/receipt/layout'
import { receiptDocument } from '../../../common/receipt/model'
import { demoConfig } from '../../../common/config'
import type { PeriodReport, ZReport } from '../../../main/journal'
import { buildReportReceipt } from '../../../main/receipts/report-receipt'

const config = demoConfig()
const ctx = (locale: 'de' | 'en') => ({
  shop: config.shop,
  tillId: 'kasse-1',
  locale,
  timeZone: 'Europe/Berlin',
})

const x: PeriodReport = {
  kind: 'X',
  periodStart: '2026-11-21T17:00:00.000Z',
  periodEnd: '2026-11-22T16:30:00.000Z',
  firstReceiptNo: 12,
  lastReceiptNo: 15,
  receiptCount: 3,
  salesTotal: 1832,
  stornoCount: 1,
  stornoTotal: -796,
  abortedCount: 2,
  total: 1036,
  vat: [
    { rate: 19, gross: 0, net: 0, vat: 0 },
    { rate: 7, gross: 1036, net: 968, vat: 68 },
  ],
  payments: [
    { method: 'cash', amount: 816, count: 4 },
    { method: 'loyalty', amount: 220, count: 1 },
  ],
  sellers: [
    { sellerId: 'anna', total: 240, receiptCount: 2, stornoCount: 0 },
    { sellerId: 'ghost', total: 796, receiptCount: 1, stornoCount: 1 },
  ],
  cash: {
    openingFloat: 10_000,
    cashSales: 816,
    cashIn: 0,
    cashOut: 1_000,
    expected: 9_816,
    drawerOpenings: 5,
  },
}

const z: ZReport = {
  ...x,
  kind: 'Z',
  zNumber: 7,
  closingId: 7,
  counted: {
    denominations: [
      { value: 5000, count: 1, amount: 5000 },
      { value: 2000, count: 2, amount: 4000 },
      { value: 1000, count: 0, amount: 0 },
      { value: 500, count: 1, amount: 500 },
      { value: 100, count: 1, amount: 100 },
      { value: 10, count: 1, amount: 10 },
      { value: 5, count: 1, amount: 5 },
      { value: 1, count: 1, amount: 1 },
    ],
    total: 9_616,
  },
  difference: -200,
}

const text = (doc: ReturnType<typeof buildReportReceipt>, columns = 48) =>
  layoutReceipt(doc, { columns }).lines.map(lineText)
const line = (lines: string[], ...parts: string[]) => lines.find((l) => parts.every((p) => l.includes(p)))

describe('report receipt', () => {
  it('Z: number, period, totals per rate and payment type, storno count, cash expected vs counted, denominations, sellers', () => {
    const doc = buildReportReceipt({ report: z, byName: 'Chefin', sellerNames: { anna: 'Anna' } }, ctx('de'))
    expect(receiptDocument.safeParse(doc).success).toBe(true)
    expect(doc).toMatchObject({
      title: 'Z-BON (Tagesabschluss)',
      total: { label: 'UMSATZ EUR', amount: 1036 },
      copy: false,
    })
    expect(doc.meta.slice(0, 3)).toEqual([
      { label: 'Z-Nr.', value: '7' },
      { label: 'Zeitraum ab', value: '21.11.2026, 18:00:00' },
      { label: 'Erstellt', value: '22.11.2026, 17:30:00' },
    ])
    expect(doc.payments).toEqual([
      { label: 'Bar (4)', amount: 816 },
      { label: 'Kundenkarte (1)', amount: 220 },
    ])
    expect(doc.vat.map((v) => v.letter)).toEqual(['A', 'B'])

    const lines = text(doc)
    expect(line(lines, 'Belege Nr.', '12 – 15')).toBeDefined()
    expect(line(lines, 'Stornos', '1')).toBeDefined()
    expect(line(lines, 'Stornos (1)', '-7,96 €')).toBeDefined()
    expect(line(lines, 'SOLL-Bestand', '98,16 €')).toBeDefined()
    expect(line(lines, 'IST-Bestand (gezählt)', '96,16 €')).toBeDefined()
    expect(line(lines, 'Differenz', '-2,00 €')).toBeDefined()
    expect(line(lines, 'Entnahmen', '-10,00 €')).toBeDefined()
    expect(line(lines, '2 × 20,00 €', '40,00 €')).toBeDefined()
    // Denominations not counted are left off the paper.
    expect(line(lines, '× 10,00 €')).toBeUndefined()
    expect(line(lines, 'Anna (2/0)', '2,40 €')).toBeDefined()
    expect(line(lines, 'ghost (1/1)', '7,96 €')).toBeDefined()
    expect(lines.some((l) => l.includes('Zählprotokoll'))).toBe(true)
    // Fits 58 mm paper too: no line wider than the paper.
    expect(text(doc, 32).every((l) => [...l].length <= 32)).toBe(true)
  })

  it('X: no Z number, no count, marked as interim; first period says so', () => {
    const doc = buildReportReceipt(
      {
        report: { ...x, periodStart: null, firstReceiptNo: null, lastReceiptNo: null },
        byName: 'Anna',
        sellerNames: {},
      },
      ctx('de'),
    )
    expect(doc.title).toBe('X-BERICHT')
    expect(doc.meta.map((m) => m.label)).not.toContain('Z-Nr.')
    expect(doc.meta).toContainEqual({ label: 'Zeitraum ab', value: 'erster Abschluss' })
    expect(doc.meta).toContainEqual({ label: 'Belege Nr.', value: '—' })
    expect(doc.footer).toEqual(['Zwischenbericht – keine Nullstellung'])
    const lines = text(doc)
    expect(lines.some((l) => l.includes('Differenz') || l.includes('Zählprotokoll'))).toBe(false)
  })

  it('lists training receipts apart, not in the takings, so the receipt numbers add up', () => {
    // Receipts 12–16: three sales, one storno and one training receipt of 5,20 €.
    const report = { ...z, lastReceiptNo: 16, training: { count: 1, total: 520 } }
    const de = buildReportReceipt({ report, byName: 'Chefin', sellerNames: {} }, ctx('de'))
    expect(de.meta).toContainEqual({ label: 'Training-Belege', value: '1 (5,20 €, nicht im Umsatz)' })
    expect(de.total).toMatchObject({ amount: 1036 })
    expect(text(de, 32).every((l) => [...l].length <= 32)).toBe(true)
    const en = buildReportReceipt({ report, byName: 'Boss', sellerNames: {} }, ctx('en'))
    expect(en.meta).toContainEqual({ label: 'Training receipts', value: '1 (5,20 €, not in the takings)' })
    // A period without training says 0; a Z written before training was listed says nothing.
    const none = buildReportReceipt(
      { report: { ...z, training: { count: 0, total: 0 } }, byName: 'Chefin', sellerNames: {} },
      ctx('de'),
    )
    expect(none.meta).toContainEqual({ label: 'Training-Belege', value: '0' })
    const older = buildReportReceipt({ report: z, byName: 'Chefin', sellerNames: {} }, ctx('de'))
    expect(older.meta.map((m) => m.label)).not.toContain('Training-Belege')
  })

  it('speaks English when the till does', () => {
    const doc = buildReportReceipt({ report: z, byName: 'Boss', sellerNames: {} }, ctx('en'))
    expect(doc).toMatchObject({
      title: 'Z REPORT (day closing)',
      total: { label: 'TURNOVER EUR' },
      labels: { copy: 'COPY', vat: 'VAT' },
    })
    expect(doc.payments[0].label).toBe('Cash (4)')
    expect(line(text(doc), 'Difference', '-2,00 €')).toBeDefined()
  })
})
