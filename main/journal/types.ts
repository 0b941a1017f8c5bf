// What goes into the journal (validated, since the sale service, recovery and IPC all call it) and what
// comes out. JSON-safe throughout: integer ids, integer cents, ISO time strings. The shapes the back
// office shows (common/journal.ts) and the basket's line fields (common/basket.ts) are defined once
// there; the journal's records are those shapes plus what only main needs (payment steps, line ids).
import { z } from 'zod'
import { cents as anyCents } from '../../common/cents'
import { MAX_ROW_CENTS } from '../../common/money'
import { basketLine, basketLineKind, type BasketLine } from '../../common/basket'
import { EURO_DENOMINATIONS } from '../../common/cash'
import { consumption, type Consumption } from '../../common/consumption'
import {
  type CashSummaryView,
  type PeriodReportView,
  type ReceiptView,
  type SaleDetailView,
  type SaleSummaryView,
} from '../../common/journal'
import { receiptDocument } from '../../common/receipt/model'

// Amounts the journal stores: bounded per row (common/money.ts) so no report sum can leave the safe integers.
const cents = anyCents.min(-MAX_ROW_CENTS).max(MAX_ROW_CENTS)
const id = z.number().int().positive()
const detail = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional()

export const CASH = 'cash'
/** "cash", "card", "loyalty", …: one word per payment type, the key of the report's payment totals. */
export const paymentMethod = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'lower-case word like "cash" or "card"')

/** A basket line as the journal freezes it: the basket's fields without its UI line id, any quantity. */
export const saleLineInput = basketLine
  .omit({ lineId: true })
  .extend({
    /** The basket's line id: only to link a deposit to its bottle (`depositFor`); not stored. */
    lineId: z.string().optional(),
    productId: z.string().min(1),
    name: z.string().min(1),
    kind: basketLineKind.default('piece'),
    /** Negative only for a returned deposit (Pfandrücknahme). */
    quantity: z
      .number()
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .refine((q) => q !== 0, 'quantity must not be 0'),
  })
  .refine((l) => l.quantity > 0 || l.deposit === true, {
    message: 'only a returned deposit has a negative quantity',
    path: ['quantity'],
  })

export const beginSaleInput = z.object({
  sellerId: z.string().min(1),
  lines: z.array(saleLineInput).min(1),
  /** Im Haus / Außer Haus of the sale (sale_consumption); absent: not recorded (older callers). */
  consumption: consumption.optional(),
})

/**
 * A process the TSE saw begin that ended before any payment step (a basket emptied, a transaction left
 * open by a crash): begun and aborted in one commit, with the lines it had, possibly none.
 */
export const abortedProcessInput = beginSaleInput.extend({
  lines: z.array(saleLineInput),
  /**
   * When the process began (the TSE transaction's start, at the basket's first line). Its bon starts
   * then, not when it is written; a time after that (another clock) is taken as now.
   */
  startedAt: z.iso.datetime({ offset: true }).optional(),
  /** Why it ended (kept to 200 characters, as an abort's reason). */
  reason: z
    .string()
    .trim()
    .min(1)
    .transform((r) => r.slice(0, 200)),
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

export const partialStornoInput = z.object({
  originalSaleId: id,
  sellerId: z.string().min(1),
  reason: z.string().trim().min(1).max(200),
  lines: z
    .array(z.object({ lineNo: z.number().int().min(1), quantity: z.number().int().min(1).max(100_000) }))
    .min(1)
    .max(500),
})

export const cashMovementKind = z.enum(['opening_float', 'cash_in', 'cash_out', 'drawer_open'])
export type CashMovementKind = z.infer<typeof cashMovementKind>

export const cashMovementInput = z
  .object({
    kind: cashMovementKind,
    /** Positive cents; 0 for drawer_open. The kind gives the direction. */
    amount: cents.min(0).default(0),
    reason: z.string().trim().min(1).max(200),
    /** DSFinV-K business case, e.g. "Geldtransit", "Privatentnahme", "Auszahlung" (DSFinV-K 2.4 Anhang, GV_TYP). */
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
  /** kind "copy": the receipt reprinted; its sale and closing are taken over. */
  copyOf: id.optional(),
  document: receiptDocument,
})

export const printStatus = z.enum(['printed', 'failed', 'declined', 'emailed'])
export const printOutcomeInput = z.object({
  receiptId: id,
  status: printStatus,
  detail: z.string().max(500).optional(),
  /** For 'failed': whether any byte reached the printer. Absent = it may have. */
  reached: z.enum(['nothing', 'maybe']).optional(),
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
export type AbortedProcessInput = z.input<typeof abortedProcessInput>
/** A frozen basket as the journal inserts it (validated; an aborted process's may have no lines). */
export type BegunSale = z.output<typeof beginSaleInput>
export type SaleLineInput = z.input<typeof saleLineInput>
export type PaymentIntentInput = z.input<typeof paymentIntentInput>
export type PaymentOutcomeInput = z.input<typeof paymentOutcomeInput>
export type StornoInput = z.input<typeof stornoInput>
export type PartialStornoInput = z.input<typeof partialStornoInput>
export type CashMovementInput = z.input<typeof cashMovementInput>
export type ReceiptInput = z.input<typeof receiptInput>
export type PrintOutcomeInput = z.input<typeof printOutcomeInput>
export type CountedCash = z.input<typeof countedCashInput>
export type SalesQuery = z.input<typeof salesQuery>

export type SaleStatus = SaleSummaryView['status']

/**
 * A frozen basket line; a storno's lines carry negative quantities and totals. A deposit line has
 * `deposit` and, when it came with its bottle, `depositForLineNo` (table line_deposits).
 */
export type SaleLine = Omit<BasketLine, 'lineId' | 'depositFor'> & {
  lineNo: number
  depositForLineNo?: number
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

/** A kept receipt: the back office's view of it plus the sale or closing it belongs to. */
export type ReceiptRecord = ReceiptView & { saleId?: number; closingId?: number }

/** One line of the journal's sales list; `stornoSaleId` is the storno (not aborted) cancelling it. */
export type SaleSummary = SaleSummaryView

/** Everything recorded about a sale: the back office's detail with full lines and payment steps. */
export type SaleRecord = SaleSummary &
  Pick<SaleDetailView, 'reason' | 'vat' | 'paid'> & {
    lines: SaleLine[]
    payments: PaymentRecord[]
    receipts: ReceiptRecord[]
    /** Redeemed loyalty bonus per VAT rate (negated on a storno); absent when none. */
    bonus?: { vatRate: number; amount: number }[]
    /** Im Haus / Außer Haus, when recorded (sale_consumption). */
    consumption?: Consumption
    /** A storno that returns some pieces (partial storno, table sale_returns), not the whole receipt. */
    partialReturn?: true
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

/** openingFloat + cashSales + cashIn − cashOut = expected: what the drawer should hold. */
export type CashSummary = CashSummaryView

/** X report (and the common part of a Z); `periodStart` is the previous Z's time, null before the first. */
export type PeriodReport = Omit<PeriodReportView, 'zNumber' | 'counted' | 'difference'>

export type ZReport = PeriodReport & {
  kind: 'Z'
  zNumber: number
  closingId: number
  counted: NonNullable<PeriodReportView['counted']>
  /** counted − expected: negative when cash is missing. */
  difference: number
}
