// Loyalty MerchantCards and CardGroups endpoints (docs/secuconnect.md).
import { z } from 'zod'
import { passcodeRequired } from './cards'
import { errors, type SimResponse } from './errors'
import { listQuery } from './query'
import type { SimContext } from './state'

export function listMerchantCards(ctx: SimContext, query: URLSearchParams): SimResponse {
  const all = ctx.state.cards.all().map((c) => ctx.state.cards.wire(c))
  const result = listQuery(all, query)
  return 'status' in result ? result : { status: 200, body: result }
}

export function getMerchantCard(ctx: SimContext, id: string): SimResponse {
  const card = ctx.state.cards.findById(id)
  return card ? { status: 200, body: ctx.state.cards.wire(card) } : errors.notFound(`Merchant card ${id}`)
}

const cardnumberBody = z.looseObject({ cardnumber: z.string() })

/** Unknown or foreign card → `{isValid:false}`, not an error (secuconnect docs: Check_a_Card_to_Be_Valid). */
export function validateMerchantCard(ctx: SimContext, body: unknown): SimResponse {
  const parsed = cardnumberBody.safeParse(body)
  if (!parsed.success) return errors.invalidParams('cardnumber is required')
  const card = ctx.state.cards.find(parsed.data.cardnumber)
  if (!card) return { status: 200, body: { isValid: false } }
  return {
    status: 200,
    body: { isValid: true, hasPasscode: card.passcode > 0, isLocked: card.lock_status === 'locked' },
  }
}

const passcodeBody = z.looseObject({
  cardnumber: z.string(),
  pin: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
})

/** `{result}`; [I] an unknown card or a card without a PIN answers false rather than an error. */
export function checkPasscode(ctx: SimContext, body: unknown): SimResponse {
  const parsed = passcodeBody.safeParse(body)
  if (!parsed.success) return errors.invalidParams('cardnumber and pin are required')
  const card = ctx.state.cards.find(parsed.data.cardnumber)
  return {
    status: 200,
    body: { result: card !== undefined && card.pin !== null && card.pin === parsed.data.pin },
  }
}

const passcodeEnabledBody = z.looseObject({
  action: z.enum(['charge', 'discharge', 'sale_revenue', 'charge_points', 'discharge_points', 'cashreport']),
  cardnumber: z.string(),
})

export function checkPasscodeEnabled(ctx: SimContext, groupId: string, body: unknown): SimResponse {
  const parsed = passcodeEnabledBody.safeParse(body)
  if (!parsed.success) return errors.invalidParams('action and cardnumber are required')
  const card = ctx.state.cards.find(parsed.data.cardnumber)
  if (!card || card.cardgroup !== groupId)
    return errors.notFound(`Card ${parsed.data.cardnumber} in card group ${groupId}`)
  return { status: 200, body: { result: passcodeRequired(card, parsed.data.action) } }
}
