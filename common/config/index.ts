// The register's configuration file (JSON). Everything has a default, so an empty object is a valid
// demo configuration; a config file that is present but wrong stops the start with a clear message.
import { z } from 'zod'
import { devicesConfig } from './devices'
import { secuconnectConfig } from './secuconnect'
import { locale } from '../locale'
import { DEMO_SELLERS, sellerConfig } from '../sellers'
import { DEFAULT_DISCOUNTS, discountConfig } from '../discount'

export const shopConfig = z
  .object({
    name: z.string().min(1).max(48).default('Bäckerei Demo'),
    /** Address lines printed under the name. */
    address: z.array(z.string().max(48)).max(4).default(['Hauptstraße 1', '12345 Musterstadt']),
    taxNumber: z.string().max(32).optional(),
    vatId: z.string().max(32).optional(),
    footer: z.array(z.string().max(48)).max(4).default(['Vielen Dank für Ihren Einkauf!']),
  })
  .strict()

export const appConfig = z
  .object({
    /** Demo mode: virtual devices, the built-in secuconnect simulator and the sample catalogue. */
    demo: z.boolean().default(false),
    locale: locale.default('de'),
    tillId: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,32}$/, 'letters, digits, dot, dash, underscore')
      .default('kasse-1'),
    shop: shopConfig.default(shopConfig.parse({})),
    receipt: z
      .object({ policy: z.enum(['always', 'ask', 'never']).default('ask') })
      .strict()
      .default({ policy: 'ask' }),
    /** Path of a catalogue JSON or CSV; the demo catalogue when absent. */
    catalog: z.string().min(1).optional(),
    secuconnect: secuconnectConfig.default(secuconnectConfig.parse({})),
    devices: devicesConfig.default(devicesConfig.parse({})),
    kiosk: z.boolean().default(false),
    /** Discount reasons, the manager limit and the Abendverkauf time rule (common/discount.ts). */
    discounts: discountConfig.default(DEFAULT_DISCOUNTS),
    sellers: z
      .array(sellerConfig)
      .min(1)
      .max(50)
      .refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'seller ids must be unique')
      .refine(
        (list) =>
          new Set(list.flatMap((s) => (s.pin ? [s.pin] : []))).size === list.filter((s) => s.pin).length,
        'seller PINs must be unique',
      )
      .default(DEMO_SELLERS),
  })
  .strict()

export type AppConfig = z.output<typeof appConfig>
export type AppConfigInput = z.input<typeof appConfig>

/** The configuration used when no file exists. */
export const demoConfig = (): AppConfig => appConfig.parse({ demo: true })
