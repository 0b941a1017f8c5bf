// Adding to a basket: by tap, PLU, EAN scan or scale/price label, top-ups, and the deposit that follows
// its article. Each function changes the basket state it is given; main/register/basket.ts runs it in
// one transaction (all or nothing, within the caps).
import type { BasketLine } from '../../common/basket'
import type { Product } from '../../common/catalog'
import type { Consumption } from '../../common/consumption'
import type { Scan } from '../../common/devices'
import { multiplyCents } from '../../common/money'
import type { CatalogueIndex } from '../catalog/lookup'
import {
  checkQuantity,
  depositsFollow,
  invalid,
  lineOf,
  MAX_WEIGHT_GRAMS,
  notFound,
  TOPUP_MAX_CENTS,
  TOPUP_MIN_CENTS,
  weightPrice,
  withQuantity,
  type LineFields,
} from './basket-lines'
import { discountable, type DiscountRule, type ScopedRule } from './basket-pricing'

export interface AddOptions {
  quantity?: number
  /** Top-up articles: the chosen amount in cents (defaults to the product's price if it has one). */
  amount?: number
}

export interface BasketPricing {
  /** The time rule (Abendverkauf): the discount a product gets by itself when added now, or null. */
  automatic?: (product: Product) => DiscountRule | null
  /** Im Haus / Außer Haus a new sale starts with (config `defaultConsumption`); take-away if absent. */
  defaultConsumption?: () => Consumption
}

/** Everything one basket holds; replaced field by field, so a failed change can put it back. */
export interface BasketState {
  /** Lines with their undiscounted total; the view applies the discounts. */
  lines: BasketLine[]
  lineRules: Map<string, ScopedRule>
  saleRule: DiscountRule | null
  nextLine: number
  consumption: Consumption
}

export interface BasketContext {
  state: BasketState
  catalogue: () => CatalogueIndex
  pricing: BasketPricing
}

/** A new line of `p` with the next line id, priced for the sale's consumption. */
export function newLine(ctx: BasketContext, p: Product, fields: LineFields): BasketLine {
  return lineOf(`L${ctx.state.nextLine++}`, p, fields, ctx.state.consumption, ctx.catalogue())
}

/** A new line; the time rule (Abendverkauf) gives it its discount at once. */
export function append(ctx: BasketContext, p: Product, line: BasketLine): void {
  const s = ctx.state
  s.lines = [...s.lines, line]
  const rule = ctx.pricing.automatic?.(p)
  if (rule && discountable(line)) s.lineRules.set(line.lineId, { ...rule, scope: 'evening' })
}

export function productOf(ctx: BasketContext, productId: string): Product {
  const p = ctx.catalogue().byId(productId)
  if (!p) throw notFound('unknownProduct', `No product with id "${productId}"`, { productId })
  return p
}

function addTopup(ctx: BasketContext, p: Product, options: AddOptions): void {
  if ((options.quantity ?? 1) !== 1)
    throw invalid('topupQuantity', 'A card top-up is always one line of quantity 1', { productId: p.id })
  const amount = options.amount ?? (p.price > 0 ? p.price : undefined)
  if (amount === undefined)
    throw invalid('topupAmountRequired', `Choose the amount for "${p.name}"`, { productId: p.id })
  if (!Number.isInteger(amount) || amount < TOPUP_MIN_CENTS || amount > TOPUP_MAX_CENTS)
    throw invalid(
      'topupAmount',
      `A top-up must be between ${TOPUP_MIN_CENTS} and ${TOPUP_MAX_CENTS} cents, got ${amount}`,
      { amount: String(amount), min: TOPUP_MIN_CENTS, max: TOPUP_MAX_CENTS },
    )
  append(ctx, p, newLine(ctx, p, { kind: 'topup', quantity: 1, unitPrice: amount, total: amount }))
}

/**
 * The deposit line of an article line follows it: inserted right after it on the first add, its
 * quantity always the article's (Pfand is charged per container).
 */
export function syncDeposit(ctx: BasketContext, articleLineId: string): void {
  const s = ctx.state
  const article = s.lines.find((l) => l.lineId === articleLineId)
  const depositId = article ? ctx.catalogue().byId(article.productId)?.deposit : undefined
  if (!article || !depositId) return
  const existing = s.lines.findIndex((l) => l.depositFor === articleLineId)
  if (existing >= 0) {
    s.lines = s.lines.map((l, i) => (i === existing ? withQuantity(l, article.quantity) : l))
    return
  }
  const d = ctx.catalogue().byId(depositId)
  if (!d) return
  const line: BasketLine = {
    ...newLine(ctx, d, {
      kind: 'piece',
      quantity: article.quantity,
      unitPrice: d.price,
      total: multiplyCents(d.price, article.quantity),
    }),
    deposit: true,
    depositFor: articleLineId,
  }
  const at = s.lines.findIndex((l) => l.lineId === articleLineId)
  // Part of the bottle's price: the bottle's rate.
  s.lines = depositsFollow([...s.lines.slice(0, at + 1), line, ...s.lines.slice(at + 1)])
}

