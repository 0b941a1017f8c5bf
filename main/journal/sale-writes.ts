// The journal's sale writes: a sale frozen from the basket, its payment steps (intent before, outcome
// after each external step), completion with the gapless receipt number, abort, and the storno sale.
// Each is one transaction (database.ts inTransaction); the rules they enforce are in docs/journal.md.
import { computeTotals } from '../../common/basket'
import { AppFailure } from '../../common/result'
import { bonusDiscountInput, insertBonus } from './bonus'
import { freezeFiscal } from './completion-fiscal'
import { inTransaction } from './database'
import type { Journal } from './journal'
import { conflict, detailJson, notFound, parse, type JournalCore } from './journal-core'
import { readPayments } from './read-sales'
import {
  beginSaleInput,
  paymentIntentInput,
  paymentOutcomeInput,
  stornoInput,
  partialStornoInput,
  type SaleRecord,
} from './types'

type SaleWrites = Pick<
  Journal,
  | 'beginSale'
  | 'recordPaymentIntent'
  | 'recordPaymentOutcome'
  | 'recordBonusDiscount'
  | 'completeSale'
  | 'abortSale'
  | 'recordStorno'
  | 'recordPartialStorno'
  | 'returnedQuantities'
>

export function saleWrites(core: JournalCore): SaleWrites {
  const { db, stmt, append, now, logger, saleOrThrow, openSale } = core

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
    const insertDiscount = stmt(`INSERT INTO line_discounts
      (sale_id, line_no, kind, value, amount, reason, manager_id, at, reason_id, scope)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    for (const l of lines) {
      const d = l.discount
      if (!d) continue
      insertDiscount.run(
        saleId,
        l.lineNo,
        d.kind,
        d.value,
        d.amount,
        d.reason,
        d.managerId,
        at,
        d.reasonId,
        d.scope,
      )
    }
    return saleId
  }

  /** The stornos of a sale that were not aborted (full or partial), oldest first. */
  const stornosOf = (saleId: number): SaleRecord[] =>
    (
      stmt(
        'SELECT id FROM sales WHERE original_sale_id = ? AND id NOT IN (SELECT sale_id FROM sale_aborts) ORDER BY id',
      ).all(saleId) as { id: number }[]
    ).map((r) => saleOrThrow(Number(r.id)))

  /** A storno line keeps its original's line number, so returns add up per original line. */
  const returnedOf = (stornos: SaleRecord[]): Map<number, number> => {
    const returned = new Map<number, number>()
    for (const s of stornos)
      for (const l of s.lines) returned.set(l.lineNo, (returned.get(l.lineNo) ?? 0) - l.quantity)
    return returned
  }

  /** The sale a storno (whole or partial) refers to: only a completed sale can be cancelled. */
  const completedOriginal = (saleId: number) => {
    const original = saleOrThrow(saleId)
    if (original.kind !== 'sale' || original.status !== 'completed')
      throw conflict(
        'stornoNotAllowed',
        `Only a completed sale can be cancelled; sale ${original.saleId} is a ${original.status} ${original.kind}`,
        { saleId: original.saleId },
      )
    return original
  }

  return {
    beginSale(raw) {
      const input = parse(beginSaleInput, raw, 'sale')
      input.lines.forEach((l, i) => {
        // A discounted line holds its total after the discount (line_discounts keeps the reduction).
        const reduction = l.discount?.amount ?? 0
        if (l.kind === 'piece' && l.total !== l.quantity * l.unitPrice - reduction)
          throw AppFailure.of(
            'VALIDATION',
            'journal.error.lineTotal',
            `Line ${i + 1}: ${l.quantity} × ${l.unitPrice} − ${reduction} is not ${l.total}`,
            { line: i + 1 },
          )
        if (l.total < 0 && l.kind !== 'piece')
          throw AppFailure.of('VALIDATION', 'journal.error.lineTotal', `Line ${i + 1}: negative total`, {
            line: i + 1,
          })
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
        const original = completedOriginal(input.originalSaleId)
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
    recordPartialStorno(raw) {
      const input = parse(partialStornoInput, raw, 'partial storno')
      const saleId = inTransaction(db, () => {
        const original = completedOriginal(input.originalSaleId)
        const earlier = stornosOf(original.saleId)
        const open = earlier.find((s) => s.status === 'open')
        if (open)
          throw conflict('stornoOpen', `Storno ${open.saleId} of sale ${original.saleId} is not finished`, {
            saleId: original.saleId,
          })
        const returned = returnedOf(earlier)
        const seen = new Set<number>()
        const lines = input.lines.map(({ lineNo, quantity }) => {
          const line = original.lines.find((l) => l.lineNo === lineNo)
          if (!line || seen.has(lineNo))
            throw AppFailure.of(
              'VALIDATION',
              'journal.error.returnLine',
              `Sale ${original.saleId} has no line ${lineNo} to return`,
              { lineNo },
            )
          seen.add(lineNo)
          const left = line.quantity - (returned.get(lineNo) ?? 0)
          if (quantity > left)
            throw conflict(
              'overReturn',
              `Line ${lineNo} (${line.name}): ${quantity} to return, ${left} of ${line.quantity} left`,
              { lineNo, quantity, left },
            )
          // A line that is not a plain piece line (weighed, free price, discounted) goes back only whole:
          // its total is not quantity × price, so a part of it has no exact amount.
          const whole = quantity === line.quantity
          if (!whole && (line.kind !== 'piece' || line.discount !== undefined))
            throw conflict('returnWholeLine', `Line ${lineNo} (${line.name}) can only be returned whole`, {
              lineNo,
            })
          const total = whole ? line.total : quantity * line.unitPrice
          return { ...line, quantity: -quantity, total: -total }
        })
        return insertSale('storno', input.sellerId, lines, original.saleId, input.reason)
      })
      return saleOrThrow(saleId)
    },

    returnedQuantities(saleId) {
      return returnedOf(stornosOf(saleId))
    },
  }
}
