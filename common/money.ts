// Money is integer euro cents everywhere; these helpers are the only place that formats or rounds it.

import { numberFormat } from './intl-formats'

export type Cents = number

export function assertCents(value: number, what = 'amount'): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be whole cents, got ${value}`)
  return value
}

/**
 * The largest amount one journal row (a line, a sale, a payment, a cash movement) may carry: 10 million €.
 * Far above any configurable sale cap, and small enough that sums over hundreds of thousands of such
 * rows stay below Number.MAX_SAFE_INTEGER (2^53 − 1 cents), so a report can always be computed.
 */
export const MAX_ROW_CENTS = 1_000_000_000

/** Thrown when a money sum would leave the safe integers: a bug or a forged input, never rounded away. */
export class MoneyOverflowError extends RangeError {
  constructor(what: string) {
    super(`${what} leaves the safe integer range of cents`)
    this.name = 'MoneyOverflowError'
  }
}

/** a + b in cents, checked: both and the sum must be safe integers (no silent float rounding). */
export function addCents(a: Cents, b: Cents, what = 'sum'): Cents {
  const sum = a + b
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(sum))
    throw new MoneyOverflowError(what)
  return sum
}

/** a × n in cents (a price times a quantity), checked like addCents. */
export function multiplyCents(a: Cents, n: number, what = 'product'): Cents {
  const product = a * n
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(n) || !Number.isSafeInteger(product))
    throw new MoneyOverflowError(what)
  return product
}

/** Σ values, checked at every step. */
export function sumCents(values: Iterable<Cents>, what = 'sum'): Cents {
  let total = 0
  for (const v of values) total = addCents(total, v, what)
  return total
}

/** "7,96 €" in German, "€7.96" in English: for the UI only. */
export function formatMoney(cents: Cents, locale: 'de' | 'en' = 'de'): string {
  const f = numberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency: 'EUR' })
  // `+ 0` turns −0 (e.g. the negation of an empty cash-out) into 0, so no "-0,00 €" is printed.
  return f.format(cents / 100 + 0)
}

const plain = numberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/** "7,96" — the number alone, German style, as receipts print it next to a currency word or sign. */
export function formatAmount(cents: Cents): string {
  return plain.format(cents / 100 + 0)
}

/**
 * Parses what a person types ("7,96", "7.96", "7", "1.234,50") into cents; null when it is not an amount.
 */
export function parseAmount(text: string): Cents | null {
  const t = text.trim().replace(/\s|€|EUR/gi, '')
  if (!/^-?\d{1,3}(?:[.\s]?\d{3})*(?:[.,]\d{1,2})?$|^-?\d+(?:[.,]\d{1,2})?$/.test(t)) return null
  // The last separator followed by one or two digits is the decimal point; all others group thousands.
  const lastSep = Math.max(t.lastIndexOf(','), t.lastIndexOf('.'))
  const normal =
    lastSep >= 0 && t.length - lastSep - 1 <= 2
      ? t.slice(0, lastSep).replace(/[.,]/g, '') + '.' + t.slice(lastSep + 1)
      : t.replace(/[.,]/g, '')
  const value = Math.round(Number(normal) * 100)
  return Number.isSafeInteger(value) ? value : null
}

/**
 * Splits `total` cents over `weights` in proportion; each share is rounded to the cent and the
 * largest remainders absorb the drift, so the shares always add up to `total` exactly.
 */
export function splitProportionally(total: Cents, weights: readonly number[]): Cents[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  if (sum <= 0) return weights.map(() => 0)
  const raw = weights.map((w) => (total * w) / sum)
  const floors = raw.map((r) => Math.floor(r))
  let rest = total - floors.reduce((a, b) => a + b, 0)
  const order = raw
    .map((r, i) => ({ i, frac: r - Math.floor(r) }))
    .sort((a, b) => b.frac - a.frac || weights[b.i] - weights[a.i])
  for (const { i } of order) {
    if (rest <= 0) break
    floors[i] += 1
    rest -= 1
  }
  return floors
}

/** VAT contained in a gross amount at `ratePercent`, rounded half up to the cent. */
export function vatFromGross(gross: Cents, ratePercent: number): Cents {
  if (ratePercent === 0) return 0
  const net = (gross * 100) / (100 + ratePercent)
  return Math.sign(gross) * Math.round(Math.abs(gross - net))
}
