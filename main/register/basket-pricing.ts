// The basket's view: discounts worked out in cents on every change, a combo's VAT shares re-split from
// the line's total after its discount, the totals and VAT table, and the line and sale caps.
import { computeTotals, type BasketLine, type BasketView } from '../../common/basket'
import { priceComponents } from '../../common/combo'
import type { Consumption } from '../../common/consumption'
import type { LimitsConfig } from '../../common/config'
import { discountOf, spread, type DiscountKind, type LineDiscount } from '../../common/discount'
import { MoneyOverflowError } from '../../common/money'
import { invalid } from './basket-lines'

/** A discount as chosen (main works out the cents on every change of the basket). */
export interface DiscountRule {
  kind: DiscountKind
  value: number
  reasonId: string
  reason: string
  managerId: null | string
}

export type ScopedRule = DiscountRule & { scope: 'line' | 'evening' }

/** Lines that never get a discount: top-ups (multi-purpose vouchers) and deposits. */
export const discountable = (line: Pick<BasketLine, 'kind' | 'deposit'>) =>
  line.kind !== 'topup' && line.deposit !== true

export const DEFAULT_LIMITS: LimitsConfig = { saleMaxCents: 1_000_000, lineMaxCents: 1_000_000 }

/** The line and sale caps (and every sum for safe integers), checked after every change. */
export function checkLimits(next: readonly BasketLine[], limits: LimitsConfig): void {
  const { saleMaxCents, lineMaxCents } = limits
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
 * The rules behind the discounts of a view's lines (a basket parked at another till): each line's own
 * or time rule by its line id, and the sale rule the lines share. Applied again to the undiscounted
 * lines (`total + discount.amount`) they give the same figures.
 */
export function rulesOfView(lines: readonly BasketLine[]): {
  lineRules: Map<string, ScopedRule>
  saleRule: DiscountRule | null
} {
  const lineRules = new Map<string, ScopedRule>()
  let saleRule: DiscountRule | null = null
  for (const { lineId, discount: d } of lines) {
    if (!d) continue
    const rule = {
      kind: d.kind,
      value: d.value,
      reasonId: d.reasonId,
      reason: d.reason,
      managerId: d.managerId,
    }
    if (d.scope === 'sale') saleRule = rule
    else lineRules.set(lineId, { ...rule, scope: d.scope })
  }
  return { lineRules, saleRule }
}

const discountOfRule = (rule: DiscountRule, scope: LineDiscount['scope'], amount: number): LineDiscount => ({
  kind: rule.kind,
  value: rule.value,
  amount,
  reasonId: rule.reasonId,
  reason: rule.reason,
  managerId: rule.managerId,
  scope,
})

/**
 * The view of `lines` (undiscounted totals) with the line rules and the sale rule applied: a line's own
 * rule first, the sale rule over every other discountable line (percent per line, an amount spread by
 * line totals). A combo line's shares are split from its total after the discount.
 */
export function pricedView(
  sellerId: string,
  lines: readonly BasketLine[],
  rules: ReadonlyMap<string, ScopedRule>,
  sale: DiscountRule | null,
  consumption: Consumption,
): BasketView {
  const amounts = new Map<string, LineDiscount>()
  for (const line of lines) {
    const rule = rules.get(line.lineId)
    if (!rule || !discountable(line)) continue
    const amount = discountOf(line.total, rule.kind, rule.value)
    if (amount > 0) amounts.set(line.lineId, discountOfRule(rule, rule.scope, amount))
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
      if (parts[i] > 0) amounts.set(l.lineId, discountOfRule(sale, 'sale', parts[i]))
      saleAmount += parts[i]
    })
  }
  const shown = lines.map((l): BasketLine => {
    const d = amounts.get(l.lineId)
    if (!d) return { ...l }
    const total = l.total - d.amount
    return {
      ...l,
      total,
      discount: d,
      ...(l.components ? { components: priceComponents(total, l.components) } : {}),
    }
  })
  return {
    sellerId,
    lines: shown,
    ...computeTotals(shown),
    saleDiscount: sale
      ? { kind: sale.kind, value: sale.value, reason: sale.reason, amount: saleAmount }
      : null,
    discountTotal: [...amounts.values()].reduce((sum, d) => sum + d.amount, 0),
    consumption,
  }
}
