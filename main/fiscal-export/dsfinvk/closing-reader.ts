// One closing's transactions, read in chunks of completion ids (a handful of range queries per chunk,
// no per-sale round trips), in the order the till recorded them: sales and stornos, aborted sales,
// cash movements, and the counted difference of the Z.
import { effectiveBonus } from '../../journal/bonus'
import { readPayments } from '../../journal/read-sales'
import { chunks, zOfCompletion, type ClosingSpan } from './journal-source'
import { CHUNK, groupBy, str, type ReaderContext, type Row } from './reader-context'
import { tseOf } from './tse-rows'

import {
  cashCase,
  line,
  paymentOf,
  settleVat,
  VAT_KEY_OF_RATE,
  VOUCHER_KEY,
  type ExportLine,
  type ExportPayment,
  type ExportTx,
} from './transactions'
import type { GvTyp } from './value-lists'
import { depositCase, depositsOf, returnsOf } from './deposit-lines'
import { comboExportLines, readSaleVatContext, type SaleVatContext } from './vat-context'

function saleLines(
  rows: Row[],
  discounts: Map<number, Row[]> | undefined,
  saleId: number,
  vatContext?: SaleVatContext,
  deposits: ReadonlySet<number> = new Set(),
  wholeStorno = false,
): { lines: ExportLine[]; next: number } {
  let pos = 0
  const inHouse = vatContext?.inHouse.get(saleId)
  const combos = vatContext?.parts.get(saleId)
  const lines = rows.flatMap((l) => {
    pos += 1
    const kind = String(l.kind)
    const rate = Number(l.vat_rate)
    const total = Number(l.total)
    const quantity = kind === 'weight' ? Number(l.weight_grams ?? 0) : Number(l.quantity) * 1000
    const gv: GvTyp =
      kind === 'topup'
        ? 'MehrzweckgutscheinKauf'
        : deposits.has(Number(l.line_no))
          ? depositCase(total, wholeStorno)
          : 'Umsatz'
    const key = kind === 'topup' ? VOUCHER_KEY : (VAT_KEY_OF_RATE[rate] ?? 6)
    const discount = (discounts?.get(saleId) ?? [])
      .filter((d) => Number(d.line_no) === Number(l.line_no))
      .reduce((s, d) => s + Number(d.amount), 0)
    const exported = line(pos, gv, String(l.name), key, kind === 'topup' ? 0 : rate, total, {
      quantity: Number(l.quantity) < 0 && kind === 'weight' ? -quantity : quantity,
      unitPrice: Number(l.unit_price),
      unit: kind === 'weight' ? 'kg' : 'Stück',
      ...(l.article_number ? { artNr: String(l.article_number) } : { artNr: String(l.product_id) }),
      ...(l.ean ? { gtin: String(l.ean) } : {}),
      ...(discount !== 0 ? { discount } : {}),
      ...(inHouse !== undefined ? { inHouse } : {}),
    })
    const parts = combos?.get(Number(l.line_no))
    return parts ? comboExportLines(exported, parts, Number(l.quantity)) : [exported]
  })
  return { lines, next: pos }
}

