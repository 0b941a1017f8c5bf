// Deposits (Pfand): the deposit line follows its bottle (quantity, removal), is never discounted, and
// the Pfandrücknahme key books returned containers as a negative line; a sale below 0 pays cash out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RegisterView } from '../../../common/basket'
import { createTestApp, type TestApp } from '../../helpers/test-app'

let testApp: TestApp
beforeEach(async () => {
  testApp = await createTestApp()
})
afterEach(async () => {
  await testApp.dispose()
})
const call = async <T = RegisterView>(channel: string, payload?: unknown): Promise<T> => {
  const result = await testApp.app.dispatch(channel, payload)
  if (!result.ok) throw new Error(`${channel}: ${result.error.messageKey}`)
  return result.value as T
}
const failure = async (channel: string, payload?: unknown) => {
  const result = await testApp.app.dispatch(channel, payload)
  return result.ok ? null : result.error.messageKey
}
const lines = (view: RegisterView) =>
  view.basket!.lines.map((l) => [l.name, l.quantity, l.total, l.discount?.amount ?? 0])

describe('deposit', () => {
  it('adds the deposit after the bottle, follows its quantity and removal, and never discounts it', async () => {
    await call('seller.login', { sellerId: 'anna', pin: '1111' })
    await call('basket.addProduct', { productId: 'wasser', quantity: 2 })
    let view = await call('basket.addProduct', { productId: 'weizenbroetchen', quantity: 1 })
    expect(lines(view)).toEqual([
      ['Mineralwasser 0,5 l', 2, 360, 0],
      ['Pfand Einweg', 2, 50, 0],
      ['Weizenbrötchen', 1, 55, 0],
    ])
    const [water, deposit] = view.basket!.lines
    expect(deposit).toMatchObject({ deposit: true, depositFor: water.lineId, vatRate: 19 })
    view = await call('basket.setQuantity', { lineId: water.lineId, quantity: 3 })
    expect(lines(view)[1]).toEqual(['Pfand Einweg', 3, 75, 0])
    expect(await failure('basket.setQuantity', { lineId: deposit.lineId, quantity: 1 })).toBe(
      'basket.error.depositFollows',
    )
    expect(await failure('basket.addProduct', { productId: 'pfand-einweg', quantity: 1 })).toBe(
      'basket.error.depositByKey',
    )
    view = await call('basket.discount', { kind: 'percent', value: 20, reasonId: 'personal' })
    expect(lines(view)).toEqual([
      ['Mineralwasser 0,5 l', 3, 432, 108],
      ['Pfand Einweg', 3, 75, 0],
      ['Weizenbrötchen', 1, 44, 11],
    ])
    view = await call('basket.voidLine', { lineId: water.lineId })
    expect(lines(view)).toEqual([['Weizenbrötchen', 1, 44, 11]])
  })

  it('books returned containers as a negative line and pays the customer out in cash', async () => {
    await call('seller.login', { sellerId: 'anna', pin: '1111' })
    await call('basket.returnDeposit', { productId: 'pfand-einweg', quantity: 1 })
    const view = await call('basket.returnDeposit', { productId: 'pfand-einweg', quantity: 2 })
    expect(lines(view)).toEqual([['Pfand Einweg', -3, -75, 0]])
    expect(view.basket!.total).toBe(-75)
    expect(await failure('basket.returnDeposit', { productId: 'wasser', quantity: 1 })).toBe(
      'basket.error.notADeposit',
    )
    await call('checkout.payCash', {})
    await testApp.app.checkout.idle()
    const sale = testApp.app.journal.sale(1)!
    expect(sale).toMatchObject({ status: 'completed', total: -75 })
    expect(sale.payments.map((p) => [p.method, p.settled])).toEqual([['cash', -75]])
    expect(sale.vat).toEqual([{ rate: 19, gross: -75, net: -63, vat: -12 }])
  })
})
