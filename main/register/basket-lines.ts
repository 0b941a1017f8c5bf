// How one basket line is made from a product and priced for the sale's consumption: its rate from the
// product's VAT class (Im Haus / Außer Haus, common/consumption.ts), a combo's components with their
// weights (common/combo.ts), and the bounds every line obeys.
import { MAX_QUANTITY, type BasketLine } from '../../common/basket'
import type { Product, VatRate } from '../../common/catalog'
import { leadingRate, priceComponents, type LineComponent } from '../../common/combo'
import { rateOf, type Consumption } from '../../common/consumption'
import { multiplyCents } from '../../common/money'
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

export const invalid = (key: string, message: string, params?: Record<string, string | number>) =>
  AppFailure.of('VALIDATION', `basket.error.${key}`, message, params)
export const notFound = (key: string, message: string, params?: Record<string, string | number>) =>
  AppFailure.of('NOT_FOUND', `basket.error.${key}`, message, params)

export function checkQuantity(quantity: number): number {
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

/** The product's rate for this consumption (its class; `fixed` or no class: its own rate). */
export const productRate = (p: Product, where: Consumption): VatRate => rateOf(p.vatClass, where, p.vatRate)

/**
 * A combo's components for this consumption, each with its rate and split weight (single price ×
 * quantity, or its fixed share); their cents follow from the line's total (main/register/basket-pricing.ts).
 */
function comboComponents(
  p: Product,
  where: Consumption,
  catalogue: CatalogueIndex,
): Omit<LineComponent, 'amount'>[] | undefined {
  if (!p.combo) return undefined
  return p.combo.components.map((c) => {
    const part = catalogue.byId(c.productId)
    // The catalogue schema refuses unknown components; a catalogue swapped under an open basket may not.
    if (!part)
      throw notFound('unknownProduct', `No product with id "${c.productId}" (part of "${p.name}")`, {
        productId: c.productId,
      })
    return {
      productId: part.id,
      name: part.name,
      quantity: c.quantity,
      vatRate: productRate(part, where),
      weight: p.combo!.split === 'shares' ? (c.share ?? 0) : multiplyCents(part.price, c.quantity),
    }
  })
}

/** A line's rate fields for its total: a combo's components with their cents and its leading rate. */
export function withRate(
  line: BasketLine,
  components: Omit<LineComponent, 'amount'>[] | undefined,
  fallback: VatRate,
): BasketLine {
  if (!components) return { ...line, vatRate: fallback }
  const priced = priceComponents(line.total, components)
  return { ...line, vatRate: leadingRate(priced), components: priced }
}

export type LineFields = Pick<BasketLine, 'kind' | 'quantity' | 'unitPrice' | 'total'> & {
  weightGrams?: number
}

/** A new line of product `p` priced for `where`. */
export function lineOf(
  lineId: string,
  p: Product,
  fields: LineFields,
  where: Consumption,
  catalogue: CatalogueIndex,
): BasketLine {
  const line: BasketLine = {
    lineId,
    productId: p.id,
    name: p.name,
    vatRate: p.vatRate,
    ...fields,
    ...(p.ean ? { ean: p.ean } : {}),
    ...(p.articleNumber ? { articleNumber: p.articleNumber } : {}),
  }
  return withRate(line, comboComponents(p, where, catalogue), productRate(p, where))
}

/**
 * The line re-priced for another consumption: same gross, the rate (or a combo's component rates) of
 * the catalogue product. Lines whose product is not in the catalogue (free prices) keep their rate.
 */
export function repriced(line: BasketLine, where: Consumption, catalogue: CatalogueIndex): BasketLine {
  const p = catalogue.byId(line.productId)
  if (!p || line.kind === 'topup') return line
  if (p.combo) return withRate(line, comboComponents(p, where, catalogue), line.vatRate)
  if (line.components) return line
  return { ...line, vatRate: productRate(p, where) }
}

/**
 * A bottle's deposit is part of what the customer pays for the bottle's content, so it takes the
 * article's rate (UStAE 10.1 Abs. 8: Pfandgeld is part of the Entgelt for the delivery), also when the
 * consumption switch changes that rate. A returned container (no bottle in the sale) keeps the deposit
 * article's own rate.
 */
export function depositsFollow(lines: readonly BasketLine[]): BasketLine[] {
  const rates = new Map(lines.map((l) => [l.lineId, l.vatRate]))
  return lines.map((l) => {
    const rate = l.deposit && l.depositFor !== undefined ? rates.get(l.depositFor) : undefined
    return rate === undefined || rate === l.vatRate ? l : { ...l, vatRate: rate }
  })
}

/** A line with a new quantity (pieces): total and a combo's shares follow. */
export function withQuantity(line: BasketLine, quantity: number): BasketLine {
  const next = { ...line, quantity, total: multiplyCents(line.unitPrice, quantity) }
  return line.components ? withRate(next, line.components, line.vatRate) : next
}
