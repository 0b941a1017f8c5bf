import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { vatFromGross } from '../../../common/money'
import { failureOf, line, payCard, payCash, tempDir, testJournal } from './helpers'
import type { Journal } from '../../../main/journal'

let tmp: ReturnType<typeof tempDir>
let journal: Journal
let clock: ReturnType<typeof testJournal>['clock']

beforeEach(() => {
  tmp = tempDir()
  ;({ journal, clock } = testJournal(tmp.dir))
})
afterEach(() => {
  journal.close()
  tmp.cleanup()
})

function sell(lines: Parameters<Journal['beginSale']>[0]['lines'], pay: 'cash' | 'card', sellerId = 'anna') {
  const sale = journal.beginSale({ sellerId, lines })
  if (pay === 'cash') payCash(journal, sale.saleId, sale.total)
  else payCard(journal, sale.saleId, sale.total)
  return journal.completeSale(sale.saleId)
}

describe('X report', () => {
  it('sums VAT per rate, payment types, sellers, stornos, aborts and cash, and resets nothing', () => {
    journal.recordCashMovement({
      kind: 'opening_float',
      amount: 15000,
      reason: 'Wechselgeld',
      sellerId: 'anna',
    })
    const a = sell([line('weizenbroetchen', 6, 55, 7), line('kaffee', 1, 260, 19)], 'cash')
    sell([line('schwarzwaelder', 2, 420, 7)], 'card', 'ben')
    sell([line('topup-20', 1, 2000, 0)], 'cash', 'ben')
    const storno = journal.recordStorno({
      originalSaleId: a.saleId,
      sellerId: 'anna',
      reason: 'Kunde wollte nicht',
    })
    payCash(journal, storno.saleId, storno.total)
    journal.completeSale(storno.saleId)
    journal.abortSale(
      journal.beginSale({ sellerId: 'ben', lines: [line('kaffee', 1, 260, 19)] }).saleId,
      'left',
    )
    journal.recordCashMovement({
      kind: 'cash_in',
      amount: 5000,
      reason: 'Wechselgeld von der Bank',
      businessCase: 'Geldtransit',
    })
    journal.recordCashMovement({
      kind: 'cash_out',
      amount: 1250,
      reason: 'Milch gekauft',
      businessCase: 'Auszahlung',
    })
    journal.recordCashMovement({ kind: 'drawer_open', reason: 'no-sale' })

    const x = journal.xReport()
    expect(x).toMatchObject({
      kind: 'X',
      periodStart: null,
      firstReceiptNo: 1,
      lastReceiptNo: 4,
      receiptCount: 3,
      salesTotal: 590 + 840 + 2000,
      stornoCount: 1,
      stornoTotal: -590,
      abortedCount: 1,
      total: 840 + 2000,
    })
    // 7 %: 330 − 330 (storno) + 840 = 840; 19 %: 260 − 260 = 0; 0 %: 2000.
    expect(x.vat).toEqual([
      { rate: 19, gross: 0, net: 0, vat: 0 },
      { rate: 7, gross: 840, net: 785, vat: 55 },
      { rate: 0, gross: 2000, net: 2000, vat: 0 },
    ])
    expect(x.payments).toEqual([
      { method: 'card', amount: 840, count: 1 },
      { method: 'cash', amount: 590 + 2000 - 590, count: 3 },
    ])
    expect(x.sellers).toEqual([
      { sellerId: 'anna', total: 0, receiptCount: 1, stornoCount: 1 },
      { sellerId: 'ben', total: 2840, receiptCount: 2, stornoCount: 0 },
    ])
    expect(x.cash).toEqual({
      openingFloat: 15000,
      cashSales: 2000,
      cashIn: 5000,
      cashOut: 1250,
      expected: 15000 + 2000 + 5000 - 1250,
      drawerOpenings: 1,
    })
    clock.advance(60_000)
    expect({ ...journal.xReport(), periodEnd: '' }).toEqual({ ...x, periodEnd: '' })
  })

  it('refuses a cash out larger than the drawer should hold, and amounts that make no sense', () => {
    journal.recordCashMovement({ kind: 'opening_float', amount: 1000, reason: 'float' })
    expect(
      failureOf(() => journal.recordCashMovement({ kind: 'cash_out', amount: 1001, reason: 'too much' })),
    ).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'journal.error.insufficientCash',
      params: { expected: 1000 },
    })
    expect(
      failureOf(() => journal.recordCashMovement({ kind: 'drawer_open', amount: 500, reason: 'x' })),
    ).toMatchObject({ code: 'VALIDATION' })
    expect(
      failureOf(() => journal.recordCashMovement({ kind: 'cash_in', amount: 0, reason: 'x' })),
    ).toMatchObject({ code: 'VALIDATION' })
    expect(
      failureOf(() => journal.recordCashMovement({ kind: 'cash_in', amount: 100, reason: ' ' })),
    ).toMatchObject({ code: 'VALIDATION' })
    expect(journal.xReport().cash.expected).toBe(1000)
  })
})

