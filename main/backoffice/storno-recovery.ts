// Storno recovery on start (docs/backoffice.md, "What can go wrong"): a storno interrupted while its
// card cancel was under way gets the cancel's outcome from secuconnect; one that moved no money yet is
// dropped (it can simply be repeated). One that already gave money back stays open until a manager runs
// the storno again, which finishes it.
import { CASH } from '../journal'
import type { Backoffice } from './context'

export function createStornoRecovery(bo: Backoffice) {
  const { journal, client, logger } = bo.deps
  return async function recover(): Promise<void> {
    for (const { sale } of journal.unfinished().sales) {
      if (sale.kind !== 'storno') continue
      for (const payment of sale.payments) {
        for (const step of payment.steps) {
          if (step.step !== 'cancel' || step.outcome !== undefined || step.transactionId === undefined)
            continue
          try {
            const found = await client.transactions.reconcile(step.transactionId, 'cancelled')
            if (found.applied)
              journal.recordPaymentOutcome({
                intentId: step.intentId,
                status: payment.method === CASH ? 'done' : 'settled',
                transactionId: step.transactionId,
              })
            else if (found.transaction.status === 'ok')
              journal.recordPaymentOutcome({
                intentId: step.intentId,
                status: 'failed',
                detail: { readBack: 'ok, not cancelled' },
              })
          } catch (error) {
            logger.log('warn', 'storno.recover-unreadable', {
              stornoSaleId: sale.saleId,
              transactionId: step.transactionId,
              error: String(error),
            })
          }
        }
      }
      const now = bo.sale(sale.saleId)
      if (now.paid === 0 && now.payments.every((p) => p.openIntentIds.length === 0)) {
        journal.abortSale(sale.saleId, 'storno interrupted before any refund')
        logger.log('info', 'storno.recover-aborted', { stornoSaleId: sale.saleId })
        bo.changed('storno', sale.saleId)
      } else {
        logger.log('warn', 'storno.recover-open', {
          stornoSaleId: sale.saleId,
          paid: now.paid,
          total: now.total,
        })
      }
    }
  }
}
