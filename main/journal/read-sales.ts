// Reading sales back: one sale with everything recorded about it, the day's list for reprint and storno,
// and the recovery list of sales that were started but never completed or aborted.
import type { StatementSync } from 'node:sqlite'
import { fiscalAmounts } from '../../common/fiscal-amounts'
import { effectiveBonus } from './bonus'
import { readDeposits } from './deposits'
import { addCents, sumCents } from '../../common/money'
import { maskApiReceiptLines } from '../../common/receipt/api-lines'
import type { VatRate } from '../../common/catalog'
import type { ReceiptDocument } from '../../common/receipt/model'
import { currentBounds, unfinishedCount } from './reports'
import { readComponents, readConsumption } from './vat-context'
import { TRAINING_SALES } from './training'
import type {
  PaymentRecord,
  PaymentOutcomeStatus,
  ReceiptRecord,
  SaleLine,
  SaleRecord,
  SaleSummary,
  Unfinished,
  UnfinishedSale,
} from './types'

type Row = Record<string, unknown>
type Stmt = (sql: string) => StatementSync

const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v))
const num = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v))
const json = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : undefined
/** Leaves optional keys out instead of writing `undefined`, so records survive a JSON round trip unchanged. */
export function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T
}

// total: what the receipt says (a completed sale's redeemed bonus frozen in completion_fiscal is off).
// methods: the payment types that settled money, in the order they were taken (a handful per sale).
// training: begun in training mode.
const SUMMARY_SQL = `
SELECT s.id, s.kind, s.seller_id, s.started_at, s.original_sale_id, s.reason,
       s.total - COALESCE((SELECT f.amount FROM completion_fiscal f WHERE f.completion_id = c.id AND f.kind = 'bonus'), 0) AS total,
       c.receipt_no, c.completed_at, a.id AS abort_id,
       (SELECT st.id FROM sales st WHERE st.original_sale_id = s.id
          AND NOT EXISTS (SELECT 1 FROM sale_aborts x WHERE x.sale_id = st.id) ORDER BY st.id DESC LIMIT 1) AS storno_id,
       (SELECT group_concat(m, ',') FROM (SELECT p.method AS m FROM payments p WHERE p.sale_id = s.id
          AND EXISTS (SELECT 1 FROM payment_intents i JOIN payment_outcomes o ON o.intent_id = i.id
                      WHERE i.payment_id = p.id AND o.status = 'settled') ORDER BY p.id)) AS methods,
       s.id IN ${TRAINING_SALES} AS training
FROM sales s
LEFT JOIN sale_completions c ON c.sale_id = s.id
LEFT JOIN sale_aborts a ON a.sale_id = s.id`

function toSummary(r: Row): SaleSummary {
  return compact({
    saleId: Number(r.id),
    kind: r.kind as SaleSummary['kind'],
    status: r.receipt_no !== null ? 'completed' : r.abort_id !== null ? 'aborted' : 'open',
    sellerId: String(r.seller_id),
    startedAt: String(r.started_at),
    total: Number(r.total),
    receiptNo: num(r.receipt_no),
    completedAt: str(r.completed_at),
    originalSaleId: num(r.original_sale_id),
    stornoSaleId: num(r.storno_id),
    methods: [...new Set(typeof r.methods === 'string' ? r.methods.split(',') : [])],
    training: Number(r.training) === 1 ? (true as const) : undefined,
  })
}

/** What a sale's payments settled, in cents (a sale record's `paid`). */
export const paidOf = (payments: readonly PaymentRecord[]): number =>
  sumCents(
    payments.map((p) => p.settled),
    'paid',
  )