describe('Z report', () => {
  it('compares counted denominations with expected cash, keeps the report, and starts a new period', () => {
    journal.recordCashMovement({ kind: 'opening_float', amount: 10000, reason: 'float' })
    sell([line('bauernbrot', 1, 520, 7)], 'cash')
    sell([line('kaffee', 2, 260, 19)], 'card')
    clock.advance(3_600_000)
    const z = journal.zReport({
      denominations: [
        { value: 5000, count: 2 },
        { value: 200, count: 2 },
        { value: 100, count: 1 },
        { value: 10, count: 1 },
      ],
    })
    expect(z).toMatchObject({
      kind: 'Z',
      zNumber: 1,
      receiptCount: 2,
      total: 1040,
      firstReceiptNo: 1,
      lastReceiptNo: 2,
    })
    expect(z.cash.expected).toBe(10520)
    expect(z.counted).toEqual({
      denominations: [
        { value: 5000, count: 2, amount: 10000 },
        { value: 200, count: 2, amount: 400 },
        { value: 100, count: 1, amount: 100 },
        { value: 10, count: 1, amount: 10 },
      ],
      total: 10510,
    })
    expect(z.difference).toBe(-10)
    expect(journal.closing(1)).toEqual(z)
    expect(journal.closing(2)).toBeUndefined()

    clock.advance(60_000)
    sell([line('croissant', 1, 160, 7)], 'cash')
    const x = journal.xReport()
    expect(x).toMatchObject({ periodStart: z.periodEnd, receiptCount: 1, firstReceiptNo: 3, total: 160 })
    // After a Z the next day's drawer starts from its own opening float.
    expect(x.cash).toMatchObject({ openingFloat: 0, cashSales: 160, expected: 160 })
    expect(
      journal.zReport({
        denominations: [
          { value: 100, count: 1 },
          { value: 50, count: 1 },
          { value: 10, count: 1 },
        ],
      }),
    ).toMatchObject({ zNumber: 2, difference: 0 })
  })

  it('is refused while a sale is unfinished, and for counts that are not euro coins or notes', () => {
    const open = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1, 260, 19)] })
    expect(failureOf(() => journal.zReport({ denominations: [] }))).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'journal.error.unfinishedSales',
      params: { count: 1 },
    })
    journal.abortSale(open.saleId, 'left')
    expect(failureOf(() => journal.zReport({ denominations: [{ value: 300, count: 1 }] }))).toMatchObject({
      code: 'VALIDATION',
    })
    expect(
      failureOf(() =>
        journal.zReport({
          denominations: [
            { value: 100, count: 1 },
            { value: 100, count: 2 },
          ],
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION' })
    expect(failureOf(() => journal.zReport({ denominations: [{ value: 100, count: -1 }] }))).toMatchObject({
      code: 'VALIDATION',
    })
    expect(journal.closing(1)).toBeUndefined()
    expect(journal.zReport({ denominations: [] })).toMatchObject({
      zNumber: 1,
      abortedCount: 1,
      receiptCount: 0,
    })
  })

  it('agrees with the receipts it covers over many random sales', () => {
    const saleArb = fc.record({
      lines: fc.array(
        fc.record({
          q: fc.integer({ min: 1, max: 12 }),
          price: fc.integer({ min: 1, max: 2000 }),
          rate: fc.constantFrom(0 as const, 7 as const, 19 as const),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      pay: fc.constantFrom('cash' as const, 'card' as const),
      seller: fc.constantFrom('anna', 'ben', 'cem'),
    })
    const sales = fc.sample(saleArb, { numRuns: 500, seed: 42 })
    const expected = { total: 0, cash: 0, card: 0, byRate: new Map<number, { gross: number; vat: number }>() }
    for (const s of sales) {
      const done = sell(
        s.lines.map((l, i) => line(`p${i}`, l.q, l.price, l.rate)),
        s.pay,
        s.seller,
      )
      expected.total += done.total
      expected[s.pay] += done.total
      for (const v of done.vat) {
        const r = expected.byRate.get(v.rate) ?? { gross: 0, vat: 0 }
        expected.byRate.set(v.rate, { gross: r.gross + v.gross, vat: r.vat + vatFromGross(v.gross, v.rate) })
      }
    }
    const z = journal.zReport({ denominations: [] })
    expect(z.receiptCount).toBe(sales.length)
    expect(z.lastReceiptNo).toBe(sales.length)
    expect(z.total).toBe(expected.total)
    expect(z.payments.map((p) => [p.method, p.amount])).toEqual([
      ['card', expected.card],
      ['cash', expected.cash],
    ])
    for (const v of z.vat) {
      expect(v.gross).toBe(expected.byRate.get(v.rate)?.gross)
      expect(v.vat).toBe(expected.byRate.get(v.rate)?.vat)
      expect(v.net + v.vat).toBe(v.gross)
    }
    expect(z.sellers.reduce((sum, s) => sum + s.total, 0)).toBe(expected.total)
    expect(z.difference).toBe(-expected.cash)
  })
})

describe('finding sales', () => {
  it('lists a local calendar day (Europe/Berlin) and searches by receipt number or article name', () => {
    // 22:30 UTC on 21 Nov is 23:30 in Berlin: still the 21st; 23:30 UTC is already the 22nd.
    clock.set(Date.UTC(2026, 10, 21, 22, 30))
    const late = sell([line('berliner', 1, 160, 7, 'Berliner')], 'cash')
    clock.set(Date.UTC(2026, 10, 21, 23, 30))
    const early = sell([line('brezel', 2, 110, 7, 'Laugenbrezel')], 'cash')
    clock.set(Date.UTC(2026, 10, 22, 9, 0))
    const morning = sell([line('kaffee', 1, 260, 19, 'Kaffee 100%_fair')], 'card')

    expect(journal.sales({ date: '2026-11-21' }).map((s) => s.saleId)).toEqual([late.saleId])
    expect(journal.sales({ date: '2026-11-22' }).map((s) => s.saleId)).toEqual([morning.saleId, early.saleId])
    expect(journal.sales({ search: '2' }).map((s) => s.receiptNo)).toEqual([2])
    expect(journal.sales({ search: 'brezel' }).map((s) => s.saleId)).toEqual([early.saleId])
    // LIKE wildcards in the search text are literal characters.
    expect(journal.sales({ search: '%_' }).map((s) => s.saleId)).toEqual([morning.saleId])
    expect(journal.sales({ date: '2026-11-22', search: 'Berliner' })).toEqual([])
    expect(failureOf(() => journal.sales({ date: '22.11.2026' }))).toMatchObject({ code: 'VALIDATION' })
  })

  it('handles the 25-hour day at the end of summer time', () => {
    clock.set(Date.UTC(2026, 9, 24, 22, 30)) // 25 Oct 00:30 CEST
    const first = sell([line('kaffee', 1, 260, 19)], 'cash')
    clock.set(Date.UTC(2026, 9, 25, 22, 30)) // 25 Oct 23:30 CET
    const last = sell([line('kaffee', 1, 260, 19)], 'cash')
    clock.set(Date.UTC(2026, 9, 25, 23, 30)) // 26 Oct 00:30 CET
    sell([line('kaffee', 1, 260, 19)], 'cash')
    expect(journal.sales({ date: '2026-10-25' }).map((s) => s.saleId)).toEqual([last.saleId, first.saleId])
  })
})
