// Who sells at this till. A seller logs in with a PIN (or a badge scan); managers may also do storno,
// cash movements and the day's closing.
import { z } from 'zod'

export const sellerRole = z.enum(['seller', 'manager'])

export const sellerConfig = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'letters, digits, dot, dash, underscore'),
    name: z.string().trim().min(1).max(24),
    /** 4–6 digits. Inference [I]: a till PIN only tells colleagues apart; it guards no money on its own. */
    pin: z
      .string()
      .regex(/^\d{4,6}$/, '4–6 digits')
      .optional(),
    /** A badge's code as the scanner reads it (raw code), as an alternative to the PIN. */
    badge: z.string().min(4).max(64).optional(),
    role: sellerRole.default('seller'),
  })
  .strict()
export type SellerConfig = z.output<typeof sellerConfig>

export const DEMO_SELLERS: SellerConfig[] = [
  { id: 'anna', name: 'Anna', pin: '1111', role: 'seller' },
  { id: 'ben', name: 'Ben', pin: '2222', role: 'seller' },
  { id: 'chefin', name: 'Chefin', pin: '9999', role: 'manager' },
]

export const sellerView = z.object({
  id: z.string(),
  name: z.string(),
  role: sellerRole,
  needsPin: z.boolean(),
})
export type SellerView = z.infer<typeof sellerView>

export const sellerLoginInput = z.union([
  z.object({ sellerId: z.string().min(1).max(32), pin: z.string().max(6).optional() }).strict(),
  z.object({ badge: z.string().min(1).max(64) }).strict(),
])
