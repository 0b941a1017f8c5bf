// One seller's basket: add by tap, scan or PLU, change a quantity, void a line, clear. Every operation
// either applies completely or throws an AppFailure with a message key and leaves the basket as it was.
import { computeTotals, MAX_QUANTITY, type BasketLine, type BasketView } from '../../common/basket'
import type { Product, VatRate } from '../../common/catalog'
import { discountOf, spread, type DiscountKind, type LineDiscount } from '../../common/discount'
import type { LimitsConfig } from '../../common/config'
import { MoneyOverflowError, multiplyCents } from '../../common/money'
import type { Scan } from '../../common/devices'
import { AppFailure } from '../../common/result'
import type { CatalogueIndex } from '../catalog/lookup'
import { scaleWeightPrice } from '../../hardware/scale/price'

/**
 * Top-up bounds. Inference [I]: secuconnect documents no limit for a card load (docs/secuconnect.md);
 * 1 € to 500 € keeps a slip of the finger (50000 typed for 50,00) from loading a fortune.
 */
export const TOPUP_MIN_CENTS = 100
export const TOPUP_MAX_CENTS = 50_000
/** A scale label carries five digits of grams. */
export const MAX_WEIGHT_GRAMS = 99_999

export interface AddOptions {
  quantity?: number
  /** Top-up articles: the chosen amount in cents (defaults to the product's price if it has one). */
  amount?: number
}

/** A discount as chosen (main works out the cents on every change of the basket). */
export interface DiscountRule {
  kind: DiscountKind
  value: number
  reasonId: string
  reason: string
  managerId: string | null
}

export interface BasketPricing {
  /** The time rule (Abendverkauf): the discount a product gets by itself when added now, or null. */
  automatic?: (product: Product) => DiscountRule | null
}

/** Lines that never get a discount: top-ups (multi-purpose vouchers) and deposits. */
export const discountable = (line: Pick<BasketLine, 'kind' | 'deposit'>) =>
  line.kind !== 'topup' && line.deposit !== true

export interface Basket {
  readonly sellerId: string
  view(): BasketView
  isEmpty(): boolean
  addProduct(productId: string, options?: AddOptions): BasketView
  addScan(scan: Scan): BasketView
  addPlu(plu: string, quantity?: number): BasketView
  setQuantity(lineId: string, quantity: number): BasketView
  voidLine(lineId: string): BasketView
  clear(): BasketView
  /** A discount on one line (replaces the line's own); null removes it. */
  setLineDiscount(lineId: string, rule: DiscountRule | null): BasketView
  /** A discount on the whole sale (lines with their own discount keep theirs); null removes it. */
  setSaleDiscount(rule: DiscountRule | null): BasketView
  /** Pfandrücknahme: returned containers as a negative deposit line (one line per deposit article). */
  returnDeposit(productId: string, quantity: number): BasketView
  /** What the view would be with this discount, without applying it (for the manager limit). */
  previewDiscount(lineId: string | undefined, rule: DiscountRule): BasketView
  /**
   * Takes over the lines of a basket parked at another till: same articles, same prices the customer
   * was told there; the line ids are this basket's own.
   */
  restore(lines: readonly BasketLine[]): BasketView
  /** A weighed article at a weight from the scale (its stable reading) or typed where there is no scale. */
  addWeighed(productId: string, grams: number): BasketView
  /** A free-price line ("Diverses 7 %"): an amount the cashier typed, at one VAT rate. */
  addFreePrice(line: { id: string; name: string; vatRate: VatRate; amount: number }): BasketView
}

const invalid = (key: string, message: string, params?: Record<string, string | number>) =>
  AppFailure.of('VALIDATION', `basket.error.${key}`, message, params)
const notFound = (key: string, message: string, params?: Record<string, string | number>) =>
  AppFailure.of('NOT_FOUND', `basket.error.${key}`, message, params)

function checkQuantity(quantity: number): number {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY)
    throw invalid('quantity', `Quantity must be a whole number from 1 to ${MAX_QUANTITY}, got ${quantity}`, {
      quantity: String(quantity),
      max: MAX_QUANTITY,
    })
  return quantity
}

/**
 * Weight × price per kg, rounded half up to the cent (kaufmännisches Runden), as scales do: the one rule
 * in hardware/scale/price.ts (integer arithmetic), shared with the scale check (docs/hardware-scale.md).
 */
export function weightPrice(weightGrams: number, pricePerKg: number): number {
  return scaleWeightPrice(weightGrams, pricePerKg)
}

export const DEFAULT_LIMITS: LimitsConfig = { saleMaxCents: 1_000_000, lineMaxCents: 1_000_000 }

