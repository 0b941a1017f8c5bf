import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import { vatFromGross } from '../../../common/money'
import type { Scan } from '../../../common/devices'
import { demoCatalogue, TOPUP_EAN } from '../../../main/catalog/demo'
import { indexCatalogue } from '../../../main/catalog/lookup'
import { createBasket, weightPrice, type Basket } from '../../../main/register/basket'
import { failureOf } from '../journal/helpers'

const index = indexCatalogue(demoCatalogue())
let basket: Basket
beforeEach(() => {
  basket = createBasket('anna', () => index)
})

const scan = (fields: Partial<Scan> & Pick<Scan, 'kind' | 'code'>): Scan => ({ source: 'virtual', ...fields })
/** The operation fails with `messageKey` and the basket is exactly as before. */
function expectRefused(fn: () => unknown, code: string, messageKey: string) {
  const before = basket.view()
  expect(failureOf(fn)).toMatchObject({ code, messageKey })
  expect(basket.view()).toEqual(before)
}

describe('adding articles', () => {
  it('adds by tap and raises the quantity of the same article on the next tap', () => {
    basket.addProduct('weizenbroetchen')
    basket.addProduct('kaffee')
    const view = basket.addProduct('weizenbroetchen', { quantity: 5 })
    expect(view.lines.map((l) => [l.productId, l.quantity, l.unitPrice, l.total, l.vatRate])).toEqual([
      ['weizenbroetchen', 6, 55, 330, 7],
      ['kaffee', 1, 260, 260, 19],
    ])
    expect(view).toMatchObject({ sellerId: 'anna', itemCount: 7, total: 590 })
  })

  it('adds by PLU entry with a quantity', () => {
    const view = basket.addPlu('307', 3)
    expect(view.lines[0]).toMatchObject({
      name: 'Schwarzwälder Kirschtorte (Stück)',
      quantity: 3,
      total: 1260,
      kind: 'piece',
    })
    expectRefused(() => basket.addPlu('999'), 'NOT_FOUND', 'basket.error.unknownPlu')
    expectRefused(() => basket.addPlu('101', 0), 'VALIDATION', 'basket.error.quantity')
    expectRefused(() => basket.addPlu('101', 2.5), 'VALIDATION', 'basket.error.quantity')
    expectRefused(() => basket.addPlu('307', 997), 'VALIDATION', 'basket.error.quantity')
  })

  it('adds by EAN scan, UPC-A or EAN-13 alike, and carries the EAN on the line', () => {
    const view = basket.addScan(scan({ kind: 'ean13', code: '4007123000517' }))
    expect(view.lines[0]).toMatchObject({ productId: 'wasser', ean: '4007123000517', total: 180 })
    expectRefused(
      () => basket.addScan(scan({ kind: 'ean13', code: '4000000000006' })),
      'NOT_FOUND',
      'basket.error.unknownEan',
    )
  })

  it('adds a price-labelled article with the label price', () => {
    const view = basket.addScan(
      scan({ kind: 'instore-price', code: '2100405014907', article: '00405', priceCents: 1490 }),
    )
    expect(view.lines[0]).toMatchObject({
      productId: 'christstollen',
      kind: 'price',
      quantity: 1,
      total: 1490,
      vatRate: 7,
    })
    expectRefused(
      () =>
        basket.addScan(
          scan({ kind: 'instore-price', code: '2199999000000', article: '99999', priceCents: 100 }),
        ),
      'NOT_FOUND',
      'basket.error.unknownArticle',
    )
    expectRefused(
      () =>
        basket.addScan(
          scan({ kind: 'instore-price', code: '2100405000000', article: '00405', priceCents: 0 }),
        ),
      'VALIDATION',
      'basket.error.invalidScan',
    )
  })

  it('adds a weight-labelled article at weight × price per kg, rounded half up to the cent', () => {
    // 250 g × 24,90 €/kg = 6,225 € → 6,23 €.
    const view = basket.addScan(
      scan({ kind: 'instore-weight', code: '2200404002505', article: '00404', weightGrams: 250 }),
    )
    expect(view.lines[0]).toMatchObject({
      productId: 'teegebaeck',
      kind: 'weight',
      weightGrams: 250,
      unitPrice: 2490,
      total: 623,
    })
    expect(weightPrice(125, 2490)).toBe(311) // 3,1125 €
    expect(weightPrice(1000, 2490)).toBe(2490)
    expectRefused(
      () =>
        basket.addScan(
          scan({ kind: 'instore-weight', code: '2200101002505', article: '101', weightGrams: 250 }),
        ),
      'VALIDATION',
      'basket.error.notSoldByWeight',
    )
    expectRefused(
      () =>
        basket.addScan(
          scan({ kind: 'instore-weight', code: '2200404000000', article: '00404', weightGrams: 0 }),
        ),
      'VALIDATION',
      'basket.error.invalidScan',
    )
    expectRefused(() => basket.addProduct('teegebaeck'), 'VALIDATION', 'basket.error.needsWeight')
  })

  it('refuses scans that are not articles with a message key', () => {
    expectRefused(
      () => basket.addScan(scan({ kind: 'card', code: '9276004429942845' })),
      'VALIDATION',
      'basket.error.notAProduct',
    )
    expectRefused(
      () => basket.addScan(scan({ kind: 'invalid', code: '4007123000518', reason: 'check digit' })),
      'VALIDATION',
      'basket.error.invalidScan',
    )
    expectRefused(() => basket.addProduct('nope'), 'NOT_FOUND', 'basket.error.unknownProduct')
    expectRefused(
      () => basket.addProduct('kaffee', { amount: 100 }),
      'VALIDATION',
      'basket.error.amountNotAllowed',
    )
  })
})