export function readPayments(stmt: Stmt, saleId: number): PaymentRecord[] {
  const rows = stmt(`
    SELECT p.id, p.method, p.amount, p.tendered, p.created_at,
           i.id AS intent_id, i.step, i.at AS intent_at, i.transaction_id AS intent_tx, i.detail AS intent_detail,
           o.status, o.amount AS out_amount, o.at AS out_at, o.transaction_id AS out_tx, o.detail AS out_detail
    FROM payments p
    LEFT JOIN payment_intents i ON i.payment_id = p.id
    LEFT JOIN payment_outcomes o ON o.intent_id = i.id
    WHERE p.sale_id = ? ORDER BY p.id, i.id`).all(saleId) as Row[]
  const payments = new Map<number, PaymentRecord>()
  for (const r of rows) {
    const paymentId = Number(r.id)
    let p = payments.get(paymentId)
    if (!p) {
      p = compact({
        paymentId,
        saleId,
        method: String(r.method),
        amount: Number(r.amount),
        tendered: num(r.tendered),
        createdAt: String(r.created_at),
        settled: 0,
        steps: [],
        openIntentIds: [],
      })
      payments.set(paymentId, p)
    }
    if (r.intent_id === null) continue
    const status = r.status as PaymentOutcomeStatus | null
    const amount = Number(r.out_amount ?? 0)
    p.steps.push(
      compact({
        intentId: Number(r.intent_id),
        step: String(r.step),
        at: String(r.intent_at),
        transactionId: str(r.intent_tx),
        detail: json(r.intent_detail),
        outcome:
          status === null
            ? undefined
            : compact({
                status,
                amount,
                at: String(r.out_at),
                transactionId: str(r.out_tx),
                detail: json(r.out_detail),
              }),
      }),
    )
    if (status === null) p.openIntentIds.push(Number(r.intent_id))
    if (status === 'settled') p.settled = addCents(p.settled, amount, 'settled amount')
    if (status === 'reversed') p.settled = addCents(p.settled, -amount, 'settled amount')
    const tx = str(r.out_tx) ?? str(r.intent_tx)
    if (tx) p.transactionId = tx
  }
  return [...payments.values()]
}

function readReceipts(stmt: Stmt, where: 'sale_id' | 'id', value: number): ReceiptRecord[] {
  const receipts = stmt(
    `SELECT id, kind, sale_id, closing_id, copy_of, document, at FROM receipts WHERE ${where} = ? ORDER BY id`,
  ).all(value) as Row[]
  return receipts.map((r) =>
    compact({
      receiptId: Number(r.id),
      kind: r.kind as ReceiptRecord['kind'],
      saleId: num(r.sale_id),
      closingId: num(r.closing_id),
      copyOf: num(r.copy_of),
      at: String(r.at),
      document: withMaskedApiLines(JSON.parse(String(r.document)) as ReceiptDocument),
      prints: (
        stmt('SELECT status, detail, at, reached FROM print_outcomes WHERE receipt_id = ? ORDER BY id').all(
          Number(r.id),
        ) as Row[]
      ).map((p) =>
        compact({
          status: p.status as ReceiptRecord['prints'][number]['status'],
          at: String(p.at),
          detail: str(p.detail),
          reached: str(p.reached) as ReceiptRecord['prints'][number]['reached'],
        }),
      ),
    }),
  )
}

export const readReceipt = (stmt: Stmt, receiptId: number): ReceiptRecord | undefined =>
  readReceipts(stmt, 'id', receiptId)[0]

/** A line's deposit fields from line_deposits: absent on an article line. */
const depositOf = (deposits: Map<number, number | null>, lineNo: number) => {
  if (!deposits.has(lineNo)) return {}
  const forLine = deposits.get(lineNo)
  return { deposit: true, ...(forLine == null ? {} : { depositForLineNo: forLine }) }
}

