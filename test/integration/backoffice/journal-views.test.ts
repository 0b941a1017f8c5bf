// The journal as the back office sees it: today's sales, search, one sale with its receipts, reprint.
import { afterEach, describe, expect, it } from 'vitest'
import {
  saleDetail,
  saleSummary,
  type ReceiptView,
  type SaleDetailView,
  type SaleSummaryView,
} from '../../../common/journal'
import { manualClock } from '../../../common/ports'
import type { PrintJob } from '../../../hardware/types'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import { call, cardSale, cashSale, failure, line, login, paperLines, recordEvents } from '../../helpers/sales'

let t: TestApp
afterEach(async () => t?.dispose())

const DAY = 24 * 60 * 60 * 1000
const printedText = () => paperLines(t.app)

describe('journal views', () => {
  it("lists today's sales (Europe/Berlin) by default, another day on request, and searches every day", async () => {
    // 23:30 in Berlin (winter time) on 21 Nov 2026 is 22:30 UTC: still the 21st for the shop.
    const clock = manualClock(Date.UTC(2026, 10, 21, 22, 30))
    t = await createTestApp({ clock })
    await t.app.api.ready
    const yesterday = cashSale(t.app, { lines: [line('Bienenstich', 1, 290, 7)] })
    clock.advance(DAY)
    const today = cashSale(t.app, { lines: [line('Laugenbrezel', 2, 80, 7)] })
    const { sale: card } = await cardSale(t.app, { sellerId: 'ben' })
    await login(t.app, 'anna', '1111')

    const list = await call<SaleSummaryView[]>(t.app, 'journal.sales', {})
    expect(list.map((s) => s.saleId)).toEqual([card.saleId, today.saleId])
    expect(list.every((s) => saleSummary.safeParse(s).success)).toBe(true)
    expect(list[0]).toMatchObject({
      kind: 'sale',
      status: 'completed',
      sellerId: 'ben',
      total: 796,
      methods: ['loyalty', 'cash'],
      receiptNo: 3,
    })
    expect(list[1]).toMatchObject({ methods: ['cash'], total: 160 })

    await expect(
      call<SaleSummaryView[]>(t.app, 'journal.sales', { date: '2026-11-21' }),
    ).resolves.toMatchObject([{ saleId: yesterday.saleId }])
    // A search without a date looks through every day: by receipt number or part of an article name.
    await expect(call<SaleSummaryView[]>(t.app, 'journal.sales', { search: '1' })).resolves.toMatchObject([
      { saleId: yesterday.saleId },
    ])
    await expect(call<SaleSummaryView[]>(t.app, 'journal.sales', { search: 'biene' })).resolves.toMatchObject(
      [{ saleId: yesterday.saleId }],
    )
    await expect(
      call<SaleSummaryView[]>(t.app, 'journal.sales', { search: 'brezel', date: '2026-11-21' }),
    ).resolves.toEqual([])
    expect(await failure(t.app, 'journal.sales', { date: '22.11.2026' })).toMatchObject({
      code: 'VALIDATION',
    })
  })

  it('shows one sale with lines, payments, receipts and whether it can be cancelled', async () => {
    t = await createTestApp()
    const { sale, transactionId } = await cardSale(t.app)
    await login(t.app, 'ben', '2222')
    const detail = await call<SaleDetailView>(t.app, 'journal.sale', { saleId: sale.saleId })
    expect(saleDetail.safeParse(detail).success).toBe(true)
    expect(detail).toMatchObject({
      saleId: sale.saleId,
      total: 796,
      paid: 796,
      canStorno: true,
      lines: [
        { lineNo: 1, name: 'Sandwich Romano', quantity: 1, unitPrice: 349, total: 349, vatRate: 7 },
        {},
        { quantity: 2, total: 198 },
      ],
      payments: [
        { method: 'loyalty', amount: 220, settled: 220, transactionId },
        { method: 'cash', amount: 576, settled: 576, transactionId },
      ],
      receipts: [
        {
          kind: 'sale',
          document: { meta: expect.arrayContaining([{ label: 'Beleg-Nr.', value: String(sale.receiptNo) }]) },
        },
      ],
    })
    expect(detail.lines[0]).not.toHaveProperty('productId')
    expect(await failure(t.app, 'journal.sale', { saleId: 4242 })).toMatchObject({
      code: 'NOT_FOUND',
      messageKey: 'journal.error.unknownSale',
    })
  })

  it('needs a logged-in seller', async () => {
    t = await createTestApp()
    for (const [command, input] of [
      ['journal.sales', {}],
      ['journal.sale', { saleId: 1 }],
      ['receipt.reprint', { receiptId: 1 }],
      ['cash.summary', {}],
      ['report.x', {}],
      ['report.zList', {}],
    ] as const)
      expect(await failure(t.app, command, input)).toMatchObject({
        code: 'FORBIDDEN',
        messageKey: 'register.error.noSeller',
      })
  })
})

