// One seller's basket: add by tap, scan or PLU, change a quantity, void a line, clear, and the sale's
// Im Haus / Außer Haus switch. Every operation either applies completely or throws an AppFailure with a
// message key and leaves the basket as it was. Adding: basket-add.ts; one line and its rate:
// basket-lines.ts; discounts, combo shares and caps: basket-pricing.ts.
import type { BasketLine, BasketView } from '../../common/basket'
import type { Product, VatRate } from '../../common/catalog'
import { DEFAULT_CONSUMPTION, type Consumption } from '../../common/consumption'
import type { LimitsConfig } from '../../common/config'
import type { Scan } from '../../common/devices'
import type { CatalogueIndex } from '../catalog/lookup'
import {
  addPiece,
  addScan,
  addWeight,
  newLine,
  productOf,
  syncDeposit,
  type AddOptions,
  type BasketContext,
  type BasketPricing,
  type BasketState,
} from './basket-add'
import {
  checkQuantity,
  depositsFollow,
  invalid,
  MAX_WEIGHT_GRAMS,
  notFound,
  repriced,
  withQuantity,
} from './basket-lines'
import {
  checkLimits,
  DEFAULT_LIMITS,
  discountable,
  pricedView,
  rulesOfView,
  type DiscountRule,
} from './basket-pricing'

export { MAX_WEIGHT_GRAMS, TOPUP_MAX_CENTS, TOPUP_MIN_CENTS, weightPrice } from './basket-lines'
export { DEFAULT_LIMITS, discountable, type DiscountRule } from './basket-pricing'
export type { AddOptions, BasketPricing } from './basket-add'

