// The card part of a storno (docs/backoffice.md, "Storno" step 2): one secuconnect cancel per
// transaction, its intent journaled durably before and its outcome after. A cancel whose answer never
// arrived is read back, never sent again blindly; one that failed for sure drops the storno attempt if
// no money moved yet.
import { AppFailure } from '../../common/result'
import type { ApiReceiptLine } from '../../common/receipt/api-lines'
import { CASH } from '../journal'
import {
  isUnknownOutcome,
  SecuconnectApiError,
  SecuconnectError,
  toAppError,
  type SmartTransaction,
} from '../secuconnect'
import type { Backoffice } from './context'
import { apiLinesOf, cancelSteps, paymentOf, readCancelBack, type RefundPart } from './storno-parts'

export function createCardCancel(bo: Backoffice) {
  const { journal, client, logger } = bo.deps
  const saleOrThrow = (saleId: number) => bo.sale(saleId)

  /** After a cancel that failed for sure: record it, and drop the storno attempt if no money moved yet. */
  function cancelFailed(stornoId: number, intentId: number, tx: string, error: unknown): never {
    const app = toAppError(error)
    journal.recordPaymentOutcome({ intentId, status: 'failed', detail: { error: app.message.slice(0, 300) } })
    const storno = saleOrThrow(stornoId)
    if (storno.paid === 0 && storno.payments.every((p) => p.openIntentIds.length === 0)) {
      journal.abortSale(stornoId, 'card cancellation failed; nothing was refunded')
      bo.changed('storno', stornoId)
    }
    logger.log('warn', 'storno.cancel-failed', {
      stornoSaleId: stornoId,
      transactionId: tx,
      error: app.message,
    })
    const refused = error instanceof SecuconnectApiError && error.status < 500
    throw new AppFailure({
      code: app.code,
      messageKey: refused ? 'backoffice.error.cancelRefused' : 'backoffice.error.cancelFailed',
      message: `secuconnect did not cancel ${tx}: ${app.message}`,
      ...(app.params ? { params: app.params } : {}),
    })
  }

  /** One secuconnect cancel for `tx`, sent at most once per attempt that could have reached it. */
  return async function cancelTransaction(
    stornoId: number,
    tx: string,
    parts: RefundPart[],
  ): Promise<ApiReceiptLine[]> {
    const carrier = parts.find((p) => p.method !== CASH) ?? parts[0]
    // The cancel moves card money back when a card part carries it; on a cash-only transaction
    // (top-up or bonus collected) it takes back the card effects and the cash follows through the drawer.
    const outcomeStatus = carrier.method === CASH ? 'done' : 'settled'
    let lines: ApiReceiptLine[] | null = null
    let storno = saleOrThrow(stornoId)
    const steps = cancelSteps(storno, tx)
    let cancelled = steps.some(
      ({ step }) => step.outcome?.status === 'settled' || step.outcome?.status === 'done',
    )
    const open = steps.find(({ step }) => step.outcome === undefined)
    if (!cancelled && open) {
      // An earlier attempt sent the cancel and never learnt the answer: ask, do not send it again.
      const found = await readCancelBack(bo, tx)
      if (found.applied) {
        journal.recordPaymentOutcome({
          intentId: open.step.intentId,
          status: open.payment.method === CASH ? 'done' : 'settled',
          transactionId: tx,
        })
        lines = found.transaction.receipt
        cancelled = true
      } else if (found.transaction.status === 'ok') {
        journal.recordPaymentOutcome({
          intentId: open.step.intentId,
          status: 'failed',
          detail: { readBack: 'ok, not cancelled' },
        })
      } else {
        throw AppFailure.of(
          'CONFLICT',
          'backoffice.error.cancelImpossible',
          `Transaction ${tx} is ${found.transaction.status}; it cannot be cancelled`,
          {
            status: found.transaction.status,
          },
        )
      }
    }
    if (!cancelled) {
      storno = saleOrThrow(stornoId)
      const payment = paymentOf(storno, carrier)
      // cancel moves money back: its intent and its outcome are durable commits.
      const { intentId } = journal.atomically(
        () =>
          journal.recordPaymentIntent({
            saleId: stornoId,
            ...(payment
              ? { paymentId: payment.paymentId }
              : { method: carrier.method, amount: carrier.amount }),
            step: 'cancel',
            transactionId: tx,
          }),
        { durable: true },
      )
      let transaction: SmartTransaction
      try {
        transaction = await client.transactions.cancel(tx)
      } catch (error) {
        const unknown =
          error instanceof SecuconnectError &&
          (error.outcome ? error.outcome.effect === 'unknown' : isUnknownOutcome(error))
        if (unknown) {
          // The intent stays open: the next attempt (or the start-up recovery) reads the transaction back.
          logger.log('warn', 'storno.cancel-unknown', { stornoSaleId: stornoId, transactionId: tx })
          throw AppFailure.of(
            'TIMEOUT',
            'backoffice.error.cancelUnknown',
            'The card cancellation could not be confirmed yet; try the storno again',
          )
        }
        cancelFailed(stornoId, intentId, tx, error)
      }
      journal.atomically(
        () => journal.recordPaymentOutcome({ intentId, status: outcomeStatus, transactionId: tx }),
        {
          durable: true,
        },
      )
      lines = transaction.receipt
    }
    // Further card parts on the same transaction went back with that one cancel.
    for (const part of parts) {
      if (part === carrier || part.method === CASH) continue
      storno = saleOrThrow(stornoId)
      const payment = paymentOf(storno, part)
      if (payment?.settled === part.amount) continue
      const openStep = payment?.steps.find((s) => s.outcome === undefined)
      const intentId =
        openStep?.intentId ??
        journal.recordPaymentIntent({
          saleId: stornoId,
          ...(payment ? { paymentId: payment.paymentId } : { method: part.method, amount: part.amount }),
          step: 'cancel',
          transactionId: tx,
          detail: { withCancelOf: carrier.method },
        }).intentId
      journal.recordPaymentOutcome({ intentId, status: 'settled', transactionId: tx })
    }
    return lines ?? apiLinesOf(bo, tx)
  }
}
