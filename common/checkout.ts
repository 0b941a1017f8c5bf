// The checkout as the UI sees it: one state machine per sale in main (main/checkout), published as
// `checkout.changed` on every step so every window shows where the payment stands and a reloaded
// renderer picks it up again. JSON-safe, integer cents.
import { z } from 'zod'
import { cents } from './cents'
import { receiptDocument } from './receipt/model'

const messageParams = z.record(z.string(), z.union([z.string(), z.number()])).optional()

/** A scanned or typed secucard loyalty card, as the card panel shows it. */
export const cardView = z.object({
  /** "•••• •••• •••• 4352": the full number stays in main. */
  masked: z.string(),
  last4: z.string(),
  /** unknown card: the API answered `valid: false` (no error). */
  valid: z.boolean(),
  locked: z.boolean(),
  holder: z.string().nullable(),
  cardGroup: z.string().nullable(),
  cashBalance: cents,
  bonusBalance: cents,
  /** The card group wants a PIN before this card pays; `pinVerified` once it was checked. */
  needsPin: z.boolean(),
  pinVerified: z.boolean(),
  /** What the panel can offer right now (valid, not locked, PIN done when needed). */
  canPay: z.boolean(),
  canTopUp: z.boolean(),
  /** Why not, as a message key for the UI ("checkout.card.locked", "checkout.card.unknown", …). */
  refusalKey: z.string().nullable(),
})
export type CardView = z.infer<typeof cardView>

export const checkoutPhase = z.enum([
  /** Basket open, nothing sent yet; a card may be attached. */
  'open',
  /** An external call runs (see `busy`); the UI shows progress and stays responsive. */
  'working',
  /** The card balance is applied (preTransaction): `due` is what remains, to pay in cash or on the terminal. */
  'card-applied',
  /** Paid and journaled: `result` holds change, receipt and print state. */
  'paid',
  /** The last step failed; `error` says what and `actions` what the cashier can do next. */
  'failed',
  /** The outcome of a payment is unknown (network); main reads the transaction back before anything else. */
  'reconciling',
])
export type CheckoutPhase = z.infer<typeof checkoutPhase>

export const checkoutAction = z.enum([
  'retry',
  'pay-cash',
  'pay-terminal',
  'remove-card',
  'cancel',
  'print-later',
  'reprint',
])
export type CheckoutAction = z.infer<typeof checkoutAction>

export const paymentKind = z.enum(['cash', 'terminal', 'loyalty'])
export type PaymentKind = z.infer<typeof paymentKind>

export const checkoutResult = z.object({
  saleId: z.number().int(),
  receiptId: z.number().int(),
  receiptNo: z.number().int(),
  total: cents,
  /** Per payment kind, in the order taken. */
  payments: z.array(z.object({ kind: paymentKind, amount: cents })),
  tendered: cents.nullable(),
  change: cents,
  /** The card after the sale (fresh balance from the API), when one was used. */
  card: cardView.nullable(),
  receipt: receiptDocument,
  /** none: not printed yet (policy never/ask or printer failed; reprint from the journal). */
  print: z.enum(['printed', 'failed', 'asking', 'declined', 'none']),
  printErrorKey: z.string().nullable(),
  drawer: z.enum(['opened', 'not-needed', 'failed']),
})
export type CheckoutResult = z.infer<typeof checkoutResult>

export const checkoutView = z.object({
  phase: checkoutPhase,
  sellerId: z.string().nullable(),
  /** The journal's sale id once the sale was begun (at the first payment step). */
  saleId: z.number().int().nullable(),
  /** Basket total. */
  total: cents,
  /** Taken already from the card (preTransaction: balance applied). */
  fromCard: cents,
  /** What remains to pay: total − fromCard. */
  due: cents,
  card: cardView.nullable(),
  /** While phase is working/reconciling: what runs, as a message key ("checkout.busy.terminal", …). */
  busy: z.object({ step: z.string(), messageKey: z.string(), cancellable: z.boolean() }).nullable(),
  error: z
    .object({ code: z.string(), messageKey: z.string(), params: messageParams, message: z.string() })
    .nullable(),
  actions: z.array(checkoutAction),
  result: checkoutResult.nullable(),
})
export type CheckoutView = z.infer<typeof checkoutView>

// Inputs
export const cardAttachInput = z.object({ cardNumber: z.string().regex(/^\d{16}$/, '16 digits') }).strict()
export const cardPinInput = z.object({ pin: z.string().regex(/^\d{4,6}$/, '4–6 digits') }).strict()
/** Cash for what is due: `tendered` ≥ due (omit for exactly the due amount). */
export const payCashInput = z.object({ tendered: cents.min(0).max(10_000_000).optional() }).strict()
export const printChoiceInput = z.object({ print: z.boolean() }).strict()
