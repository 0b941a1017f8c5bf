// The Smart Transaction basket of a sale with a combo: the combo goes as its VAT parts, so the API's
// basket sums to the sale and its bonus per rate can follow the till's split (docs/vat-rates.md).
import { describe, expect, it } from 'vitest'
import { basketProducts } from '../../../main/checkout/smart-basket'
import type { SaleLine } from '../../../main/journal/types'

const lines: SaleLine[] = [
  {
    lineNo: 1,
    productId: 'kaffee',
    name: 'Kaffee',
    kind: 'piece',
    quantity: 2,
    unitPrice: 260,
    total: 520,
    vatRate: 19,
  },
  {
    lineNo: 2,
    productId: 'kaffeegedeck',
    name: 'Kaffeegedeck',
    kind: 'piece',
    quantity: 1,
    unitPrice: 490,
    total: 490,
    vatRate: 7,
    components: [
      { productId: 'kaffee', name: 'Kaffee', quantity: 1, vatRate: 19, weight: 260, amount: 232 },
      { productId: 'apfelkuchen', name: 'Apfelkuchen', quantity: 1, vatRate: 7, weight: 290, amount: 258 },
    ],
  },
]

describe('the API basket of a combo', () => {
  it('sends a plain line as it is and a combo as one product per part at its rate, summing to the sale', () => {
    const products = basketProducts({ lines })
    expect(products.map((p) => [p.id, p.desc, p.quantity, p.priceOne, p.tax])).toEqual([
      [1, 'Kaffee', 2, 260, 19],
      [2001, 'Kaffeegedeck: Kaffee', 1, 232, 19],
      [2002, 'Kaffeegedeck: Apfelkuchen', 1, 258, 7],
    ])
    expect(products.reduce((s, p) => s + p.priceOne * p.quantity, 0)).toBe(1010)
  })
})
