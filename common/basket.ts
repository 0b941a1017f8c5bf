// The basket as the UI shows it and the sale service hands it to the journal: JSON-safe, integer cents.
//
// VAT rounding: prices are gross. Lines are summed per VAT rate first; the VAT of each rate is then
// extracted once from that rate's gross sum (vatFromGross: half up, to the cent) and net = gross − VAT.
// Extracting per line and adding up would drift by a cent per line (3 × 0,55 € at 7 %: per line
// 3 × 4 ct = 12 ct, from the sum 1,65 € → 11 ct). The per-rate gross sums are what DSFinV-K's
// processData and the receipt's VAT table carry (KassenSichV § 6, DSFinV-K 2.4 processData), so they must add up exactly.
import { z } from 'zod'
import { cents } from './cents'
import { addCents, MAX_ROW_CENTS, sumCents, vatFromGross, type Cents } from './money'
import { VAT_RATES, vatRate, type VatRate } from './catalog'
import { scan } from './devices'
import { lineDiscount } from './discount'
import { lineComponent, vatPortions } from './combo'
import { consumption, DEFAULT_CONSUMPTION } from './consumption'

// A line's amounts stay within one journal row's bound (common/money.ts), so every sum of them is safe.
const lineCents = z.number().int().min(-MAX_ROW_CENTS).max(MAX_ROW_CENTS)

/** piece: tapped/scanned/PLU article × quantity; weight: scale label; price: price label; topup: card load. */
export const basketLineKind = z.enum(['piece', 'weight', 'price', 'topup'])
export type BasketLineKind = z.infer<typeof basketLineKind>

export const MAX_QUANTITY = 999

export const basketLine = z.object({
  lineId: z.string(),
  productId: z.string(),
  name: z.string(),
  kind: basketLineKind,
  /** Negative only for returned deposits (Pfandrücknahme). */
  quantity: z
    .number()
    .int()
    .min(-MAX_QUANTITY)
    .max(MAX_QUANTITY)
    .refine((q) => q !== 0, 'quantity must not be 0'),
  /** Gross cents per piece; per kg for weight lines. */
  unitPrice: lineCents,
  /** Gross cents of the line. */
  total: lineCents,
  vatRate,
  weightGrams: z.number().int().positive().optional(),
  /** The product's EAN (the payment API's basket wants it, e.g. the top-up EAN). */
  ean: z.string().optional(),
  articleNumber: z.string().optional(),
  /** A deposit line (Pfand): follows its article (`depositFor`) or, negative, a returned deposit. */
  deposit: z.boolean().optional(),
  /** The article line this deposit follows; its quantity is always the article's. */
  depositFor: z.string().optional(),
  /** A discount on this line (its own or its part of a sale discount); `total` is already reduced. */
  discount: lineDiscount.optional(),
  /**
   * A combo line (Kaffeegedeck): its components with their VAT rate and cents of `total` (common/combo.ts);
   * `vatRate` is then the rate of the largest share, and every VAT sum uses the components.
   */
  components: z.array(lineComponent).optional(),
})
export type BasketLine = z.infer<typeof basketLine>

export const vatBreakdownRow = z.object({ rate: vatRate, gross: cents, net: cents, vat: cents })
export type VatBreakdownRow = z.infer<typeof vatBreakdownRow>

export const basketTotals = z.object({
  /** Number of pieces (weight, price and top-up lines count as one). */
  itemCount: z.number().int(),
  total: cents,
  /** One row per rate present, in the order 19 %, 7 %, 0 %. */
  vat: z.array(vatBreakdownRow),
})
export type BasketTotals = z.infer<typeof basketTotals>

export const basketView = basketTotals.extend({
  sellerId: z.string(),
  lines: z.array(basketLine),
  /** The discount on the whole sale (its parts sit on the lines), for the screen. */
  saleDiscount: z
    .object({
      kind: z.enum(['percent', 'amount']),
      value: z.number().int(),
      reason: z.string(),
      amount: cents,
    })
    .nullable()
    .default(null),
  /** Sum of all line discounts in cents. */
  discountTotal: cents.default(0),
  /** Im Haus / Außer Haus: decides the rate of drinks and milk drinks (common/consumption.ts). */
  consumption: consumption.default(DEFAULT_CONSUMPTION),
})
export type BasketView = z.infer<typeof basketView>

