// What the journal adds for the back office: payment types in the sales list, receipt copies with their
// own count, the list of past Z reports, one receipt by id, and the shop's calendar day.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { localDate, receiptView, saleDetailView, type Journal } from '../../../main/journal'
import { saleDetail } from '../../../common/journal'
import { failureOf, line, payCard, payCash, tempDir, testJournal } from '../journal/helpers'

let tmp: ReturnType<typeof tempDir>
let journal: Journal

beforeEach(() => {
  tmp = tempDir()
  ;({ journal } = testJournal(tmp.dir))
})
afterEach(() => {
  journal.close()
  tmp.cleanup()
})

describe('sales list', () => {
  it('names the payment types that settled money, in the order taken, once each', () => {
    const split = journal.beginSale({ sellerId: 'anna', lines: [line('torte', 2, 390, 7)] })
    payCard(journal, split.saleId, 300)
    const declined = journal.recordPaymentIntent({
      saleId: split.saleId,
      method: 'terminal',
      amount: 480,
      step: 'start',
    })
    journal.recordPaymentOutcome({ intentId: declined.intentId, status: 'declined' })
    payCash(journal, split.saleId, 200)
    payCash(journal, split.saleId, 280)
    journal.completeSale(split.saleId)
    const open = journal.beginSale({ sellerId: 'ben', lines: [line('kaffee', 1, 260, 19)] })

    expect(journal.sales().map((s) => [s.saleId, s.methods])).toEqual([
      [open.saleId, []],
      [split.saleId, ['card', 'cash']],
    ])
    expect(journal.sale(split.saleId)?.methods).toEqual(['card', 'cash'])
  })
})

describe('receipt copies', () => {
  it('count per original, take over its sale or closing, and refuse copies of copies', () => {
    const sale = journal.beginSale({ sellerId: 'anna', lines: [line('brezel', 1, 80, 7)] })
    payCash(journal, sale.saleId, 80)
    journal.completeSale(sale.saleId)
    const original = journal.recordReceipt({
      kind: 'sale',
      saleId: sale.saleId,
      document: { header: ['Bäckerei'] },
    })
    expect(original).not.toHaveProperty('copyNo')

    const first = journal.recordReceipt({
      kind: 'copy',
      copyOf: original.receiptId,
      document: { header: ['Bäckerei'], copy: true },
    })
    const second = journal.recordReceipt({
      kind: 'copy',
      copyOf: original.receiptId,
      document: { header: ['Bäckerei'], copy: true },
    })
    expect([first.copyNo, second.copyNo]).toEqual([1, 2])
    expect(journal.receipt(second.receiptId)).toMatchObject({
      kind: 'copy',
      saleId: sale.saleId,
      copyOf: original.receiptId,
      document: { copy: true },
    })
    expect(journal.sale(sale.saleId)?.receipts.map((r) => r.kind)).toEqual(['sale', 'copy', 'copy'])

    const z = journal.zReport({
      denominations: [
        { value: 50, count: 1 },
        { value: 20, count: 1 },
        { value: 10, count: 1 },
      ],
    })
    const zReceipt = journal.recordReceipt({ kind: 'z', closingId: z.closingId, document: {} })
    const zCopy = journal.recordReceipt({
      kind: 'copy',
      copyOf: zReceipt.receiptId,
      document: { copy: true },
    })
    expect(journal.receipt(zCopy.receiptId)).toMatchObject({
      closingId: z.closingId,
      copyOf: zReceipt.receiptId,
    })
    expect(journal.receipt(zCopy.receiptId)).not.toHaveProperty('saleId')

    expect(
      failureOf(() => journal.recordReceipt({ kind: 'copy', copyOf: first.receiptId, document: {} })),
    ).toMatchObject({ messageKey: 'journal.error.copyOfCopy' })
    expect(
      failureOf(() =>
        journal.recordReceipt({
          kind: 'sale',
          saleId: sale.saleId,
          copyOf: original.receiptId,
          document: {},
        }),
      ),
    ).toMatchObject({
      messageKey: 'journal.error.copyKind',
    })
    expect(
      failureOf(() =>
        journal.recordReceipt({
          kind: 'copy',
          copyOf: zReceipt.receiptId,
          saleId: sale.saleId,
          document: {},
        }),
      ),
    ).toMatchObject({
      messageKey: 'journal.error.copyMismatch',
    })
    expect(failureOf(() => journal.recordReceipt({ kind: 'copy', copyOf: 999, document: {} }))).toMatchObject(
      { code: 'NOT_FOUND', messageKey: 'journal.error.unknownReceipt' },
    )
    // A copy needs to know what it copies: its original or at least its sale.
    expect(failureOf(() => journal.recordReceipt({ kind: 'copy', document: {} }))).toMatchObject({
      messageKey: 'journal.error.receiptSale',
    })
    expect(journal.receipt(999)).toBeUndefined()
  })
})

