// The catalogue: what the till sells. Prices are gross integer cents (German tills show and sum gross
// prices); VAT is extracted per rate at the basket (see common/basket.ts).
import { z } from 'zod'

import { vatRate } from './vat-rate'
import { catalogueRateOf, vatClass } from './consumption'
import { comboDefinition } from './combo'

/** The VAT rates (common/vat-rate.ts); how a rate depends on consumption: common/consumption.ts. */
export { vatRate, VAT_RATES, type VatRate } from './vat-rate'

/**
 * `topup`: a secucard balance top-up; the amount is chosen at the till (price 0 = "ask for the amount",
 * otherwise the price is the default amount). `weighed`: sold by weight, `price` is per kilogram and
 * the weight comes from a scale label (in-store weight EAN).
 */
export const productKind = z.enum(['topup', 'weighed', 'deposit'])
export type ProductKind = z.infer<typeof productKind>

/** Largest gross price per product: 1 000 € catches a price typed in cents where euros were meant. */
export const MAX_PRICE_CENTS = 100_000

/**
 * GS1 check digit (EAN-8, UPC-A, EAN-13, GTIN-14): weights 3,1,3,… from the digit left of the check
 * digit, check = (10 − sum mod 10) mod 10.
 */
export function hasValidCheckDigit(code: string): boolean {
  if (!/^\d{8}$|^\d{12,14}$/.test(code)) return false
  let sum = 0
  for (let i = code.length - 2, w = 3; i >= 0; i--, w = 4 - w) sum += Number(code[i]) * w
  return (10 - (sum % 10)) % 10 === Number(code[code.length - 1])
}

/** UPC-A "012345678905" and EAN-13 "0012345678905" are the same article: compare as GTIN-14. */
export function normalizeGtin(code: string): string {
  return code.padStart(14, '0')
}

/** Scale labels and PLU pads may send "00310" for article "310": compare digit codes without leading zeros. */
export function normalizeArticleCode(code: string): string {
  const trimmed = code.trim()
  return /^\d+$/.test(trimmed) ? trimmed.replace(/^0+(?=\d)/, '') : trimmed.toLowerCase()
}

const id = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash, underscore (1–64)')
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #A0522D')

export const product = z
  .object({
    id,
    name: z.string().trim().min(1, 'name must not be empty').max(64, 'name must be at most 64 characters'),
    /** Gross cents; per kg for `weighed`; 0 only for a top-up whose amount is chosen at the till. */
    price: z
      .number({ error: 'price must be a number of cents' })
      .int('price must be whole cents')
      .min(0, 'price must not be negative')
      .max(MAX_PRICE_CENTS, `price must be at most ${MAX_PRICE_CENTS} cents`),
    vatRate,
    ean: z
      .string()
      .refine(hasValidCheckDigit, 'an EAN-8, UPC-A or EAN-13 with a valid check digit')
      .optional(),
    plu: z
      .string()
      .regex(/^\d{1,6}$/, 'PLU must be 1–6 digits')
      .optional(),
    articleNumber: z.string().trim().min(1).max(32).optional(),
    category: id,
    color: color.optional(),
    kind: productKind.optional(),
    /** Position on the sale screen's favourites page (1 = first); unmarked catalogues use the best sellers. */
    favourite: z.number().int().min(1).max(999).optional(),
    /** Gets the Abendverkauf discount by itself after the configured hour (config `discounts.evening`). */
    evening: z.boolean().optional(),
    /** The deposit article (kind `deposit`, e.g. "Pfand Einweg 0,25 €") that follows this one into the basket. */
    deposit: id.optional(),
    /**
     * How the VAT rate depends on in-house / take-away (common/consumption.ts). Absent = `fixed`: the
     * product's own `vatRate` wherever consumed (what catalogues without the field always did). With a
     * class, `vatRate` must be the class's take-away rate (food 7, drink 19, milkDrink 7).
     */
    vatClass: vatClass.optional(),
    /** A combo offer (e.g. Kaffeegedeck): its price is split into its components' VAT shares. */
    combo: comboDefinition.optional(),
  })
  .strict()
  .refine(
    (p) =>
      p.vatClass === undefined ||
      catalogueRateOf(p.vatClass) === undefined ||
      catalogueRateOf(p.vatClass) === p.vatRate,
    {
      message: 'vatRate must be the take-away rate of the vatClass (food 7, drink 19, milkDrink 7)',
      path: ['vatRate'],
    },
  )
  .refine(
    (p) =>
      p.combo === undefined || (p.kind === undefined && p.vatClass === undefined && p.deposit === undefined),
    {
      message: 'a combo is a piece article without vatClass or deposit (its components carry those)',
      path: ['combo'],
    },
  )
  .refine((p) => p.price > 0 || p.kind === 'topup', { message: 'price must be above 0', path: ['price'] })