export interface Basket {
  readonly sellerId: string
  view(): BasketView
  isEmpty(): boolean
  addProduct(productId: string, options?: AddOptions): BasketView
  addScan(scan: Scan): BasketView
  addPlu(plu: string, quantity?: number): BasketView
  setQuantity(lineId: string, quantity: number): BasketView
  voidLine(lineId: string): BasketView
  /** Empties the basket for the next sale, which starts with the till's default consumption. */
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
   * was told there; the line ids are this basket's own. `consumption` is the Im Haus / Außer Haus the
   * basket had there (absent from a till that did not say: this basket's own stays).
   */
  restore(lines: readonly BasketLine[], consumption?: Consumption): BasketView
  /** A weighed article at a weight from the scale (its stable reading) or typed where there is no scale. */
  addWeighed(productId: string, grams: number): BasketView
  /** A free-price line ("Diverses 7 %"): an amount the cashier typed, at one VAT rate. */
  addFreePrice(line: { id: string; name: string; vatRate: VatRate; amount: number }): BasketView
  /**
   * Im Haus / Außer Haus for this sale: every line keeps its gross price and gets the rate of its VAT
   * class for that consumption (common/consumption.ts). The register refuses it while a payment runs.
   */
  setConsumption(consumption: Consumption): BasketView
}

export function createBasket(
  sellerId: string,
  catalogue: () => CatalogueIndex,
  limits: () => LimitsConfig = () => DEFAULT_LIMITS,
  pricing: BasketPricing = {},
): Basket {
  const startConsumption = () => pricing.defaultConsumption?.() ?? DEFAULT_CONSUMPTION
  const state: BasketState = {
    lines: [],
    lineRules: new Map(),
    saleRule: null,
    nextLine: 1,
    consumption: startConsumption(),
  }
  const ctx: BasketContext = { state, catalogue, pricing }

  const view = (): BasketView =>
    pricedView(sellerId, state.lines, state.lineRules, state.saleRule, state.consumption)

  /**
   * Every change runs through here: it applies completely and within the caps, or the basket (lines,
   * discounts, line numbers, consumption) is exactly as before.
   */
  const transact = (change: () => void): BasketView => {
    const saved = { ...state }
    state.lineRules = new Map(state.lineRules)
    try {
      change()
      checkLimits(state.lines, limits())
      return view()
    } catch (error) {
      Object.assign(state, saved)
      throw error
    }
  }

  const findLine = (lineId: string): number => {
    const i = state.lines.findIndex((l) => l.lineId === lineId)
    if (i < 0) throw notFound('unknownLine', `No basket line "${lineId}"`, { lineId })
    return i
  }

  const raw = {
    addProduct: (productId: string, options: AddOptions = {}) =>
      addPiece(ctx, productOf(ctx, productId), options),
    addScan: (scan: Scan) => addScan(ctx, scan),
    addPlu(plu: string, quantity = 1) {
      const p = catalogue().byPlu(plu)
      if (!p) throw notFound('unknownPlu', `No product with PLU ${plu}`, { plu })
      addPiece(ctx, p, { quantity })
    },
    setQuantity(lineId: string, quantity: number) {
      const i = findLine(lineId)
      const line = state.lines[i]
      if (line.deposit) throw invalid('depositFollows', `"${line.name}" follows its article`, { lineId })
      if (line.kind !== 'piece')
        throw invalid('quantityNotAllowed', `The quantity of "${line.name}" comes from its label or amount`, {
          lineId,
        })
      const q = checkQuantity(quantity)
      state.lines = state.lines.map((l, j) => (j === i ? withQuantity(l, q) : l))
      syncDeposit(ctx, lineId)
    },
    voidLine(lineId: string) {
      const i = findLine(lineId)
      if (state.lines[i].depositFor !== undefined)
        throw invalid('depositFollows', `"${state.lines[i].name}" follows its article`, { lineId })
      // An article's deposit goes with it.
      state.lines = state.lines.filter((l, j) => j !== i && l.depositFor !== lineId)
      state.lineRules.delete(lineId)
    },
    returnDeposit(productId: string, count: number) {
      const d = productOf(ctx, productId)
      if (d.kind !== 'deposit')
        throw invalid('notADeposit', `"${d.name}" is no deposit article`, { productId })
      const returned = checkQuantity(count)
      const existing = state.lines.findIndex(
        (l) => l.deposit && l.depositFor === undefined && l.productId === d.id,
      )
      if (existing >= 0) {
        const q = -checkQuantity(-state.lines[existing].quantity + returned)
        state.lines = state.lines.map((l, i) => (i === existing ? withQuantity(l, q) : l))
        return
      }
      const line = newLine(ctx, d, {
        kind: 'piece',
        quantity: -returned,
        unitPrice: d.price,
        total: -returned * d.price,
      })
      state.lines = [...state.lines, { ...line, deposit: true }]
    },
    clear() {
      state.lines = []
      state.lineRules = new Map()
      state.saleRule = null
      state.consumption = startConsumption()
    },
    setLineDiscount(lineId: string, rule: DiscountRule | null) {
      const line = state.lines[findLine(lineId)]
      if (rule && !discountable(line))
        throw invalid('notDiscountable', `"${line.name}" cannot be discounted`, { lineId })
      if (rule) state.lineRules.set(lineId, { ...rule, scope: 'line' })
      else state.lineRules.delete(lineId)
    },
    setSaleDiscount(rule: DiscountRule | null) {
      if (rule && !state.lines.some(discountable))
        throw invalid('nothingToDiscount', 'Nothing in the basket can be discounted')
      state.saleRule = rule
    },
    addWeighed(productId: string, grams: number) {
      const p = productOf(ctx, productId)
      if (p.kind !== 'weighed')
        throw invalid('notSoldByWeight', `"${p.name}" is not sold by weight`, { productId: p.id, code: '' })
      if (!Number.isInteger(grams) || grams <= 0 || grams > MAX_WEIGHT_GRAMS)
        throw invalid('invalidWeight', `A weight must be 1 to ${MAX_WEIGHT_GRAMS} g, got ${grams}`, {
          grams: String(grams),
          max: MAX_WEIGHT_GRAMS,
        })
      addWeight(ctx, p, grams)
    },
    addFreePrice({
      id,
      name,
      vatRate,
      amount,
    }: {
      id: string
      name: string
      vatRate: VatRate
      amount: number
    }) {
      if (!Number.isSafeInteger(amount) || amount <= 0)
        throw invalid(
          'invalidAmount',
          `A free price must be a whole number of cents above 0, got ${amount}`,
          {
            amount: String(amount),
          },
        )
      // A key of its own, at its own rate whatever the consumption (no catalogue product, no class).
      const free: Product = { id, name, vatRate, price: amount, category: 'free-price' }
      state.lines = [
        ...state.lines,
        newLine(ctx, free, { kind: 'price', quantity: 1, unitPrice: amount, total: amount }),
      ]
    },
    setConsumption(where: Consumption) {
      state.consumption = where
      state.lines = depositsFollow(state.lines.map((l) => repriced(l, where, catalogue())))
    },
    restore(taken: readonly BasketLine[], consumption?: Consumption) {
      if (consumption !== undefined) state.consumption = consumption
      // The lines get this basket's ids; a deposit keeps following its own bottle under its new id.
      // The other till's discounts come back as rules on the undiscounted lines (same figures), so a
      // later change here prices the line afresh instead of keeping a stale reduction.
      const ids = new Map(taken.map((l) => [l.lineId, `L${state.nextLine++}`]))
      const { lineRules, saleRule } = rulesOfView(taken)
      state.lines = depositsFollow(
        taken.map((l) => {
          const { depositFor, discount, ...line } = l
          const bottle = depositFor === undefined ? undefined : ids.get(depositFor)
          return repriced(
            {
              ...line,
              lineId: ids.get(l.lineId)!,
              total: line.total + (discount?.amount ?? 0),
              ...(bottle ? { depositFor: bottle } : {}),
            },
            state.consumption,
            catalogue(),
          )
        }),
      )
      state.lineRules = new Map([...lineRules].map(([id, rule]) => [ids.get(id)!, rule]))
      state.saleRule = saleRule
    },
  }

  return {
    sellerId,
    view,
    isEmpty: () => state.lines.length === 0,
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
    setConsumption: (where) => transact(() => raw.setConsumption(where)),
    // Restoring takes over what another till already accepted: no caps re-checked (as before).
    restore: (taken, consumption) => {
      raw.restore(taken, consumption)
      return view()
    },
    previewDiscount(lineId, rule) {
      if (lineId === undefined)
        return pricedView(sellerId, state.lines, state.lineRules, rule, state.consumption)
      const line = state.lines[findLine(lineId)]
      if (!discountable(line))
        throw invalid('notDiscountable', `"${line.name}" cannot be discounted`, { lineId })
      const rules = new Map([...state.lineRules, [lineId, { ...rule, scope: 'line' as const }]])
      return pricedView(sellerId, state.lines, rules, state.saleRule, state.consumption)
    },
  }
}
