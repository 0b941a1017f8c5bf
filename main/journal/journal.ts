// The crash-safe journal of the till: every sale, payment step, cash movement, receipt and closing,
// appended to one SQLite database and never changed (schema.ts). The payment service writes an intent
// before each external effect (secuconnect call, drawer) and the outcome after it; whatever was in
// flight when the process died is listed by unfinished() on the next start.
import { type z } from 'zod'
import { computeTotals } from '../../common/basket'
import { addCents, multiplyCents, sumCents } from '../../common/money'
import { AppFailure } from '../../common/result'
import type { Clock, Logger } from '../../common/ports'
import { bonusDiscountInput, insertBonus, type BonusDiscountInput } from './bonus'
import { freezeFiscal } from './completion-fiscal'
import { inTransaction, migrate, openDatabase, statementCache, JOURNAL_FILE } from './database'
import { guardJournal, type JournalIntegrity } from './integrity'
import { DEFAULT_TIME_ZONE, localDayRange } from './local-day'
import {
  readPayments,
  readReceipt,
  readSale,
  readUnfinished,
  searchSales,
  withMaskedApiLines,
} from './read-sales'
import { currentBounds, periodReport, unfinishedCount } from './reports'
import {
  beginSaleInput,
  cashMovementInput,
  countedCashInput,
  paymentIntentInput,
  paymentOutcomeInput,
  printOutcomeInput,
  receiptInput,
  salesQuery,
  stornoInput,
  type BeginSaleInput,
  type CashMovementInput,
  type CountedCash,
  type PaymentIntentInput,
  type PaymentOutcomeInput,
  type PaymentRecord,
  type PeriodReport,
  type PrintOutcomeInput,
  type ReceiptInput,
  type ReceiptRecord,
  type SaleRecord,
  type SaleSummary,
  type SalesQuery,
  type StornoInput,
  type Unfinished,
  type ZReport,
} from './types'

export interface JournalOptions {
  dataDir: string
  clock: Clock
  logger: Logger
  /** The shop's zone for "the sales of a day"; times are stored in UTC. */
  timeZone?: string
}

export interface Journal {
  readonly path: string
  readonly schemaVersion: number
  /** The hash chain, its verify and the anchor record (integrity.ts, docs/journal.md "Tamper evidence"). */
  readonly integrity: JournalIntegrity
  /** Freezes the basket as a sale when payment starts; the receipt number comes at completion. */
  beginSale(input: BeginSaleInput): SaleRecord
  /** Written before an external payment effect; returns the ids the outcome refers to. */
  recordPaymentIntent(input: PaymentIntentInput): { paymentId: number; intentId: number; at: string }
  /** Written after the effect (or after reconciling it with secuconnect on start). */
  recordPaymentOutcome(input: PaymentOutcomeInput): PaymentRecord
  /** The bonus a card application redeemed, per VAT rate (counts once that card payment settled). */
  recordBonusDiscount(input: BonusDiscountInput): { at: string }
  /** Allocates the next receipt number in the same transaction; the sale must be paid exactly. */
  completeSale(saleId: number): SaleRecord
  /** Ends an unpaid sale without a receipt number (DSFinV-K AVBelegabbruch). */
  abortSale(saleId: number, reason: string): SaleRecord
  /** Opens a storno sale with the original's lines negated; refunds are its payments (negative amounts). */
  recordStorno(input: StornoInput): SaleRecord
  recordCashMovement(input: CashMovementInput): { movementId: number; at: string }
  /** A copy (`kind: 'copy', copyOf`) takes over the original's sale and closing; `copyNo` counts its copies from 1. */
  recordReceipt(input: ReceiptInput): { receiptId: number; at: string; copyNo?: number }
  recordPrintOutcome(input: PrintOutcomeInput): { at: string }
  unfinished(): Unfinished
  xReport(): PeriodReport
  zReport(counted: CountedCash): ZReport
  closing(zNumber: number): ZReport | undefined
  /** Past Z reports, newest first. */
  closings(limit?: number): ZReport[]
  receipt(receiptId: number): ReceiptRecord | undefined
  sales(query?: SalesQuery): SaleSummary[]
  sale(saleId: number): SaleRecord | undefined
  /**
   * Runs `fn`'s journal writes as one transaction: one commit, one fsync, all or nothing. For writes
   * that belong together (a step's outcome and the next intent, a completion and its receipt); `fn`
   * must be synchronous — nothing external may happen between writes that commit as one.
   */
  atomically<T>(fn: () => T): T
  close(): void
}

