// Im Haus / Außer Haus and combos in the basket: main re-prices the open basket (same gross, the rates of
// the VAT classes), a combo's shares follow its total, and the register refuses the switch while paying.
import { describe, expect, it } from 'vitest'
import { demoCatalogue } from '../../../main/catalog/demo'
import { indexCatalogue } from '../../../main/catalog/lookup'
import { createBasket } from '../../../main/register/basket'
import { createRegisterService } from '../../../main/register/register-service'
import { createEventBus } from '../../../main/ipc/event-bus'
import { manualClock, memoryLogger } from '../../../common/ports'
import { DEMO_SELLERS } from '../../../common/sellers'
import { failureOf } from '../journal/helpers'

const index = indexCatalogue(demoCatalogue())
const rates = (view: { lines: { productId: string; vatRate: number }[] }) =>
  view.lines.map((l) => [l.productId, l.vatRate])

describe('the consumption switch', () => {
  it('starts take-away by default and re-prices drinks and milk drinks in-house at the same gross', () => {
    const basket = createBasket('anna', () => index)
    basket.addProduct('latte-macchiato')
    basket.addProduct('kaffee')
    basket.addProduct('croissant')
    const away = basket.view()
    expect(away.consumption).toBe('takeaway')
    expect(rates(away)).toEqual([
      ['latte-macchiato', 7],
      ['kaffee', 19],
      ['croissant', 7],
    ])
    const inside = basket.setConsumption('inhouse')
    expect(inside.consumption).toBe('inhouse')
    expect(rates(inside)).toEqual([
      ['latte-macchiato', 19],
      ['kaffee', 19],
      ['croissant', 7],
    ])
    expect(inside.total).toBe(away.total)
    expect(inside.vat).toEqual([
      { rate: 19, gross: 640, net: 538, vat: 102 },
      { rate: 7, gross: 160, net: 150, vat: 10 },
    ])
    // Articles added after the switch get the in-house rate at once; back to take-away undoes it all.
    expect(rates(basket.addProduct('cappuccino')).at(-1)).toEqual(['cappuccino', 19])
    expect(rates(basket.setConsumption('takeaway'))).toEqual([
      ['latte-macchiato', 7],
      ['kaffee', 19],
      ['croissant', 7],
      ['cappuccino', 7],
    ])
  })

  it('keeps fixed-rate lines (deposits, top-ups, free prices) and takes the till default for each new sale', () => {
    const basket = createBasket('anna', () => index, undefined, { defaultConsumption: () => 'inhouse' })
    expect(basket.view().consumption).toBe('inhouse')
    basket.addProduct('wasser')
    basket.addProduct('topup-10')
    basket.addFreePrice({ id: 'free-7', name: 'Diverses 7 %', vatRate: 7, amount: 150 })
    const away = basket.setConsumption('takeaway')
    expect(rates(away)).toEqual([
      ['wasser', 19],
      ['pfand-einweg', 19],
      ['topup-10', 0],
      ['free-7', 7],
    ])
    expect(basket.clear().consumption).toBe('inhouse')
  })

  it('is refused by the register while a payment runs, and the basket keeps its rates', async () => {
    const register = createRegisterService({
      catalogue: demoCatalogue(),
      sellers: DEMO_SELLERS,
      events: createEventBus(memoryLogger()),
      clock: manualClock(0),
      logger: memoryLogger(),
    })
    await register.handlers['seller.login']({ sellerId: 'ben', pin: '2222' })
    register.handlers['basket.addProduct']({ productId: 'latte-macchiato', quantity: 1 })
    register.lockForPayment('ben')
    expect(
      failureOf(() => register.handlers['basket.setConsumption']({ consumption: 'inhouse' })),
    ).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'register.error.paymentRunning',
    })
    expect(register.view().basket).toMatchObject({ consumption: 'takeaway', vat: [{ rate: 7, gross: 380 }] })
    register.unlockPayment()
    expect(register.handlers['basket.setConsumption']({ consumption: 'inhouse' }).basket).toMatchObject({
      consumption: 'inhouse',
      vat: [{ rate: 19, gross: 380 }],
    })
  })
})

describe('combos in the basket', () => {
  it('splits a Kaffeegedeck by single prices into its components rates, take-away and in-house', () => {
    const basket = createBasket('anna', () => index)
    const line = basket.addProduct('kaffeegedeck').lines[0]
    expect(line).toMatchObject({ total: 490, vatRate: 7 })
    expect(line.components?.map((c) => [c.productId, c.vatRate, c.weight, c.amount])).toEqual([
      ['kaffee', 19, 260, 232],
      ['apfelkuchen', 7, 290, 258],
    ])
    expect(basket.view().vat).toEqual([
      { rate: 19, gross: 232, net: 195, vat: 37 },
      { rate: 7, gross: 258, net: 241, vat: 17 },
    ])
    // Three Gedecke: the shares follow the line total (1 470 = 695 + 775).
    const three = basket.setQuantity(line.lineId, 3)
    expect(three.lines[0].components?.map((c) => c.amount)).toEqual([695, 775])
    expect(three.vat.map((v) => v.gross)).toEqual([695, 775])
  })

  it('splits the breakfast with the fixed 30 % drinks share, and a discount re-splits the discounted total', () => {
    const basket = createBasket('anna', () => index)
    const line = basket.addProduct('fruehstueck').lines[0]
    expect(line.components?.map((c) => [c.vatRate, c.amount])).toEqual([
      [19, 126],
      [7, 294],
    ])
    const discounted = basket.setLineDiscount(line.lineId, {
      kind: 'percent',
      value: 10,
      reasonId: 'staff',
      reason: 'Personal',
      managerId: null,
    })
    expect(discounted.lines[0].total).toBe(378)
    expect(discounted.lines[0].components?.map((c) => c.amount)).toEqual([113, 265])
    expect(discounted.vat.map((v) => [v.rate, v.gross])).toEqual([
      [19, 113],
      [7, 265],
    ])
  })

  it('gives a take-away milk drink in a combo its 7 % and in-house its 19 %', () => {
    const catalogue = demoCatalogue()
    catalogue.products.push({
      id: 'latte-gedeck',
      name: 'Latte + Croissant',
      price: 450,
      vatRate: 7,
      category: 'kuchen',
      combo: {
        components: [
          { productId: 'latte-macchiato', quantity: 1 },
          { productId: 'croissant', quantity: 1 },
        ],
        split: 'prices',
      },
    })
    const basket = createBasket('anna', () => indexCatalogue(catalogue))
    expect(basket.addProduct('latte-gedeck').vat).toEqual([{ rate: 7, gross: 450, net: 421, vat: 29 }])
    expect(basket.setConsumption('inhouse').vat.map((v) => [v.rate, v.gross])).toEqual([
      [19, 317],
      [7, 133],
    ])
  })
})
