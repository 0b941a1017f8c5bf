// Partial returns in the journal (main/journal/returns.ts, deposits.ts): the deposit follows its bottle,
// empties go back on their own, a discounted line goes back in part with its discount pro rata, and the
// pro rata rule never gives back more than was paid — in any sequence of steps.
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Journal, SaleLineInput, SaleRecord } from '../../../main/journal'
import { depositLinks } from '../../../main/journal/deposits'
import { proRataRefund } from '../../../main/journal/returns'
import { failureOf, line, payCash, tempDir, testJournal } from './helpers'

let tmp: ReturnType<typeof tempDir>
let journal: Journal
beforeEach(() => {
  tmp = tempDir()
  journal = testJournal(tmp.dir).journal
})
afterEach(() => {
  journal.close()
  tmp.cleanup()
})

const discounted = (quantity: number, unitPrice: number, amount: number): SaleLineInput => ({
  ...line('berliner', quantity, unitPrice, 7),
  total: quantity * unitPrice - amount,
  discount: {
    kind: 'amount',
    value: amount,
    amount,
    reasonId: 'personal',
    reason: 'Personal',
    managerId: null,
    scope: 'line',
  },
})

function completedSale(lines: SaleLineInput[]): SaleRecord {
  const sale = journal.beginSale({ sellerId: 'anna', lines })
  payCash(journal, sale.saleId, sale.total)
  return journal.completeSale(sale.saleId)
}

function giveBack(original: SaleRecord, lines: { lineNo: number; quantity: number }[]): SaleRecord {
  const storno = journal.recordPartialStorno({
    originalSaleId: original.saleId,
    sellerId: 'chef',
    reason: 'zurück',
    lines,
  })
  // A step can refund 0 cents (a 1-cent line in 3 pieces): nothing is paid out then.
  if (storno.total !== 0) payCash(journal, storno.saleId, storno.total)
  return journal.completeSale(storno.saleId)
}

/** The journal's refusal of a return request. */
const refusal = (original: SaleRecord, lines: { lineNo: number; quantity: number }[]) =>
  failureOf(() =>
    journal.recordPartialStorno({ originalSaleId: original.saleId, sellerId: 'chef', reason: 'x', lines }),
  )

/** 2 × Wasser 1,80 € with their deposit 2 × 0,25 €, and a Brezel. */
const bottles = (): SaleLineInput[] => [
  { ...line('wasser', 2, 180, 19), lineId: 'w' },
  { ...line('pfand-einweg', 2, 25, 19, 'Pfand Einweg'), lineId: 'p', deposit: true, depositFor: 'w' },
  { ...line('brezel', 1, 90, 7), lineId: 'b' },
]

describe('deposit lines in the journal', () => {
  it('keeps which line is a deposit and which bottle line it follows', () => {
    const sale = completedSale(bottles())
    expect(sale.lines.map((l) => [l.lineNo, l.deposit ?? false, l.depositForLineNo ?? null])).toEqual([
      [1, false, null],
      [2, true, 1],
      [3, false, null],
    ])
  })

  it('links a deposit to the line before it when the basket sent no line ids, and refuses an orphan', () => {
    expect(depositLinks([{}, { deposit: true, depositFor: 'x' }, { deposit: true }])).toEqual([
      undefined,
      1,
      null,
    ])
    expect(
      failureOf(() => depositLinks([{ lineId: 'a' }, { deposit: true, depositFor: 'gone' }])),
    ).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'journal.error.depositArticle',
    })
  })

  it('returning one bottle refunds its deposit in the same return (180 + 25)', () => {
    const sale = completedSale(bottles())
    const back = giveBack(sale, [{ lineNo: 1, quantity: 1 }])
    expect(back.total).toBe(-205)
    expect(back.lines.map((l) => [l.lineNo, l.quantity, l.total, l.deposit ?? false])).toEqual([
      [1, -1, -180, false],
      [2, -1, -25, true],
    ])
    expect(back.lines[1].depositForLineNo).toBe(1)
  })

  it('takes back empties on their own (Leergut) and then no second deposit with the bottle', () => {
    const sale = completedSale(bottles())
    const empties = giveBack(sale, [{ lineNo: 2, quantity: 2 }])
    expect(empties.lines.map((l) => [l.lineNo, l.quantity, l.total])).toEqual([[2, -2, -50]])
    // Both deposits are paid back: the bottle goes back without one.
    const bottle = giveBack(sale, [{ lineNo: 1, quantity: 1 }])
    expect(bottle.lines.map((l) => [l.lineNo, l.quantity, l.total])).toEqual([[1, -1, -180]])
    expect(refusal(sale, [{ lineNo: 2, quantity: 1 }])).toMatchObject({
      messageKey: 'journal.error.overReturn',
      params: { left: 0 },
    })
  })

  it('a bottle and one more empty in one return: two deposits back', () => {
    const sale = completedSale(bottles())
    const back = giveBack(sale, [
      { lineNo: 1, quantity: 1 },
      { lineNo: 2, quantity: 1 },
    ])
    expect(back.lines.map((l) => [l.lineNo, l.quantity, l.total])).toEqual([
      [1, -1, -180],
      [2, -2, -50],
    ])
    expect(back.total).toBe(-230)
  })

  it('a whole storno keeps the deposit linked to its bottle', () => {
    const sale = completedSale(bottles())
    const storno = journal.recordStorno({ originalSaleId: sale.saleId, sellerId: 'chef', reason: 'x' })
    expect(storno.lines[1]).toMatchObject({ deposit: true, depositForLineNo: 1, quantity: -2, total: -50 })
  })
})

