// The receipt lines the secuconnect API returns (docs/secuconnect.md). The client parses them,
// the simulator emits them, and the receipt model prints them — all through this one schema.
import { z } from 'zod'

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
