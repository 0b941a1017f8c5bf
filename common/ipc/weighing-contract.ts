// Commands for loose goods: weigh an article (the scale's stable reading, or a typed weight where the shop
// has no scale) and the free-price keys per VAT rate. Main prices every line; the renderer only asks.
import { z } from 'zod'
import { command } from './define'
import { registerView } from '../basket'

const none = z.object({}).strict().default({})

/** The VAT rates a free-price key can have (German standard and reduced rate). */
export const freePriceRate = z.union([z.literal(7), z.literal(19)])

export const weighingInfo = z.object({
  /** 'none': weights are typed in; otherwise only the scale's reading counts (legal for trade). */
  scale: z.enum(['none', 'virtual', 'serial']),
  freePrice: z.object({ rates: z.array(freePriceRate), maxCents: z.number().int() }),
})
export type WeighingInfo = z.infer<typeof weighingInfo>

export const basketWeighInput = z
  .object({
    productId: z.string().min(1).max(64),
    /** Grams typed by the cashier; only accepted when no scale is configured. */
    grams: z.number().int().min(1).max(99_999).optional(),
  })
  .strict()

export const weighingResult = z.object({
  register: registerView,
  weighing: z.object({
    grams: z.number().int(),
    source: z.enum(['scale', 'manual']),
    /** Cents per kg. */
    unitPrice: z.number().int(),
    total: z.number().int(),
  }),
})
export type WeighingResult = z.infer<typeof weighingResult>

export const basketFreePriceInput = z
  .object({
    vatRate: freePriceRate,
    /** Cents, above 0 and at most the configured maximum (checked in main). */
    amount: z.number().int().min(1).max(10_000_000),
  })
  .strict()

/** Demo mode only: put goods on the virtual scale (grams; `motion` while they settle). */
export const demoScaleInput = z
  .object({ grams: z.number().int().min(-1000).max(100_000), motion: z.boolean().default(false) })
  .strict()

export const weighingCommands = {
  'demo.scale': command(demoScaleInput, z.object({ grams: z.number().int(), motion: z.boolean() })),
  'weighing.info': command(none, weighingInfo),
  'basket.weigh': command(basketWeighInput, weighingResult),
  'basket.addFreePrice': command(basketFreePriceInput, registerView),
} as const