describe('reprint', () => {
  it('prints a copy marked KOPIE under its own key, never the original job again', async () => {
    t = await createTestApp()
    const events = recordEvents(t.app)
    const sale = cashSale(t.app, { tendered: 1000 })
    const original = sale.receipts[0]
    await login(t.app, 'anna', '1111')
    const printer = t.app.devices.printer
    const jobs: string[] = []
    const print = printer.print.bind(printer)
    printer.print = (job: PrintJob) => {
      jobs.push(job.key)
      return print(job)
    }

    const first = await call<{ receipt: ReceiptView; print: string; printErrorKey: string | null }>(
      t.app,
      'receipt.reprint',
      { receiptId: original.receiptId },
    )
    expect(first).toMatchObject({
      print: 'printed',
      printErrorKey: null,
      receipt: {
        kind: 'copy',
        copyOf: original.receiptId,
        document: { copy: true },
        prints: [{ status: 'printed' }],
      },
    })
    const paper = printedText()
    expect(paper.filter((l) => l.includes('KOPIE'))).toHaveLength(2) // at top and bottom
    expect(paper.some((l) => l.includes('Beleg-Nr.') && l.includes(String(sale.receiptNo)))).toBe(true)
    expect(paper.some((l) => l.includes('Rückgeld') && l.includes('2,04'))).toBe(true)

    // A second copy, asked for through the first copy, is a copy of the original with the next number.
    const second = await call<{ receipt: ReceiptView }>(t.app, 'receipt.reprint', {
      receiptId: first.receipt.receiptId,
    })
    expect(second.receipt).toMatchObject({ kind: 'copy', copyOf: original.receiptId })
    expect(printedText().filter((l) => l.includes('KOPIE'))).toHaveLength(4)
    // Each copy was its own job; the original's job was never sent (the sale's receipt was never printed).
    expect(jobs).toEqual([
      `receipt-${first.receipt.receiptId}-copy-1`,
      `receipt-${second.receipt.receiptId}-copy-2`,
    ])
    expect(t.app.journal.sale(sale.saleId)!.receipts.map((r) => [r.kind, r.prints.length])).toEqual([
      ['sale', 0],
      ['copy', 1],
      ['copy', 1],
    ])
    expect(events.filter((e) => e.type === 'journal.changed').map((e) => e.payload)).toContainEqual({
      kind: 'print',
      saleId: sale.saleId,
    })
    expect(await failure(t.app, 'receipt.reprint', { receiptId: 999 })).toMatchObject({
      code: 'NOT_FOUND',
      messageKey: 'journal.error.unknownReceipt',
    })
  })

  it('reprints a Z report as a copy, in the language it was printed in', async () => {
    t = await createTestApp()
    await login(t.app, 'chefin', '9999')
    const z = await call<{ receiptId: number }>(t.app, 'report.z', { denominations: [] })
    await call(t.app, 'app.setLocale', { locale: 'en' })
    t.app.devices.virtual.printer!.emulator.clearRecording()
    const copy = await call<{ receipt: ReceiptView; print: string }>(t.app, 'receipt.reprint', {
      receiptId: z.receiptId,
    })
    expect(copy).toMatchObject({ print: 'printed', receipt: { kind: 'copy', copyOf: z.receiptId } })
    expect(t.app.journal.receipt(copy.receipt.receiptId)).toMatchObject({
      closingId: t.app.journal.receipt(z.receiptId)!.closingId,
    })
    const paper = printedText()
    expect(paper.some((l) => l.includes('KOPIE'))).toBe(true)
    expect(paper.some((l) => l.includes('Z-BON'))).toBe(true)
  })
})