export type Product = z.infer<typeof product>

export const category = z
  .object({
    id,
    name: z.string().trim().min(1).max(40),
    /** Tab order on the sale screen, ascending. */
    order: z.number().int(),
    color: color.optional(),
  })
  .strict()
export type Category = z.infer<typeof category>

/** Why two products may not share a code: a scan or PLU entry must name exactly one article. */
export function catalogueConflicts(products: readonly Product[], categories: readonly Category[]) {
  const problems: { index: number; field: keyof Product; message: string }[] = []
  const categoryIds = new Set(categories.map((c) => c.id))
  const seen = {
    id: new Map<string, Product>(),
    ean: new Map<string, Product>(),
    plu: new Map<string, Product>(),
    articleNumber: new Map<string, Product>(),
  }
  products.forEach((p, index) => {
    if (!categoryIds.has(p.category))
      problems.push({ index, field: 'category', message: `unknown category "${p.category}"` })
    if (p.deposit !== undefined && products.find((d) => d.id === p.deposit)?.kind !== 'deposit')
      problems.push({ index, field: 'deposit', message: `"${p.deposit}" is no deposit article` })
    for (const c of p.combo?.components ?? []) {
      const part = products.find((x) => x.id === c.productId)
      if (!part) problems.push({ index, field: 'combo', message: `unknown combo component "${c.productId}"` })
      else if (part.combo !== undefined || part.kind !== undefined)
        problems.push({ index, field: 'combo', message: `"${c.productId}" cannot be a combo component` })
    }
    const keys: [keyof typeof seen, string | undefined][] = [
      ['id', p.id],
      ['ean', p.ean && normalizeGtin(p.ean)],
      ['plu', p.plu && normalizeArticleCode(p.plu)],
      ['articleNumber', p.articleNumber && normalizeArticleCode(p.articleNumber)],
    ]
    for (const [field, key] of keys) {
      if (key === undefined) continue
      const other = seen[field].get(key)
      // The secucard top-up EAN is one reserved code for every top-up amount (docs/secuconnect.md).
      const sharedTopupEan = field === 'ean' && other?.kind === 'topup' && p.kind === 'topup'
      if (other && !sharedTopupEan)
        problems.push({ index, field, message: `${field} already used by product "${other.id}"` })
      else if (!other) seen[field].set(key, p)
    }
  })
  return problems
}

export const catalogue = z
  .object({ categories: z.array(category), products: z.array(product) })
  .strict()
  .superRefine((c, ctx) => {
    for (const p of catalogueConflicts(c.products, c.categories)) {
      ctx.addIssue({ code: 'custom', path: ['products', p.index, p.field], message: p.message })
    }
  })
export type Catalogue = z.infer<typeof catalogue>

/** One rejected row of a catalogue import; the row is left out, every other row is kept. */
export const importProblem = z.object({
  /** CSV: the line number in the file (header = 1). JSON: the 1-based position in its array. */
  row: z.number().int(),
  section: z.enum(['file', 'categories', 'products']),
  field: z.string(),
  /** English, for logs and the import screen's fallback. */
  problem: z.string(),
  /** i18n key; params are row, field and value. */
  messageKey: z.string(),
  value: z.string().optional(),
})
export type ImportProblem = z.infer<typeof importProblem>

export const importReport = z.object({
  source: z.string(),
  format: z.enum(['json', 'csv', 'builtin']),
  rowsRead: z.number().int(),
  productsImported: z.number().int(),
  categoriesImported: z.number().int(),
  problems: z.array(importProblem),
})
export type ImportReport = z.infer<typeof importReport>