describe('card top-ups', () => {
  it('adds fixed top-ups at 0 % and a chosen amount as its own line', () => {
    basket.addProduct('topup-20')
    basket.addProduct('topup-20')
    const view = basket.addProduct('topup-free', { amount: 1500 })
    expect(view.lines.map((l) => [l.productId, l.kind, l.quantity, l.total, l.vatRate, l.ean])).toEqual([
      ['topup-20', 'topup', 1, 2000, 0, TOPUP_EAN],
      ['topup-20', 'topup', 1, 2000, 0, TOPUP_EAN],
      ['topup-free', 'topup', 1, 1500, 0, TOPUP_EAN],
    ])
    expect(view.vat).toEqual([{ rate: 0, gross: 5500, net: 5500, vat: 0 }])
  })

  it('asks for the amount when the top-up EAN is scanned or the free top-up is tapped, and bounds it', () => {
    expectRefused(
      () => basket.addScan(scan({ kind: 'ean13', code: TOPUP_EAN })),
      'VALIDATION',
      'basket.error.topupAmountRequired',
    )
    expectRefused(() => basket.addProduct('topup-free'), 'VALIDATION', 'basket.error.topupAmountRequired')
    // Inference [I]: 1 € to 500 € per load; secuconnect documents no limit.
    expectRefused(
      () => basket.addProduct('topup-free', { amount: 99 }),
      'VALIDATION',
      'basket.error.topupAmount',
    )
    expectRefused(
      () => basket.addProduct('topup-free', { amount: 50_001 }),
      'VALIDATION',
      'basket.error.topupAmount',
    )
    expectRefused(
      () => basket.addProduct('topup-10', { quantity: 2 }),
      'VALIDATION',
      'basket.error.topupQuantity',
    )
  })
})

describe('changing the basket', () => {
  it('sets a quantity, voids a line and clears', () => {
    const first = basket.addProduct('croissant').lines[0]
    basket.addProduct('kaffee')
    expect(basket.setQuantity(first.lineId, 4).lines[0]).toMatchObject({ quantity: 4, total: 640 })
    expectRefused(() => basket.setQuantity(first.lineId, 0), 'VALIDATION', 'basket.error.quantity')
    expectRefused(() => basket.setQuantity('L99', 2), 'NOT_FOUND', 'basket.error.unknownLine')
    const afterVoid = basket.voidLine(first.lineId)
    expect(afterVoid.lines.map((l) => l.productId)).toEqual(['kaffee'])
    expect(afterVoid.total).toBe(260)
    expectRefused(() => basket.voidLine(first.lineId), 'NOT_FOUND', 'basket.error.unknownLine')
    expect(basket.clear()).toEqual({
      sellerId: 'anna',
      lines: [],
      itemCount: 0,
      total: 0,
      vat: [],
      saleDiscount: null,
      discountTotal: 0,
      consumption: 'takeaway',
    })
    expect(basket.isEmpty()).toBe(true)
  })

  it('keeps the quantity of weight and price lines at 1', () => {
    const line = basket.addScan(
      scan({ kind: 'instore-weight', code: '2200404002505', article: '00404', weightGrams: 250 }),
    ).lines[0]
    expectRefused(() => basket.setQuantity(line.lineId, 2), 'VALIDATION', 'basket.error.quantityNotAllowed')
  })

  it('gives new lines new ids after a void, so the UI never addresses the wrong line', () => {
    const a = basket.addProduct('croissant').lines[0].lineId
    basket.voidLine(a)
    expect(basket.addProduct('croissant').lines[0].lineId).not.toBe(a)
  })
})

describe('totals and VAT', () => {
  it('extracts VAT per rate from the rate sum, not per line', () => {
    // 3 × 0,55 € at 7 %: per line 3 × 4 ct would be 12 ct; from the sum 1,65 € it is 11 ct.
    basket.addProduct('weizenbroetchen', { quantity: 3 })
    basket.addProduct('kaffee')
    const view = basket.addProduct('topup-10')
    expect(view.vat).toEqual([
      { rate: 19, gross: 260, net: 218, vat: 42 },
      { rate: 7, gross: 165, net: 154, vat: 11 },
      { rate: 0, gross: 1000, net: 1000, vat: 0 },
    ])
    expect(view.total).toBe(1425)
  })

  it('always adds up: total = lines = VAT rows, net + VAT = gross, VAT from the rate sum', () => {
    const products = index.catalogue.products.filter((p) => p.kind === undefined).map((p) => p.id)
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.constantFrom(...products), q: fc.integer({ min: 1, max: 20 }) }), {
          maxLength: 30,
        }),
        (adds) => {
          const b = createBasket('x', () => index)
          for (const a of adds) b.addProduct(a.id, { quantity: a.q })
          const view = b.view()
          expect(view.total).toBe(view.lines.reduce((s, l) => s + l.total, 0))
          expect(view.total).toBe(view.vat.reduce((s, r) => s + r.gross, 0))
          for (const row of view.vat) {
            expect(row.net + row.vat).toBe(row.gross)
            expect(row.vat).toBe(vatFromGross(row.gross, row.rate))
          }
          expect(view.itemCount).toBe(adds.reduce((s, a) => s + a.q, 0))
        },
      ),
      { numRuns: 200 },
    )
  })
})
