// Storno of a completed sale (docs/backoffice.md): a new sale of kind storno with the lines negated,
// refunded the way the money came in. The card part (secucard balance, terminal) goes back with one
// secuconnect cancel per transaction (storno-card-cancel.ts); the cash part is paid out through the
// drawer (storno-cash-refund.ts); then the STORNO receipt (storno-receipt.ts). Every external effect is
// journaled before (intent) and after (outcome). An interrupted storno is resumed by running it again;
// on start, storno-recovery.ts settles what an interruption left open.
import { AppFailure } from '../../common/result'
import type { StornoResultView } from '../../common/journal'
import type { ApiReceiptLine } from '../../common/receipt/api-lines'
import type { SellerConfig } from '../../common/sellers'
import { CASH, type SaleRecord } from '../journal'
import { fiscalSaleOf } from '../fiscal/lifecycle'
import type { Backoffice } from './context'
import { createCardCancel } from './storno-card-cancel'
import { createCashRefund } from './storno-cash-refund'
import { createStornoReceipt } from './storno-receipt'
import { createStornoRecovery } from './storno-recovery'
import { apiLinesOf, openStornoOf, refundParts, transactionsOf } from './storno-parts'

export function createStorno(bo: Backoffice) {
  const { journal, logger } = bo.deps
  /** Sales whose storno runs right now: a second tap must not start a second refund beside it. */
  const running = new Set<number>()
  const saleOrThrow = (saleId: number): SaleRecord => bo.sale(saleId)
  const cancelTransaction = createCardCancel(bo)
  const refundCash = createCashRefund(bo)
  const finish = createStornoReceipt(bo)

  async function run(original: SaleRecord, manager: SellerConfig, reason: string): Promise<StornoResultView> {
    const parts = refundParts(original)
    let storno = openStornoOf(bo, original)
    if (storno) {
      logger.log('info', 'storno.resumed', { saleId: original.saleId, stornoSaleId: storno.saleId })
    } else {
      storno = journal.recordStorno({ originalSaleId: original.saleId, sellerId: manager.id, reason })
      logger.log('info', 'storno.started', {
        saleId: original.saleId,
        stornoSaleId: storno.saleId,
        by: manager.id,
      })
      bo.changed('storno', storno.saleId)
    }
    const stornoId = storno.saleId
    // The storno of a training sale is training too: signed AVTraining, outside X/Z (main/journal/training.ts).
    const training = journal.training.isTrainingSale(original.saleId)
    if (training) journal.training.markSale(stornoId)
    const apiLines: ApiReceiptLine[] = []
    for (const tx of transactionsOf(parts))
      apiLines.push(
        ...(await cancelTransaction(
          stornoId,
          tx,
          parts.filter((p) => p.transactionId === tx),
        )),
      )
    let drawer: StornoResultView['drawer'] = 'not-needed'
    for (const part of parts.filter((p) => p.method === CASH)) {
      const opened = await refundCash(stornoId, part, manager)
      if (opened !== 'not-needed') drawer = opened
    }
    // The storno is a new Beleg with negative amounts (its reference to the original is in the journal).
    const fiscal = bo.deps.fiscal
    if (fiscal) await fiscal.finishSale({ ...fiscalSaleOf(saleOrThrow(stornoId)), training })
    const completed = journal.completeSale(stornoId)
    logger.log('info', 'storno.completed', {
      saleId: original.saleId,
      stornoSaleId: stornoId,
      receiptNo: completed.receiptNo,
    })
    return finish(original, stornoId, apiLines, drawer)
  }

  return {
    async execute(input: { saleId: number; reason: string; managerPin?: string }): Promise<StornoResultView> {
      const manager = bo.manager(input.managerPin)
      const original = saleOrThrow(input.saleId)
      if (original.kind === 'storno')
        throw AppFailure.of(
          'CONFLICT',
          'backoffice.error.stornoOfStorno',
          `Sale ${original.saleId} is itself a storno`,
          { saleId: original.saleId },
        )
      if (original.status !== 'completed')
        throw AppFailure.of(
          'CONFLICT',
          'journal.error.stornoNotAllowed',
          `Sale ${original.saleId} is ${original.status}`,
          {
            saleId: original.saleId,
          },
        )
      if (running.has(original.saleId))
        throw AppFailure.of(
          'CONFLICT',
          'backoffice.error.stornoRunning',
          `A storno of sale ${original.saleId} is running`,
          { saleId: original.saleId },
        )
      const done = original.stornoSaleId === undefined ? undefined : journal.sale(original.stornoSaleId)
      running.add(original.saleId)
      try {
        if (done?.status === 'completed') {
          // Completed but its receipt never got written (the process stopped in between): write it now.
          if (!done.receipts.some((r) => r.kind === 'storno')) {
            const lines = await Promise.all(
              transactionsOf(refundParts(original)).map((tx) => apiLinesOf(bo, tx)),
            )
            return await finish(original, done.saleId, lines.flat(), 'not-needed')
          }
          throw AppFailure.of(
            'CONFLICT',
            'journal.error.alreadyStornoed',
            `Sale ${original.saleId} is already cancelled by receipt ${done.receiptNo}`,
            {
              saleId: original.saleId,
              receiptNo: done.receiptNo ?? 0,
            },
          )
        }
        return await run(original, manager, input.reason)
      } finally {
        running.delete(original.saleId)
      }
    },

    recover: createStornoRecovery(bo),
  }
}
