// Smart Transactions: create, read, list, PUT and preTransaction with the status machine of
// docs/secuconnect.md Payment and cancellation live in ./payment.ts.
import { z } from 'zod'
import { applyCardBalance, basketTotal, type BasketProduct } from './bonus'
import type { Card } from './cards'
import { errors, type SimResponse } from './errors'
import { objectId } from './ids'
import { listQuery } from './query'
import { isOpen, type IdentRecord, type SimContext, type StxRecord } from './state'
import { stxWire } from './wire'

const productIn = z.looseObject({
  id: z.number().int(),
  articleNumber: z.union([z.string(), z.number()]).nullish(),
  ean: z.string().nullish(),
  desc: z.string(),
  quantity: z.number().int(),
  priceOne: z.number().int(),
  tax: z.number(),
})

const dtoIn = z.looseObject({
  basket: z.looseObject({ products: z.array(productIn).default([]), type: z.string().optional() }).nullish(),
  basket_info: z
    .looseObject({
      sum: z.number().int().min(0),
      currency: z.string().optional(),
      gratuity: z.number().int().nullish(),
    })
    .nullish(),
  idents: z.array(z.looseObject({ type: z.string(), value: z.string() })).nullish(),
  merchantRef: z.string().nullish(),
  transactionRef: z.string().nullish(),
  is_demo: z.boolean().optional(),
  intent: z.string().nullish(),
  contract: z.looseObject({ id: z.string() }).nullish(),
})

type Dto = z.output<typeof dtoIn>

function parseDto(body: unknown): Dto | SimResponse {
  const parsed = dtoIn.safeParse(body ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return errors.invalidParams(`${issue.path.join('.') || 'body'}: ${issue.message}`)
  }
  return parsed.data
}

const isResponse = (v: unknown): v is SimResponse =>
  typeof v === 'object' && v !== null && 'status' in v && typeof (v as SimResponse).status === 'number'

function toProducts(dto: Dto): BasketProduct[] {
  return (dto.basket?.products ?? []).map((p) => ({
    id: p.id,
    quantity: p.quantity,
    priceOne: p.priceOne,
    tax: p.tax,
    // The API returns numbers as strings and missing values as "" (responses of examples 001, 004).
    articleNumber: p.articleNumber === null || p.articleNumber === undefined ? '' : String(p.articleNumber),
    ean: p.ean ?? '',
    desc: p.desc,
  }))
}

export function resolveIdents(ctx: SimContext, idents: Dto['idents']): IdentRecord[] {
  return (idents ?? []).map(({ type, value }) => {
    // Unknown cards are accepted and come back `valid: false`, no error (secucard-connect-net-sdk test data
    // Smart.Transactions.1.json).
    // [I] Other ident types (create_card, checkin) are not simulated and are likewise invalid.
    const card = type === 'card' ? ctx.state.cards.find(value) : undefined
    return { type, value, valid: card !== undefined, merchantcard: card ? ctx.state.cards.wire(card) : null }
  })
}

/** Basket rules shared by create and PUT. */
function basketFromDto(dto: Dto): { products: BasketProduct[]; sum: number } | SimResponse {
  const products = toProducts(dto)
  const ids = new Set(products.map((p) => p.id))
  if (ids.size !== products.length) return errors.invalidParams('basket.products: ids must be unique')
  const total = basketTotal(products)
  if (!dto.basket_info) {
    if (products.length === 0) return errors.invalidParams('basket_info.sum is required')
    // [I] Without basket_info the basket total is the amount.
    return { products, sum: total }
  }
  // "If there is a basket, it must equal the basket total" (secuconnect-java-sdk SmartTransactionsBasketInfo
  // javadoc).
  if (products.length > 0 && dto.basket_info.sum !== total) {
    return errors.invalidParams(
      `basket_info.sum (${dto.basket_info.sum}) must equal the basket total (${total})`,
    )
  }
  return { products, sum: dto.basket_info.sum }
}

export function getStx(ctx: SimContext, id: string): StxRecord | SimResponse {
  return ctx.state.transactions.get(id) ?? errors.notFound(`Smart Transaction ${id}`)
}

export const okStx = (ctx: SimContext, rec: StxRecord): SimResponse => ({
  status: 200,
  body: stxWire(rec, ctx.state),
})

export function readStx(ctx: SimContext, id: string): SimResponse {
  const rec = getStx(ctx, id)
  return isResponse(rec) ? rec : okStx(ctx, rec)
}

export function createStx(ctx: SimContext, body: unknown): SimResponse {
  const dto = parseDto(body)
  if (isResponse(dto)) return dto
  const basket = basketFromDto(dto)
  if (isResponse(basket)) return basket
  const rec: StxRecord = {
    id: objectId('STX'),
    created: ctx.clock.now(),
    updated: null,
    status: 'created',
    products: basket.products,
    basketType: dto.basket?.type ?? 'default',
    sum: basket.sum,
    currency: dto.basket_info?.currency ?? 'EUR',
    gratuity: dto.basket_info?.gratuity ?? null,
    idents: resolveIdents(ctx, dto.idents),
    merchantRef: dto.merchantRef ?? null,
    transactionRef: dto.transactionRef ?? null,
    isDemo: dto.is_demo ?? false,
    intent: dto.intent ?? 'sale',
    contract: dto.contract ?? null,
    deviceSource: ctx.deviceId,
    paymentMethod: null,
    transId: null,
    receipt: [],
    receiptMerchant: [],
    receiptNumber: null,
    loyaltyTransactions: [],
    pre: null,
    effects: null,
    starts: 0,
    cancels: 0,
  }
  ctx.state.transactions.set(rec.id, rec)
  return okStx(ctx, rec)
}

