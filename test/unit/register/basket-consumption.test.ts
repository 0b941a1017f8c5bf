// Im Haus / Außer Haus and combos in the basket: main re-prices the open basket (same gross, the rates of
// the VAT classes), a combo's shares follow its total, and the register refuses the switch while paying.
import { describe, expect, it } from 'vitest'
import { catalogue } from '../../../common/catalog'
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

  it('keeps fixed-rate lines (top-ups, free prices), a deposit with its bottle, and takes the till default for each new sale', () => {
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

describe('deposits in the basket', () => {
  // Returnable bottles of 7 % articles: a milk mix drink (7 % take-away, 19 % in-house) and a yoghurt.
  const withBottles = indexCatalogue(
    catalogue.parse({
      ...demoCatalogue(),
      products: [
        ...demoCatalogue().products,
        {
          id: 'kakao-flasche',
          name: 'Kakao 0,5 l',
          price: 190,
          vatRate: 7,
          plu: '711',
          category: 'kalt',
          vatClass: 'milkDrink',
          deposit: 'pfand-mehrweg',
        },
        {
          id: 'joghurt-glas',
          name: 'Joghurt im Glas',
          price: 150,
          vatRate: 7,
          plu: '712',
          category: 'kalt',
          vatClass: 'food',
          deposit: 'pfand-mehrweg',
        },
      ],
    }),
  )

  it("takes the bottle's rate: 7 % with a take-away milk drink, 19 % with it in-house, 7 % with a 7 % food", () => {
    const basket = createBasket('anna', () => withBottles)
    basket.addProduct('kakao-flasche')
    basket.addProduct('joghurt-glas')
    const away = basket.addProduct('wasser')
    expect(rates(away)).toEqual([
      ['kakao-flasche', 7],
      ['pfand-mehrweg', 7],
      ['joghurt-glas', 7],
      ['pfand-mehrweg', 7],
      ['wasser', 19],
      ['pfand-einweg', 19],
    ])
    expect(rates(basket.setConsumption('inhouse'))).toEqual([
      ['kakao-flasche', 19],
      ['pfand-mehrweg', 19],
      ['joghurt-glas', 7],
      ['pfand-mehrweg', 7],
      ['wasser', 19],
      ['pfand-einweg', 19],
    ])
    // A returned container belongs to no bottle of this sale: the deposit article's own rate.
    const returned = basket.returnDeposit('pfand-mehrweg', 1)
    expect(rates(returned).at(-1)).toEqual(['pfand-mehrweg', 19])
  })

  it('a basket taken over from another till keeps each deposit on its own bottle under the new ids', () => {
    const parked = createBasket('anna', () => withBottles)
    parked.addProduct('kaffee')
    parked.addProduct('kakao-flasche', { quantity: 2 })
    const here = createBasket('anna', () => withBottles)
    here.addProduct('croissant')
    here.clear()
    const taken = here.restore(parked.view().lines)
    const [coffee, bottle, deposit] = taken.lines
    expect(deposit).toMatchObject({ productId: 'pfand-mehrweg', deposit: true, depositFor: bottle!.lineId })
    expect(deposit!.depositFor).not.toBe(coffee!.lineId)
    // The deposit follows its bottle here: no second deposit line, the same quantity.
    const more = here.setQuantity(bottle!.lineId, 3)
    expect(more.lines.map((l) => [l.productId, l.quantity])).toEqual([
      ['kaffee', 1],
      ['kakao-flasche', 3],
      ['pfand-mehrweg', 3],
    ])
  })

  it('a basket taken over from another till keeps Im Haus: the milk drink stays at 19 %, at the same gross', () => {
    const parked = createBasket('anna', () => withBottles)
    parked.addProduct('kakao-flasche')
    parked.addProduct('croissant')
    const there = parked.setConsumption('inhouse')
    // The taking till starts its baskets take-away (a bakery counter's default).
    const here = createBasket('anna', () => withBottles)
    const taken = here.restore(there.lines, there.consumption)
    expect(taken.consumption).toBe('inhouse')
    expect(rates(taken)).toEqual(rates(there))
    expect(rates(taken)).toContainEqual(['kakao-flasche', 19])
    expect(taken.total).toBe(there.total)
    expect(taken.vat).toEqual(there.vat)
    // A basket from a till that did not say (an earlier version) gets this basket's own setting.
    const older = createBasket('anna', () => withBottles).restore(there.lines)
    expect(older.consumption).toBe('takeaway')
    expect(rates(older)).toContainEqual(['kakao-flasche', 7])
  })

  it('a basket taken over from another till keeps its discounts as rules: same figures, and a changed line is priced afresh', () => {
    const parked = createBasket('anna', () => withBottles)
    const coffee = parked.addProduct('kaffee', { quantity: 2 }).lines[0]!
    const rule = {
      kind: 'percent' as const,
      value: 10,
      reasonId: 'personal',
      reason: 'Personal',
      managerId: null,
    }
    parked.setLineDiscount(coffee.lineId, rule)
    parked.addProduct('croissant')
    const before = parked.setSaleDiscount({ ...rule, value: 5, reasonId: 'stamm', reason: 'Stammkunde' })
    const here = createBasket('anna', () => withBottles)
    const taken = here.restore(before.lines)
    const figures = (v: typeof before) =>
      v.lines.map((l) => [l.productId, l.quantity, l.total, l.discount?.amount, l.discount?.scope])
    expect(figures(taken)).toEqual(figures(before))
    expect(taken.total).toBe(before.total)
    expect(taken.saleDiscount).toMatchObject({ kind: 'percent', value: 5 })
    // Three coffees now: the line's own 10 % of 7,80 €, and every line still what the journal accepts.
    const more = here.setQuantity(taken.lines[0]!.lineId, 3)
    expect(more.lines[0]).toMatchObject({
      quantity: 3,
      total: 780 - 78,
      discount: { amount: 78, scope: 'line' },
    })
    for (const l of more.lines) expect(l.total).toBe(l.quantity * l.unitPrice - (l.discount?.amount ?? 0))
  })
})