/** The sales, stornos and aborts of one closing, chunk by chunk. */
export function* closingTransactions(ctx: ReaderContext, span: ClosingSpan): Generator<ExportTx> {
  const { db, stmt } = ctx
  const c = span.closing
  let yielded = false
  const completions = stmt(`
    SELECT c.id, c.sale_id, c.receipt_no, c.completed_at, c.kind, c.seller_id, s.started_at, s.original_sale_id
    FROM sale_completions c JOIN sales s ON s.id = c.sale_id WHERE c.id > ? AND c.id <= ? ORDER BY c.id`)
  const linesQ = stmt(`
    SELECT c.id AS completion_id, l.* FROM sale_completions c JOIN sale_lines l ON l.sale_id = c.sale_id
    WHERE c.id > ? AND c.id <= ? ORDER BY c.id, l.line_no`)
  const payQ = stmt(
    'SELECT completion_id, method, amount FROM completion_payments WHERE completion_id > ? AND completion_id <= ?',
  )
  const vatQ = stmt(
    'SELECT completion_id, rate, vat FROM completion_vat WHERE completion_id > ? AND completion_id <= ?',
  )
  const bonusQ = ctx.hasFiscal
    ? stmt(
        "SELECT completion_id, amount FROM completion_fiscal WHERE kind = 'bonus' AND completion_id > ? AND completion_id <= ?",
      )
    : null
  const originalQ = stmt('SELECT id, receipt_no, completed_at FROM sale_completions WHERE sale_id = ?')
  const saleKindQ = stmt('SELECT kind, original_sale_id FROM sales WHERE id = ?')

  for (const [a, b] of chunks(span.after.completion, c.lastCompletionId, CHUNK)) {
    const heads = completions.all(a, b) as Row[]
    const lines = groupBy(linesQ.all(a, b) as Row[], 'completion_id', (r) => r)
    const pays = groupBy(payQ.all(a, b) as Row[], 'completion_id', (r) => r)
    const vats = groupBy(vatQ.all(a, b) as Row[], 'completion_id', (r) => r)
    const withBonus = new Set(bonusQ ? (bonusQ.all(a, b) as Row[]).map((r) => Number(r.completion_id)) : [])
    const saleIds = heads.map((h) => Number(h.sale_id))
    const tse = tseOf(ctx, 'sale_id', saleIds)
    // Training sales: BON_TYP AVTraining, no payment, outside the closing's sums (DSFinV-K 2.4).
    const training = new Set(
      ctx.hasTraining && saleIds.length > 0
        ? (
            db
              .prepare(
                `SELECT sale_id FROM training_sales WHERE sale_id IN (${saleIds.map(() => '?').join(',')})`,
              )
              .all(...saleIds) as Row[]
          ).map((r) => Number(r.sale_id))
        : [],
    )
    const deposits = depositsOf(ctx, saleIds)
    const returns = returnsOf(ctx, saleIds)
    const discounts = ctx.hasLineDiscounts
      ? groupBy(
          db
            .prepare(
              `SELECT sale_id, line_no, amount FROM line_discounts WHERE sale_id IN (${saleIds.map(() => '?').join(',') || 'NULL'})`,
            )
            .all(...saleIds) as Row[],
          'sale_id',
          (r) => r,
        )
      : undefined
    const vatContext = readSaleVatContext(db, saleIds)
    for (const h of heads) {
      const completionId = Number(h.id)
      const saleId = Number(h.sale_id)
      const storno = String(h.kind) === 'storno'
      const goodsBack = storno && returns.has(saleId)
      const built = saleLines(
        lines.get(completionId) ?? [],
        discounts,
        saleId,
        vatContext,
        deposits.get(saleId),
        storno && !goodsBack,
      )
      const txLines = built.lines
      let pos = built.next
      if (withBonus.has(completionId)) {
        const kind = saleKindQ.get(saleId) as Row
        const bonus = effectiveBonus(
          stmt,
          {
            saleId,
            kind: String(kind.kind),
            ...(kind.original_sale_id ? { originalSaleId: Number(kind.original_sale_id) } : {}),
          },
          readPayments(stmt, saleId),
          (id) => readPayments(stmt, id),
        )
        for (const bl of bonus)
          txLines.push(
            line(
              ++pos,
              'Rabatt',
              `Bonus Kundenkarte ${bl.vatRate} %`,
              VAT_KEY_OF_RATE[bl.vatRate] ?? 6,
              bl.vatRate,
              -bl.amount,
            ),
          )
      }
      const payments: ExportPayment[] = []
      for (const p of pays.get(completionId) ?? []) {
        const amount = Number(p.amount)
        if (String(p.method) === 'loyalty') {
          if (amount !== 0)
            txLines.push(
              line(++pos, 'MehrzweckgutscheinEinloesung', 'Kundenkarte Guthaben', VOUCHER_KEY, 0, -amount),
            )
          continue
        }
        const pay = paymentOf(String(p.method), amount)
        if (pay && amount !== 0) payments.push(pay)
      }
      if (payments.length === 0) payments.push({ typ: 'Keine', name: 'Keine', amount: 0 })
      const receiptVat = new Map<number, number>()
      for (const v of vats.get(completionId) ?? []) {
        const key = VAT_KEY_OF_RATE[Number(v.rate)] ?? 6
        receiptVat.set(key, (receiptVat.get(key) ?? 0) + Number(v.vat))
      }
      settleVat(txLines, receiptVat)
      let reference: ExportTx['reference']
      if (storno && h.original_sale_id !== null) {
        const orig = originalQ.get(Number(h.original_sale_id)) as Row | undefined
        const z = orig ? ctx.closings.length && zOfCompletion(ctx.closings, Number(orig.id)) : undefined
        if (orig)
          reference = {
            name: goodsBack ? 'Retoure' : 'Storno',
            bonId: String(orig.receipt_no),
            zNo: z ? z.zNo : 0,
            date: String(orig.completed_at),
          }
      }
      yielded = true
      yield {
        bonId: String(h.receipt_no),
        bonNr: Number(h.receipt_no),
        bonTyp: training.has(saleId) ? 'AVTraining' : 'Beleg',
        storno: storno && !goodsBack,
        start: String(h.started_at),
        end: String(h.completed_at),
        sellerId: String(h.seller_id),
        lines: txLines,
        payments: training.has(saleId) ? [] : payments,
        tse: tse.get(saleId) ?? [],
        ...(reference ? { reference } : {}),
      }
    }
  }

  // Aborted sales: the TSE saw them (AVBelegabbruch); no payment, outside the sums.
  const aborts = db
    .prepare(
      `SELECT a.id, a.sale_id, a.at, s.started_at, s.seller_id FROM sale_aborts a JOIN sales s ON s.id = a.sale_id
       WHERE a.id > ? AND a.id <= ? ORDER BY a.id`,
    )
    .all(span.after.abort, c.lastAbortId) as Row[]
  const abortTse = tseOf(
    ctx,
    'sale_id',
    aborts.map((r) => Number(r.sale_id)),
  )
  const abortLines = stmt('SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY line_no')
  const abortDeposits = depositsOf(
    ctx,
    aborts.map((r) => Number(r.sale_id)),
  )
  for (const r of aborts) {
    const saleId = Number(r.sale_id)
    yielded = true
    yield {
      bonId: `A-${saleId}`,
      bonNr: saleId,
      bonTyp: 'AVBelegabbruch',
      storno: false,
      start: String(r.started_at),
      end: String(r.at),
      sellerId: String(r.seller_id),
      lines: saleLines(
        abortLines.all(saleId) as Row[],
        undefined,
        saleId,
        readSaleVatContext(db, [saleId]),
        abortDeposits.get(saleId),
      ).lines,
      payments: [],
      tse: abortTse.get(saleId) ?? [],
    }
  }

  // Cash movements with money (a drawer opening without money is no business case).
  const moves = db
    .prepare(`SELECT * FROM cash_movements WHERE id > ? AND id <= ? AND kind <> 'drawer_open' ORDER BY id`)
    .all(span.after.cash, c.lastCashMovementId) as Row[]
  const moveTse = tseOf(
    ctx,
    'cash_movement_id',
    moves.map((r) => Number(r.id)),
  )
  for (const m of moves) {
    const signed = String(m.kind) === 'cash_out' ? -Number(m.amount) : Number(m.amount)
    const gv = cashCase(String(m.kind), str(m.business_case))
    yielded = true
    yield {
      bonId: `G-${Number(m.id)}`,
      bonNr: Number(m.id),
      bonTyp: 'Beleg',
      storno: false,
      start: String(m.at),
      end: String(m.at),
      sellerId: m.seller_id ? String(m.seller_id) : 'Kasse',
      lines: [line(1, gv, String(m.reason), VOUCHER_KEY, 0, signed)],
      payments: [{ typ: 'Bar', name: 'Bar', amount: signed }],
      tse: moveTse.get(Number(m.id)) ?? [],
    }
  }

  // The counted difference at the Z (DifferenzSollIst), booked in cash.
  if (c.difference === 0 && !yielded) {
    // A closing without any record still needs Z_START_ID/Z_ENDE_ID: the Z itself stands as an
    // AVSonstige record without lines or money (fiskaly's advice for an empty closing,
    // https://support.fiskaly.com/hc/en-001/articles/4961016737938).
    yield {
      bonId: `Z-${c.zNo}`,
      bonNr: c.zNo,
      bonTyp: 'AVSonstige',
      storno: false,
      start: c.at,
      end: c.at,
      sellerId: 'Kasse',
      lines: [],
      payments: [],
      tse: tseOf(ctx, 'closing_id', [c.id]).get(c.id) ?? [],
    }
  }
  if (c.difference !== 0) {
    const zTse = tseOf(ctx, 'closing_id', [c.id])
    yield {
      bonId: `Z-${c.zNo}`,
      bonNr: c.zNo,
      bonTyp: 'Beleg',
      storno: false,
      start: c.at,
      end: c.at,
      sellerId: 'Kasse',
      lines: [line(1, 'DifferenzSollIst', 'Kassendifferenz Zählung', VOUCHER_KEY, 0, c.difference)],
      payments: [{ typ: 'Bar', name: 'Bar', amount: c.difference }],
      tse: zTse.get(c.id) ?? [],
    }
  }
}
