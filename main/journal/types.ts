// What goes into the journal (validated, since the sale service, recovery and IPC all call it) and what
// comes out. JSON-safe throughout: integer ids, integer cents, ISO time strings.
import { z } from 'zod'
import { EURO_DENOMINATIONS } from '../../common/cash'
import { basketLineKind, type VatBreakdownRow } from '../../common/basket'
import { vatRate, type VatRate } from '../../common/catalog'
import { receiptDocument, type ReceiptDocument } from '../../common/receipt/model'

const cents = z.number().int()
const id = z.number().int().positive()
const detail = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional()

export const CASH = 'cash'
/** "cash", "card", "loyalty", …: one word per payment type, the key of the report's payment totals. */
export const paymentMethod = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'lower-case word like "cash" or "card"')

export const saleLineInput = z.object({
  productId: z.string().min(1),
  name: z.string().min(1),
  kind: basketLineKind.default('piece'),
  quantity: z.number().int().min(1),
  unitPrice: cents,
  total: cents,
  vatRate,
  weightGrams: z.number().int().positive().optional(),
  ean: z.string().optional(),
  articleNumber: z.string().optional(),
})

export const beginSaleInput = z.object({
  sellerId: z.string().min(1),
  lines: z.array(saleLineInput).min(1),
})

export const paymentIntentInput = z.object({
  saleId: id,
  /** Omit to start a new payment (a tender); give it for the next step of the same payment. */
  paymentId: id.optional(),
  method: paymentMethod.optional(),
  amount: cents.optional(),
  /** Cash: what the customer handed over (change = tendered − amount). */
  tendered: cents.optional(),
  /** "tender", "create", "start", "cancel", …: what is about to happen outside the journal. */
  step: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  /** The secuconnect transaction id, when known before the call (e.g. for start or cancel). */
  transactionId: z.string().min(1).max(64).optional(),
  detail,
})

/**
 * done: the step happened, no money moved (transaction created). settled: money moved for this sale
 * (cash taken, card charged, or for a storno: cash paid out, card cancelled). reversed: money that was
 * settled went back before the sale was completed. declined / failed: nothing happened.
 */
export const paymentOutcomeStatus = z.enum(['done', 'settled', 'reversed', 'declined', 'failed'])
export type PaymentOutcomeStatus = z.infer<typeof paymentOutcomeStatus>

export const paymentOutcomeInput = z.object({
  intentId: id,
  status: paymentOutcomeStatus,
  /** Defaults to the payment's amount for settled/reversed. */
  amount: cents.optional(),
  transactionId: z.string().min(1).max(64).optional(),
  detail,
})

export const stornoInput = z.object({
  originalSaleId: id,
  sellerId: z.string().min(1),
  reason: z.string().trim().min(1).max(200),
})

export const cashMovementKind = z.enum(['opening_float', 'cash_in', 'cash_out', 'drawer_open'])
export type CashMovementKind = z.infer<typeof cashMovementKind>

export const cashMovementInput = z
  .object({
    kind: cashMovementKind,
    /** Positive cents; 0 for drawer_open. The kind gives the direction. */
    amount: cents.min(0).default(0),
    reason: z.string().trim().min(1).max(200),
    /** DSFinV-K business case, e.g. "Geldtransit", "Privatentnahme", "Auszahlung" (pos-anchors §7 item 8). */
    businessCase: z.string().max(40).optional(),
    sellerId: z.string().min(1).optional(),
    saleId: id.optional(),
  })
  .refine((m) => (m.kind === 'drawer_open' ? m.amount === 0 : m.amount > 0), {
    message: 'amount must be above 0 (and 0 for a drawer opening)',
    path: ['amount'],
  })

export const receiptKind = z.enum(['sale', 'storno', 'copy', 'x', 'z'])
export const receiptInput = z.object({
  kind: receiptKind,
  saleId: id.optional(),
  closingId: id.optional(),
  document: receiptDocument,
})

export const printStatus = z.enum(['printed', 'failed', 'declined', 'emailed'])
export const printOutcomeInput = z.object({
  receiptId: id,
  status: printStatus,
  detail: z.string().max(500).optional(),
})

/** Euro coins and notes in cents (one list with the renderer's counting sheet). */
export { EURO_DENOMINATIONS }

export const countedCashInput = z.object({
  denominations: z
    .array(
      z.object({
        value: z
          .number()
          .int()
          .refine((v) => (EURO_DENOMINATIONS as readonly number[]).includes(v), 'not a euro coin or note'),
        count: z.number().int().min(0).max(100_000),
      }),
    )
    .refine((list) => new Set(list.map((d) => d.value)).size === list.length, 'each denomination once'),
})