/** What the seller bar shows: whose baskets wait, and which one is on screen. */
export const registerView = z.object({
  activeSellerId: z.string().nullable(),
  /** The active seller's basket; null when nobody is selected. */
  basket: basketView.nullable(),
  /** Every seller with a basket (active or parked), for the one-tap resume buttons. */
  sellers: z.array(
    z.object({
      sellerId: z.string(),
      itemCount: z.number().int(),
      total: cents,
      active: z.boolean(),
      /** Parked at another till of the shop (head office link): tapping the seller takes it up here. */
      till: z.string().optional(),
    }),
  ),
})
export type RegisterView = z.infer<typeof registerView>

/** Totals of any lines with a gross `total` and a `vatRate`: the one VAT computation of the till. */
export function computeTotals(
  lines: readonly {
    total: Cents
    vatRate: VatRate
    quantity?: number
    kind?: BasketLineKind
    deposit?: boolean
    components?: readonly { vatRate: VatRate; weight: number }[]
  }[],
): BasketTotals {
  const grossByRate = new Map<VatRate, Cents>()
  let itemCount = 0
  for (const line of lines) {
    // A combo line adds each component's share at its own rate (common/combo.ts).
    for (const part of vatPortions(line)) {
      const rate = part.vatRate as VatRate
      grossByRate.set(rate, addCents(grossByRate.get(rate) ?? 0, part.total, 'basket total'))
    }
    // Deposits are no articles: "3 Artikel" counts the bottles, not their Pfand.
    if (line.deposit) continue
    itemCount += line.kind === undefined || line.kind === 'piece' ? Math.abs(line.quantity ?? 1) : 1
  }
  const vat = VAT_RATES.filter((rate) => grossByRate.has(rate)).map((rate) => {
    const gross = grossByRate.get(rate) ?? 0
    const tax = vatFromGross(gross, rate)
    return { rate, gross, net: gross - tax, vat: tax }
  })
  return {
    itemCount,
    total: sumCents(
      vat.map((row) => row.gross),
      'basket total',
    ),
    vat,
  }
}

// Command inputs the IPC contract can register as they are (the handlers live in main/register).
/** Im Haus / Außer Haus for the open sale; refused once a payment has started. */
export const basketSetConsumptionInput = z.object({ consumption }).strict()
export const basketAddProductInput = z
  .object({
    productId: z.string().min(1),
    quantity: z.number().int().min(1).max(MAX_QUANTITY).default(1),
    /** Top-up articles only: the amount chosen at the till, in cents. */
    amount: cents.optional(),
  })
  .strict()
export const basketAddPluInput = z
  .object({ plu: z.string().min(1).max(16), quantity: z.number().int().min(1).max(MAX_QUANTITY).default(1) })
  .strict()
/**
 * A typed-in code. Only `code` counts: main classifies it itself; the other Scan fields are accepted for
 * older clients but never used (a price or kind from a client would let it set its own prices).
 */
export const basketScanInput = z
  .object({ scan: scan.partial().extend({ code: z.string().min(1).max(256) }) })
  .strict()
export const basketSetQuantityInput = z
  .object({ lineId: z.string().min(1), quantity: z.number().int().min(1).max(MAX_QUANTITY) })
  .strict()
export const basketVoidLineInput = z.object({ lineId: z.string().min(1) }).strict()
/** Pfandrücknahme: `quantity` returned containers of the deposit article `productId`. */
export const basketReturnDepositInput = z
  .object({ productId: z.string().min(1), quantity: z.number().int().min(1).max(MAX_QUANTITY) })
  .strict()
export const sellerSwitchInput = z.object({ sellerId: z.string().min(1).max(64) }).strict()
