// The crash-safe journal of the till: every sale, payment step, cash movement, receipt and closing,
// appended to one SQLite database and never changed (schema.ts). The payment service writes an intent
// before each external effect (secuconnect call, drawer) and the outcome after it; whatever was in
// flight when the process died is listed by unfinished() on the next start. The writes live in
// sale-writes.ts, payment-writes.ts, storno-writes.ts and till-writes.ts, what they share in
// journal-core.ts; this file is the Journal's interface and its composition.
import type { Clock, Logger } from '../../common/ports'
import type { BonusDiscountInput } from './bonus'
import { clarificationStore, type ClarificationStore } from './clarifications'
import {
  barrierCount,
  barrierTime,
  inTransaction,
  migrate,
  openDatabase,
  statementCache,
  JOURNAL_FILE,
} from './database'
import { journalCore, parse, toZReport, type ClosingRow } from './journal-core'
import { guardJournal, type JournalIntegrity } from './integrity'
import { DEFAULT_TIME_ZONE, localDayRange } from './local-day'
import { paidOf, readPayments, readReceipt, readSale, readUnfinished, searchSales } from './read-sales'
import { currentBounds, periodReport } from './reports'
import { paymentWrites } from './payment-writes'
import { saleWrites } from './sale-writes'
import { stornoWrites } from './storno-writes'
import { readArticleSales, type ArticleSaleRow } from './article-sales'
import { tillWrites } from './till-writes'
import { createTseJournal, type TseJournal } from './tse-records'
import { trainingStore, type TrainingStore } from './training'
import {
  salesQuery,
  type AbortedProcessInput,
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
  type SaleLine,
  type SaleRecord,
  type SaleSummary,
  type SalesQuery,
  type StornoInput,
  type PartialStornoInput,
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
  /**
   * A process the TSE saw begin that ended before any payment step (basket emptied, transaction left
   * open by a crash): its AVBelegabbruch bon, begun and aborted in one commit, with the lines it had.
   */
  recordAbortedProcess(input: AbortedProcessInput): SaleRecord
  /** Opens a storno sale with the original's lines negated; refunds are its payments (negative amounts). */
  recordStorno(input: StornoInput): SaleRecord
  /**
   * A partial storno (Retoure): a storno sale with only the given lines of the original, negated,
   * each at most as often as it was sold minus what earlier partial stornos already returned.
   */
  recordPartialStorno(input: PartialStornoInput): SaleRecord
  /** Per line of a sale: how many were returned by its stornos that were not aborted. */
  returnedQuantities(saleId: number): Map<number, number>
  /** The lines a partial storno of these lines would book now (amounts, following deposits); writes nothing. */
  returnQuote(input: Omit<PartialStornoInput, 'sellerId' | 'reason'>): SaleLine[]
  /** Completed sale lines (stornos negative) with their completion time in [from, to), ISO UTC. */
  articleSales(from: string, to: string): ArticleSaleRow[]
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
  /** What the sale's payments settled, in cents (the record's `paid`, from one query). */
  salePaid(saleId: number): number
  /**
   * Runs `fn`'s journal writes as one transaction: one commit, one fsync, all or nothing. For writes
   * that belong together (a step's outcome and the next intent, a completion and its receipt); `fn`
   * must be synchronous — nothing external may happen between writes that commit as one.
   * `durable`: the commit is on disk (WAL fsync) before this returns, and with it every earlier
   * write — for the intents and outcomes of steps that move money. Other commits are ordered in the
   * WAL but not synced on their own (synchronous=NORMAL).
   */
  atomically<T>(fn: () => T, options?: { durable?: boolean }): T
  /** How many durable commits (fsync barriers) ran since the journal was opened. */
  barriers(): number
  /** Time those barriers spent in fsync, ms. */
  barrierMs(): number
  /** Sales recovery could not decide, and the managers' decisions ("Klärung nötig"). */
  readonly clarifications: ClarificationStore
  /** TSE records and outages (main/fiscal writes them; the DSFinV-K export reads them). */
  readonly tse: TseJournal
  /** Training mode: the manager's switches and the sales made while on (training.ts). */
  readonly training: TrainingStore
  close(): void
}

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
  logger.log('info', 'journal.opened', { schemaVersion: version })
  const core = journalCore(db, stmt, now, logger)

  const journal: Journal = {
    path: `${options.dataDir}/${JOURNAL_FILE}`,
    schemaVersion: version,
    tse: createTseJournal(stmt, now),
    training: trainingStore(stmt, now),
    integrity,

    ...saleWrites(core),
    ...paymentWrites(core),
    ...stornoWrites(core),
    ...tillWrites(core, { beforeClosing: () => integrity.assertClosingAllowed() }),

    unfinished: () => readUnfinished(stmt),

    articleSales: (from, to) => readArticleSales(stmt, from, to),
    xReport: () => ({ kind: 'X', ...periodReport(stmt, currentBounds(stmt), now()) }),

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
    salePaid: (saleId) => paidOf(readPayments(stmt, saleId)),

    atomically(fn, options) {
      return inTransaction(db, fn, options)
    },

    barriers: () => barrierCount(db),
    barrierMs: () => barrierTime(db),

    clarifications: clarificationStore(db, stmt, now),

    close() {
      integrity.close()
      if (db.isOpen) db.close()
    },
  }
  return journal
}
