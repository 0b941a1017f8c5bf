// The attached secucard: what the API says about it (holder, balances, lock, PIN rule) and what the
// card panel may offer. The full number stays here in main; the view carries it masked.
import { maskCardNumber } from '../../common/card'
import type { CardView } from '../../common/checkout'
import type { MerchantCard, SecuconnectClient } from '../secuconnect'
import { CARD_KEYS } from './messages'

/** Wrong PINs before the card is refused for this sale. */
export const MAX_PIN_FAILURES = 3

export interface AttachedCard {
  number: string
  /** null: the API does not know the card (`valid: false`). */
  merchantCard: MerchantCard | null
  needsPin: boolean
  pinVerified: boolean
  pinFailures: number
}

/**
 * Looks the card up: the merchant card (holder, balances, lock status, card group) and, for a usable
 * card, whether its group wants the PIN before it pays (`discharge`). Two round trips, both while the
 * basket is still open, so none lies on a payment's critical path.
 */
export async function lookupCard(client: SecuconnectClient, number: string): Promise<AttachedCard> {
  const merchantCard = await client.merchantCards.findByCardNumber(number)
  const usable = merchantCard !== null && merchantCard.lock_status !== 'locked'
  const needsPin = usable
    ? await client.merchantCards.checkPasscodeEnabled(merchantCard.cardgroup.id, number, 'discharge')
    : false
  return { number, merchantCard, needsPin, pinVerified: false, pinFailures: 0 }
}

const isLocked = (c: AttachedCard): boolean => c.merchantCard?.lock_status === 'locked'

/**
 * May the card be sent as the Smart Transaction's ident (collect bonus, load a top-up)? Not when
 * unknown or locked (the API refuses a locked card with 1016), nor after too many wrong PINs.
 */
export function identUsable(c: AttachedCard | null): c is AttachedCard {
  return c !== null && c.merchantCard !== null && !isLocked(c) && c.pinFailures < MAX_PIN_FAILURES
}

/** Why the card cannot pay right now, or null when it can. */
export function refusalKey(c: AttachedCard): string | null {
  if (c.merchantCard === null) return CARD_KEYS.unknown
  if (isLocked(c)) return CARD_KEYS.locked
  if (c.pinFailures >= MAX_PIN_FAILURES) return CARD_KEYS.pinTooManyAttempts
  if (c.needsPin && !c.pinVerified) return CARD_KEYS.pinRequired
  return null
}

function holderOf(card: MerchantCard): string | null {
  const contact = card.customer?.contact
  if (!contact) return null
  const name = contact.name ?? [contact.forename, contact.surname].filter(Boolean).join(' ')
  return name.trim() === '' ? null : name
}

export function cardViewOf(c: AttachedCard): CardView {
  const mc = c.merchantCard
  const usable = identUsable(c)
  return {
    masked: maskCardNumber(c.number),
    last4: c.number.slice(-4),
    valid: mc !== null,
    locked: isLocked(c),
    holder: mc ? holderOf(mc) : null,
    cardGroup: mc?.cardgroup.display_name ?? null,
    cashBalance: mc?.cash_balance ?? 0,
    bonusBalance: mc?.bonus_balance ?? 0,
    needsPin: c.needsPin,
    pinVerified: c.pinVerified,
    canPay: refusalKey(c) === null,
    canTopUp: usable,
    refusalKey: refusalKey(c),
  }
}
