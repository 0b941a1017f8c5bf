// The card commands: attach (typed or scanned), PIN, remove. A card may change only while no card
// balance is applied and no payment runs.
import type { CheckoutView } from '../../common/checkout'
import { cardViewOf, lookupCard, MAX_PIN_FAILURES, refusalKey } from './card'
import { activeSession, guardIdle, launch, publish, view, type CheckoutContext } from './context'
import { conflict, errorOf, viewError } from './errors'
import { BUSY_KEYS, CARD_KEYS, ERROR_KEYS } from './messages'
import { busy, type Session } from './session'
import { abandonSale, done } from './sale-commands'
import { moveTo } from './state-machine'

function cardChangeable(s: Session): Session {
  if (s.applied || s.phase === 'reconciling' || s.phase === 'working' || s.phase === 'paid') {
    throw conflict(ERROR_KEYS.saleInProgress, 'The card is in use for this sale; cancel it first', {
      phase: s.phase,
    })
  }
  return s
}

export function attach(ctx: CheckoutContext, number: string): CheckoutView {
  guardIdle(ctx)
  const paidScreen = activeSession(ctx)
  // A card scanned on the paid screen belongs to the next customer.
  if (paidScreen.phase === 'paid') done(ctx, paidScreen)
  const s = cardChangeable(activeSession(ctx))
  const resume = s.phase
  return launch(ctx, s, 'step-started', busy('card', BUSY_KEYS.card), async () => {
    await ctx.ready()
    try {
      s.card = await lookupCard(ctx.client, number)
    } catch (error) {
      moveTo(s, 'card-checked', resume)
      s.busy = null
      const cause = errorOf(error)
      s.error = viewError(cause.code, CARD_KEYS.lookupFailed, `Card lookup failed: ${cause.message}`)
      return
    }
    moveTo(s, 'card-checked', resume)
    s.busy = null
    const refusal = refusalKey(s.card)
    // Unknown or locked: shown and refused, the sale stays open and goes on without the card.
    if (refusal === CARD_KEYS.unknown || refusal === CARD_KEYS.locked)
      s.error = viewError('CONFLICT', refusal, `Card refused (${refusal})`)
    ctx.logger.log('info', 'checkout.card-attached', { card: cardViewOf(s.card).masked, refusal })
  })
}

export function verifyPin(ctx: CheckoutContext, pin: string): CheckoutView {
  guardIdle(ctx)
  const s = cardChangeable(activeSession(ctx))
  const card = s.card
  if (!card) throw conflict(CARD_KEYS.none, 'No card attached')
  if (!card.needsPin || card.pinVerified) return view(ctx)
  if (card.pinFailures >= MAX_PIN_FAILURES)
    throw conflict(CARD_KEYS.pinTooManyAttempts, 'Too many wrong PINs for this card')
  const resume = s.phase
  return launch(ctx, s, 'step-started', busy('pin', BUSY_KEYS.pin), async () => {
    await ctx.ready()
    let ok: boolean
    try {
      ok = await ctx.client.merchantCards.checkPasscode(card.number, Number(pin))
    } catch (error) {
      moveTo(s, 'card-checked', resume)
      s.busy = null
      s.error = errorOf(error)
      return
    }
    moveTo(s, 'card-checked', resume)
    s.busy = null
    if (ok) card.pinVerified = true
    else {
      card.pinFailures += 1
      const left = MAX_PIN_FAILURES - card.pinFailures
      s.error =
        left > 0
          ? viewError('FORBIDDEN', CARD_KEYS.wrongPin, 'Wrong PIN', { attemptsLeft: left })
          : viewError('FORBIDDEN', CARD_KEYS.pinTooManyAttempts, 'Too many wrong PINs')
    }
    ctx.logger.log('info', 'checkout.pin-checked', { ok, failures: card.pinFailures })
  })
}

export function detach(ctx: CheckoutContext): CheckoutView {
  guardIdle(ctx)
  const s = activeSession(ctx)
  if (s.phase === 'paid' || s.phase === 'reconciling')
    throw conflict(ERROR_KEYS.wrongPhase, `No card change while ${s.phase}`, { phase: s.phase })
  // The card's balance was applied to this sale: that attempt ends, the basket stays.
  if (s.applied) abandonSale(ctx, s, 'card removed at the till')
  s.card = null
  s.error = null
  if (s.phase === 'card-applied' || (s.phase === 'failed' && !s.sale)) moveTo(s, 'abandoned')
  if (s.phase === 'failed') s.failActions = s.failActions.filter((a) => a !== 'remove-card')
  publish(ctx)
  return view(ctx)
}
