// Everything the simulator remembers; `reset` rebuilds it from the seed.
import type { Clock } from '../common/ports'
import type { BasketProduct, CardApplication } from './bonus'
import { cardStore, type CardStore } from './cards'
import type { Seed } from './seed'
import type { ApiReceiptLineInput } from '../common/receipt/api-lines'

export interface IdentRecord {
  type: string
  value: string
  /** The card as resolved at create/PUT/preTransaction. [R] The published start responses still show the
   * pre-payment balances here (examples 002, 004), so payment does not refresh it; the receipt has the new
   * one. */
  merchantcard: Record<string, unknown> | null
  valid: boolean
}

export interface CardEffects {
  cardnumber: string
  bonusSpent: number
  cashSpent: number
  bonusCollected: number
  topUp: number
}

export interface StxRecord {
  id: string
  created: number
  updated: number | null
  status: 'created' | 'processing' | 'ok' | 'failed' | 'cancelled'
  products: BasketProduct[]
  basketType: string
  sum: number
  currency: string
  gratuity: number | null
  idents: IdentRecord[]
  merchantRef: string | null
  transactionRef: string | null
  isDemo: boolean
  intent: string | null
  contract: { id: string } | null
  deviceSource: string | null
  paymentMethod: string | null
  transId: string | null
  receipt: ApiReceiptLineInput[]
  receiptMerchant: ApiReceiptLineInput[]
  receiptNumber: number | null
  loyaltyTransactions: string[]
  /**
   * Set by preTransaction, dropped by PUT ("this special mode is lost", secuconnect docs:
   * Apply_the_Loyalty_Card_for_Payment_-_Reference_-_Integration_Guide_for_Loyalty_at_the_POS).
   */
  pre: CardApplication | null
  effects: CardEffects | null
  /** How many times a start / cancel took effect: what fault tests count to prove "no double charge". */
  starts: number
  cancels: number
}

export interface SimState {
  seed: Seed
  cards: CardStore
  transactions: Map<string, StxRecord>
  nextTaCode: number
  nextReceiptNumber: number
  /** How many of the next start/cashless calls the simulated terminal declines. */
  cashlessDeclines: number
}

/**
 * "As long as the payment has not been executed" (example 000). [I] A declined (failed) payment was not
 * executed either, so the register may change the basket or pay another way.
 */
export const isOpen = (rec: StxRecord): boolean =>
  rec.status === 'created' || rec.status === 'processing' || rec.status === 'failed'

export function freshState(seed: Seed): SimState {
  // [I] TA codes in the examples are 8 digits and step by 2 within one payment (29218171, 29218173).
  return {
    seed,
    cards: cardStore(structuredClone(seed)),
    transactions: new Map(),
    nextTaCode: 29218171,
    nextReceiptNumber: 1,
    cashlessDeclines: 0,
  }
}

export function takeTaCode(state: SimState): string {
  const code = state.nextTaCode
  state.nextTaCode += 2
  return String(code)
}

export interface SimContext {
  state: SimState
  clock: Clock
  /** The device (SDV id) behind the request's token, for `device_source`. */
  deviceId: string | null
}
