// The receipt lines the secuconnect API returns (docs/secuconnect.md). The client parses them,
// the simulator emits them, and the receipt model prints them — all through this one schema.
import { z } from 'zod'
import { maskCardNumbersIn } from '../card'

/** API data uses hyphens; legacy SDK constants use underscores — accept both, normalise to hyphens. */
export const receiptDecoration = z
  .string()
  .transform((d) => d.replace(/_/g, '-'))
  .pipe(z.enum(['important', 'align-left', 'align-center', 'align-right']).or(z.string()))

export const apiReceiptLine = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('separator'),
    value: z.looseObject({ caption: z.string().optional() }).optional(),
  }),
  z.looseObject({
    type: z.literal('textline'),
    value: z.looseObject({ text: z.string(), decoration: z.array(receiptDecoration).optional() }),
  }),
  z.looseObject({
    type: z.literal('name-value'),
    value: z.looseObject({
      name: z.string(),
      value: z.string(),
      decoration: z.array(receiptDecoration).optional(),
    }),
  }),
  z.looseObject({ type: z.literal('space'), value: z.unknown().optional() }),
])

export type ApiReceiptLine = z.output<typeof apiReceiptLine>
export type ApiReceiptLineInput = z.input<typeof apiReceiptLine>

/**
 * The API's receipt lines with every card number masked to its last four digits. secuconnect prints the
 * full secucard number ("Kartennummer: 9276…"), and a gift card without a PIN can be spent by anyone who
 * reads it off a receipt; so the lines are masked before any receipt document is built, kept or shown.
 */
export function maskApiReceiptLines(lines: readonly ApiReceiptLine[]): ApiReceiptLine[] {
  const mask = (value: unknown): unknown => {
    if (typeof value === 'string') return maskCardNumbersIn(value)
    if (Array.isArray(value)) return value.map(mask)
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v)]))
    return value
  }
  return lines.map((line) => mask(line) as ApiReceiptLine)
}
