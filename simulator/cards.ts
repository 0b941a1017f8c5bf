// Loyalty merchant cards: balances, locks, passcodes, and the wire shape `loyalty.merchantcards`
// (docs/secuconnect.md), which is also what a Smart Transaction ident embeds.
import type { Seed } from './seed'
import { isoTimestamp } from './ids'

type SeedCard = Seed['cards'][number]
export type CardGroup = Seed['cardGroups'][number]

export interface Card extends SeedCard {
  lastUsage: number | null
  lastCharge: number | null
}

export interface CardStore {
  find(cardnumber: string): Card | undefined
  findById(merchantcardId: string): Card | undefined
  group(card: Card): CardGroup
  all(): Card[]
  wire(card: Card): Record<string, unknown>
}

export function cardStore(seed: Seed): CardStore {
  const cards = new Map<string, Card>(
    seed.cards.map((c) => [c.cardnumber, { ...c, lastUsage: null, lastCharge: null }]),
  )
  const groups = new Map(seed.cardGroups.map((g) => [g.id, g]))

  function group(card: Card): CardGroup {
    const g = groups.get(card.cardgroup)
    if (!g) throw new Error(`seed: card ${card.cardnumber} names unknown card group ${card.cardgroup}`)
    return g
  }
  for (const card of cards.values()) group(card)

  return {
    find: (n) => cards.get(n),
    findById: (id) => [...cards.values()].find((c) => c.merchantcardId === id),
    group,
    all: () => [...cards.values()],
    wire(card) {
      const g = group(card)
      const merchant = { object: 'general.merchants', id: seed.merchant.id }
      const customer = card.customer
        ? {
            object: 'loyalty.customers',
            id: card.customer.id,
            contact: {
              name: `${card.customer.forename} ${card.customer.surname}`,
              forename: card.customer.forename,
              surname: card.customer.surname,
            },
          }
        : null
      return {
        object: 'loyalty.merchantcards',
        id: card.merchantcardId,
        merchant,
        created_for_merchant: merchant,
        card: {
          object: 'loyalty.cards',
          id: card.cardId,
          cardnumber: card.cardnumber,
          created: '2015-09-28T16:01:20+02:00',
        },
        cardgroup: {
          object: 'loyalty.cardgroups',
          id: g.id,
          display_name: g.display_name,
          display_name_raw: g.display_name,
          stock_warn_limit: 0,
          picture: null,
        },
        created_for_store: { object: 'general.stores', id: seed.store },
        customer,
        is_base_card: true,
        points: card.points,
        cash_balance: card.cash_balance,
        bonus_balance: card.bonus_balance,
        balance: card.cash_balance + card.bonus_balance,
        last_usage: card.lastUsage === null ? null : isoTimestamp(card.lastUsage),
        last_charge: card.lastCharge === null ? null : isoTimestamp(card.lastCharge),
        stock_status: card.stock_status,
        lock_status: card.lock_status,
        passcode: card.passcode,
        expiry_date: null,
      }
    },
  }
}

const PASSCODE_ACTIONS: Record<number, readonly string[]> = {
  1: ['charge', 'discharge', 'sale_revenue', 'charge_points', 'discharge_points', 'cashreport'],
  2: ['discharge'],
  3: ['charge'],
  4: ['sale_revenue'],
  5: ['discharge_points'],
  6: ['charge_points'],
}

/**
 * checkPasscodeEnabled: the card's `passcode` level names the actions that need the PIN (secuconnect-java-sdk
 * LoyaltyMerchantcardsProductModel).
 */
export function passcodeRequired(card: Card, action: string): boolean {
  return (PASSCODE_ACTIONS[card.passcode] ?? []).includes(action)
}
