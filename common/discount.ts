// Discounts at the counter: per line or per sale, in percent or euro cents, always with a reason from
// the shop's list. Main computes every amount (integer cents); the renderer only shows them.
//
// Rounding (documented in docs/touch-ui.md):
// - A percent discount of a line is round-half-up(line gross × percent / 100), to the cent.
// - A euro discount of a line is the amount, at most the line's gross (a line never goes below 0).
// - A sale discount is booked per line, so every VAT rate carries its own exact reduction: percent →
//   each line by the rule above; euro → spread over the lines in proportion to their gross, the cents
//   left over by rounding down going to the lines with the largest remainders (largest-remainder
//   method), so the parts add up to the amount exactly.
// Lines that are never discounted: card top-ups (a multi-purpose voucher, not a supply) and deposits.
import { z } from 'zod'
import { cents } from './cents'

export const discountKind = z.enum(['percent', 'amount'])
export type DiscountKind = z.infer<typeof discountKind>

/** A configured reason: "Personal", "Vortag −50 %", "Abendverkauf". */
export const discountReason = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,32}$/, 'lowercase letters, digits, dash'),
    label: z.string().trim().min(1).max(32),
    /** A preset (e.g. 50 % for "Vortag"); the cashier may type another value when absent. */
    kind: discountKind.optional(),
    value: z.number().int().positive().optional(),
  })
  .strict()
  .refine((r) => (r.kind === undefined) === (r.value === undefined), 'kind and value go together')
  .refine((r) => r.kind !== 'percent' || (r.value ?? 0) <= 100, 'a percent discount is at most 100')
export type DiscountReason = z.infer<typeof discountReason>

export const discountConfig = z
  .object({
    reasons: z.array(discountReason).max(20),
    /** Above this percent (of the line or sale) the manager PIN is asked. */
    managerAbovePercent: z.number().int().min(0).max(100),
    /** Above this many cents of reduction the manager PIN is asked. */
    managerAboveCents: z.number().int().min(0).max(100_000),
    /**
     * Abendverkauf: from this local hour on, articles marked `evening` in the catalogue get this
     * discount by themselves (null: off).
     */
    evening: z
      .object({
        fromHour: z.number().int().min(0).max(23),
        percent: z.number().int().min(1).max(100),
        reasonId: z.string(),
      })
      .strict()
      .nullable(),
  })
  .strict()
export type DiscountConfig = z.infer<typeof discountConfig>

export const DEFAULT_DISCOUNTS: DiscountConfig = {
  reasons: [
    { id: 'personal', label: 'Personal' },
    { id: 'vortag', label: 'Vortag', kind: 'percent', value: 50 },
    { id: 'abendverkauf', label: 'Abendverkauf', kind: 'percent', value: 30 },
    { id: 'kulanz', label: 'Kulanz' },
  ],
  managerAbovePercent: 20,
  managerAboveCents: 500,
  evening: { fromHour: 17, percent: 30, reasonId: 'abendverkauf' },
}

/** The discount a basket line carries (the line's `total` is already reduced by `amount`). */
export const lineDiscount = z.object({
  kind: discountKind,
  /** Percent (1–100) or cents, as entered. */
  value: z.number().int().positive(),
  /** The reduction of this line in cents (> 0). */
  amount: cents.positive(),
  reasonId: z.string(),
  reason: z.string(),
  /** The manager who allowed a discount above the limit. */
  managerId: z.string().nullable(),
  /** 'sale': part of a discount on the whole sale; 'line': this line's own; 'evening': the time rule. */
  scope: z.enum(['line', 'sale', 'evening']),
})
export type LineDiscount = z.infer<typeof lineDiscount>

export const basketDiscountInput = z
  .object({
    /** The line to discount; absent: the whole sale. */
    lineId: z.string().min(1).optional(),
    kind: discountKind,
    value: z.number().int().positive().max(100_000),
    reasonId: z.string().min(1).max(32),
    managerPin: z
      .string()
      .regex(/^\d{4,8}$/)
      .optional(),
  })
  .strict()
export const basketRemoveDiscountInput = z.object({ lineId: z.string().min(1).optional() }).strict()

/** Half up to the cent for non-negative amounts (kaufmännisches Runden). */
function roundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator))
}

/** The reduction of one line of `gross` cents (≥ 0). */
export function discountOf(gross: number, kind: DiscountKind, value: number): number {
  if (gross <= 0) return 0
  if (kind === 'percent') return Math.min(gross, roundHalfUp(gross * value, 100))
  return Math.min(gross, value)
}

/**
 * Splits `amount` cents over lines of the given gross in proportion, exactly (largest remainder; ties
 * to the earlier line). Never more than a line's gross.
 */
export function spread(grosses: readonly number[], amount: number): number[] {
  const sum = grosses.reduce((a, b) => a + Math.max(0, b), 0)
  if (sum <= 0 || amount <= 0) return grosses.map(() => 0)
  const capped = Math.min(amount, sum)
  const exact = grosses.map((g) => (Math.max(0, g) * capped) / sum)
  const parts = exact.map(Math.floor)
  let left = capped - parts.reduce((a, b) => a + b, 0)
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i)
  for (const { i } of order) {
    if (left === 0) break
    parts[i] += 1
    left -= 1
  }
  return parts
}
