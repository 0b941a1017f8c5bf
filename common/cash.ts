// Euro coins and notes in cents, smallest first. One list for the journal's check of a counted drawer
// (main/journal) and the Z report's counting sheet (renderer), so both accept exactly the same values.
export const EURO_DENOMINATIONS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000,
] as const
export type EuroDenomination = (typeof EURO_DENOMINATIONS)[number]

/** Coins up to 2 €, notes from 5 €. */
export function isCoin(value: number): boolean {
  return value <= 200
}
