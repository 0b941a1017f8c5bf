// The register's configuration file (JSON). Everything has a default, so an empty object is a valid
// demo configuration; a config file that is present but wrong stops the start with a clear message.
import { z } from 'zod'
import { devicesConfig } from './devices'
import { secuconnectConfig } from './secuconnect'
import { fiscalConfig } from './fiscal'
import { centralConfig } from './central'
import { locale } from '../locale'
import { DEMO_SELLERS, sellerConfig } from '../sellers'
import { DEFAULT_DISCOUNTS, discountConfig } from '../discount'
import { printableText } from '../text'
import { MAX_ROW_CENTS } from '../money'
import { consumption } from '../consumption'

export const shopConfig = z
  .object({
    // Shop texts go onto paper and screens: no control or bidi characters (common/text.ts).
    name: printableText(48).min(1).default('Bäckerei Demo'),
    /** Address lines printed under the name. */
    address: z.array(printableText(48)).max(4).default(['Hauptstraße 1', '12345 Musterstadt']),
    taxNumber: printableText(32).optional(),
    vatId: printableText(32).optional(),
    footer: z.array(printableText(48)).max(4).default(['Vielen Dank für Ihren Einkauf!']),
  })
  .strict()

/** The sellers of a till (config) or of a shop (head office master data): ids and PINs unique. */
export const sellerList = z
  .array(sellerConfig)
  .min(1)
  .max(50)
  .refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'seller ids must be unique')
  .refine(
    (list) => new Set(list.flatMap((s) => (s.pin ? [s.pin] : []))).size === list.filter((s) => s.pin).length,
    'seller PINs must be unique',
  )

/** Caps on what one line and one sale may cost (cents): a forged or mistyped price never reaches the journal. */
export const limitsConfig = z
  .object({
    /** Default 10 000 €: far above a bakery sale, far below anything that could overflow a report. */
    saleMaxCents: z.number().int().min(100).max(MAX_ROW_CENTS).default(1_000_000),
    lineMaxCents: z.number().int().min(100).max(MAX_ROW_CENTS).default(1_000_000),
  })
  .strict()
  .refine((l) => l.lineMaxCents <= l.saleMaxCents, {
    message: 'lineMaxCents must not exceed saleMaxCents',
    path: ['lineMaxCents'],
  })
export type LimitsConfig = z.output<typeof limitsConfig>

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
    /** TSE (KassenSichV): see common/config/fiscal.ts. */
    fiscal: fiscalConfig.default(fiscalConfig.parse({})),
    kiosk: z.boolean().default(false),
    /** Discount reasons, the manager limit and the Abendverkauf time rule (common/discount.ts). */
    discounts: discountConfig.default(DEFAULT_DISCOUNTS),
    /** The head office's PostgreSQL shared with the shop's other tills; absent: this till runs alone. */
    central: centralConfig.optional(),
    /** Folder the Z closing writes a backup of the journal into; `backups/` in the data dir when absent. */
    backupDir: z.string().min(1).optional(),
    limits: limitsConfig.default({ saleMaxCents: 1_000_000, lineMaxCents: 1_000_000 }),
    /**
     * Im Haus / Außer Haus a new sale starts with (the seller switches per sale). A bakery counter sells
     * mostly to take away; a café till sets "inhouse" (docs/vat-rates.md).
     */
    defaultConsumption: consumption.default('takeaway'),
    sellers: sellerList.default(DEMO_SELLERS),
  })
  .strict()

export type AppConfig = z.output<typeof appConfig>
export type AppConfigInput = z.input<typeof appConfig>

/** The configuration used when no file exists (demo mode weighs on the virtual scale). */
export const demoConfig = (): AppConfig =>
  appConfig.parse({ demo: true, devices: { scale: { driver: 'virtual' } } })
