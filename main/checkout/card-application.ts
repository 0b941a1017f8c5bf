// What a card application (secuconnect preTransaction) takes off the basket, split by its fiscal
// meaning (docs/fiscal-export.md): the bonus part is a discount per VAT rate, given by the API's
// `bonus_products` (one negative line per rate, reference: secuconnect "Spend Bonus Balance"); the rest
// of what the card covers is its cash balance, a multi-purpose voucher redeemed as a payment.
import { VAT_RATES, type VatRate } from '../../common/catalog'
import { AppFailure } from '../../common/result'
import type { PreTransactionResult } from '../secuconnect'
import { ERROR_KEYS } from './messages'

export interface CardApplication {
  /** Bonus per VAT rate, positive cents. */
  bonus: { vatRate: VatRate; amount: number }[]
  bonusTotal: number
  /** The card's cash balance spent: the "loyalty" payment's settled amount. */
  fromCashBalance: number
}

/**
 * Splits `total − missing_sum` into bonus and cash balance. Refuses an answer whose bonus lines do not
 * add up (a rate we do not sell, a positive "bonus", more bonus than the goods of that rate or than the
 * card covers): booking it would misstate VAT, so the sale stops with a clear error instead.
 */
export function splitCardApplication(
  goodsByRate: ReadonlyMap<number, number>,
  total: number,
  result: Pick<PreTransactionResult, 'missing_sum' | 'bonus_products'>,
): CardApplication {
  const fromCard = total - result.missing_sum
  const byRate = new Map<VatRate, number>()
  for (const p of result.bonus_products) {
    const rate = VAT_RATES.find((r) => r === p.tax)
    const amount = -(p.priceOne * p.quantity)
    if (rate === undefined || !(amount > 0) || !Number.isSafeInteger(amount))
      throw refused(`bonus line "${p.desc ?? ''}" (${p.priceOne} × ${p.quantity} @ ${p.tax} %)`)
    byRate.set(rate, (byRate.get(rate) ?? 0) + amount)
  }
  for (const [rate, amount] of byRate)
    if (amount > (goodsByRate.get(rate) ?? 0)) throw refused(`bonus ${amount} @ ${rate} % exceeds the goods`)
  const bonus = [...byRate].map(([vatRate, amount]) => ({ vatRate, amount }))
  const bonusTotal = bonus.reduce((s, b) => s + b.amount, 0)
  if (fromCard < 0 || bonusTotal > fromCard)
    throw refused(`bonus ${bonusTotal} above what the card covers (${fromCard})`)
  return { bonus, bonusTotal, fromCashBalance: fromCard - bonusTotal }
}

function refused(what: string): AppFailure {
  return AppFailure.of(
    'API',
    ERROR_KEYS.bonusInvalid,
    `secuconnect answered with a bonus that cannot be booked: ${what}`,
  )
}
