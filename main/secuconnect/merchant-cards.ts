// Loyalty merchant cards and card groups (docs/secuconnect.md).
import type { Api } from './api'
import {
  booleanResult,
  listOf,
  merchantCard,
  validateMerchantCardResult,
  type MerchantCard,
  type ValidateMerchantCardResult,
} from './models'

export type PasscodeAction =
  'charge' | 'discharge' | 'sale_revenue' | 'charge_points' | 'discharge_points' | 'cashreport'

export interface MerchantCards {
  /**
   * `null` when no card has that number ("one match or none, for instance for a typo": secuconnect docs,
   * Obtain_the_Card_Details_-_Integration_Guide_for_Loyalty_at_the_POS).
   */
  findByCardNumber(cardnumber: string, opts?: { signal?: AbortSignal }): Promise<MerchantCard | null>
  get(merchantCardId: string, opts?: { signal?: AbortSignal }): Promise<MerchantCard>
  /** Unknown or foreign cards answer `{isValid:false}`, not an error. */
  validate(cardnumber: string, opts?: { signal?: AbortSignal }): Promise<ValidateMerchantCardResult>
  checkPasscode(cardnumber: string, pin: number, opts?: { signal?: AbortSignal }): Promise<boolean>
  /**
   * Whether `action` needs the PIN for this card (card group endpoint; secuconnect-php-sdk
   * lib/Api/LoyaltyCardGroupsApi.php).
   */
  checkPasscodeEnabled(
    cardGroupId: string,
    cardnumber: string,
    action: PasscodeAction,
    opts?: { signal?: AbortSignal },
  ): Promise<boolean>
}

/** Card numbers go into a query string; anything but digits would change the query's meaning. */
function checkNumber(cardnumber: string): string {
  if (!/^\d{8,19}$/.test(cardnumber)) throw new RangeError('card number must be 8 to 19 digits')
  return cardnumber
}

const enc = encodeURIComponent
// Built once: zod compiles an object schema on its first parse, so a schema made per call compiles per call.
const merchantCardList = listOf(merchantCard)

export function createMerchantCards(api: Api, readMs: number, writeMs: number): MerchantCards {
  return {
    async findByCardNumber(cardnumber, opts = {}) {
      const list = await api.call({
        method: 'GET',
        path: '/Loyalty/MerchantCards',
        query: { q: `card.cardnumber:${checkNumber(cardnumber)}` },
        schema: merchantCardList,
        timeoutMs: readMs,
        signal: opts.signal,
      })
      return list.data.find((c) => c.card.cardnumber === cardnumber) ?? null
    },
    get: (id, opts = {}) =>
      api.call({
        method: 'GET',
        path: `/Loyalty/MerchantCards/${enc(id)}`,
        schema: merchantCard,
        timeoutMs: readMs,
        signal: opts.signal,
      }),
    // The path id is a placeholder; `me` as in the official demo (secuconnect-php-sdk-demo
    // src/Loyalty/Loyalty.php).
    validate: (cardnumber, opts = {}) =>
      api.call({
        method: 'POST',
        path: '/Loyalty/MerchantCards/me/validateMerchantcard',
        body: { cardnumber: checkNumber(cardnumber) },
        schema: validateMerchantCardResult,
        timeoutMs: writeMs,
        signal: opts.signal,
      }),
    async checkPasscode(cardnumber, pin, opts = {}) {
      const res = await api.call({
        method: 'POST',
        path: '/Loyalty/MerchantCards/me/checkPasscode',
        body: { cardnumber: checkNumber(cardnumber), pin },
        schema: booleanResult,
        timeoutMs: writeMs,
        signal: opts.signal,
      })
      return res.result
    },
    async checkPasscodeEnabled(cardGroupId, cardnumber, action, opts = {}) {
      const res = await api.call({
        method: 'POST',
        path: `/Loyalty/CardGroups/${enc(cardGroupId)}/checkPasscodeEnabled`,
        body: { action, cardnumber: checkNumber(cardnumber) },
        schema: booleanResult,
        timeoutMs: writeMs,
        signal: opts.signal,
      })
      return res.result
    },
  }
}
