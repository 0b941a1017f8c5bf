// The cash part of a storno or a partial return (docs/backoffice.md, "Storno" step 3): the refund's
// intent and the logged drawer opening in one durable commit, the drawer kicked once, then the outcome.
// The manager pays out what the screen shows, with the key if the drawer did not open.
import { CASH } from '../journal'
import type { SellerConfig } from '../../common/sellers'
import { kickDrawer } from '../../hardware/drawer/kick-once'
import type { Backoffice } from './context'
import { paymentOf, type RefundPart } from './storno-parts'

export function createCashRefund(bo: Backoffice) {
  const { journal, logger } = bo.deps

  /** Pays the cash part out: intent, the logged drawer opening, outcome. */
  return async function refundCash(
    stornoId: number,
    part: RefundPart,
    manager: SellerConfig,
  ): Promise<'opened' | 'not-needed' | 'failed'> {
    const storno = bo.sale(stornoId)
    const payment = paymentOf(storno, part)
    const settled = payment?.settled ?? 0
    if (settled === part.amount) return 'not-needed'
    const openRefund = payment?.steps.find((s) => s.step === 'refund' && s.outcome === undefined)
    // The refund's intent and the drawer opening: one durable commit before the drawer opens.
    const intentId = journal.atomically(
      () => {
        const id =
          openRefund?.intentId ??
          journal.recordPaymentIntent({
            saleId: stornoId,
            ...(payment ? { paymentId: payment.paymentId } : { method: CASH, amount: part.amount }),
            step: 'refund',
            ...(part.transactionId === undefined ? {} : { transactionId: part.transactionId }),
          }).intentId
        journal.recordCashMovement({
          kind: 'drawer_open',
          reason: 'refund',
          sellerId: manager.id,
          saleId: stornoId,
        })
        return id
      },
      { durable: true },
    )
    const kick = await kickDrawer(
      bo.deps.devices.drawer,
      `storno ${stornoId}: refund ${-part.amount} cents`,
      logger,
      'backoffice.error.drawerFailed',
    )
    const drawer = kick.opened ? ('opened' as const) : ('failed' as const)
    // The manager pays out what the screen shows, with the key if the drawer did not open: the refund
    // is booked either way, and a drawer that failed shows up in the result and the log.
    if (drawer === 'failed') logger.log('warn', 'storno.drawer-failed', { stornoSaleId: stornoId })
    journal.atomically(
      () => journal.recordPaymentOutcome({ intentId, status: 'settled', amount: part.amount - settled }),
      { durable: true },
    )
    return drawer
  }
}
