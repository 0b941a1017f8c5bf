// What the back office shows of the journal: today's sales, one sale with its receipts, cash movements,
// X and Z reports. JSON-safe, integer cents, ISO time strings. main/journal produces these shapes.
import { z } from 'zod'
import { cents } from './cents'
import { vatBreakdownRow } from './basket'
import { receiptDocument } from './receipt/model'
import { isCalendarDate, printableText } from './text'

const id = z.number().int().positive()

/** DSFinV-K business cases of a cash movement (DSFinV-K, GV_TYP). */
export const cashBusinessCase = z.enum([
  'Anfangsbestand',
  'Einzahlung',
  'Privateinlage',
  'Auszahlung',
  'Privatentnahme',
  'Geldtransit',
  'Lohnzahlung',
])
export type CashBusinessCase = z.infer<typeof cashBusinessCase>

export const saleSummary = z.object({
  saleId: id,
  kind: z.enum(['sale', 'storno']),
  status: z.enum(['open', 'completed', 'aborted']),
  sellerId: z.string(),
  startedAt: z.string(),
  total: cents,
  receiptNo: z.number().int().optional(),
  completedAt: z.string().optional(),
  originalSaleId: id.optional(),
  stornoSaleId: id.optional(),
  /** Payment kinds that settled money ("cash", "loyalty", "terminal"). */
  methods: z.array(z.string()).default([]),
  /** Rung up in training mode: in no sum (docs/fiscal-tse.md "Training mode"). */
  training: z.literal(true).optional(),
})
export type SaleSummaryView = z.infer<typeof saleSummary>

export const receiptView = z.object({
  receiptId: id,
  kind: z.enum(['sale', 'storno', 'copy', 'x', 'z']),
  at: z.string(),
  document: receiptDocument,
  /** A copy (reprint): the receipt it copies. */
  copyOf: id.optional(),
  prints: z.array(
    z.object({
      status: z.enum(['printed', 'failed', 'declined', 'emailed']),
      at: z.string(),
      detail: z.string().optional(),
      /** A failure: 'nothing' reached the printer, or part of the receipt 'maybe' did. */
      reached: z.enum(['nothing', 'maybe']).optional(),
    }),
  ),
})
export type ReceiptView = z.infer<typeof receiptView>

export const saleDetail = saleSummary.extend({
  reason: z.string().optional(),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      name: z.string(),
      quantity: z.number().int(),
      unitPrice: cents,
      total: cents,
      vatRate: z.number(),
    }),
  ),
  vat: z.array(vatBreakdownRow),
  payments: z.array(
    z.object({
      paymentId: id,
      method: z.string(),
      amount: cents,
      settled: cents,
      transactionId: z.string().optional(),
    }),
  ),
  paid: cents,
  receipts: z.array(receiptView),
  /** Storno allowed: completed sale, not yet cancelled, not itself a storno. */
  canStorno: z.boolean(),
})
export type SaleDetailView = z.infer<typeof saleDetail>

export const cashSummary = z.object({
  openingFloat: cents,
  cashSales: cents,
  cashIn: cents,
  cashOut: cents,
  expected: cents,
  drawerOpenings: z.number().int(),
})
export type CashSummaryView = z.infer<typeof cashSummary>

export const periodReport = z.object({
  kind: z.enum(['X', 'Z']),
  zNumber: z.number().int().optional(),
  periodStart: z.string().nullable(),
  periodEnd: z.string(),
  firstReceiptNo: z.number().int().nullable(),
  lastReceiptNo: z.number().int().nullable(),
  receiptCount: z.number().int(),
  salesTotal: cents,
  stornoCount: z.number().int(),
  stornoTotal: cents,
  abortedCount: z.number().int(),
  /**
   * Training receipts of the period (docs/fiscal-tse.md "Training mode"): outside every sum, listed so
   * the receipt numbers add up. Absent in Z reports written before they were listed.
   */
  training: z.object({ count: z.number().int(), total: cents }).optional(),
  total: cents,
  vat: z.array(vatBreakdownRow),
  payments: z.array(z.object({ method: z.string(), amount: cents, count: z.number().int() })),
  sellers: z.array(
    z.object({
      sellerId: z.string(),
      total: cents,
      receiptCount: z.number().int(),
      stornoCount: z.number().int(),
    }),
  ),
  cash: cashSummary,
  /**
   * Listed apart from turnover (docs/fiscal-export.md): bonus redeemed (a discount, already out of
   * `vat`), top-ups sold (MehrzweckgutscheinKauf, not taxable, inside `total` but not in `vat`) and
   * card balance spent (MehrzweckgutscheinEinloesung, also in `payments` as "loyalty"). Absent in Z
   * reports written before these were recorded.
   */
  fiscal: z
    .object({ bonus: cents, vouchersSold: cents, vouchersRedeemed: cents, turnover: cents })
    .optional(),
  counted: z
    .object({
      denominations: z.array(z.object({ value: z.number().int(), count: z.number().int(), amount: cents })),
      total: cents,
    })
    .optional(),
  difference: cents.optional(),
})
export type PeriodReportView = z.infer<typeof periodReport>