/** A piece article (or a top-up) by tap, PLU or EAN. */
export function addPiece(ctx: BasketContext, p: Product, options: AddOptions): void {
  const s = ctx.state
  const quantity = checkQuantity(options.quantity ?? 1)
  if (p.kind === 'topup') return addTopup(ctx, p, options)
  if (p.kind === 'deposit')
    throw invalid('depositByKey', `"${p.name}" comes with its article or through the deposit return key`, {
      productId: p.id,
    })
  if (options.amount !== undefined)
    throw invalid('amountNotAllowed', `"${p.name}" has a fixed price`, { productId: p.id })
  if (p.kind === 'weighed')
    throw invalid('needsWeight', `"${p.name}" is sold by weight: scan the scale label`, { productId: p.id })
  // Repeated taps on the same article raise one line's quantity: the bakery way of entering "6 Brötchen".
  const existing = s.lines.findIndex((l) => l.kind === 'piece' && l.productId === p.id)
  if (existing >= 0) {
    const merged = checkQuantity(s.lines[existing].quantity + quantity)
    s.lines = s.lines.map((l, i) => (i === existing ? withQuantity(l, merged) : l))
    syncDeposit(ctx, s.lines[existing].lineId)
    return
  }
  const line = newLine(ctx, p, {
    kind: 'piece',
    quantity,
    unitPrice: p.price,
    total: multiplyCents(p.price, quantity),
  })
  append(ctx, p, line)
  syncDeposit(ctx, line.lineId)
}

/** A weighed article at a weight (scale label, stable reading or typed). */
export function addWeight(ctx: BasketContext, p: Product, grams: number): void {
  append(
    ctx,
    p,
    newLine(ctx, p, {
      kind: 'weight',
      quantity: 1,
      unitPrice: p.price,
      total: weightPrice(grams, p.price),
      weightGrams: grams,
    }),
  )
}

/** An in-store label (prefix 2x): a price label or a weight label of a weighed article. */
function addInStore(ctx: BasketContext, scan: Scan): void {
  const article = scan.article ?? ''
  const p = ctx.catalogue().byArticle(article)
  if (!p)
    throw notFound('unknownArticle', `No product with article number "${article}" (scanned ${scan.code})`, {
      article,
      code: scan.code,
    })
  if (p.kind === 'topup')
    throw invalid('notAProduct', `"${p.name}" cannot be sold from a scale label`, { code: scan.code })
  if (scan.kind === 'instore-price') {
    const price = scan.priceCents
    if (price === undefined || !Number.isInteger(price) || price <= 0)
      throw invalid('invalidScan', `The price label ${scan.code} carries no price`, { code: scan.code })
    append(ctx, p, newLine(ctx, p, { kind: 'price', quantity: 1, unitPrice: price, total: price }))
    return
  }
  const grams = scan.weightGrams
  if (grams === undefined || !Number.isInteger(grams) || grams <= 0 || grams > MAX_WEIGHT_GRAMS)
    throw invalid('invalidScan', `The weight label ${scan.code} carries no weight`, { code: scan.code })
  // A per-piece price times a weight would be nonsense (250 g × 1,10 € per Brezel), so only weighed articles.
  if (p.kind !== 'weighed')
    throw invalid('notSoldByWeight', `"${p.name}" is not sold by weight`, {
      productId: p.id,
      code: scan.code,
    })
  addWeight(ctx, p, grams)
}

/** One scan: an EAN of the catalogue or an in-store label; anything else is refused with its reason. */
export function addScan(ctx: BasketContext, scan: Scan): void {
  switch (scan.kind) {
    case 'ean13':
    case 'ean8':
    case 'upca': {
      const found = ctx.catalogue().byEan(scan.code)
      if (found.length === 0)
        throw notFound('unknownEan', `No product with EAN ${scan.code}`, { code: scan.code })
      if (found.length > 1)
        throw invalid('topupAmountRequired', `Choose the top-up amount for EAN ${scan.code}`, {
          code: scan.code,
        })
      return addPiece(ctx, found[0], {})
    }
    case 'instore-price':
    case 'instore-weight':
      return addInStore(ctx, scan)
    case 'invalid':
      throw invalid('invalidScan', `Unreadable code ${scan.code}: ${scan.reason ?? 'invalid'}`, {
        code: scan.code,
        reason: scan.reason ?? '',
      })
    default:
      throw invalid('notAProduct', `A ${scan.kind} code is not an article`, {
        code: scan.code,
        kind: scan.kind,
      })
  }
}