describe('Z list', () => {
  it('lists past closings newest first with their reports', () => {
    expect(journal.closings()).toEqual([])
    for (let i = 0; i < 3; i++) {
      const sale = journal.beginSale({ sellerId: 'anna', lines: [line('brot', 1, 350 + i, 7)] })
      payCash(journal, sale.saleId, 350 + i)
      journal.completeSale(sale.saleId)
      journal.zReport({ denominations: [] })
    }
    const list = journal.closings()
    expect(list.map((z) => [z.zNumber, z.total, z.difference])).toEqual([
      [3, 352, -352],
      [2, 351, -351],
      [1, 350, -350],
    ])
    expect(list[0]).toEqual(journal.closing(3))
    expect(journal.closings(2)).toHaveLength(2)
  })
})

describe('views', () => {
  it('a sale as the back office shows it: the contract shape, nothing undefined, no product internals', () => {
    const sale = journal.beginSale({
      sellerId: 'anna',
      lines: [{ ...line('kuchen', 1, 1250, 7), weightGrams: 1250, ean: '2600000012504' }],
    })
    payCard(journal, sale.saleId, 1250)
    journal.completeSale(sale.saleId)
    journal.recordReceipt({ kind: 'sale', saleId: sale.saleId, document: {} })
    const view = saleDetailView(journal.sale(sale.saleId)!, true)
    expect(saleDetail.parse(view)).toEqual(view)
    expect(JSON.parse(JSON.stringify(view))).toEqual(view)
    expect(view.lines[0]).toEqual({
      lineNo: 1,
      name: 'kuchen',
      quantity: 1,
      unitPrice: 1250,
      total: 1250,
      vatRate: 7,
    })
    expect(view.payments[0]).toEqual({
      paymentId: 1,
      method: 'card',
      amount: 1250,
      settled: 1250,
      transactionId: `STX_${sale.saleId}`,
    })
    expect(receiptView(journal.sale(sale.saleId)!.receipts[0])).not.toHaveProperty('saleId')
  })
})

describe('the shop day', () => {
  it('is the calendar day in Europe/Berlin, across midnight and both DST changes', () => {
    expect(localDate(Date.UTC(2026, 10, 21, 22, 59), 'Europe/Berlin')).toBe('2026-11-21')
    expect(localDate(Date.UTC(2026, 10, 21, 23, 0), 'Europe/Berlin')).toBe('2026-11-22')
    // Summer time: midnight is 22:00 UTC.
    expect(localDate(Date.UTC(2026, 6, 1, 21, 59), 'Europe/Berlin')).toBe('2026-07-01')
    expect(localDate(Date.UTC(2026, 6, 1, 22, 0), 'Europe/Berlin')).toBe('2026-07-02')
    // The night of the change to winter time (25 October 2026).
    expect(localDate(Date.UTC(2026, 9, 25, 0, 30), 'Europe/Berlin')).toBe('2026-10-25')
    expect(localDate(Date.UTC(2026, 9, 25, 22, 59), 'Europe/Berlin')).toBe('2026-10-25')
    expect(localDate(Date.UTC(2026, 9, 25, 23, 0), 'Europe/Berlin')).toBe('2026-10-26')
  })
})
