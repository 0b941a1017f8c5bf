// The simulator's card data: merchant, card groups with their bonus programme, bonus products per VAT
// rate and the cards themselves. The default file reproduces the cards of the published examples.
import { readFileSync } from 'node:fs'
import { z } from 'zod'
// Imported rather than read at run time so the bundled app (demo mode) carries it.
import defaultSeedJson from './seed-cards.json'

const digits16 = z.string().regex(/^\d{16}$/)

export const seedSchema = z.object({
  merchant: z.object({ id: z.string(), companyname: z.string() }),
  store: z.string(),
  /** One per VAT rate (docs/secuconnect.md: configured in SecuOffice). */
  bonusProducts: z.array(
    z.object({ tax: z.number(), articleNumber: z.string(), ean: z.string(), desc: z.string() }),
  ),
  topUpEans: z.array(z.string()),
  cardGroups: z.array(
    z.object({
      id: z.string(),
      display_name: z.string(),
      /** Bonus collected on eligible revenue, in 1/100 %: 1000 = 10 %. 0 = no bonus programme. */
      bonusBasisPoints: z.number().int().min(0).max(10_000),
      /** Article numbers or EANs excluded from the recorded (bonus-eligible) revenue. */
      blacklist: z.array(z.string()).default([]),
    }),
  ),
  cards: z.array(
    z.object({
      cardnumber: digits16,
      merchantcardId: z.string(),
      cardId: z.string(),
      cardgroup: z.string(),
      cash_balance: z.number().int(),
      bonus_balance: z.number().int(),
      points: z.number().int().default(0),
      stock_status: z.enum(['active', 'inactive', 'stored']).default('active'),
      lock_status: z.enum(['locked', 'unlocked']).default('unlocked'),
      /**
       * 0 = no check; 1..6 = check before an action (secuconnect-java-sdk LoyaltyMerchantcardsProductModel).
       */
      passcode: z.number().int().min(0).max(6).default(0),
      pin: z.number().int().nullable().default(null),
      customer: z.object({ id: z.string(), forename: z.string(), surname: z.string() }).optional(),
    }),
  ),
})

export type Seed = z.output<typeof seedSchema>
export type SeedInput = z.input<typeof seedSchema>

export const defaultSeed = (): Seed => seedSchema.parse(structuredClone(defaultSeedJson))

export function loadSeedFile(file: string): Seed {
  return seedSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
}
