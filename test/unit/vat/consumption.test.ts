// The rate of every VAT class per consumption (§ 12 Abs. 2 Nr. 1 and Nr. 15 UStG from 2026), and the
// catalogue rules for classes and combos (docs/vat-rates.md).
import { describe, expect, it } from 'vitest'
import { catalogue, type Product } from '../../../common/catalog'
import { catalogueRateOf, rateOf, type Consumption, type VatClass } from '../../../common/consumption'

const where: Consumption[] = ['takeaway', 'inhouse']

describe('the VAT rate of a class per consumption', () => {
  it.each<[VatClass, number, [number, number]]>([
    ['food', 7, [7, 7]],
    ['drink', 19, [19, 19]],
    ['milkDrink', 7, [7, 19]],
    ['fixed', 19, [19, 19]],
    ['fixed', 7, [7, 7]],
    ['fixed', 0, [0, 0]],
  ])('%s (catalogue rate %i): take-away %j', (cls, fixed, expected) => {
    expect(where.map((w) => rateOf(cls, w, fixed as 0 | 7 | 19))).toEqual(expected)
  })

  it('keeps the fixed rate of a product without a class, wherever consumed (catalogues before the field)', () => {
    expect(where.map((w) => rateOf(undefined, w, 19))).toEqual([19, 19])
    expect(where.map((w) => rateOf(undefined, w, 7))).toEqual([7, 7])
  })

  it('names the take-away rate as the catalogue rate of a class', () => {
    expect([catalogueRateOf('food'), catalogueRateOf('drink'), catalogueRateOf('milkDrink')]).toEqual([
      7, 19, 7,
    ])
    expect(catalogueRateOf('fixed')).toBeUndefined()
  })
})

const base = (extra: Partial<Product> & Pick<Product, 'id'>): Record<string, unknown> => ({
  name: extra.id,
  price: 100,
  vatRate: 7,
  category: 'c',
  ...extra,
})
const parse = (products: Record<string, unknown>[]) =>
  catalogue.safeParse({ categories: [{ id: 'c', name: 'C', order: 1 }], products })
const messages = (products: Record<string, unknown>[]) =>
  parse(products).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []

describe('catalogue rules for classes and combos', () => {
  it('refuses a class whose take-away rate is not the product rate (a milk drink at 19 %)', () => {
    expect(messages([base({ id: 'latte', vatClass: 'milkDrink', vatRate: 19 })])).toEqual([
      'products.0.vatRate: vatRate must be the take-away rate of the vatClass (food 7, drink 19, milkDrink 7)',
    ])
    expect(parse([base({ id: 'latte', vatClass: 'milkDrink', vatRate: 7 })]).success).toBe(true)
  })

  it('refuses shares that do not add up to 100 and shares with the price split', () => {
    const parts = [base({ id: 'a', vatClass: 'drink', vatRate: 19 }), base({ id: 'b', vatClass: 'food' })]
    expect(
      messages([
        ...parts,
        base({
          id: 'x',
          combo: {
            components: [
              { productId: 'a', quantity: 1, share: 30 },
              { productId: 'b', quantity: 1, share: 60 },
            ],
            split: 'shares',
          },
        }),
      ]),
    ).toEqual(['products.2.combo.components: the shares must add up to 100'])
    expect(
      messages([
        ...parts,
        base({
          id: 'x',
          combo: {
            components: [
              { productId: 'a', quantity: 1, share: 30 },
              { productId: 'b', quantity: 1 },
            ],
            split: 'prices',
          },
        }),
      ]),
    ).toEqual(['products.2.combo.split: shares are only used with split "shares"'])
  })

  it('refuses unknown components, a combo inside a combo and a combo with a class', () => {
    const a = base({ id: 'a', vatClass: 'drink', vatRate: 19 })
    const inner = base({
      id: 'inner',
      combo: {
        components: [
          { productId: 'a', quantity: 1 },
          { productId: 'a', quantity: 2 },
        ],
        split: 'prices',
      },
    })
    expect(
      messages([
        a,
        inner,
        base({
          id: 'x',
          combo: {
            components: [
              { productId: 'inner', quantity: 1 },
              { productId: 'nope', quantity: 1 },
            ],
            split: 'prices',
          },
        }),
      ]),
    ).toEqual([
      'products.2.combo: "inner" cannot be a combo component',
      'products.2.combo: unknown combo component "nope"',
    ])
    expect(
      messages([
        a,
        base({
          id: 'y',
          vatClass: 'food',
          combo: {
            components: [
              { productId: 'a', quantity: 1 },
              { productId: 'a', quantity: 1 },
            ],
            split: 'prices',
          },
        }),
      ]),
    ).toEqual([
      'products.1.combo: a combo is a piece article without vatClass or deposit (its components carry those)',
    ])
  })
})
