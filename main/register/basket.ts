// One seller's basket: add by tap, scan or PLU, change a quantity, void a line, clear. Every operation
// either applies completely or throws an AppFailure with a message key and leaves the basket as it was.
import { computeTotals, MAX_QUANTITY, type BasketLine, type BasketView } from '../../common/basket'
import type { Product, VatRate } from '../../common/catalog'
import type { LimitsConfig } from '../../common/config'
import { MoneyOverflowError, multiplyCents } from '../../common/money'
import type { Scan } from '../../common/devices'
import { AppFailure } from '../../common/result'
import type { CatalogueIndex } from '../catalog/lookup'
import { scaleWeightPrice } from '../../hardware/scale/price'

/**
 * Top-up bounds. Inference [I]: secuconnect documents no limit for a card load (secuconnect.md §6.5);
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
): Basket {
  let lines: BasketLine[] = []

  /**
   * The one way lines change: the new list is checked against the line and sale caps (and every sum for
   * safe integers) before it replaces the old one, so a refused change leaves the basket as it was.
   */
  const accept = (next: BasketLine[]): BasketView => {
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
    lines = next
    return view()
  }
  let nextLine = 1

  const view = (): BasketView => ({ sellerId, lines: lines.map((l) => ({ ...l })), ...computeTotals(lines) })

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
    return accept([...lines, lineOf(p, { kind: 'topup', quantity: 1, unitPrice: amount, total: amount })])
  }

  function addPiece(p: Product, options: AddOptions): BasketView {
    const quantity = checkQuantity(options.quantity ?? 1)
    if (p.kind === 'topup') return addTopup(p, options)
    if (options.amount !== undefined)
      throw invalid('amountNotAllowed', `"${p.name}" has a fixed price`, { productId: p.id })
    if (p.kind === 'weighed')
      throw invalid('needsWeight', `"${p.name}" is sold by weight: scan the scale label`, { productId: p.id })
    // Repeated taps on the same article raise one line's quantity: the bakery way of entering "6 Brötchen".
    const existing = lines.findIndex((l) => l.kind === 'piece' && l.productId === p.id)
    if (existing >= 0) {
      const merged = checkQuantity(lines[existing].quantity + quantity)
      return accept(
        lines.map((l, i) =>
          i === existing ? { ...l, quantity: merged, total: multiplyCents(l.unitPrice, merged) } : l,
        ),
      )
    }
    return accept([
      ...lines,
      lineOf(p, { kind: 'piece', quantity, unitPrice: p.price, total: multiplyCents(p.price, quantity) }),
    ])
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
      return accept([...lines, lineOf(p, { kind: 'price', quantity: 1, unitPrice: price, total: price })])
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
    return accept([
      ...lines,
      lineOf(p, {
        kind: 'weight',
        quantity: 1,
        unitPrice: p.price,
        total: weightPrice(grams, p.price),
        weightGrams: grams,
      }),
    ])
  }

  return {
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
      if (line.kind !== 'piece')
        throw invalid('quantityNotAllowed', `The quantity of "${line.name}" comes from its label or amount`, {
          lineId,
        })
      const q = checkQuantity(quantity)
      return accept(
        lines.map((l, j) => (j === i ? { ...l, quantity: q, total: multiplyCents(l.unitPrice, q) } : l)),
      )
    },
    voidLine(lineId) {
      const i = findLine(lineId)
      lines = lines.filter((_, j) => j !== i)
      return view()
    },
    clear() {
      lines = []
      return view()
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
      return accept([
        ...lines,
        lineOf(p, {
          kind: 'weight',
          quantity: 1,
          unitPrice: p.price,
          total: weightPrice(grams, p.price),
          weightGrams: grams,
        }),
      ])
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
      return accept([
        ...lines,
        lineOf(free, { kind: 'price', quantity: 1, unitPrice: amount, total: amount }),
      ])
    },
  }
}