export function updateStx(ctx: SimContext, id: string, body: unknown): SimResponse {
  const rec = getStx(ctx, id)
  if (isResponse(rec)) return rec
  // "You can change the Smart Transaction as long as the payment has not been executed" (example 000).
  if (!isOpen(rec)) {
    return errors.statusConflict(
      `Smart Transaction ${id} has status ${rec.status}; PUT is only allowed before payment`,
    )
  }
  const dto = parseDto(body)
  if (isResponse(dto)) return dto
  // [I] A client that echoes the transaction back also echoes the bonus lines preTransaction added;
  // they belong to the dropped card mode, so they are removed before the sum check.
  const bonusNumbers = new Set(ctx.state.seed.bonusProducts.map((b) => b.articleNumber))
  const addedIds = new Set(rec.pre?.bonusProducts.map((b) => b.id) ?? [])
  if (dto.basket?.products) {
    dto.basket.products = dto.basket.products.filter(
      (p) => !(addedIds.has(p.id) && p.priceOne < 0 && bonusNumbers.has(String(p.articleNumber ?? ''))),
    )
  }
  const basket = basketFromDto(dto)
  if (isResponse(basket)) return basket
  Object.assign(rec, {
    updated: ctx.clock.now(),
    // "This special mode is lost when you update the Smart Transaction" (secuconnect docs:
    // Apply_the_Loyalty_Card_for_Payment_-_Reference_-_Integration_Guide_for_Loyalty_at_the_POS) ⇒ back to
    // created [I].
    status: 'created',
    pre: null,
    products: basket.products,
    basketType: dto.basket?.type ?? rec.basketType,
    sum: basket.sum,
    currency: dto.basket_info?.currency ?? rec.currency,
    gratuity: dto.basket_info?.gratuity ?? null,
    idents: resolveIdents(ctx, dto.idents),
    merchantRef: dto.merchantRef ?? null,
    transactionRef: dto.transactionRef ?? null,
    isDemo: dto.is_demo ?? rec.isDemo,
  } satisfies Partial<StxRecord>)
  return okStx(ctx, rec)
}

export function listStx(ctx: SimContext, query: URLSearchParams): SimResponse {
  const all = [...ctx.state.transactions.values()].map((r) => stxWire(r, ctx.state))
  const result = listQuery(all, query)
  return isResponse(result) ? result : { status: 200, body: result }
}

export function activeCardIdent(rec: StxRecord): IdentRecord | undefined {
  return rec.idents.find((i) => i.type === 'card' && i.valid)
}

/** The card the transaction's first valid card ident names, with its current balances. */
export function activeCard(ctx: SimContext, rec: StxRecord): Card | undefined {
  const ident = activeCardIdent(rec)
  return ident ? ctx.state.cards.find(ident.value) : undefined
}

export function preTransaction(ctx: SimContext, id: string): SimResponse {
  const rec = getStx(ctx, id)
  if (isResponse(rec)) return rec
  if (!isOpen(rec)) {
    return errors.statusConflict(
      `Smart Transaction ${id} has status ${rec.status}; preTransaction is only allowed before payment`,
    )
  }
  const ident = activeCardIdent(rec)
  const card = activeCard(ctx, rec)
  // [I] Undocumented: without a valid card there is nothing to apply.
  if (!card)
    return errors.cardRejected(
      `Smart Transaction ${id} has no valid card ident`,
      'Keine gültige Kundenkarte.',
    )
  if (card.lock_status === 'locked')
    return errors.cardRejected(`card ${card.cardnumber} is locked`, 'Die Kundenkarte ist gesperrt.')

  // Calling it again recomputes from the plain basket: earlier bonus lines are replaced, not stacked [I].
  const articles = rec.products.filter((p) => !rec.pre?.bonusProducts.some((b) => b.id === p.id))
  const application = applyCardBalance(
    articles,
    rec.sum,
    { cash: card.cash_balance, bonus: card.bonus_balance },
    ctx.state.seed,
  )
  Object.assign(rec, {
    status: 'processing',
    updated: ctx.clock.now(),
    pre: application,
    products: [...articles, ...application.bonusProducts],
    idents: rec.idents.map((i) => (i === ident ? { ...i, merchantcard: ctx.state.cards.wire(card) } : i)),
  } satisfies Partial<StxRecord>)
  return {
    status: 200,
    body: {
      missing_sum: application.missingSum,
      bonus_products: application.bonusProducts.map(
        ({ id: pid, articleNumber, ean, quantity, priceOne, tax, desc }) => ({
          id: pid,
          articleNumber,
          ean,
          quantity,
          priceOne,
          tax,
          desc,
        }),
      ),
    },
  }
}

export { isResponse }