export function createBasket(
  sellerId: string,
  catalogue: () => CatalogueIndex,
  limits: () => LimitsConfig = () => DEFAULT_LIMITS,
  pricing: BasketPricing = {},
): Basket {
  // Lines hold the undiscounted total; the view applies the discounts (every change re-prices them).
  let lines: BasketLine[] = []

  /** The line and sale caps (and every sum for safe integers), checked after every change. */
  const checkLimits = (next: readonly BasketLine[]): void => {
    const { saleMaxCents, lineMaxCents } = limits()
    for (const line of next)
      if (!Number.isSafeInteger(line.total) || line.total > lineMaxCents)
        throw invalid('lineTooLarge', `One line may cost at most ${lineMaxCents} cents`, {
          max: lineMaxCents,
          total: String(line.total),
        })
    let total: number
    try {
      total = computeTotals(next).total
    } catch (error) {
      if (!(error instanceof MoneyOverflowError)) throw error
      total = Number.POSITIVE_INFINITY
    }
    if (total > saleMaxCents)
      throw invalid('saleTooLarge', `One sale may come to at most ${saleMaxCents} cents`, {
        max: saleMaxCents,
      })
  }

  /**
   * Every change runs through here: it applies completely and within the caps, or the basket (lines,
   * discounts, line numbers) is exactly as before.
   */
  const transact = (change: () => void): BasketView => {
    const saved = { lines, lineRules, saleRule, nextLine }
    lineRules = new Map(lineRules)
    try {
      change()
      checkLimits(lines)
      return view()
    } catch (error) {
      lines = saved.lines
      lineRules = saved.lineRules
      saleRule = saved.saleRule
      nextLine = saved.nextLine
      throw error
    }
  }
  let nextLine = 1
  let lineRules = new Map<string, DiscountRule & { scope: 'line' | 'evening' }>()
  let saleRule: DiscountRule | null = null

  function priced(
    rules: ReadonlyMap<string, DiscountRule & { scope: 'line' | 'evening' }>,
    sale: DiscountRule | null,
  ): BasketView {
    const amounts = new Map<string, LineDiscount>()
    const discount = (rule: DiscountRule, scope: LineDiscount['scope'], amount: number): LineDiscount => ({
      kind: rule.kind,
      value: rule.value,
      amount,
      reasonId: rule.reasonId,
      reason: rule.reason,
      managerId: rule.managerId,
      scope,
    })
    for (const line of lines) {
      const rule = rules.get(line.lineId)
      if (!rule || !discountable(line)) continue
      const amount = discountOf(line.total, rule.kind, rule.value)
      if (amount > 0) amounts.set(line.lineId, discount(rule, rule.scope, amount))
    }
    let saleAmount = 0
    if (sale) {
      const open = lines.filter((l) => discountable(l) && !amounts.has(l.lineId) && l.total > 0)
      const parts =
        sale.kind === 'percent'
          ? open.map((l) => discountOf(l.total, 'percent', sale.value))
          : spread(
              open.map((l) => l.total),
              sale.value,
            )
      open.forEach((l, i) => {
        if (parts[i] > 0) amounts.set(l.lineId, discount(sale, 'sale', parts[i]))
        saleAmount += parts[i]
      })
    }
    const shown = lines.map((l) => {
      const d = amounts.get(l.lineId)
      return d ? { ...l, total: l.total - d.amount, discount: d } : { ...l }
    })
    return {
      sellerId,
      lines: shown,
      ...computeTotals(shown),
      saleDiscount: sale
        ? { kind: sale.kind, value: sale.value, reason: sale.reason, amount: saleAmount }
        : null,
      discountTotal: [...amounts.values()].reduce((sum, d) => sum + d.amount, 0),
    }
  }

  const view = (): BasketView => priced(lineRules, saleRule)

  const lineOf = (
    p: Product,
    fields: Pick<BasketLine, 'kind' | 'quantity' | 'unitPrice' | 'total'> & { weightGrams?: number },
  ): BasketLine => ({
    lineId: `L${nextLine++}`,
    productId: p.id,
    name: p.name,
    vatRate: p.vatRate,
    ...fields,
    ...(p.ean ? { ean: p.ean } : {}),
    ...(p.articleNumber ? { articleNumber: p.articleNumber } : {}),
  })

  /** A new line; the time rule (Abendverkauf) gives it its discount at once. */
  const append = (p: Product, line: BasketLine): void => {
    lines = [...lines, line]
    const rule = pricing.automatic?.(p)
    if (rule && discountable(line)) lineRules.set(line.lineId, { ...rule, scope: 'evening' })
  }

  const product = (productId: string): Product => {
    const p = catalogue().byId(productId)
    if (!p) throw notFound('unknownProduct', `No product with id "${productId}"`, { productId })
    return p
  }

  const findLine = (lineId: string): number => {
    const i = lines.findIndex((l) => l.lineId === lineId)
    if (i < 0) throw notFound('unknownLine', `No basket line "${lineId}"`, { lineId })
    return i
  }

  function addTopup(p: Product, options: AddOptions): BasketView {
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
    append(p, lineOf(p, { kind: 'topup', quantity: 1, unitPrice: amount, total: amount }))
    return view()
  }

  /**
   * The deposit line of an article line follows it: inserted right after it on the first add, its
   * quantity always the article's (Pfand is charged per container).
   */
  function syncDeposit(articleLineId: string): void {
    const article = lines.find((l) => l.lineId === articleLineId)
    const depositId = article ? catalogue().byId(article.productId)?.deposit : undefined
    if (!article || !depositId) return
    const existing = lines.findIndex((l) => l.depositFor === articleLineId)
    if (existing >= 0) {
      lines = lines.map((l, i) =>
        i === existing
          ? { ...l, quantity: article.quantity, total: multiplyCents(l.unitPrice, article.quantity) }
          : l,
      )
      return
    }
    const d = catalogue().byId(depositId)
    if (!d) return
    const line: BasketLine = {
      ...lineOf(d, {
        kind: 'piece',
        quantity: article.quantity,
        unitPrice: d.price,
        total: multiplyCents(d.price, article.quantity),
      }),
      deposit: true,
      depositFor: articleLineId,
    }
    const at = lines.findIndex((l) => l.lineId === articleLineId)
    lines = [...lines.slice(0, at + 1), line, ...lines.slice(at + 1)]
  }

  function addPiece(p: Product, options: AddOptions): BasketView {
    const quantity = checkQuantity(options.quantity ?? 1)
    if (p.kind === 'topup') return addTopup(p, options)
    if (p.kind === 'deposit')
      throw invalid('depositByKey', `"${p.name}" comes with its article or through the deposit return key`, {
        productId: p.id,
      })
    if (options.amount !== undefined)
      throw invalid('amountNotAllowed', `"${p.name}" has a fixed price`, { productId: p.id })
    if (p.kind === 'weighed')
      throw invalid('needsWeight', `"${p.name}" is sold by weight: scan the scale label`, { productId: p.id })
    // Repeated taps on the same article raise one line's quantity: the bakery way of entering "6 Brötchen".
    const existing = lines.findIndex((l) => l.kind === 'piece' && l.productId === p.id)
    if (existing >= 0) {
      const merged = checkQuantity(lines[existing].quantity + quantity)
      lines = lines.map((l, i) =>
        i === existing ? { ...l, quantity: merged, total: multiplyCents(l.unitPrice, merged) } : l,
      )
      syncDeposit(lines[existing].lineId)
      return view()
    }
    const line = lineOf(p, {
      kind: 'piece',
      quantity,
      unitPrice: p.price,
      total: multiplyCents(p.price, quantity),
    })
    append(p, line)
    syncDeposit(line.lineId)
    return view()
  }

  function addInStore(scan: Scan): BasketView {
    const article = scan.article ?? ''
    const p = catalogue().byArticle(article)
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
      append(p, lineOf(p, { kind: 'price', quantity: 1, unitPrice: price, total: price }))
      return view()
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
    append(
      p,
      lineOf(p, {
        kind: 'weight',
        quantity: 1,
        unitPrice: p.price,
        total: weightPrice(grams, p.price),
        weightGrams: grams,
      }),
    )
    return view()
  }

  const raw: Basket = {
    sellerId,
    view,
    isEmpty: () => lines.length === 0,
    addProduct: (productId, options = {}) => addPiece(product(productId), options),
    addScan(scan) {
      switch (scan.kind) {
        case 'ean13':
        case 'ean8':
        case 'upca': {
          const found = catalogue().byEan(scan.code)
          if (found.length === 0)
            throw notFound('unknownEan', `No product with EAN ${scan.code}`, { code: scan.code })
          if (found.length > 1)
            throw invalid('topupAmountRequired', `Choose the top-up amount for EAN ${scan.code}`, {
              code: scan.code,
            })
          return addPiece(found[0], {})
        }
        case 'instore-price':
        case 'instore-weight':
          return addInStore(scan)
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
    },
    addPlu(plu, quantity = 1) {
      const p = catalogue().byPlu(plu)
      if (!p) throw notFound('unknownPlu', `No product with PLU ${plu}`, { plu })
      return addPiece(p, { quantity })
    },
    setQuantity(lineId, quantity) {
      const i = findLine(lineId)
      const line = lines[i]
      if (line.deposit) throw invalid('depositFollows', `"${line.name}" follows its article`, { lineId })
      if (line.kind !== 'piece')
        throw invalid('quantityNotAllowed', `The quantity of "${line.name}" comes from its label or amount`, {
          lineId,
        })
      const q = checkQuantity(quantity)
      lines = lines.map((l, j) => (j === i ? { ...l, quantity: q, total: multiplyCents(l.unitPrice, q) } : l))
      syncDeposit(lineId)
      return view()
    },
    voidLine(lineId) {
      const i = findLine(lineId)
      if (lines[i].depositFor !== undefined)
        throw invalid('depositFollows', `"${lines[i].name}" follows its article`, { lineId })
      // An article's deposit goes with it.
      lines = lines.filter((l, j) => j !== i && l.depositFor !== lineId)
      lineRules.delete(lineId)
      return view()
    },
    returnDeposit(productId, count) {
      const d = product(productId)
      if (d.kind !== 'deposit')
        throw invalid('notADeposit', `"${d.name}" is no deposit article`, { productId })
      const returned = checkQuantity(count)
      const existing = lines.findIndex((l) => l.deposit && l.depositFor === undefined && l.productId === d.id)
      if (existing >= 0) {
        const q = -checkQuantity(-lines[existing].quantity + returned)
        lines = lines.map((l, i) =>
          i === existing ? { ...l, quantity: q, total: multiplyCents(l.unitPrice, q) } : l,
        )
        return view()
      }
      lines = [
        ...lines,
        {
          ...lineOf(d, {
            kind: 'piece',
            quantity: -returned,
            unitPrice: d.price,
            total: -returned * d.price,
          }),
          deposit: true,
        },
      ]
      return view()
    },
    clear() {
      lines = []
      lineRules = new Map()
      saleRule = null
      return view()
    },
    setLineDiscount(lineId, rule) {
      const line = lines[findLine(lineId)]
      if (rule && !discountable(line))
        throw invalid('notDiscountable', `"${line.name}" cannot be discounted`, { lineId })
      if (rule) lineRules.set(lineId, { ...rule, scope: 'line' })
      else lineRules.delete(lineId)
      return view()
    },
    setSaleDiscount(rule) {
      if (rule && !lines.some(discountable))
        throw invalid('nothingToDiscount', 'Nothing in the basket can be discounted')
      saleRule = rule
      return view()
    },
    previewDiscount(lineId, rule) {
      if (lineId === undefined) return priced(lineRules, rule)
      const line = lines[findLine(lineId)]
      if (!discountable(line))
        throw invalid('notDiscountable', `"${line.name}" cannot be discounted`, { lineId })
      return priced(new Map([...lineRules, [lineId, { ...rule, scope: 'line' as const }]]), saleRule)
    },
    restore(taken) {
      lines = taken.map((l) => ({ ...l, lineId: `L${nextLine++}` }))
      return view()
    },
    addWeighed(productId, grams) {
      const p = product(productId)
      if (p.kind !== 'weighed')
        throw invalid('notSoldByWeight', `"${p.name}" is not sold by weight`, { productId: p.id, code: '' })
      if (!Number.isInteger(grams) || grams <= 0 || grams > MAX_WEIGHT_GRAMS)
        throw invalid('invalidWeight', `A weight must be 1 to ${MAX_WEIGHT_GRAMS} g, got ${grams}`, {
          grams: String(grams),
          max: MAX_WEIGHT_GRAMS,
        })
      append(
        p,
        lineOf(p, {
          kind: 'weight',
          quantity: 1,
          unitPrice: p.price,
          total: weightPrice(grams, p.price),
          weightGrams: grams,
        }),
      )
      return view()
    },
    addFreePrice({ id, name, vatRate, amount }) {
      if (!Number.isSafeInteger(amount) || amount <= 0)
        throw invalid(
          'invalidAmount',
          `A free price must be a whole number of cents above 0, got ${amount}`,
          {
            amount: String(amount),
          },
        )
      const free: Product = { id, name, vatRate, price: amount, category: 'free-price' }
      lines = [...lines, lineOf(free, { kind: 'price', quantity: 1, unitPrice: amount, total: amount })]
      return view()
    },
  }

  return {
    ...raw,
    addProduct: (productId, options) => transact(() => raw.addProduct(productId, options)),
    addScan: (scan) => transact(() => raw.addScan(scan)),
    addPlu: (plu, quantity) => transact(() => raw.addPlu(plu, quantity)),
    setQuantity: (lineId, quantity) => transact(() => raw.setQuantity(lineId, quantity)),
    voidLine: (lineId) => transact(() => raw.voidLine(lineId)),
    clear: () => transact(() => raw.clear()),
    setLineDiscount: (lineId, rule) => transact(() => raw.setLineDiscount(lineId, rule)),
    setSaleDiscount: (rule) => transact(() => raw.setSaleDiscount(rule)),
    returnDeposit: (productId, quantity) => transact(() => raw.returnDeposit(productId, quantity)),
    addWeighed: (productId, grams) => transact(() => raw.addWeighed(productId, grams)),
    addFreePrice: (line) => transact(() => raw.addFreePrice(line)),
  }
}
