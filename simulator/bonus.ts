// The loyalty arithmetic of a Smart Transaction (docs/secuconnect.md).
import { splitProportionally, type Cents } from '../common/money'
import type { Seed } from './seed'

export interface BasketProduct {
  id: number
  quantity: number
  priceOne: Cents
  tax: number
  ean: string
  articleNumber: string
  desc: string
}

export interface CardApplication {
  bonusSpent: Cents
  cashSpent: Cents
  missingSum: Cents
  bonusProducts: BasketProduct[]
}

export const lineTotal = (p: Pick<BasketProduct, 'quantity' | 'priceOne'>): Cents => p.quantity * p.priceOne
export const basketTotal = (products: readonly BasketProduct[]): Cents =>
  products.reduce((s, p) => s + lineTotal(p), 0)

export function topUpTotal(products: readonly BasketProduct[], topUpEans: readonly string[]): Cents {
  return basketTotal(products.filter((p) => topUpEans.includes(p.ean)))
}

/**
 * preTransaction: spend the bonus balance first, split over the VAT rates in proportion to the gross
 * per rate (largest remainder absorbs the rounding drift), then the cash balance.
 * [I] The split reproduces every published example (796 with bonus 71 → 53/18, bonus 20 → 15/5) but the
 * real rounding rule is undocumented. [I] Top-up items are left out of what the card may pay: paying a
 * card load with the same card's balance would be circular, and the docs never show it.
 */
export function applyCardBalance(
  products: readonly BasketProduct[],
  sum: Cents,
  balances: { cash: Cents; bonus: Cents },
  seed: Pick<Seed, 'bonusProducts' | 'topUpEans'>,
): CardApplication {
  const articles = products.filter((p) => !seed.topUpEans.includes(p.ean))
  const payable = Math.max(0, sum - topUpTotal(products, seed.topUpEans))

  const grossByRate = new Map<number, Cents>()
  for (const p of articles) grossByRate.set(p.tax, (grossByRate.get(p.tax) ?? 0) + lineTotal(p))
  const rates = [...grossByRate.entries()].filter(([, gross]) => gross > 0).sort(([a], [b]) => a - b)

  const bonusSpent = rates.length === 0 ? 0 : Math.min(Math.max(0, balances.bonus), payable)
  const shares = splitProportionally(
    bonusSpent,
    rates.map(([, gross]) => gross),
  )
  let nextId = products.reduce((max, p) => Math.max(max, p.id), 0) + 1
  const bonusProducts: BasketProduct[] = []
  rates.forEach(([tax], i) => {
    if (shares[i] === 0) return
    // [I] A rate without a configured bonus product still needs a line to lower the VAT correctly.
    const configured = seed.bonusProducts.find((b) => b.tax === tax) ?? {
      articleNumber: '',
      ean: '',
      desc: `Bonus VAT ${tax}%`,
    }
    bonusProducts.push({
      id: nextId++,
      quantity: 1,
      priceOne: -shares[i],
      tax,
      ean: configured.ean,
      articleNumber: configured.articleNumber,
      desc: configured.desc,
    })
  })

  const cashSpent = Math.min(Math.max(0, balances.cash), payable - bonusSpent)
  return { bonusSpent, cashSpent, missingSum: Math.max(0, sum - bonusSpent - cashSpent), bonusProducts }
}

/**
 * "Umsatz erfasst": the revenue that counts for bonus collection — every line, bonus products included
 * (which is why the published example records 7,76 and not 7,96), minus blacklisted articles.
 */
export function recordedRevenue(products: readonly BasketProduct[], blacklist: readonly string[]): Cents {
  const listed = (p: BasketProduct): boolean =>
    blacklist.includes(p.ean) || blacklist.includes(p.articleNumber)
  return Math.max(0, basketTotal(products.filter((p) => !listed(p))))
}

/** The programme's rate of the recorded revenue, rounded down to the cent (776 × 10 % = 77.6 → 77). */
export function bonusCollected(revenue: Cents, basisPoints: number): Cents {
  return Math.floor((revenue * basisPoints) / 10_000)
}