export const salesQuery = z.object({
  /** Local calendar day "YYYY-MM-DD" in the journal's time zone. */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** A receipt number, or part of an article name. */
  search: z.string().trim().max(64).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
})

export type BeginSaleInput = z.input<typeof beginSaleInput>
export type SaleLineInput = z.input<typeof saleLineInput>
export type PaymentIntentInput = z.input<typeof paymentIntentInput>
export type PaymentOutcomeInput = z.input<typeof paymentOutcomeInput>
export type StornoInput = z.input<typeof stornoInput>
export type CashMovementInput = z.input<typeof cashMovementInput>
export type ReceiptInput = z.input<typeof receiptInput>
export type PrintOutcomeInput = z.input<typeof printOutcomeInput>
export type CountedCash = z.input<typeof countedCashInput>
export type SalesQuery = z.input<typeof salesQuery>

export type SaleStatus = 'open' | 'completed' | 'aborted'

export interface SaleLine {
  lineNo: number
  productId: string
  name: string
  kind: z.infer<typeof basketLineKind>
  quantity: number
  unitPrice: number
  total: number
  vatRate: VatRate
  weightGrams?: number
  ean?: string
  articleNumber?: string
}

export interface PaymentStep {
  intentId: number
  step: string
  at: string
  transactionId?: string
  detail?: Record<string, unknown>
  outcome?: {
    status: PaymentOutcomeStatus
    amount: number
    at: string
    transactionId?: string
    detail?: Record<string, unknown>
  }
}

export interface PaymentRecord {
  paymentId: number
  saleId: number
  method: string
  amount: number
  tendered?: number
  createdAt: string
  /** settled − reversed so far. */
  settled: number
  /** The last secuconnect transaction id any step carried. */
  transactionId?: string
  steps: PaymentStep[]
  /** Steps whose intent is written and whose outcome is not: the external effect is unknown. */
  openIntentIds: number[]
}

export interface ReceiptRecord {
  receiptId: number
  kind: z.infer<typeof receiptKind>
  saleId?: number
  closingId?: number
  at: string
  document: ReceiptDocument
  prints: { status: z.infer<typeof printStatus>; at: string; detail?: string }[]
}

export interface SaleSummary {
  saleId: number
  kind: 'sale' | 'storno'
  status: SaleStatus
  sellerId: string
  startedAt: string
  total: number
  receiptNo?: number
  completedAt?: string
  originalSaleId?: number
  /** The storno sale that cancels this one (not aborted). */
  stornoSaleId?: number
}

export interface SaleRecord extends SaleSummary {
  reason?: string
  lines: SaleLine[]
  vat: VatBreakdownRow[]
  payments: PaymentRecord[]
  /** settled over all payments. */
  paid: number
  receipts: ReceiptRecord[]
}

export interface UnfinishedSale {
  sale: SaleRecord
  /**
   * in-flight: some payment step's outcome is unknown; ask secuconnect (transactionId) and record it.
   * paid: fully settled, only the completion is missing. open: not (fully) paid, nothing in flight.
   */
  state: 'in-flight' | 'paid' | 'open'
}

export interface Unfinished {
  sales: UnfinishedSale[]
  /** Receipts of the current period with no print outcome yet. */
  unprintedReceipts: { receiptId: number; kind: string; saleId?: number; at: string }[]
}

export interface CashSummary {
  openingFloat: number
  cashSales: number
  cashIn: number
  cashOut: number
  /** openingFloat + cashSales + cashIn − cashOut: what the drawer should hold. */
  expected: number
  drawerOpenings: number
}

export interface PeriodReport {
  kind: 'X' | 'Z'
  zNumber?: number
  /** Time of the previous Z (null before the first), and of this report. */
  periodStart: string | null
  periodEnd: string
  firstReceiptNo: number | null
  lastReceiptNo: number | null
  receiptCount: number
  salesTotal: number
  stornoCount: number
  stornoTotal: number
  abortedCount: number
  /** Sales plus stornos (stornos are negative). */
  total: number
  vat: VatBreakdownRow[]
  payments: { method: string; amount: number; count: number }[]
  sellers: { sellerId: string; total: number; receiptCount: number; stornoCount: number }[]
  cash: CashSummary
}

export interface ZReport extends PeriodReport {
  kind: 'Z'
  zNumber: number
  closingId: number
  counted: { denominations: { value: number; count: number; amount: number }[]; total: number }
  /** counted − expected: negative when cash is missing. */
  difference: number
}
