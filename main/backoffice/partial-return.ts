// Partial storno (Retoure) of a past receipt (docs/backoffice.md): a manager picks lines and quantities;
// a storno sale with only those lines negated, referenced to the original, pays the amount out through
// the drawer and prints a STORNO receipt listing them. The journal refuses returning a line more often
// than it was sold, across all partial returns of the receipt.
//
// Only receipts paid in cash: the secuconnect API cancels a whole transaction (storno.ts), it has no
// partial refund, so a card-paid receipt goes back only as a whole storno.
import { fiscalSaleOf } from '../fiscal/lifecycle'
import { AppFailure } from '../../common/result'
import { sumCents } from '../../common/money'
import type { ReturnableLineView, ReturnQuoteView, StornoResultView } from '../../common/journal'
import { CASH, type SaleRecord } from '../journal'
import type { Backoffice } from './context'
import { createCashRefund } from './storno-cash-refund'
import { createStornoReceipt } from './storno-receipt'

export interface PartialReturnInput {
  saleId: number
  lines: { lineNo: number; quantity: number }[]
  reason: string
  managerPin?: string
}

/** Why a receipt cannot be returned in part, or null when it can. */
function refusal(sale: SaleRecord): AppFailure | null {
  if (sale.kind !== 'sale' || sale.status !== 'completed')
    return AppFailure.of(
      'CONFLICT',
      'journal.error.stornoNotAllowed',
      `Sale ${sale.saleId} is ${sale.status}`,
      {
        saleId: sale.saleId,
      },
    )
  if (sale.payments.some((p) => p.settled !== 0 && p.method !== CASH))
    return AppFailure.of(
      'CONFLICT',
      'backoffice.error.partialCashOnly',
      `Sale ${sale.saleId} was paid by card; only a whole storno can give card money back`,
      { saleId: sale.saleId },
    )
  // A redeemed bonus or voucher lowered what was paid below the lines: a line's price is not what came in.
  if (
    sumCents(
      sale.lines.map((l) => l.total),
      'lines',
    ) !== sale.total
  )
    return AppFailure.of(
      'CONFLICT',
      'backoffice.error.partialNotPlain',
      `Sale ${sale.saleId} has a bonus or voucher; only a whole storno can give it back`,
      { saleId: sale.saleId },
    )
  return null
}

export function createPartialReturn(bo: Backoffice) {
  const { journal, logger } = bo.deps
  const refundCash = createCashRefund(bo)
  const finish = createStornoReceipt(bo)
  const running = new Set<number>()

  return {
    /** What each line of a receipt could still be returned; `reason` says why nothing can be. */
    returnable(saleId: number): { lines: ReturnableLineView[]; refusedKey: string | null } {
      const sale = bo.sale(saleId)
      const refused = refusal(sale)
      const returned = journal.returnedQuantities(saleId)
      return {
        refusedKey: refused?.error.messageKey ?? null,
        lines: sale.lines.map((l) => ({
          lineNo: l.lineNo,
          name: l.name,
          sold: l.quantity,
          returned: returned.get(l.lineNo) ?? 0,
          wholeOnly: l.kind !== 'piece',
          ...(l.deposit ? { deposit: true, depositFor: l.depositForLineNo ?? null } : {}),
        })),
      }
    },

    /** What returning these lines would pay back now, computed as the return would (nothing booked). */
    quote(saleId: number, lines: PartialReturnInput['lines']): ReturnQuoteView {
      bo.seller()
      const sale = bo.sale(saleId)
      const refused = refusal(sale)
      if (refused) throw refused
      const quoted = journal
        .returnQuote({ originalSaleId: saleId, lines })
        .map((l) => ({ lineNo: l.lineNo, name: l.name, quantity: -l.quantity, refund: -l.total }))
      return { lines: quoted, total: quoted.reduce((sum, l) => sum + l.refund, 0) }
    },

    async execute(input: PartialReturnInput): Promise<StornoResultView> {
      const manager = bo.manager(input.managerPin)
      const original = bo.sale(input.saleId)
      const refused = refusal(original)
      if (refused) throw refused
      if (running.has(original.saleId))
        throw AppFailure.of(
          'CONFLICT',
          'backoffice.error.stornoRunning',
          `A storno of sale ${original.saleId} is running`,
          { saleId: original.saleId },
        )
      running.add(original.saleId)
      try {
        // A return interrupted before it was finished (the process stopped during its payout) is
        // finished first, with its own journaled lines, as a whole storno is resumed by running it
        // again (docs/backoffice.md); what is still to go back is a further return after it.
        const interrupted = journal
          .unfinished()
          .sales.find(
            ({ sale }) => sale.partialReturn === true && sale.originalSaleId === original.saleId,
          )?.sale
        const sale =
          interrupted ??
          journal.recordPartialStorno({
            originalSaleId: original.saleId,
            sellerId: manager.id,
            reason: input.reason,
            lines: input.lines,
          })
        logger.log('info', interrupted ? 'storno.partial-resumed' : 'storno.partial-started', {
          saleId: original.saleId,
          stornoSaleId: sale.saleId,
          by: manager.id,
          lines: sale.lines.length,
        })
        bo.changed('storno', sale.saleId)
        // Main computed the lines' amounts (journal); the refund is exactly what they add up to.
        const drawer = await refundCash(sale.saleId, { method: CASH, amount: sale.total }, manager)
        // Signed like a storno: a Beleg with the returned lines negated (training when the original was).
        const training = journal.training.isTrainingSale(original.saleId)
        if (training) journal.training.markSale(sale.saleId)
        await bo.deps.fiscal?.finishSale({ ...fiscalSaleOf(bo.sale(sale.saleId)), training })
        const completed = journal.completeSale(sale.saleId)
        logger.log('info', 'storno.partial-completed', {
          saleId: original.saleId,
          stornoSaleId: sale.saleId,
          receiptNo: completed.receiptNo,
        })
        return await finish(original, sale.saleId, [], drawer)
      } finally {
        running.delete(original.saleId)
      }
    },
  }
}
