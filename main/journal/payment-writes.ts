// The journal's payment steps: an intent before each external step (secuconnect call, drawer) and its
// outcome after it, each in one transaction (database.ts inTransaction). The rules they enforce
// (money moves in the sale's direction; no more reversed than settled) are in docs/journal.md.
import { AppFailure } from '../../common/result'
import { inTransaction } from './database'
import type { Journal } from './journal'
import { conflict, detailJson, notFound, parse, type JournalCore } from './journal-core'
import { readPayments } from './read-sales'
import { paymentIntentInput, paymentOutcomeInput } from './types'

type PaymentWrites = Pick<Journal, 'recordPaymentIntent' | 'recordPaymentOutcome'>

export function paymentWrites(core: JournalCore): PaymentWrites {
  const { db, stmt, append, now, openSaleHead } = core

  return {
    recordPaymentIntent(raw) {
      const input = parse(paymentIntentInput, raw, 'payment intent')
      return inTransaction(db, () => {
        const sale = openSaleHead(input.saleId)
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
          if (input.amount === 0 || Math.sign(input.amount) !== Math.sign(sale.frozenTotal || 1))
            throw AppFailure.of(
              'VALIDATION',
              'journal.error.paymentSign',
              `Payment amount ${input.amount} does not fit sale total ${sale.frozenTotal}`,
              { amount: input.amount, total: sale.frozenTotal },
            )
          paymentId = append(
            'INSERT INTO payments (sale_id, method, amount, tendered, created_at) VALUES (?, ?, ?, ?, ?)',
            sale.saleId,
            input.method,
            input.amount,
            input.tendered ?? null,
            at,
          )
        } else if (
          stmt('SELECT 1 FROM payments WHERE id = ? AND sale_id = ?').get(paymentId, sale.saleId) ===
          undefined
        ) {
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
          // Only a reversal is bounded by what came in before; a settlement needs no read-back.
          if (input.status === 'reversed') {
            const settled =
              readPayments(stmt, Number(intent.sale_id)).find(
                (p) => p.paymentId === Number(intent.payment_id),
              )?.settled ?? 0
            if (Math.abs(amount) > Math.abs(settled))
              throw conflict(
                'reverseExceedsSettled',
                `Cannot reverse ${amount}: only ${settled} is settled`,
                { amount, settled },
              )
          }
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
  }
}
