// Discounts as main computes them: rounding per line, sale discounts spread exactly over lines and VAT
// rates, the manager limit, the Abendverkauf time rule, and the journal's line_discounts rows.
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { discountOf, spread } from '../../../common/discount'
import { demoCatalogue } from '../../../main/catalog/demo'
import { indexCatalogue } from '../../../main/catalog/lookup'
import { createBasket } from '../../../main/register/basket'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import type { BasketView, RegisterView } from '../../../common/basket'

const rule = (kind: 'percent' | 'amount', value: number, reason = 'Personal') => ({
  kind,
  value,
  reasonId: reason.toLowerCase(),
  reason,
  managerId: null,
})

describe('discount arithmetic', () => {
  it('rounds a percent discount half up to the cent and never below zero', () => {
    expect(discountOf(165, 'percent', 20)).toBe(33)
    expect(discountOf(55, 'percent', 50)).toBe(28) // 27,5 → 28
    expect(discountOf(55, 'percent', 10)).toBe(6) // 5,5 → 6
    expect(discountOf(260, 'amount', 500)).toBe(260)
    expect(discountOf(0, 'percent', 50)).toBe(0)
  })

  it('spreads an amount over lines exactly, in proportion, never above a line', () => {
    expect(spread([165, 260, 360], 100)).toEqual([21, 33, 46])
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (grosses, amount) => {
          const parts = spread(grosses, amount)
          const sum = grosses.reduce((a, b) => a + b, 0)
          expect(parts.reduce((a, b) => a + b, 0)).toBe(Math.min(amount, sum))
          parts.forEach((p, i) => expect(p).toBeLessThanOrEqual(grosses[i]))
        },
      ),
    )
  })
})

describe('basket discounts', () => {
  const index = indexCatalogue(demoCatalogue())

  it('discounts one line, follows its quantity, and leaves top-ups alone', () => {
    const basket = createBasket('anna', () => index)
    basket.addProduct('weizenbroetchen', { quantity: 3 })
    const lineId = basket.view().lines[0].lineId
    let view = basket.setLineDiscount(lineId, rule('percent', 20))
    expect(view.lines[0]).toMatchObject({ total: 132, discount: { amount: 33, kind: 'percent', value: 20 } })
    expect(view.total).toBe(132)
    view = basket.setQuantity(lineId, 6)
    expect(view.lines[0]).toMatchObject({ total: 264, discount: { amount: 66 } })
    basket.addProduct('topup-10')
    expect(() => basket.setLineDiscount(basket.view().lines[1].lineId, rule('percent', 10))).toThrow()
  })

  it('books a sale discount per line so every VAT rate carries its exact part', () => {
    const basket = createBasket('anna', () => index)
    basket.addProduct('weizenbroetchen', { quantity: 3 }) // 1,65 € 7 %
    basket.addProduct('kaffee') // 2,60 € 19 %
    basket.addProduct('wasser', { quantity: 2 }) // 3,60 € 19 %
    const view: BasketView = basket.setSaleDiscount(rule('percent', 20))
    // The bottles' deposit is never discounted.
    expect(view.lines.map((l) => [l.productId, l.total, l.discount?.amount, l.discount?.scope])).toEqual([
      ['weizenbroetchen', 132, 33, 'sale'],
      ['kaffee', 208, 52, 'sale'],
      ['wasser', 288, 72, 'sale'],
      ['pfand-einweg', 50, undefined, undefined],
    ])
    expect(view.total).toBe(678)
    expect(view.saleDiscount).toEqual({ kind: 'percent', value: 20, reason: 'Personal', amount: 157 })
    expect(view.vat).toEqual([
      { rate: 19, gross: 546, net: 459, vat: 87 },
      { rate: 7, gross: 132, net: 123, vat: 9 },
    ])
    // A line added later gets the sale discount too; a line's own discount wins over the sale's.
    basket.addProduct('berliner')
    const own = basket.setLineDiscount(basket.view().lines[4].lineId, rule('percent', 50, 'Vortag'))
    expect(own.lines[4]).toMatchObject({
      total: 80,
      discount: { scope: 'line', amount: 80, reason: 'Vortag' },
    })
    expect(basket.setSaleDiscount(null).lines.map((l) => l.total)).toEqual([165, 260, 360, 50, 80])
  })

  it('gives marked articles the Abendverkauf discount by itself when the time rule says so', () => {
    let evening = false
    const basket = createBasket('anna', () => index, undefined, {
      automatic: () => (evening ? rule('percent', 30, 'Abendverkauf') : null),
    })
    basket.addProduct('croissant')
    evening = true
    basket.addProduct('berliner')
    expect(basket.view().lines.map((l) => [l.total, l.discount?.scope ?? null])).toEqual([
      [160, null],
      [112, 'evening'],
    ])
  })
})

describe('discounts through the register and the journal', () => {
  let testApp: TestApp
  beforeEach(async () => {
    testApp = await createTestApp()
  })
  afterEach(async () => {
    await testApp.dispose()
  })
  const call = async <T>(channel: string, payload?: unknown): Promise<T> => {
    const result = await testApp.app.dispatch(channel, payload)
    if (!result.ok) throw Object.assign(new Error(result.error.messageKey), { error: result.error })
    return result.value as T
  }
  const failure = async (channel: string, payload?: unknown) => {
    const result = await testApp.app.dispatch(channel, payload)
    return result.ok ? null : result.error
  }

  it('asks for a manager above the limit, records who allowed it, and journals every line discount', async () => {
    await call('seller.login', { sellerId: 'anna', pin: '1111' })
    await call('basket.addProduct', { productId: 'kaffee', quantity: 1 })
    const lineId = (await call<RegisterView>('register.view')).basket!.lines[0].lineId
    // 20 % is at the limit: a seller may give it.
    const at = await call<RegisterView>('basket.discount', {
      lineId,
      kind: 'percent',
      value: 20,
      reasonId: 'personal',
    })
    expect(at.basket!.lines[0]).toMatchObject({ total: 208, discount: { amount: 52, managerId: null } })
    // 50 % is above it: refused without a manager PIN, allowed with one, and the manager is recorded.
    expect(
      await failure('basket.discount', { lineId, kind: 'percent', value: 50, reasonId: 'vortag' }),
    ).toMatchObject({ code: 'FORBIDDEN', messageKey: 'seller.error.managerRequired' })
    expect(
      await failure('basket.discount', { lineId, kind: 'percent', value: 50, reasonId: 'nope' }),
    ).toMatchObject({ code: 'VALIDATION', messageKey: 'basket.error.discountReason' })
    const allowed = await call<RegisterView>('basket.discount', {
      lineId,
      kind: 'percent',
      value: 50,
      reasonId: 'vortag',
      managerPin: '9999',
    })
    expect(allowed.basket!.lines[0]).toMatchObject({
      total: 130,
      discount: { amount: 130, managerId: 'chefin' },
    })

    await call('basket.addProduct', { productId: 'weizenbroetchen', quantity: 3 })
    await call('checkout.payCash', {})
    await testApp.app.checkout.idle()
    const sale = testApp.app.journal.sale(1)!
    expect(sale.total).toBe(130 + 165)
    expect(sale.lines.map((l) => [l.productId, l.total, l.discount?.amount ?? null])).toEqual([
      ['kaffee', 130, 130],
      ['weizenbroetchen', 165, null],
    ])
    const receipt = sale.receipts[0].document
    expect(receipt.items.map((i) => [i.name, i.total])).toEqual([
      ['Kaffee', 260],
      ['  Rabatt Vortag 50 %', -130],
      ['Weizenbrötchen', 165],
    ])
  })
})
