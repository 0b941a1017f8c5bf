// Which discounts the register grants and who must allow them: the Abendverkauf rule (marked articles
// added after the configured hour get the discount by themselves), and a discount asked for at the till
// (the reason must be in the configured list; above the manager limit a manager allows it).
import type { Clock, Logger } from '../../common/ports'
import type { DiscountConfig, DiscountKind } from '../../common/discount'
import type { SellerConfig } from '../../common/sellers'
import { AppFailure } from '../../common/result'
import { dateTimeFormat } from '../../common/intl-formats'
import type { Basket, BasketPricing, DiscountRule } from './basket'

/** The Abendverkauf as basket pricing: the hour is read in the shop's time zone at each add. */
export function eveningPricing(
  discounts: () => DiscountConfig,
  clock: Clock,
  timeZone = 'Europe/Berlin',
): BasketPricing {
  const localHour = () =>
    Number(
      dateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(clock.now())),
    ) % 24
  return {
    automatic: (product) => {
      const evening = discounts().evening
      if (!evening || !product.evening || localHour() < evening.fromHour) return null
      const reason = discounts().reasons.find((r) => r.id === evening.reasonId)
      return {
        kind: 'percent',
        value: evening.percent,
        reasonId: evening.reasonId,
        reason: reason?.label ?? evening.reasonId,
        managerId: null,
      }
    },
  }
}

/** A discount asked for at the till: on one line, or on the whole sale when lineId is absent. */
export interface DiscountRequest {
  lineId?: string
  kind: DiscountKind
  value: number
  reasonId: string
  managerPin?: string
}

/**
 * Sets a discount on a line or the whole sale: the reason must be in the configured list; above the
 * manager limit (percent of what it reduces, or cents) a manager allows it (active or by PIN). The
 * basket is taken only once the request itself is valid.
 */
export function applyDiscount(
  activeBasket: () => Basket,
  input: DiscountRequest,
  config: DiscountConfig,
  authorizeManager: (managerPin?: string) => SellerConfig,
  logger: Logger,
): void {
  const reason = config.reasons.find((r) => r.id === input.reasonId)
  if (!reason)
    throw AppFailure.of(
      'VALIDATION',
      'basket.error.discountReason',
      `Unknown discount reason "${input.reasonId}"`,
      {
        reasonId: input.reasonId,
      },
    )
  if (input.kind === 'percent' && input.value > 100)
    throw AppFailure.of('VALIDATION', 'basket.error.discountPercent', 'A discount is at most 100 %', {
      value: input.value,
    })
  const rule: DiscountRule = {
    kind: input.kind,
    value: input.value,
    reasonId: reason.id,
    reason: reason.label,
    managerId: null,
  }
  const basket = activeBasket()
  const before = basket.view()
  const after = basket.previewDiscount(input.lineId, rule)
  // What this discount reduces, and from what: the line, or every line the sale discount touches.
  const touched = after.lines.filter((l) =>
    input.lineId !== undefined ? l.lineId === input.lineId : l.discount?.scope === 'sale',
  )
  const reduction = touched.reduce((sum, l) => sum + (l.discount?.amount ?? 0), 0)
  const base = touched.reduce((sum, l) => sum + l.total + (l.discount?.amount ?? 0), 0)
  if (reduction === 0)
    throw AppFailure.of(
      'VALIDATION',
      'basket.error.nothingToDiscount',
      'Nothing in the basket can be discounted',
    )
  const overLimit =
    reduction * 100 > config.managerAbovePercent * base || reduction > config.managerAboveCents
  if (overLimit) rule.managerId = authorizeManager(input.managerPin).id
  if (input.lineId !== undefined) basket.setLineDiscount(input.lineId, rule)
  else basket.setSaleDiscount(rule)
  logger.log('info', 'basket.discount', {
    lineId: input.lineId ?? null,
    kind: rule.kind,
    value: rule.value,
    reason: rule.reasonId,
    reduction,
    managerId: rule.managerId,
    totalBefore: before.total,
  })
}
