// The sale commands: apply the card, pay (cash, terminal, card), cancel, the receipt question, done.
// Each checks first (a failed check journals nothing), then begins the sale and launches its flow.
import type { CheckoutView } from '../../common/checkout'
import { AppFailure } from '../../common/result'
import type { SaleRecord } from '../journal'
import { refusalKey } from './card'
import { activeSession, guardIdle, launch, publish, view, type CheckoutContext } from './context'
import { conflict } from './errors'
import { print } from './finish-steps'
import { BUSY_KEYS, CARD_KEYS, ERROR_KEYS } from './messages'
import { applyCardFlow, cardNumber, payFlow } from './payment-flows'
import { BUSY_FOR, busy, forgetSale, freshSession, type Session } from './session'
import { readBack } from './start-flow'
import type { PartMethod } from './start-steps'
import { moveTo } from './state-machine'

/**
 * A new customer: the paid screen closes. A receipt still asked about stays printable from the "Bon"
 * key (main/counter/last-receipt.ts) until the next sale is paid, which records it as declined.
 */
export function done(ctx: CheckoutContext, s: Session): void {
  moveTo(s, 'done')
  ctx.sessions.set(s.sellerId, freshSession(s.sellerId))
}

/** Freezes the basket as the journal's sale at the first payment step and locks it until the end. */
function beginSale(ctx: CheckoutContext, s: Session): SaleRecord {
  if (s.sale) return s.sale
  const basket = ctx.register.active().view()
  if (basket.lines.length === 0) throw conflict(ERROR_KEYS.emptyBasket, 'The basket is empty')
  if (basket.total === 0) throw conflict(ERROR_KEYS.nothingToPay, 'Nothing to pay', { total: basket.total })
  // A top-up names the card it loads (last four digits only), on the receipt and in the journal.
  const last4 = s.card ? s.card.number.slice(-4) : null
  const sale = ctx.journal.beginSale({
    sellerId: s.sellerId,
    // Line ids go along only so the journal can link each deposit to its bottle (line_deposits).
    lines: basket.lines.map((line) =>
      line.kind === 'topup' && last4 ? { ...line, name: `${line.name} (Karte •••• ${last4})` } : line,
    ),
    consumption: basket.consumption,
  })
  // Training mode: the sale is a training one from its start (AVTraining, outside X/Z).
  if (ctx.journal.training.current().on) ctx.journal.training.markSale(sale.saleId)
  ctx.register.lockForPayment(s.sellerId)
  s.sale = sale
  s.loyalty = null
  s.applied = null
  ctx.hooks.at('sale.begun')
  ctx.logger.log('info', 'checkout.sale-begun', {
    saleId: sale.saleId,
    sellerId: s.sellerId,
    total: sale.total,
  })
  return sale
}

/** Ends a begun sale that moved no money (cancel, card removed): aborted, basket editable again. */
export function abandonSale(ctx: CheckoutContext, s: Session, reason: string): void {
  if (!s.sale) return
  ctx.journal.abortSale(s.sale.saleId, reason)
  ctx.fiscal?.saleAborted(s.sellerId, s.sale.saleId)
  ctx.logger.log('info', 'checkout.sale-aborted', { saleId: s.sale.saleId, reason })
  forgetSale(s)
  if (s.tx) s.tx.cardMode = false
  ctx.register.unlockPayment()
}

const hasTopUp = (
  ctx: CheckoutContext,
  sale: { lines: readonly { kind: string; ean?: string }[] },
): boolean =>
  sale.lines.some(
    (l) => l.kind === 'topup' || (l.ean !== undefined && ctx.config.secuconnect.topUpEans.includes(l.ean)),
  )

/** Checks common to every payment command; begins the sale. `tendered` is checked against what is due. */
function payable(ctx: CheckoutContext, s: Session, needsCardToPay: boolean, tendered?: number): SaleRecord {
  if (s.phase === 'paid')
    throw conflict(ERROR_KEYS.wrongPhase, 'This sale is paid; start the next one', { phase: s.phase })
  // Every part of a payment settles in one step, so money on a begun sale means a step broke after
  // it: never pay again, the next start's recovery completes it.
  if (s.sale && ctx.journal.salePaid(s.sale.saleId) !== 0) {
    throw AppFailure.of(
      'INTERNAL',
      ERROR_KEYS.internal,
      `Sale ${s.sale.saleId} already holds settled money`,
      {
        saleId: s.sale.saleId,
      },
    )
  }
  if (needsCardToPay) {
    if (!s.card) throw conflict(CARD_KEYS.none, 'No card attached')
    const refusal = refusalKey(s.card)
    if (refusal) throw conflict(refusal, `The card cannot pay (${refusal})`)
  }
  const basket = s.sale ?? ctx.register.active().view()
  if (!s.applied && hasTopUp(ctx, basket) && cardNumber(s) === null)
    throw conflict(ERROR_KEYS.topupNeedsCard, 'A top-up needs a card')
  const due = s.applied ? s.applied.missingSum : basket.total
  if (tendered !== undefined && tendered < due) {
    throw AppFailure.of(
      'VALIDATION',
      ERROR_KEYS.tenderedTooLow,
      `Tendered ${tendered} is less than the ${due} due`,
      {
        due,
        tendered,
      },
    )
  }
  return beginSale(ctx, s)
}