/** A report or storno and what became of its paper. */
export const printedReport = z.object({
  report: periodReport,
  receiptId: id,
  receipt: receiptDocument,
  print: z.enum(['printed', 'failed', 'none']),
  printErrorKey: z.string().nullable(),
})

export const stornoResult = z.object({
  stornoSaleId: id,
  receiptNo: z.number().int(),
  receiptId: id,
  receipt: receiptDocument,
  /** Cash paid back through the drawer, card part cancelled at secuconnect. */
  cashRefund: cents,
  cardRefund: cents,
  print: z.enum(['printed', 'failed', 'none']),
  drawer: z.enum(['opened', 'not-needed', 'failed']),
})
export type StornoResultView = z.infer<typeof stornoResult>

// Inputs
/** Reasons are printed and journaled: printable text only (common/text.ts). */
export const salesListInput = z
  .object({
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .refine(isCalendarDate, { message: 'Kein gültiges Datum — not a calendar date' })
      .optional(),
    search: z.string().trim().max(64).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict()
export const saleIdInput = z.object({ saleId: id }).strict()
export const receiptIdInput = z.object({ receiptId: id }).strict()
/** Manager actions carry the manager's PIN unless a manager is the active seller. */
const managerPin = z
  .string()
  .regex(/^\d{4,6}$/)
  .optional()
/** One entry of the "Klärung nötig" list: a sale whose payment recovery could not decide. */
export const clarificationView = z.object({
  clarificationId: id,
  saleId: id,
  reason: z.string(),
  /** The API's transaction id, to look the payment up in SecuOffice. */
  transactionId: z.string().nullable(),
  known: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  at: z.string(),
  decision: z
    .object({
      decision: z.enum(['paid', 'not-paid']),
      managerId: z.string(),
      reason: z.string(),
      at: z.string(),
    })
    .nullable(),
})
export type ClarificationView = z.infer<typeof clarificationView>
export const clarifyDecideInput = z
  .object({
    saleId: id,
    decision: z.enum(['paid', 'not-paid']),
    reason: z.string().trim().min(1).max(200),
    managerPin,
  })
  .strict()
export const stornoInput = z
  .object({ saleId: id, reason: printableText(200).trim().min(1), managerPin })
  .strict()
/** Partial storno (Retoure): lines of a past receipt and how many of each go back. */
export const partialStornoRequest = z
  .object({
    saleId: id,
    lines: z
      .array(
        z
          .object({ lineNo: z.number().int().min(1), quantity: z.number().int().min(1).max(100_000) })
          .strict(),
      )
      .min(1)
      .max(500),
    reason: printableText(200).trim().min(1),
    managerPin,
  })
  .strict()
/** What a partial storno of these lines would pay back now: main's amounts, before anything is booked. */
export const returnQuoteRequest = z.object({ saleId: id, lines: partialStornoRequest.shape.lines }).strict()
export const returnQuote = z.object({
  /** Every line that would go back, a bottle's deposit included; `refund` in cents, positive. */
  lines: z.array(
    z.object({ lineNo: z.number().int(), name: z.string(), quantity: z.number().int(), refund: cents }),
  ),
  total: cents,
})
export type ReturnQuoteView = z.infer<typeof returnQuote>
export const returnableLine = z.object({
  lineNo: z.number().int(),
  name: z.string(),
  sold: z.number().int(),
  returned: z.number().int(),
  /** Weighed and free-price lines go back only as a whole (a discounted piece line goes back pro rata). */
  wholeOnly: z.boolean(),
  /** A deposit line (Pfand); `depositFor` is the bottle's line number it follows (null: empties). */
  deposit: z.boolean().optional(),
  depositFor: z.number().int().nullable().optional(),
})
export type ReturnableLineView = z.infer<typeof returnableLine>
export const returnableView = z.object({
  lines: z.array(returnableLine),
  /** Why this receipt cannot be returned in part (message key), or null. */
  refusedKey: z.string().nullable(),
})

export const cashMovementRequest = z
  .object({
    kind: z.enum(['opening_float', 'cash_in', 'cash_out']),
    amount: cents.min(1).max(10_000_000),
    reason: printableText(200).trim().min(1),
    /** Defaults by kind: Anfangsbestand, Einzahlung, Auszahlung. */
    businessCase: cashBusinessCase.optional(),
    managerPin,
  })
  .strict()
/** cash.movement answers the new summary and whether the drawer opened for it. */
export const cashMovementResult = cashSummary.extend({
  drawer: z.enum(['opened', 'failed']).optional(),
  drawerMessageKey: z.string().nullable().optional(),
})
export const xReportInput = z.object({ print: z.boolean().default(false) }).strict()
export const zReportInput = z
  .object({
    denominations: z.array(
      z.object({ value: z.number().int(), count: z.number().int().min(0).max(100_000) }),
    ),
    managerPin,
  })
  .strict()
export const zListInput = z
  .object({ limit: z.number().int().min(1).max(1000).default(100) })
  .strict()
  .default({ limit: 100 })
export const drawerOpenInput = z.object({ reason: printableText(200).trim().min(1), managerPin }).strict()
