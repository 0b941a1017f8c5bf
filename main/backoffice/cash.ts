// Cash that moves without a sale: the opening float, cash in, cash out (each with a reason and its
// DSFinV-K business case), and opening the drawer for no sale. All are manager actions; every drawer
// opening is journaled with its reason before the drawer is kicked.
import type { CashBusinessCase, CashSummaryView } from '../../common/journal'
import type { SellerConfig } from '../../common/sellers'
import type { Backoffice } from './context'
import { kickDrawer, type DrawerKick } from '../../hardware/drawer/kick-once'

type MovementKind = 'opening_float' | 'cash_in' | 'cash_out'

const DEFAULT_CASE: Record<MovementKind, CashBusinessCase> = {
  opening_float: 'Anfangsbestand',
  cash_in: 'Einzahlung',
  cash_out: 'Auszahlung',
}

export function createCash(bo: Backoffice) {
  const { journal, logger } = bo.deps

  /**
   * Logs the opening (durably: the drawer gives access to money, docs/checkout.md "Durability"), then
   * kicks the drawer once; a drawer fault is reported, never retried.
   */
  async function openDrawer(reason: string, manager: SellerConfig, logReason: string): Promise<DrawerKick> {
    journal.atomically(
      () =>
        journal.recordCashMovement({
          kind: 'drawer_open',
          reason: logReason.slice(0, 200),
          sellerId: manager.id,
        }),
      { durable: true },
    )
    return kickDrawer(bo.deps.devices.drawer, reason, logger, 'backoffice.error.drawerFailed')
  }

  const summary = (): CashSummaryView => journal.xReport().cash

  return {
    summary(): CashSummaryView {
      bo.seller()
      return summary()
    },

    async movement(input: {
      kind: MovementKind
      amount: number
      reason: string
      businessCase?: CashBusinessCase
      managerPin?: string
    }) {
      const manager = bo.manager(input.managerPin)
      // Journal first (a cash out beyond the drawer's content is refused there), then the drawer.
      const { movementId } = journal.recordCashMovement({
        kind: input.kind,
        amount: input.amount,
        reason: input.reason,
        businessCase: input.businessCase ?? DEFAULT_CASE[input.kind],
        sellerId: manager.id,
      })
      // Signed like a Beleg in the 0 % slot (main/fiscal); at most one TSE timeout, then it goes on.
      await bo.deps.fiscal?.signCashMovement(
        movementId,
        input.kind === 'cash_out' ? -input.amount : input.amount,
      )
      logger.log('info', 'cash.movement', { kind: input.kind, amount: input.amount, by: manager.id })
      const drawer = await openDrawer(`${input.kind}: ${input.reason}`, manager, input.kind)
      bo.changed('cash')
      return {
        ...summary(),
        drawer: drawer.opened ? ('opened' as const) : ('failed' as const),
        drawerMessageKey: drawer.messageKey,
      }
    },

    async openNoSale(input: { reason: string; managerPin?: string }) {
      const manager = bo.manager(input.managerPin)
      const result = await openDrawer(`no sale: ${input.reason}`, manager, `no-sale: ${input.reason}`)
      bo.changed('cash')
      return result
    },
  }
}
