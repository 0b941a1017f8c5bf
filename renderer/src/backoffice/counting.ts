// The counting sheet's arithmetic: counts per euro coin and note, the counted total in cents, and the
// denominations list the Z report sends (only what was counted).
import { EURO_DENOMINATIONS } from '../../../common/cash'

export type Counts = Readonly<Record<number, number>>

/** Largest count per denomination the journal accepts. */
export const MAX_COUNT = 100_000

/** Notes first, largest first: the order a cashier empties the drawer. */
export const COUNTING_ORDER: readonly number[] = [...EURO_DENOMINATIONS].reverse()

export function countedTotal(counts: Counts): number {
  return COUNTING_ORDER.reduce((sum, value) => sum + value * (counts[value] ?? 0), 0)
}

export function setCount(counts: Counts, value: number, count: number): Counts {
  const next = Math.min(MAX_COUNT, Math.max(0, Math.trunc(count)))
  return { ...counts, [value]: next }
}

export function countedDenominations(counts: Counts): { value: number; count: number }[] {
  return COUNTING_ORDER.filter((value) => (counts[value] ?? 0) > 0).map((value) => ({
    value,
    count: counts[value],
  }))
}
