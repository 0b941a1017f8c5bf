// One checkout session per seller's basket (Bäckermodus parks baskets with their card) and the view
// the UI gets of it. Phases change only through the state machine (state-machine.ts).
import type { CheckoutAction, CheckoutPhase, CheckoutResult, CheckoutView } from '../../common/checkout'
import type { SaleRecord } from '../journal'
import type { PreparedSale } from '../fiscal/lifecycle'
import { cardViewOf, type AttachedCard } from './card'
import type { ViewError } from './errors'
import { BUSY_KEYS } from './messages'
import { moveTo } from './state-machine'
import type { OpenStart, Part, PartMethod } from './start-steps'

export type Busy = NonNullable<CheckoutView['busy']>

export interface Session {
  sellerId: string
  phase: CheckoutPhase
  card: AttachedCard | null
  /** The journal's sale from the first payment step until it is completed or aborted. */
  sale: SaleRecord | null
  /** The card's payment row of the current sale (opened by applyCard). */
  loyalty: Part | null
  /** preTransaction's answer for the current sale. */
  applied: { fromCard: number; missingSum: number } | null
  /** The Smart Transaction of this basket; reused (PUT) by the next sale attempt until paid. */
  tx: { id: string; saleId: number; ident: string | null; cardMode: boolean } | null
  busy: Busy | null
  error: ViewError | null
  failActions: CheckoutAction[]
  /** A start whose outcome is unknown, read back until it is known. */
  pending: OpenStart | null
  result: CheckoutResult | null
  /** The card went with the paid transaction: its balance is read again for the result. */
  cardUsed: boolean
  /** The TSE finish of the paid sale, started before the drawer kick so the two overlap (main/fiscal). */
  signing: { saleId: number; done: Promise<unknown> } | null
  /** The paid sale's signing, taken in the commit that moved its money; sent by startSigning. */
  prepared: PreparedSale | null
}

export const busy = (step: string, messageKey: string): Busy => ({ step, messageKey, cancellable: false })

export const BUSY_FOR: Record<PartMethod, Busy> = {
  cash: busy('start', BUSY_KEYS.cash),
  terminal: busy('start', BUSY_KEYS.terminal),
  loyalty: busy('start', BUSY_KEYS.loyalty),
}

export const freshSession = (sellerId: string): Session => ({
  sellerId,
  phase: 'open',
  card: null,
  sale: null,
  loyalty: null,
  applied: null,
  tx: null,
  busy: null,
  error: null,
  failActions: [],
  pending: null,
  result: null,
  cardUsed: false,
  signing: null,
  prepared: null,
})

function actionsOf(s: Session, due: number): CheckoutAction[] {
  switch (s.phase) {
    case 'open':
      return s.card ? ['remove-card'] : []
    case 'card-applied':
      return [...(due > 0 ? (['pay-cash', 'pay-terminal'] as const) : []), 'cancel', 'remove-card']
    case 'failed':
      return s.failActions
    case 'paid':
      return s.result?.print === 'failed' ? ['reprint', 'print-later'] : []
    default:
      return []
  }
}

/** The view of `s` (undefined: the seller has no session yet) over a basket of `basketTotal`. */
export function viewOf(s: Session | undefined, sellerId: string | null, basketTotal: number): CheckoutView {
  const phase = s?.phase ?? 'open'
  const total = s?.result?.total ?? s?.sale?.total ?? basketTotal
  const fromCard = s?.result
    ? s.result.payments.filter((p) => p.kind === 'loyalty').reduce((sum, p) => sum + p.amount, 0)
    : (s?.applied?.fromCard ?? 0)
  const due = phase === 'paid' ? 0 : total - fromCard
  return {
    phase,
    sellerId,
    saleId: s?.sale?.saleId ?? s?.result?.saleId ?? null,
    total,
    fromCard,
    due,
    card: s?.card ? cardViewOf(s.card) : null,
    busy: s?.busy ?? null,
    error: s?.error ?? null,
    actions: s ? actionsOf(s, due) : [],
    result: s?.result ?? null,
  }
}

/** The step failed: `error` is shown, `actions` offered. */
export function fail(s: Session, error: ViewError, actions: CheckoutAction[]): void {
  moveTo(s, 'failed')
  s.busy = null
  s.error = error
  s.failActions = actions
}

/** After a failed payment step: what the cashier may do next ("retry" = the same command again). */
export function failActionsOf(s: Session, kind: PartMethod | 'apply'): CheckoutAction[] {
  const instead: CheckoutAction[] = kind === 'cash' ? ['retry'] : ['pay-cash', 'retry']
  return [...instead, ...(s.card ? (['remove-card'] as const) : []), 'cancel']
}

/** The sale ended (completed or aborted): the session forgets it. */
export function forgetSale(s: Session): void {
  s.sale = null
  s.applied = null
  s.loyalty = null
}
