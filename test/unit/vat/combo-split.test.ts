// The combo split in integer cents (largest remainder): always the price, never negative, at most one
// cent off the exact share; the same rule splits every VAT sum (docs/vat-rates.md).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { priceComponents, splitCents, vatPortions } from '../../../common/combo'
import { fiscalAmounts, processDataOf } from '../../../common/fiscal-amounts'
import { computeTotals } from '../../../common/basket'

describe('splitCents', () => {
  it('splits a Kaffeegedeck of 4,90 € in the ratio 2,60 : 2,90 as 2,32 + 2,58', () => {
    // 490 × 260 / 550 = 231,6 and 490 × 290 / 550 = 258,4: the leftover cent goes to the larger remainder.
    expect(splitCents(490, [260, 290])).toEqual([232, 258])
  })

  it('gives the flat 30 % drinks share of 4,20 € as 1,26 + 2,94', () => {
    expect(splitCents(420, [30, 70])).toEqual([126, 294])
  })

  it('breaks ties in favour of the earlier component and mirrors a negative (storno) total', () => {
    expect(splitCents(1, [1, 1])).toEqual([1, 0])
    expect(splitCents(-490, [260, 290])).toEqual([-232, -258])
  })

  it('always sums to the price, is never negative and stays within a cent of the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 8 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = splitCents(total, weights)
          const sum = weights.reduce((a, b) => a + b, 0)
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total)
          parts.forEach((p, i) => {
            expect(p).toBeGreaterThanOrEqual(0)
            expect(Number.isInteger(p)).toBe(true)
            expect(Math.abs(p - (total * weights[i]) / sum)).toBeLessThan(1)
          })
          expect(splitCents(-total, weights)).toEqual(parts.map((p) => (p === 0 ? 0 : -p)))
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('refuses weights that are all zero, negative or fractional, and a fractional total', () => {
    expect(() => splitCents(100, [0, 0])).toThrow(RangeError)
    expect(() => splitCents(100, [-1, 2])).toThrow(RangeError)
    expect(() => splitCents(100, [0.5, 2])).toThrow(RangeError)
    expect(() => splitCents(1.5, [1, 2])).toThrow(RangeError)
  })
})

const gedeck = [
  { productId: 'kaffee', name: 'Kaffee', quantity: 1, vatRate: 19 as const, weight: 260 },
  { productId: 'apfelkuchen', name: 'Apfelkuchen', quantity: 1, vatRate: 7 as const, weight: 290 },
]

describe('a combo line in every VAT sum', () => {
  it('splits the line total over its components rates in the basket totals', () => {
    const line = { total: 490, vatRate: 7 as const, components: priceComponents(490, gedeck) }
    expect(vatPortions(line)).toEqual([
      { vatRate: 19, total: 232 },
      { vatRate: 7, total: 258 },
    ])
    expect(computeTotals([line]).vat).toEqual([
      { rate: 19, gross: 232, net: 195, vat: 37 },
      { rate: 7, gross: 258, net: 241, vat: 17 },
    ])
  })

  it('gives the TSE processData the same split (19 % and 7 % slots)', () => {
    const amounts = fiscalAmounts({
      lines: [{ total: 490, vatRate: 7, components: gedeck }],
      payments: [{ method: 'cash', amount: 490 }],
    })
    expect(processDataOf(amounts)).toBe('Beleg^2.32_2.58_0.00_0.00_0.00^4.90:Bar')
  })

  it('re-splits a discounted or partially returned line from its own total', () => {
    expect(vatPortions({ total: 441, vatRate: 7, components: gedeck }).map((p) => p.total)).toEqual([
      208, 233,
    ])
    expect(vatPortions({ total: -980, vatRate: 7, components: gedeck }).map((p) => p.total)).toEqual([
      -463, -517,
    ])
  })
})
