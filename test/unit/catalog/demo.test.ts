import { describe, expect, it } from 'vitest'
import {
  catalogue as catalogueSchema,
  hasValidCheckDigit,
  normalizeArticleCode,
  normalizeGtin,
} from '../../../common/catalog'
import { demoCatalogue, TOPUP_EAN } from '../../../main/catalog/demo'
import { indexCatalogue } from '../../../main/catalog/lookup'

const demo = demoCatalogue()
const byName = (name: string) => demo.products.find((p) => p.name.startsWith(name))

describe('the demo catalogue', () => {
  it('is a valid catalogue of about forty bakery articles in ordered, coloured categories', () => {
    expect(catalogueSchema.safeParse(demo).success).toBe(true)
    expect(demo.products.length).toBeGreaterThanOrEqual(38)
    expect(demo.products.length).toBeLessThanOrEqual(55)
    const orders = demo.categories.map((c) => c.order)
    expect(orders).toEqual([...orders].sort((a, b) => a - b))
    for (const c of demo.categories) {
      expect(c.color).toMatch(/^#[0-9A-F]{6}$/i)
      expect(
        demo.products.some((p) => p.category === c.id),
        `${c.name} has products`,
      ).toBe(true)
    }
    for (const name of [
      'Weizenbrötchen',
      'Mehrkornbrötchen',
      'Laugenbrezel',
      'Croissant',
      'Rosinenbrötchen',
      'Käsekuchen',
      'Bienenstich',
      'Schwarzwälder Kirschtorte',
      'Kaffee',
      'Cappuccino',
      'Latte Macchiato',
      'Mineralwasser',
      'Orangensaft',
    ])
      expect(byName(name), name).toBeDefined()
  })

  it('gives every article a unique PLU and every EAN a valid check digit', () => {
    const plus = demo.products.map((p) => p.plu)
    expect(plus.every((p) => p !== undefined)).toBe(true)
    expect(new Set(plus).size).toBe(plus.length)
    for (const p of demo.products.filter((p) => p.ean))
      expect(hasValidCheckDigit(p.ean ?? ''), p.name).toBe(true)
  })

  it('classes food as 7 % everywhere, drinks as 19 %, milk drinks as 7 % only to take away (2026 rules)', () => {
    // § 12 Abs. 2 Nr. 15 UStG from 1 Jan 2026: food 7 % also eaten in; drinks excluded (docs/vat-rates.md).
    const classes = (category: string) =>
      new Set(demo.products.filter((p) => p.category === category && !p.combo).map((p) => p.vatClass))
    for (const food of ['broetchen', 'brot', 'kuchen', 'suesses', 'snacks'])
      expect(classes(food), food).toEqual(new Set(['food']))
    expect(classes('heiss')).toEqual(new Set(['drink', 'milkDrink']))
    expect(demo.products.filter((p) => p.vatClass === 'milkDrink').map((p) => p.id)).toEqual([
      'cappuccino',
      'latte-macchiato',
      'milchkaffee',
      'kakao',
    ])
    expect(
      demo.products
        .filter((p) => p.category === 'kalt' && p.kind === undefined)
        .every((p) => p.vatClass === 'drink'),
    ).toBe(true)
    // The catalogue rate of a class is its take-away rate.
    for (const p of demo.products.filter((p) => p.vatClass))
      expect(p.vatRate, p.id).toBe(p.vatClass === 'drink' ? 19 : 7)
  })

  it('offers a Kaffeegedeck split by single prices and a breakfast with the flat 30 % drinks share', () => {
    expect(demo.products.find((p) => p.id === 'kaffeegedeck')?.combo).toEqual({
      components: [
        { productId: 'kaffee', quantity: 1 },
        { productId: 'apfelkuchen', quantity: 1 },
      ],
      split: 'prices',
    })
    expect(demo.products.find((p) => p.id === 'fruehstueck')?.combo?.components.map((c) => c.share)).toEqual([
      30, 70,
    ])
  })

  it('sells card top-ups of 10, 20 and 50 € and a chosen amount under the reserved EAN at 0 % VAT', () => {
    // Inference [I] from secuconnect docs,
    // Process_to_Load_a_Loyalty_Card_-_Integration_Guide_for_Loyalty_at_the_POS (tax 0 in the examples):
    // loading a balance is not a taxable supply, so 0 %.
    const topups = demo.products.filter((p) => p.kind === 'topup')
    expect(topups.map((p) => p.price)).toEqual([1000, 2000, 5000, 0])
    for (const p of topups) expect(p).toMatchObject({ ean: TOPUP_EAN, vatRate: 0 })
    expect(TOPUP_EAN).toBe('4260447149502')
  })

  it('prices a typical 2026 counter: Brötchen under 1 €, a slice of cake 2–5 €, coffee 2–4 €', () => {
    expect(byName('Weizenbrötchen')?.price).toBeLessThan(100)
    const prices = (category: string) =>
      demo.products.filter((p) => p.category === category).map((p) => p.price)
    expect(Math.min(...prices('kuchen'))).toBeGreaterThanOrEqual(200)
    expect(Math.max(...prices('kuchen'))).toBeLessThanOrEqual(500)
    expect(Math.min(...prices('heiss'))).toBeGreaterThanOrEqual(200)
    expect(Math.max(...prices('heiss'))).toBeLessThanOrEqual(400)
  })
})

describe('codes', () => {
  it('checks GS1 check digits of EAN-13, EAN-8 and UPC-A', () => {
    expect(hasValidCheckDigit('4006381333931')).toBe(true)
    expect(hasValidCheckDigit('4006381333932')).toBe(false)
    expect(hasValidCheckDigit('96385074')).toBe(true)
    expect(hasValidCheckDigit('036000291452')).toBe(true)
    expect(hasValidCheckDigit('40063813339')).toBe(false)
    expect(hasValidCheckDigit('400638133393a')).toBe(false)
  })

  it('matches UPC-A with its EAN-13 form and article codes with or without leading zeros', () => {
    expect(normalizeGtin('036000291452')).toBe(normalizeGtin('0036000291452'))
    expect(normalizeArticleCode('00404')).toBe('404')
    expect(normalizeArticleCode('0')).toBe('0')
    expect(normalizeArticleCode(' AB-12 ')).toBe('ab-12')
  })

  it('finds products by id, EAN, PLU and in-store article code', () => {
    const index = indexCatalogue(demo)
    expect(index.byId('croissant')?.name).toBe('Croissant')
    expect(index.byEan('4007123000517').map((p) => p.id)).toEqual(['wasser'])
    expect(index.byEan(TOPUP_EAN)).toHaveLength(4)
    expect(index.byEan('4000000000000')).toEqual([])
    expect(index.byPlu('0108')?.id).toBe('croissant')
    // Inference [I]: a scale label's article part is the shop's article number or PLU, zero-padded.
    expect(index.byArticle('00404')?.id).toBe('teegebaeck')
    expect(index.byArticle('101')?.id).toBe('weizenbroetchen')
    expect(index.byArticle('99999')).toBeUndefined()
  })
})
