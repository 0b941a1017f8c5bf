// Combo offers (Kombiangebote, e.g. "Kaffeegedeck" = coffee + a piece of cake at one price): one price,
// split into the components' VAT shares (docs/vat-rates.md, "Kombiangebote").
//
// Law: a single price for food (7 %) and drinks (19 %) must be split (Aufteilungsgebot, § 12 Abs. 2
// Nr. 15 UStG excludes drinks). Two ways are allowed:
// - `prices` (the default): in the ratio of the components' single selling prices, the method the BFH
//   (3 Apr 2013, V B 125/12) calls the simplest appropriate one and the BMF-Schreiben of 28 Nov 2013
//   (Spar-Menüs) accepts; it needs no extra figure and follows every price change;
// - `shares`: fixed percent per component, e.g. the flat 30 % drinks share the BMF-Schreiben of
//   22 Dec 2025 accepts for Kombiangebote aus Speisen inklusive Getränken (UStAE Abschn. 10.1 Abs. 12).
//
// Rounding: integer cents by the largest remainder (Hamilton): each component gets the floor of its
// exact share, the cents left over go one each to the largest fractional remainders (ties: the earlier
// component). The shares therefore always add up to the price exactly and are never negative.
import { z } from 'zod'
import { vatRate } from './vat-rate'

export const comboSplit = z.enum(['prices', 'shares'])
export type ComboSplit = z.infer<typeof comboSplit>

const componentId = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash, underscore (1–64)')

/** A combo as the catalogue defines it. */
export const comboDefinition = z
  .object({
    components: z
      .array(
        z
          .object({
            productId: componentId,
            quantity: z.number().int().min(1).max(99).default(1),
            /** Percent of the price, with split `shares` (all shares add up to 100). */
            share: z.number().int().min(1).max(99).optional(),
          })
          .strict(),
      )
      .min(2, 'a combo has at least two components')
      .max(8, 'a combo has at most eight components'),
    split: comboSplit.default('prices'),
  })
  .strict()
  .superRefine((c, ctx) => {
    const shares = c.components.map((x) => x.share)
    if (c.split === 'shares') {
      if (shares.some((s) => s === undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['components'],
          message: 'split "shares": every component needs a share',
        })
      else if (shares.reduce((a: number, b) => a + (b ?? 0), 0) !== 100)
        ctx.addIssue({ code: 'custom', path: ['components'], message: 'the shares must add up to 100' })
    } else if (shares.some((s) => s !== undefined))
      ctx.addIssue({ code: 'custom', path: ['split'], message: 'shares are only used with split "shares"' })
  })
export type ComboDefinition = z.output<typeof comboDefinition>

/** One component of a combo line, as main priced it (the renderer shows it, never computes it). */
export const lineComponent = z.object({
  productId: z.string(),
  name: z.string(),
  quantity: z.number().int().min(1),
  vatRate,
  /** Its weight in the split: single price × quantity (`prices`) or percent (`shares`). */
  weight: z.number().int().min(0),
  /** Cents of the line's total that fall to this component; the components add up to the total. */
  amount: z.number().int(),
})
export type LineComponent = z.infer<typeof lineComponent>

/**
 * Splits `total` cents in the ratio of `weights` (largest remainder, exact integers): the parts add up
 * to `total`, each has the sign of `total` (or is 0). Throws when no weight is positive.
 */
export function splitCents(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total)) throw new RangeError(`total ${total} is not a whole number of cents`)
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0))
    throw new RangeError('weights must be whole numbers ≥ 0')
  const sum = weights.reduce((a, b) => a + b, 0)
  if (sum <= 0) throw new RangeError('at least one weight must be above 0')
  if (total < 0) return splitCents(-total, weights).map((p) => (p === 0 ? 0 : -p))
  // BigInt: total × weight can pass 2^53 for large lines.
  const t = BigInt(total)
  const s = BigInt(sum)
  const parts = weights.map((w) => Number((t * BigInt(w)) / s))
  const rests = weights.map((w, i) => ({ i, rest: (t * BigInt(w)) % s }))
  let left = total - parts.reduce((a, b) => a + b, 0)
  rests.sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1))
  for (const { i } of rests) {
    if (left === 0) break
    parts[i] += 1
    left -= 1
  }
  return parts
}

/** The line's components with their cents of `total` (recomputed from the weights: one rule everywhere). */
export function priceComponents<C extends Omit<LineComponent, 'amount'>>(
  total: number,
  components: readonly C[],
): (C & { amount: number })[] {
  const amounts = splitCents(
    total,
    components.map((c) => c.weight),
  )
  return components.map((c, i) => ({ ...c, amount: amounts[i] }))
}

/**
 * What a line contributes per VAT rate: a plain line its total at its rate; a combo line its total split
 * over its components' rates. Every VAT sum of the till (basket, receipt, X/Z, processData, export)
 * goes through this, so a combo is split the same way everywhere.
 */
export function vatPortions(line: {
  total: number
  vatRate: number
  components?: readonly { vatRate: number; weight: number }[]
}): { vatRate: number; total: number }[] {
  const parts = line.components
  if (!parts || parts.length === 0) return [{ vatRate: line.vatRate, total: line.total }]
  const amounts = splitCents(
    line.total,
    parts.map((c) => c.weight),
  )
  return parts.map((c, i) => ({ vatRate: c.vatRate, total: amounts[i] }))
}

/** The rate a combo line names as its own (the largest share; ties: the first): for readers that show one. */
export function leadingRate<R extends number>(components: readonly { vatRate: R; amount: number }[]): R {
  let best = components[0]
  for (const c of components) if (Math.abs(c.amount) > Math.abs(best.amount)) best = c
  return best.vatRate
}