export function readSale(stmt: Stmt, saleId: number): SaleRecord | undefined {
  const r = stmt(`${SUMMARY_SQL} WHERE s.id = ?`).get(saleId) as Row | undefined
  if (!r) return undefined
  const discounts = new Map(
    (stmt('SELECT * FROM line_discounts WHERE sale_id = ?').all(saleId) as Row[]).map((d) => [
      Number(d.line_no),
      {
        kind: d.kind as 'percent' | 'amount',
        value: Number(d.value),
        amount: Number(d.amount),
        reason: String(d.reason),
        reasonId: str(d.reason_id) ?? '',
        managerId: str(d.manager_id) ?? null,
        scope: (str(d.scope) ?? 'line') as 'line' | 'sale' | 'evening',
      },
    ]),
  )
  const components = readComponents(stmt, saleId)
  const deposits = readDeposits(stmt, saleId)
  const lines = (
    stmt('SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY line_no').all(saleId) as Row[]
  ).map((l): SaleLine =>
    compact({
      lineNo: Number(l.line_no),
      productId: String(l.product_id),
      name: String(l.name),
      kind: l.kind as SaleLine['kind'],
      quantity: Number(l.quantity),
      unitPrice: Number(l.unit_price),
      total: Number(l.total),
      vatRate: Number(l.vat_rate) as VatRate,
      weightGrams: num(l.weight_grams),
      ean: str(l.ean),
      articleNumber: str(l.article_number),
      discount: discounts.get(Number(l.line_no)),
      components: components.get(Number(l.line_no)),
      ...depositOf(deposits, Number(l.line_no)),
    }),
  )
  const payments = readPayments(stmt, saleId)
  const summary = toSummary(r)
  const bonus = effectiveBonus(stmt, summary, payments, (id) => readPayments(stmt, id))
  // Derived from the stored lines and the bonus by the one fiscal function (common/fiscal-amounts.ts),
  // so the sale, its receipt and its completion rows cannot disagree: VAT of the goods after the bonus,
  // top-ups (vouchers sold) outside the VAT table; a storno's negated lines give the negated VAT.
  const fiscal = fiscalAmounts({ lines, bonus, payments: [] })
  const vat = fiscal.vat.map((v) => ({ ...v, rate: v.rate as VatRate }))
  return compact({
    ...summary,
    total: fiscal.total,
    reason: str(r.reason),
    lines,
    consumption: readConsumption(stmt, saleId),
    bonus: bonus.length > 0 ? bonus : undefined,
    vat,
    payments,
    paid: paidOf(payments),
    receipts: readReceipts(stmt, 'sale_id', saleId),
    partialReturn:
      summary.kind === 'storno' &&
      stmt('SELECT 1 FROM sale_returns WHERE sale_id = ?').get(saleId) !== undefined
        ? (true as const)
        : undefined,
  })
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

export function searchSales(
  stmt: Stmt,
  range: { from: string; to: string } | null,
  search: string | undefined,
  limit: number,
): SaleSummary[] {
  const where: string[] = []
  const params: (string | number)[] = []
  if (range) {
    where.push('s.started_at >= ? AND s.started_at < ?')
    params.push(range.from, range.to)
  }
  if (search) {
    const receiptNo = /^\d{1,12}$/.test(search) ? Number(search) : -1
    where.push(
      `(c.receipt_no = ? OR EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id AND l.name LIKE ? ESCAPE '\\'))`,
    )
    params.push(receiptNo, `%${escapeLike(search)}%`)
  }
  const sql = `${SUMMARY_SQL} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.id DESC LIMIT ?`
  return (stmt(sql).all(...params, limit) as Row[]).map(toSummary)
}

/**
 * Sales neither completed nor aborted, with the state the recovery needs. Only sales after the last
 * Z are candidates: a Z is refused while any sale is unfinished (reports.ts), so older ones are final.
 */
export function readUnfinished(stmt: Stmt): Unfinished {
  const last = stmt('SELECT last_sale_id, last_receipt_id FROM closings ORDER BY id DESC LIMIT 1').get() as
    Row | undefined
  // Usually nothing is open: three range counts answer that without visiting every sale.
  const ids =
    unfinishedCount(stmt, currentBounds(stmt)) === 0
      ? []
      : (stmt(`
    SELECT s.id FROM sales s
    WHERE s.id > ? AND NOT EXISTS (SELECT 1 FROM sale_completions c WHERE c.sale_id = s.id)
      AND NOT EXISTS (SELECT 1 FROM sale_aborts a WHERE a.sale_id = s.id)
    ORDER BY s.id`).all(Number(last?.last_sale_id ?? 0)) as Row[])
  const sales = ids.flatMap((r): UnfinishedSale[] => {
    const sale = readSale(stmt, Number(r.id))
    if (!sale) return []
    const inFlight = sale.payments.some((p) => p.openIntentIds.length > 0)
    return [{ sale, state: inFlight ? 'in-flight' : sale.paid === sale.total ? 'paid' : 'open' }]
  })
  const unprinted = stmt(`
    SELECT r.id, r.kind, r.sale_id, r.at FROM receipts r
    WHERE r.id > ? AND NOT EXISTS (SELECT 1 FROM print_outcomes p WHERE p.receipt_id = r.id) ORDER BY r.id`).all(
    Number(last?.last_receipt_id ?? 0),
  ) as Row[]
  return {
    sales,
    unprintedReceipts: unprinted.map((r) =>
      compact({ receiptId: Number(r.id), kind: String(r.kind), saleId: num(r.sale_id), at: String(r.at) }),
    ),
  }
}

/**
 * Receipts kept before card numbers were masked still hold them in their API lines: masked on the way
 * out, so no view, reprint or export shows a full card number (the row itself is append-only).
 */
export function withMaskedApiLines(document: ReceiptDocument): ReceiptDocument {
  return Array.isArray(document.apiLines)
    ? { ...document, apiLines: maskApiReceiptLines(document.apiLines) }
    : document
}