describe('partial return of a discounted line', () => {
  it('refunds the discount pro rata: 3 × 1,60 € − 1,00 € = 3,80 € back as 1,26 + 1,27 + 1,27', () => {
    const sale = completedSale([discounted(3, 160, 100)])
    const steps = [1, 1, 1].map(() => giveBack(sale, [{ lineNo: 1, quantity: 1 }]))
    expect(steps.map((s) => s.total)).toEqual([-126, -127, -127])
    expect(steps.reduce((sum, s) => sum + s.total, 0)).toBe(-380)
    // The discount part of each returned piece is booked with it (line_discounts: price − refund).
    expect(steps.map((s) => s.lines[0].discount?.amount)).toEqual([34, 33, 33])
  })

  it('a discounted line goes back in part; more than is left is refused', () => {
    const sale = completedSale([discounted(3, 160, 100), { ...line('kaffee', 1, 260, 19), kind: 'weight' }])
    const back = giveBack(sale, [{ lineNo: 1, quantity: 2 }])
    expect(back.total).toBe(-253)
    expect(refusal(sale, [{ lineNo: 1, quantity: 2 }])).toMatchObject({
      messageKey: 'journal.error.overReturn',
      params: { left: 1 },
    })
  })

  it('refuses a card top-up in a partial return', () => {
    const sale = completedSale([{ ...line('topup', 1, 2000, 0), kind: 'topup' }, line('brot', 1, 300, 7)])
    expect(refusal(sale, [{ lineNo: 1, quantity: 1 }])).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'journal.error.returnTopup',
    })
  })
})

describe('pro rata refund (property)', () => {
  it('any sequence of steps refunds whole cents, never more than the share of the pieces back, all of it at the end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 60 }),
        (sold, unitPrice, share, rawSteps) => {
          const gross = sold * unitPrice
          const total = gross - Math.floor(gross * share)
          let returned = 0
          let refunded = 0
          for (const raw of rawSteps) {
            if (returned === sold) break
            const k = Math.min(raw, sold - returned)
            const step = proRataRefund(total, sold, returned, refunded, k)
            expect(Number.isInteger(step)).toBe(true)
            expect(step).toBeGreaterThanOrEqual(0)
            // A step never gives more than the pieces' price before the discount.
            expect(step).toBeLessThanOrEqual(k * unitPrice)
            returned += k
            refunded += step
            // Never more than the paid share of what has come back.
            expect(refunded * sold).toBeLessThanOrEqual(total * returned)
          }
          // The rest in one last step.
          if (returned < sold) refunded += proRataRefund(total, sold, returned, refunded, sold - returned)
          expect(refunded).toBe(total)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('through the journal: random discounts and return steps add up to exactly what was paid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2, max: 2000 }),
        fc.integer({ min: 1, max: 99 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }),
        (sold, unitPrice, percent, rawSteps) => {
          const gross = sold * unitPrice
          const reduction = Math.min(gross - 1, Math.max(1, Math.round((gross * percent) / 100)))
          const sale = completedSale([discounted(sold, unitPrice, reduction)])
          let returned = 0
          let refunded = 0
          for (const raw of [...rawSteps, sold]) {
            if (returned === sold) break
            const k = Math.min(raw, sold - returned)
            const back = giveBack(sale, [{ lineNo: 1, quantity: k }])
            returned += k
            refunded -= back.total
            expect(refunded * sold).toBeLessThanOrEqual(sale.total * returned)
            // Price before the discount = refund + the discount part booked with the storno line.
            const l = back.lines[0]
            expect(-l.total + (l.discount?.amount ?? 0)).toBe(k * unitPrice)
          }
          expect(refunded).toBe(sale.total)
        },
      ),
      { numRuns: 40 },
    )
  })

  it('through the journal: bottles and empties returned in any order never pay back more deposit than was charged', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.tuple(fc.nat({ max: 4 }), fc.nat({ max: 4 })), { minLength: 1, maxLength: 10 }),
        (sold, steps) => {
          const sale = completedSale([
            { ...line('wasser', sold, 180, 19), lineId: 'w' },
            { ...line('pfand', sold, 25, 19), lineId: 'p', deposit: true, depositFor: 'w' },
          ])
          let bottles = 0
          let deposits = 0
          for (const [wantBottles, wantEmpties] of steps) {
            const b = Math.min(wantBottles, sold - bottles)
            const e = Math.min(wantEmpties, sold - deposits)
            const request = [
              ...(b > 0 ? [{ lineNo: 1, quantity: b }] : []),
              ...(e > 0 ? [{ lineNo: 2, quantity: e }] : []),
            ]
            if (request.length === 0) continue
            const back = giveBack(sale, request)
            const depositBack = back.lines.filter((l) => l.deposit).reduce((n, l) => n - l.quantity, 0)
            // The bottles' deposit follows them as far as some is left after the empties.
            expect(depositBack).toBe(e + Math.min(b, sold - deposits - e))
            bottles += b
            deposits += depositBack
            expect(deposits).toBeLessThanOrEqual(sold)
            expect(back.total).toBe(-(180 * b + 25 * depositBack))
          }
          // Whatever is left goes back now: all in all exactly what was paid.
          const rest = [
            ...(bottles < sold ? [{ lineNo: 1, quantity: sold - bottles }] : []),
            ...(deposits < sold ? [{ lineNo: 2, quantity: sold - deposits }] : []),
          ]
          if (rest.length > 0) giveBack(sale, rest)
          const stornos = journal
            .sales({ limit: 1000 })
            .filter((x) => x.kind === 'storno' && x.originalSaleId === sale.saleId)
          expect(stornos.reduce((sum, x) => sum - x.total, 0)).toBe(sale.total)
        },
      ),
      { numRuns: 30 },
    )
  })
})
