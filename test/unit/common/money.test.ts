import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  assertCents,
  formatAmount,
  formatMoney,
  parseAmount,
  splitProportionally,
  vatFromGross,
} from '../../../common/money'

describe('money', () => {
  it('formats cents the German way at the edge', () => {
    expect(formatMoney(796)).toBe('7,96\u00a0€')
    expect(formatMoney(123456)).toBe('1.234,56\u00a0€')
    expect(formatMoney(-220)).toBe('-2,20\u00a0€')
    expect(formatMoney(796, 'en')).toBe('€7.96')
    expect(formatAmount(1500)).toBe('15,00')
  })

  it('never prints a negative zero (an empty cash-out negated on the report)', () => {
    expect(formatAmount(-0)).toBe('0,00')
    expect(formatMoney(-0)).toBe('0,00\u00a0€')
  })

  it('parses what a cashier types', () => {
    expect(parseAmount('7,96')).toBe(796)
    expect(parseAmount('7.96')).toBe(796)
    expect(parseAmount('20')).toBe(2000)
    expect(parseAmount('1.234,50')).toBe(123450)
    expect(parseAmount('5,5')).toBe(550)
    expect(parseAmount(' 10 € ')).toBe(1000)
    for (const bad of ['', 'abc', '7,999', '1,2,3', '--5', '7,', '∞']) expect(parseAmount(bad)).toBeNull()
  })

  it('rejects fractional cents', () => {
    expect(assertCents(796)).toBe(796)
    expect(() => assertCents(7.5)).toThrow(/whole cents/)
  })

  it('splits proportionally with the largest remainder absorbing the drift (the bonus split)', () => {
    // reference: 20 ct bonus over 598 ct at 7 % and 198 ct at 19 % → 15 and 5
    expect(splitProportionally(20, [598, 198])).toEqual([15, 5])
    expect(splitProportionally(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(splitProportionally(0, [5, 5])).toEqual([0, 0])
    expect(splitProportionally(10, [0, 0])).toEqual([0, 0])
  })

  it('split shares always add up to the total and never go below zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 6 }),
        (total, weights) => {
          const shares = splitProportionally(total, weights)
          const sum = weights.reduce((a, b) => a + b, 0)
          expect(shares.reduce((a, b) => a + b, 0)).toBe(sum === 0 ? 0 : total)
          expect(shares.every((s) => s >= 0 && Number.isInteger(s))).toBe(true)
        },
      ),
    )
  })

  it('extracts VAT from gross amounts', () => {
    expect(vatFromGross(107, 7)).toBe(7)
    expect(vatFromGross(119, 19)).toBe(19)
    expect(vatFromGross(796, 7)).toBe(52)
    expect(vatFromGross(198, 19)).toBe(32)
    expect(vatFromGross(-198, 19)).toBe(-32)
    expect(vatFromGross(500, 0)).toBe(0)
  })
})
