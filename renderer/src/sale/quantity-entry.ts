// The quantity pad's state, pure so it is unit-tested: digits typed, and a multiplier fixed with "×".
//   "3" then a product         → 3 of it
//   "3 ×" then a product       → 3 of it (the × only makes the number visible as a multiplier)
//   "101" then "PLU"           → PLU 101 once;   "3 × 101" then "PLU" → 3 of PLU 101
import { MAX_QUANTITY } from '../../../common/basket'

export interface QuantityEntry {
  /** Digits typed since the last ×, product or PLU. */
  digits: string
  /** A quantity fixed with ×, or null. */
  times: number | null
}

export const EMPTY_ENTRY: QuantityEntry = { digits: '', times: null }

const MAX_DIGITS = 6

export function typeDigit(entry: QuantityEntry, digit: string): QuantityEntry {
  if (!/^\d$/.test(digit) || entry.digits.length >= MAX_DIGITS) return entry
  return { ...entry, digits: entry.digits + digit }
}

/** "×": the digits become the multiplier (ignored when they are no valid quantity). */
export function pressTimes(entry: QuantityEntry): QuantityEntry {
  const n = Number(entry.digits)
  if (entry.digits === '' || !Number.isInteger(n) || n < 1 || n > MAX_QUANTITY) return entry
  return { digits: '', times: n }
}

/** How many pieces the next product tap adds; null when the typed number is no quantity (0, > 999). */
export function quantityForProduct(entry: QuantityEntry): number | null {
  if (entry.digits === '') return entry.times ?? 1
  const n = Number(entry.digits)
  const q = (entry.times ?? 1) * n
  return Number.isInteger(q) && q >= 1 && q <= MAX_QUANTITY ? q : null
}

/** The PLU key: the digits are the PLU, the multiplier the quantity. */
export function pluRequest(entry: QuantityEntry): { plu: string; quantity: number } | null {
  if (entry.digits === '') return null
  return { plu: entry.digits, quantity: entry.times ?? 1 }
}

/** What the pad's display shows: "3 × 101", "3 ×", "12" or "". */
export function entryText(entry: QuantityEntry): string {
  if (entry.times === null) return entry.digits
  return entry.digits === '' ? `${entry.times} ×` : `${entry.times} × ${entry.digits}`
}
