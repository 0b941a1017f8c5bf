// What the app reads from the API, as zod models tolerant of unknown fields (looseObject). Keys are
// exactly as on the wire: snake_case except transactionRef, merchantRef, priceOne, articleNumber,
// isValid … (docs/secuconnect.md). Amounts are integer cents.
import { z } from 'zod'
import { cents } from '../../common/cents'
import { apiReceiptLine } from '../../common/receipt/api-lines'

const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? null)

export const oauthTokenResponse = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
  refresh_token: z.string().min(1).nullish(),
})

export const deviceCodeResponse = z.looseObject({
  device_code: z.string().min(1),
  user_code: z.string().min(1),
  verification_url: z.string().min(1),
  expires_in: z.number().positive(),
  interval: z.number().positive().default(5),
})

export const oauthErrorBody = z.looseObject({ error: z.string(), error_description: z.string().optional() })

export const productExceptionPayload = z.looseObject({
  status: z.literal('error').optional(),
  error: z.string(),
  error_details: nullableString,
  error_user: nullableString,
  code: z
    .number()
    .int()
    .nullish()
    .transform((v) => v ?? null),
  supportId: nullableString,
})

export const merchantCard = z.looseObject({
  id: z.string(),
  card: z.looseObject({ id: z.string().optional(), cardnumber: z.string() }),
  cardgroup: z.looseObject({ id: z.string(), display_name: z.string().optional() }),
  customer: z
    .looseObject({
      id: z.string(),
      contact: z
        .looseObject({
          forename: z.string().optional(),
          surname: z.string().optional(),
          name: z.string().optional(),
        })
        .nullish(),
    })
    .nullish(),
  points: z.number().int().optional(),
  cash_balance: cents,
  bonus_balance: cents,
  balance: cents,
  stock_status: z.string().optional(),
  lock_status: z.string(),
  /**
   * 0 = no PIN check; 1 before any operation; 2..6 before one kind of action (secuconnect-java-sdk
   * LoyaltyMerchantcardsProductModel).
   */
  passcode: z.number().int().default(0),
})
export type MerchantCard = z.output<typeof merchantCard>

export const smartIdent = z.looseObject({
  type: z.string(),
  value: z.string(),
  valid: z.boolean().optional(),
  merchantcard: merchantCard.nullish(),
})
export type SmartIdent = z.output<typeof smartIdent>

export const basketProduct = z.looseObject({
  id: z.number().int(),
  articleNumber: z.union([z.string(), z.number()]).nullish(),
  ean: z.string().nullish(),
  desc: z.string(),
  quantity: z.number(),
  priceOne: cents,
  tax: z.number(),
})
export type BasketProduct = z.output<typeof basketProduct>

export const basketInfo = z.looseObject({
  sum: cents,
  currency: z.string().optional(),
  gratuity: cents.nullish(),
  missing_sum: cents.optional(),
})

export type SmartTransactionStatus =
  | 'created'
  | 'processing'
  | 'approved'
  | 'pending'
  | 'ok'
  | 'failed'
  | 'cancelled'
  | 'aborted'
  | (string & {})
/**
 * Legacy SDKs spell it `canceled` (secucard-connect-java-sdk smart/model/Transaction.java); normalise to the
 * API's `cancelled`.
 */
const status = z.string().transform((s): SmartTransactionStatus => (s === 'canceled' ? 'cancelled' : s))

export const smartTransaction = z.looseObject({
  object: z.string().optional(),
  id: z.string(),
  status,
  created: z.string().nullish(),
  updated: z.string().nullish(),
  merchantRef: nullableString,
  transactionRef: nullableString,
  basket: z.looseObject({ products: z.array(basketProduct).default([]) }).nullish(),
  basket_info: basketInfo.nullish(),
  idents: z
    .array(smartIdent)
    .nullish()
    .transform((v) => v ?? []),
  receipt: z
    .array(apiReceiptLine)
    .nullish()
    .transform((v) => v ?? []),
  receipt_merchant: z
    .array(apiReceiptLine)
    .nullish()
    .transform((v) => v ?? []),
  receipt_merchant_print: z.boolean().nullish(),
  /** TA code; an int in the model docs, a string in the examples. */
  trans_id: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v === null || v === undefined ? null : String(v))),
  payment_method: nullableString,
  transactions: z
    .array(z.looseObject({ object: z.string(), id: z.string() }))
    .nullish()
    .transform((v) => v ?? []),
  is_demo: z.boolean().optional(),
})
export type SmartTransaction = z.output<typeof smartTransaction>

export const listOf = <T extends z.ZodType>(item: T) =>
  z.looseObject({ count: z.number().int(), data: z.array(item) })

export const preTransactionResult = z.looseObject({
  missing_sum: cents,
  bonus_products: z.array(basketProduct).default([]),
})
export type PreTransactionResult = z.output<typeof preTransactionResult>

export const validateMerchantCardResult = z.looseObject({
  isValid: z.boolean(),
  hasPasscode: z.boolean().optional(),
  isLocked: z.boolean().optional(),
})
export type ValidateMerchantCardResult = z.output<typeof validateMerchantCardResult>

export const booleanResult = z.looseObject({ result: z.boolean() })

/**
 * What the register sends on create and PUT (the full DTO on PUT; secuconnect docs:
 * Update_the_Smart_Transaction).
 */
export interface SmartTransactionDraft {
  basket?: { products: BasketProductInput[]; type?: string }
  basket_info?: { sum: number; currency?: string; gratuity?: number | null }
  idents?: { type: 'card' | 'create_card'; value: string }[]
  merchantRef?: string | null
  transactionRef?: string | null
  is_demo?: boolean
  intent?: 'sale' | 'order'
  contract?: { id: string }
}

export interface BasketProductInput {
  id: number
  desc: string
  quantity: number
  /** Gross unit price in cents. */
  priceOne: number
  /** VAT rate in percent (7, 19, 0). */
  tax: number
  articleNumber?: string | number | null
  ean?: string | null
  parent?: number | null
}