function parse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  throw new AppFailure({
    code: 'VALIDATION',
    messageKey: 'journal.error.invalidInput',
    message: `Invalid ${what}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'} ${i.message}`).join('; ')}`,
    params: { what },
    issues: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(input)', message: i.message })),
  })
}

const conflict = (key: string, message: string, params?: Record<string, string | number>) =>
  AppFailure.of('CONFLICT', `journal.error.${key}`, message, params)
const notFound = (key: string, message: string, params?: Record<string, string | number>) =>
  AppFailure.of('NOT_FOUND', `journal.error.${key}`, message, params)
const detailJson = (d: Record<string, unknown> | undefined) => (d === undefined ? null : JSON.stringify(d))

type ClosingRow = { id: number; report: string }
const toZReport = (row: ClosingRow): ZReport => ({
  ...(JSON.parse(row.report) as Omit<ZReport, 'closingId'>),
  closingId: Number(row.id),
})

export function openJournal(options: JournalOptions): Journal {
  const { clock, logger } = options
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE
  const now = () => new Date(clock.now()).toISOString()
  const db = openDatabase(options.dataDir)
  let version: number
  let integrity: JournalIntegrity
  try {
    // Before the migrations write anything: a journal that went backwards is refused as it is.
    const guard = guardJournal(db, { dataDir: options.dataDir, now, logger })
    version = migrate(db, now, logger)
    integrity = guard.ready()
  } catch (error) {
    db.close()
    throw error
  }
  const stmt = statementCache(db)
  /** Appends one row and returns its id: every write of the journal is one of these. */
  const append = (sql: string, ...params: (string | number | null)[]): number =>
    Number(stmt(sql).run(...params).lastInsertRowid)
  logger.log('info', 'journal.opened', { schemaVersion: version })

  const saleOrThrow = (saleId: number): SaleRecord => {
    const sale = readSale(stmt, saleId)
    if (!sale) throw notFound('unknownSale', `No sale ${saleId}`, { saleId })
    return sale
  }
  const openSale = (saleId: number): SaleRecord => {
    const sale = saleOrThrow(saleId)
    if (sale.status !== 'open')
      throw conflict('saleFinished', `Sale ${saleId} is already ${sale.status}`, {
        saleId,
        status: sale.status,
      })
    return sale
  }

  function insertSale(
    kind: 'sale' | 'storno',
    sellerId: string,
    lines: SaleRecord['lines'],
    originalSaleId: number | null,
    reason: string | null,
  ): number {
    const totals = computeTotals(lines)
    const at = now()
    const saleId = append(
      'INSERT INTO sales (kind, original_sale_id, seller_id, started_at, total, reason) VALUES (?, ?, ?, ?, ?, ?)',
      kind,
      originalSaleId,
      sellerId,
      at,
      totals.total,
      reason,
    )
    const insertLine =
      stmt(`INSERT INTO sale_lines (sale_id, line_no, product_id, name, kind, quantity, unit_price, total, vat_rate, weight_grams, ean, article_number)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    for (const l of lines)
      insertLine.run(
        saleId,
        l.lineNo,
        l.productId,
        l.name,
        l.kind,
        l.quantity,
        l.unitPrice,
        l.total,
        l.vatRate,
        l.weightGrams ?? null,
        l.ean ?? null,
        l.articleNumber ?? null,
      )
    return saleId
  }

  const journal: Journal = {
    path: `${options.dataDir}/${JOURNAL_FILE}`,
    schemaVersion: version,
    integrity,

    beginSale(raw) {
      const input = parse(beginSaleInput, raw, 'sale')
      input.lines.forEach((l, i) => {
        if (l.kind === 'piece' && l.total !== l.quantity * l.unitPrice)
          throw AppFailure.of(
            'VALIDATION',
            'journal.error.lineTotal',
            `Line ${i + 1}: ${l.quantity} × ${l.unitPrice} is not ${l.total}`,
            { line: i + 1 },
          )
      })
      const lines = input.lines.map((l, i) => ({ ...l, lineNo: i + 1 }))
      const saleId = inTransaction(db, () => insertSale('sale', input.sellerId, lines, null, null))
      return saleOrThrow(saleId)
    },

    recordPaymentIntent(raw) {
      const input = parse(paymentIntentInput, raw, 'payment intent')
      return inTransaction(db, () => {
        const sale = openSale(input.saleId)
        let paymentId = input.paymentId
        const at = now()
        if (paymentId === undefined) {
          if (input.method === undefined || input.amount === undefined)
            throw AppFailure.of(
              'VALIDATION',
              'journal.error.paymentMethodAmount',
              'A new payment needs a method and an amount',
            )
          // Payments move money in the sale's direction: in for a sale, out for a storno.
          if (input.amount === 0 || Math.sign(input.amount) !== Math.sign(sale.total || 1))
            throw AppFailure.of(
              'VALIDATION',
              'journal.error.paymentSign',
              `Payment amount ${input.amount} does not fit sale total ${sale.total}`,
              { amount: input.amount, total: sale.total },
            )
          paymentId = append(
            'INSERT INTO payments (sale_id, method, amount, tendered, created_at) VALUES (?, ?, ?, ?, ?)',
            sale.saleId,
            input.method,
            input.amount,
            input.tendered ?? null,
            at,
          )
        } else if (!sale.payments.some((p) => p.paymentId === paymentId)) {
          throw notFound('unknownPayment', `Payment ${paymentId} does not belong to sale ${sale.saleId}`, {
            paymentId,
            saleId: sale.saleId,
          })
        }
        const intentId = append(
          'INSERT INTO payment_intents (payment_id, step, transaction_id, detail, at) VALUES (?, ?, ?, ?, ?)',
          paymentId,
          input.step,
          input.transactionId ?? null,
          detailJson(input.detail),
          at,
        )
        return { paymentId, intentId, at }
      })
    },

    recordPaymentOutcome(raw) {
      const input = parse(paymentOutcomeInput, raw, 'payment outcome')
      return inTransaction(db, () => {
        const intent =
          stmt(`SELECT i.id, p.id AS payment_id, p.sale_id, p.amount, o.id AS outcome_id FROM payment_intents i
          JOIN payments p ON p.id = i.payment_id LEFT JOIN payment_outcomes o ON o.intent_id = i.id WHERE i.id = ?`).get(
            input.intentId,
          ) as Record<string, number | null> | undefined
        if (!intent)
          throw notFound('unknownIntent', `No payment intent ${input.intentId}`, { intentId: input.intentId })
        if (intent.outcome_id !== null)
          throw conflict('outcomeExists', `Payment intent ${input.intentId} already has an outcome`, {
            intentId: input.intentId,
          })
        const moves = input.status === 'settled' || input.status === 'reversed'
        const amount = moves ? (input.amount ?? Number(intent.amount)) : null
        if (amount !== null) {
          // Money moves in the payment's direction, and what goes back cannot exceed what came in.
          if (amount === 0 || Math.sign(amount) !== Math.sign(Number(intent.amount)))
            throw AppFailure.of(
              'VALIDATION',
              'journal.error.outcomeAmount',
              `Outcome amount ${amount} does not fit payment amount ${intent.amount}`,
              {
                amount,
                paymentAmount: Number(intent.amount),
              },
            )
          const settled =
            readPayments(stmt, Number(intent.sale_id)).find((p) => p.paymentId === Number(intent.payment_id))
              ?.settled ?? 0
          if (input.status === 'reversed' && Math.abs(amount) > Math.abs(settled))
            throw conflict('reverseExceedsSettled', `Cannot reverse ${amount}: only ${settled} is settled`, {
              amount,
              settled,
            })
        }
        stmt(
          'INSERT INTO payment_outcomes (intent_id, status, amount, transaction_id, detail, at) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(
          input.intentId,
          input.status,
          amount,
          input.transactionId ?? null,
          detailJson(input.detail),
          now(),
        )
        const payment = readPayments(stmt, Number(intent.sale_id)).find(
          (p) => p.paymentId === Number(intent.payment_id),
        )
        if (!payment) throw new Error(`payment ${intent.payment_id} vanished inside its own transaction`)
        return payment
      })
    },

    recordBonusDiscount(input) {
      const data = parse(bonusDiscountInput, input, 'bonus discount')
      const at = now()
      inTransaction(db, () => {
        openSale(data.saleId)
        insertBonus(append, at, data)
      })
      return { at }
    },

    completeSale(saleId) {
      const completed = inTransaction(db, () => {
        const sale = saleOrThrow(saleId)
        if (sale.status === 'completed')
          throw conflict('alreadyCompleted', `Sale ${saleId} already has receipt number ${sale.receiptNo}`, {
            saleId,
            receiptNo: sale.receiptNo ?? 0,
          })
        if (sale.status === 'aborted')
          throw conflict('saleFinished', `Sale ${saleId} was aborted`, { saleId, status: 'aborted' })
        if (sale.payments.some((p) => p.openIntentIds.length > 0))
          throw conflict('paymentInFlight', `Sale ${saleId} has a payment step without outcome`, { saleId })
        if (sale.paid !== sale.total)
          throw conflict('notFullyPaid', `Sale ${saleId}: ${sale.paid} of ${sale.total} cents paid`, {
            saleId,
            paid: sale.paid,
            total: sale.total,
          })
        const receiptNo = Number(
          (stmt('SELECT COALESCE(MAX(receipt_no), 0) + 1 AS n FROM sale_completions').get() as { n: number })
            .n,
        )
        const completionId = append(
          'INSERT INTO sale_completions (sale_id, receipt_no, completed_at, kind, seller_id, total) VALUES (?, ?, ?, ?, ?, ?)',
          saleId,
          receiptNo,
          now(),
          sale.kind,
          sale.sellerId,
          sale.total,
        )
        // VAT per rate and the settled amount per payment type are frozen with the receipt number, so
        // reports sum two small tables instead of replaying lines and payment steps.
        const insertVat = stmt(
          'INSERT INTO completion_vat (completion_id, rate, gross, net, vat) VALUES (?, ?, ?, ?, ?)',
        )
        for (const v of sale.vat) insertVat.run(completionId, v.rate, v.gross, v.net, v.vat)
        const byMethod = new Map<string, { amount: number; count: number }>()
        for (const p of sale.payments.filter((p) => p.settled !== 0)) {
          const m = byMethod.get(p.method) ?? { amount: 0, count: 0 }
          byMethod.set(p.method, { amount: m.amount + p.settled, count: m.count + 1 })
        }
        const insert = stmt(
          'INSERT INTO completion_payments (completion_id, method, amount, count) VALUES (?, ?, ?, ?)',
        )
        for (const [method, m] of byMethod) insert.run(completionId, method, m.amount, m.count)
        freezeFiscal(stmt, completionId, sale)
        return saleOrThrow(saleId)
      })
      logger.log('info', 'journal.sale-completed', {
        saleId,
        receiptNo: completed.receiptNo,
        total: completed.total,
        kind: completed.kind,
      })
      return completed
    },

    abortSale(saleId, reason) {
      const why = reason.trim()
      if (why === '')
        throw AppFailure.of('VALIDATION', 'journal.error.reasonRequired', 'An abort needs a reason')
      return inTransaction(db, () => {
        const sale = openSale(saleId)
        if (sale.payments.some((p) => p.openIntentIds.length > 0))
          throw conflict('paymentInFlight', `Sale ${saleId} has a payment step without outcome`, { saleId })
        if (sale.paid !== 0)
          throw conflict(
            'abortWithPayments',
            `Sale ${saleId} holds ${sale.paid} cents of payments; reverse them first`,
            { saleId, paid: sale.paid },
          )
        stmt('INSERT INTO sale_aborts (sale_id, reason, at) VALUES (?, ?, ?)').run(
          saleId,
          why.slice(0, 200),
          now(),
        )
        return saleOrThrow(saleId)
      })
    },

    recordStorno(raw) {
      const input = parse(stornoInput, raw, 'storno')
      const saleId = inTransaction(db, () => {
        const original = saleOrThrow(input.originalSaleId)
        if (original.kind !== 'sale' || original.status !== 'completed')
          throw conflict(
            'stornoNotAllowed',
            `Only a completed sale can be cancelled; sale ${original.saleId} is a ${original.status} ${original.kind}`,
            { saleId: original.saleId },
          )
        if (original.stornoSaleId !== undefined)
          throw conflict(
            'alreadyStornoed',
            `Sale ${original.saleId} is already cancelled by sale ${original.stornoSaleId}`,
            { saleId: original.saleId, stornoSaleId: original.stornoSaleId },
          )
        const lines = original.lines.map((l) => ({ ...l, quantity: -l.quantity, total: -l.total }))
        return insertSale('storno', input.sellerId, lines, original.saleId, input.reason)
      })
      return saleOrThrow(saleId)
    },

    recordCashMovement(raw) {
      const input = parse(cashMovementInput, raw, 'cash movement')
      return inTransaction(db, () => {
        if (input.saleId !== undefined) saleOrThrow(input.saleId)
        if (input.kind === 'cash_out') {
          // NexoPOS's rule (pos-anchors §2b): the drawer cannot pay out more than it should hold.
          const expected = periodReport(stmt, currentBounds(stmt), now()).cash.expected
          if (input.amount > expected)
            throw conflict(
              'insufficientCash',
              `Cash out ${input.amount} exceeds the expected drawer content ${expected}`,
              { amount: input.amount, expected },
            )
        }
        const at = now()
        const movementId = append(
          'INSERT INTO cash_movements (kind, amount, reason, business_case, seller_id, sale_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          input.kind,
          input.amount,
          input.reason,
          input.businessCase ?? null,
          input.sellerId ?? null,
          input.saleId ?? null,
          at,
        )
        return { movementId, at }
      })
    },

    recordReceipt(raw) {
      const input = parse(receiptInput, raw, 'receipt')
      return inTransaction(db, () => {
        let { saleId, closingId } = input
        let copyNo: number | undefined
        if (input.copyOf !== undefined) {
          if (input.kind !== 'copy')
            throw AppFailure.of(
              'VALIDATION',
              'journal.error.copyKind',
              `Only a copy refers to another receipt`,
            )
          const original = readReceipt(stmt, input.copyOf)
          if (!original)
            throw notFound('unknownReceipt', `No receipt ${input.copyOf}`, { receiptId: input.copyOf })
          if (
            (saleId ?? original.saleId) !== original.saleId ||
            (closingId ?? original.closingId) !== original.closingId
          )
            throw AppFailure.of(
              'VALIDATION',
              'journal.error.copyMismatch',
              `A copy belongs to its original's sale and closing`,
            )
          // A copy of a copy is a copy of the original: one count per original.
          if (original.copyOf !== undefined)
            throw AppFailure.of(
              'VALIDATION',
              'journal.error.copyOfCopy',
              `Receipt ${input.copyOf} is itself a copy`,
            )
          saleId = original.saleId
          closingId = original.closingId
          copyNo =
            Number(
              (
                stmt('SELECT COUNT(*) AS n FROM receipts WHERE copy_of = ?').get(input.copyOf) as {
                  n: number
                }
              ).n,
            ) + 1
        }
        const needsSale =
          input.kind === 'sale' ||
          input.kind === 'storno' ||
          (input.kind === 'copy' && input.copyOf === undefined)
        if (needsSale && saleId === undefined)
          throw AppFailure.of(
            'VALIDATION',
            'journal.error.receiptSale',
            `A ${input.kind} receipt needs its sale`,
          )
        if (saleId !== undefined) saleOrThrow(saleId)
        if (
          input.kind === 'z' &&
          (closingId === undefined || !stmt('SELECT 1 FROM closings WHERE id = ?').get(closingId))
        )
          throw notFound('unknownClosing', 'A Z receipt needs its closing', {
            closingId: closingId ?? 0,
          })
        const at = now()
        const receiptId = append(
          'INSERT INTO receipts (sale_id, closing_id, copy_of, kind, document, at) VALUES (?, ?, ?, ?, ?, ?)',
          saleId ?? null,
          closingId ?? null,
          input.copyOf ?? null,
          input.kind,
          // The journal keeps no full card number, whoever built the document (common/receipt/api-lines.ts).
          JSON.stringify(withMaskedApiLines(input.document)),
          at,
        )
        return copyNo === undefined ? { receiptId, at } : { receiptId, at, copyNo }
      })
    },

    recordPrintOutcome(raw) {
      const input = parse(printOutcomeInput, raw, 'print outcome')
      return inTransaction(db, () => {
        if (!stmt('SELECT 1 FROM receipts WHERE id = ?').get(input.receiptId))
          throw notFound('unknownReceipt', `No receipt ${input.receiptId}`, { receiptId: input.receiptId })
        const at = now()
        stmt(
          'INSERT INTO print_outcomes (receipt_id, status, detail, at, reached) VALUES (?, ?, ?, ?, ?)',
        ).run(
          input.receiptId,
          input.status,
          input.detail ?? null,
          at,
          input.status === 'failed' ? (input.reached ?? 'maybe') : null,
        )
        return { at }
      })
    },

    unfinished: () => readUnfinished(stmt),

    xReport: () => ({ kind: 'X', ...periodReport(stmt, currentBounds(stmt), now()) }),

    zReport(raw) {
      const counted = parse(countedCashInput, raw, 'counted cash')
      integrity.assertClosingAllowed()
      const report = inTransaction(db, (): ZReport => {
        const bounds = currentBounds(stmt)
        const open = unfinishedCount(stmt, bounds)
        if (open > 0)
          throw conflict(
            'unfinishedSales',
            `${open} sale(s) are not finished; complete or abort them before the Z report`,
            { count: open },
          )
        const at = now()
        const period = periodReport(stmt, bounds, at)
        const zNumber = Number(
          (stmt('SELECT COALESCE(MAX(z_no), 0) + 1 AS n FROM closings').get() as { n: number }).n,
        )
        const denominations = [...counted.denominations]
          .sort((a, b) => b.value - a.value)
          .map((d) => ({ ...d, amount: multiplyCents(d.value, d.count, 'counted cash') }))
        const countedTotal = sumCents(
          denominations.map((d) => d.amount),
          'counted cash',
        )
        const body = {
          kind: 'Z' as const,
          ...period,
          zNumber,
          counted: { denominations, total: countedTotal },
          difference: addCents(countedTotal, -period.cash.expected, 'cash difference'),
        }
        const closingId = append(
          `INSERT INTO closings (z_no, at, last_sale_id, last_completion_id, last_abort_id, last_cash_movement_id, last_receipt_id, expected_cash, counted_cash, difference, report)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          zNumber,
          at,
          bounds.upTo.sale,
          bounds.upTo.completion,
          bounds.upTo.abort,
          bounds.upTo.cash,
          bounds.upTo.receipt,
          period.cash.expected,
          countedTotal,
          body.difference,
          JSON.stringify(body),
        )
        const insert = stmt('INSERT INTO closing_denominations (closing_id, value, count) VALUES (?, ?, ?)')
        for (const d of denominations) insert.run(closingId, d.value, d.count)
        return { ...body, closingId }
      })
      logger.log('info', 'journal.z-report', {
        zNumber: report.zNumber,
        total: report.total,
        difference: report.difference,
      })
      return report
    },

    closing(zNumber) {
      const row = stmt('SELECT id, report FROM closings WHERE z_no = ?').get(zNumber) as
        ClosingRow | undefined
      return row ? toZReport(row) : undefined
    },

    closings(limit = 100) {
      const rows = stmt('SELECT id, report FROM closings ORDER BY id DESC LIMIT ?').all(
        limit,
      ) as unknown as ClosingRow[]
      return rows.map(toZReport)
    },

    receipt: (receiptId) => readReceipt(stmt, receiptId),

    sales(raw = {}) {
      const q = parse(salesQuery, raw, 'sales query')
      return searchSales(
        stmt,
        q.date ? localDayRange(q.date, timeZone) : null,
        q.search || undefined,
        q.limit,
      )
    },

    sale: (saleId) => readSale(stmt, saleId),

    atomically(fn) {
      return inTransaction(db, fn)
    },

    close() {
      integrity.close()
      if (db.isOpen) db.close()
    },
  }
  return journal
}
