// The counter's pure helpers: the quantity pad's entry, the favourites page and the sales-per-article
// report (hours in the shop's zone, CSV a German spreadsheet opens as it is).
import { describe, expect, it } from 'vitest'
import {
  EMPTY_ENTRY,
  entryText,
  pluRequest,
  pressTimes,
  quantityForProduct,
  typeDigit,
} from '../../../renderer/src/sale/quantity-entry'
import { computeFavourites, createFavourites } from '../../../main/counter/favourites'
import type { Journal } from '../../../main/journal'
import { articleSalesReport } from '../../../main/counter/article-report'
import { demoCatalogue } from '../../../main/catalog/demo'
import { changedLine } from '../../../renderer/src/sale/BasketPanel'

const type = (digits: string, entry = EMPTY_ENTRY) => [...digits].reduce(typeDigit, entry)

describe('quantity pad entry', () => {
  it('turns digits then a product into that many, "×" into a multiplier, and digits then PLU into a PLU', () => {
    expect(quantityForProduct(type('3'))).toBe(3)
    expect(quantityForProduct(EMPTY_ENTRY)).toBe(1)
    const times = pressTimes(type('3'))
    expect(entryText(times)).toBe('3 ×')
    expect(quantityForProduct(times)).toBe(3)
    expect(pluRequest(type('101', times))).toEqual({ plu: '101', quantity: 3 })
    expect(entryText(type('101', times))).toBe('3 × 101')
    expect(pluRequest(type('601'))).toEqual({ plu: '601', quantity: 1 })
    expect(pluRequest(times)).toBeNull()
    // 0 and more than 999 are no quantity.
    expect(quantityForProduct(type('0'))).toBeNull()
    expect(quantityForProduct(type('1000'))).toBeNull()
    expect(pressTimes(type('0'))).toEqual(type('0'))
    expect(type('1234567').digits).toBe('123456')
  })

  it('finds the line a tap changed: a new one, or the one whose quantity rose', () => {
    const line = (lineId: string, quantity: number) => ({
      lineId,
      productId: lineId,
      name: lineId,
      kind: 'piece' as const,
      quantity,
      unitPrice: 100,
      total: quantity * 100,
      vatRate: 7 as const,
    })
    expect(changedLine([line('L1', 1)], [line('L1', 1), line('L2', 1)])).toBe('L2')
    expect(changedLine([line('L1', 1), line('L2', 1)], [line('L1', 2), line('L2', 1)])).toBe('L1')
    expect(changedLine([line('L1', 1)], [line('L1', 1)])).toBeNull()
  })
})

describe('favourites page', () => {
  const catalogue = demoCatalogue()

  it('takes the 20 most sold tappable articles, stornos subtracted, ties in catalogue order', () => {
    const sold = [
      ...catalogue.products
        .filter((p) => p.kind === undefined)
        .slice(0, 25)
        .map((p, i) => ({ productId: p.id, quantity: 100 - i })),
      { productId: 'kaffee', quantity: 500 },
      { productId: 'kaffee', quantity: -450 },
      { productId: 'topup-10', quantity: 1000 },
    ]
    const view = computeFavourites(catalogue, sold)
    expect(view.source).toBe('sales')
    expect(view.productIds).toHaveLength(20)
    expect(view.productIds[0]).toBe('weizenbroetchen')
    expect(view.productIds).not.toContain('topup-10')
  })

  it('fills a new shop page from every category in turn, and follows the catalogue when it marks favourites', () => {
    const fresh = computeFavourites(catalogue, [])
    expect(fresh.source).toBe('fallback')
    expect(fresh.productIds.slice(0, 7)).toEqual([
      'weizenbroetchen',
      'bauernbrot',
      'kaesekuchen',
      'berliner',
      'belegt-kaese',
      'kaffee',
      'wasser',
    ])
    const marked = {
      ...catalogue,
      products: catalogue.products.map((p) =>
        p.id === 'kaffee' ? { ...p, favourite: 2 } : p.id === 'croissant' ? { ...p, favourite: 1 } : p,
      ),
    }
    expect(computeFavourites(marked, [])).toEqual({
      productIds: ['croissant', 'kaffee'],
      source: 'catalogue',
    })
  })
})

describe('favourites precedence', () => {
  it("puts the head office's list before the till's own, drops ids not in the catalogue, and falls back when none is left", () => {
    const catalogue = demoCatalogue()
    let headOffice: string[] | null = ['gibtsnicht', 'laugenbrezel', 'croissant']
    const favourites = createFavourites({
      catalogue: () => catalogue,
      journal: { articleSales: () => [] } as unknown as Journal,
      clock: { now: () => Date.UTC(2026, 11, 6, 8) },
      localDate: () => '2026-12-06',
      stored: () => ['kaffee'],
      headOffice: () => headOffice,
    })
    expect(favourites.view()).toEqual({ productIds: ['laugenbrezel', 'croissant'], source: 'headoffice' })
    headOffice = ['gibtsnicht']
    expect(favourites.view()).toEqual({ productIds: ['kaffee'], source: 'backoffice' })
    headOffice = null
    expect(favourites.view()).toEqual({ productIds: ['kaffee'], source: 'backoffice' })
  })
})

describe('sales per article', () => {
  it('sums quantity and turnover per article and local hour, and writes a German CSV', () => {
    const report = articleSalesReport(
      '2026-12-05',
      [
        {
          productId: 'weizenbroetchen',
          name: 'Weizenbrötchen',
          quantity: 6,
          total: 330,
          at: '2026-12-05T06:15:00.000Z',
        },
        {
          productId: 'weizenbroetchen',
          name: 'Weizenbrötchen',
          quantity: 2,
          total: 110,
          at: '2026-12-05T16:59:00.000Z',
        },
        {
          productId: 'kaffee',
          name: 'Kaffee; groß',
          quantity: 1,
          total: 260,
          at: '2026-12-05T07:00:00.000Z',
        },
        {
          productId: 'kaffee',
          name: 'Kaffee; groß',
          quantity: -1,
          total: -260,
          at: '2026-12-05T07:30:00.000Z',
        },
      ],
      'Europe/Berlin',
    )
    expect(report.rows.map((r) => [r.productId, r.quantity, r.total])).toEqual([
      ['weizenbroetchen', 8, 440],
      ['kaffee', 0, 0],
    ])
    // 06:15 UTC is 07:15 in Berlin in December, 16:59 UTC is 17:59.
    expect(report.rows[0].byHour[7]).toBe(6)
    expect(report.rows[0].byHour[17]).toBe(2)
    const lines = report.csv.split('\r\n')
    expect(lines[0].split(';').slice(0, 6)).toEqual([
      'Datum',
      'Artikel-ID',
      'Artikel',
      'Menge',
      'Umsatz EUR',
      '00 Uhr',
    ])
    expect(lines[1].split(';').slice(0, 5)).toEqual([
      '2026-12-05',
      'weizenbroetchen',
      'Weizenbrötchen',
      '8',
      '4,40',
    ])
    expect(lines[2]).toContain('"Kaffee; groß"')
  })
})
