// The bonus split of docs/secuconnect.md [I] The rule (bonus first, proportional per VAT
// rate, largest remainder, then cash) is inferred from the three published examples pinned here.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applyCardBalance,
  bonusCollected,
  recordedRevenue,
  type BasketProduct,
} from '../../../simulator/bonus'
import { defaultSeed } from '../../../simulator/seed'

const seed = defaultSeed()
const p = (id: number, priceOne: number, tax: number, quantity = 1, ean = ''): BasketProduct => ({
  id,
  priceOne,
  tax,
  quantity,
  ean,
  articleNumber: String(30000 + id),
  desc: `Artikel ${id}`,
})
const basket = [p(1, 349, 7), p(2, 249, 7), p(3, 99, 19, 2, '4999012345678')]

describe('applyCardBalance on the published 796 basket', () => {
  it('bonus 71 → 53 @ 7 %, 18 @ 19 %, missing_sum 725', () => {
    const r = applyCardBalance(basket, 796, { cash: 0, bonus: 71 }, seed)
    expect(r.bonusProducts.map((b) => [b.priceOne, b.tax])).toEqual([
      [-53, 7],
      [-18, 19],
    ])
    expect(r.missingSum).toBe(725)
  })

  it('cash 200 + bonus 20 → 15 @ 7 %, 5 @ 19 %, missing_sum 576, bonus lines continue the ids', () => {
    const r = applyCardBalance(basket, 796, { cash: 200, bonus: 20 }, seed)
    expect(r).toMatchObject({ bonusSpent: 20, cashSpent: 200, missingSum: 576 })
    expect(r.bonusProducts).toEqual([
      {
        id: 4,
        quantity: 1,
        priceOne: -15,
        tax: 7,
        articleNumber: '111000007',
        ean: '',
        desc: 'Bonus VAT 7%',
      },
      {
        id: 5,
        quantity: 1,
        priceOne: -5,
        tax: 19,
        articleNumber: '111000019',
        ean: '',
        desc: 'Bonus VAT 19%',
      },
    ])
  })

  it('cash 500, no bonus → missing_sum 296 and no bonus lines', () => {
    expect(applyCardBalance(basket, 796, { cash: 500, bonus: 0 }, seed)).toEqual({
      bonusSpent: 0,
      cashSpent: 500,
      missingSum: 296,
      bonusProducts: [],
    })
  })

  it('[I] a top-up in the basket is never paid from the card itself', () => {
    const r = applyCardBalance(
      [...basket, p(4, 1500, 0, 1, '4260447149502')],
      2296,
      { cash: 5000, bonus: 0 },
      seed,
    )
    expect(r).toMatchObject({ cashSpent: 796, missingSum: 1500 })
  })
})

describe('bonus collection', () => {
  it('records revenue with the bonus lines (7,76) and rounds the 10 % down (77)', () => {
    const { bonusProducts } = applyCardBalance(basket, 796, { cash: 200, bonus: 20 }, seed)
    const revenue = recordedRevenue([...basket, ...bonusProducts], [])
    expect(revenue).toBe(776)
    expect(bonusCollected(revenue, 1000)).toBe(77)
  })

  it('blacklisted articles (by EAN or article number) are not recorded', () => {
    expect(recordedRevenue(basket, ['4999012345678'])).toBe(598)
    expect(recordedRevenue(basket, ['30001'])).toBe(447)
  })
})

describe('properties', () => {
  const product = fc.record({
    priceOne: fc.integer({ min: 1, max: 5000 }),
    quantity: fc.integer({ min: 1, max: 5 }),
    tax: fc.constantFrom(0, 7, 19),
  })
  it('bonus lines add up to the bonus spent, nothing is overpaid, missing_sum = sum − spent ≥ 0', () => {
    fc.assert(
      fc.property(
        fc.array(product, { minLength: 1, maxLength: 8 }),
        fc.nat(20_000),
        fc.nat(20_000),
        (items, cash, bonus) => {
          const products = items.map((it, i) => p(i + 1, it.priceOne, it.tax, it.quantity))
          const sum = products.reduce((s, x) => s + x.priceOne * x.quantity, 0)
          const r = applyCardBalance(products, sum, { cash, bonus }, seed)
          expect(r.bonusProducts.reduce((s, b) => s - b.priceOne, 0)).toBe(r.bonusSpent)
          expect(r.bonusSpent).toBeLessThanOrEqual(bonus)
          expect(r.cashSpent).toBeLessThanOrEqual(cash)
          expect(r.missingSum).toBe(sum - r.bonusSpent - r.cashSpent)
          expect(r.missingSum).toBeGreaterThanOrEqual(0)
          // Each VAT rate gets at most its own gross: the discount never turns a rate negative.
          for (const b of r.bonusProducts) {
            const gross = products
              .filter((x) => x.tax === b.tax)
              .reduce((s, x) => s + x.priceOne * x.quantity, 0)
            expect(-b.priceOne).toBeLessThanOrEqual(gross)
          }
          expect(new Set(r.bonusProducts.map((b) => b.id)).size).toBe(r.bonusProducts.length)
          expect(Math.min(...r.bonusProducts.map((b) => b.id), Infinity)).toBeGreaterThan(products.length)
        },
      ),
    )
  })
})