/** In `reconciling` a payment command only reads the transaction back again: it never pays twice. */
function readBackNow(ctx: CheckoutContext, s: Session): CheckoutView {
  readBack(ctx, s)
  return view(ctx)
}

/** A paid sale whose next basket already has lines (tapped while its receipt printed): start the next sale. */
function sessionToPay(ctx: CheckoutContext): Session {
  const s = activeSession(ctx)
  if (s.phase !== 'paid' || ctx.register.active().isEmpty()) return s
  done(ctx, s)
  return activeSession(ctx)
}

/** Training: no real money moves through the terminal or a card (balance, bonus, top-up): cash only. */
function refuseCardInTraining(ctx: CheckoutContext, s: Session, kind: PartMethod | 'apply'): void {
  if (!ctx.journal.training.current().on || (kind === 'cash' && !s.card)) return
  throw conflict(ERROR_KEYS.trainingCashOnly, 'Training mode takes cash only, without a card')
}

export function applyCard(ctx: CheckoutContext): CheckoutView {
  guardIdle(ctx)
  const s = sessionToPay(ctx)
  if (s.phase === 'reconciling') return readBackNow(ctx, s)
  if (s.phase === 'card-applied') return view(ctx)
  refuseCardInTraining(ctx, s, 'apply')
  payable(ctx, s, true)
  return launch(
    ctx,
    s,
    'step-started',
    busy('transaction', BUSY_KEYS.transaction),
    async () => void (await applyCardFlow(ctx, s)),
  )
}

export function pay(ctx: CheckoutContext, kind: PartMethod, tendered?: number): CheckoutView {
  guardIdle(ctx)
  const s = sessionToPay(ctx)
  if (s.phase === 'reconciling') return readBackNow(ctx, s)
  if (kind === 'loyalty') {
    const due = s.applied ? s.applied.missingSum : null
    if (due !== null && due > 0)
      throw conflict(
        ERROR_KEYS.dueNotZero,
        'The card does not cover the sale; pay the rest in cash or on the terminal',
        {
          due,
        },
      )
  }
  refuseCardInTraining(ctx, s, kind)
  // Returned deposits worth more than the purchase: the drawer pays out; a card cannot.
  const basketTotal = ctx.register.active().view().total
  if (!s.sale && basketTotal < 0 && (kind !== 'cash' || s.card))
    throw conflict(ERROR_KEYS.payOutInCash, 'A sale below 0 is paid out in cash, without a card', {
      total: basketTotal,
    })
  payable(ctx, s, kind === 'loyalty' && !s.applied, kind === 'cash' ? tendered : undefined)
  return launch(ctx, s, 'step-started', BUSY_FOR[kind], async () => {
    // payLoyalty straight from the open basket: apply the card first, pay only if it covers everything.
    if (kind === 'loyalty' && !s.applied) {
      if (!(await applyCardFlow(ctx, s))) return
      if (s.applied!.missingSum > 0) return
      moveTo(s, 'step-started')
    }
    await payFlow(ctx, s, kind, tendered)
  })
}

export function cancel(ctx: CheckoutContext): CheckoutView {
  guardIdle(ctx)
  const s = activeSession(ctx)
  if (s.phase === 'paid' || s.phase === 'reconciling')
    throw conflict(ERROR_KEYS.wrongPhase, `Cannot cancel while ${s.phase}`, { phase: s.phase })
  abandonSale(ctx, s, 'cancelled at the till')
  moveTo(s, 'abandoned')
  s.error = null
  s.busy = null
  publish(ctx)
  return view(ctx)
}

export function receiptChoice(ctx: CheckoutContext, printIt: boolean): CheckoutView {
  guardIdle(ctx)
  const s = activeSession(ctx)
  const result = s.result
  if (s.phase !== 'paid' || !result)
    throw conflict(ERROR_KEYS.wrongPhase, 'No paid sale to print', { phase: s.phase })
  if (!printIt) {
    if (result.print === 'asking')
      ctx.journal.recordPrintOutcome({
        receiptId: result.receiptId,
        status: 'declined',
        detail: 'customer declined',
      })
    // After a failure "print later": the receipt waits in the journal for a reprint.
    result.print = result.print === 'asking' ? 'declined' : result.print === 'failed' ? 'none' : result.print
    publish(ctx)
    return view(ctx)
  }
  const copy = result.print !== 'asking'
  return launch(ctx, s, 'print', busy('print', BUSY_KEYS.printing), () => print(ctx, s, copy))
}

export function finishSale(ctx: CheckoutContext): CheckoutView {
  guardIdle(ctx)
  const s = activeSession(ctx)
  if (s.phase === 'paid') done(ctx, s)
  else if (s.sale)
    throw conflict(ERROR_KEYS.saleInProgress, 'A sale is in progress; pay or cancel it first', {
      phase: s.phase,
    })
  else {
    s.error = null
    moveTo(s, 'done')
  }
  publish(ctx)
  return view(ctx)
}
