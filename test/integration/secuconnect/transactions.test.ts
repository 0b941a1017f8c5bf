// The simulated status machine and loyalty rules as the client sees them, including the status
// conflicts whose exact answer the API docs leave open ([I] choices, docs/secuconnect.md).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SecuconnectApiError, type SmartTransaction } from '../../../main/secuconnect'
import {
  basket796,
  GIFT_CARD,
  LOCKED_CARD,
  pair,
  PASSCODE_CARD,
  STAMMKUNDE,
  startHarness,
  UNKNOWN_CARD,
  type Harness,
} from './harness'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
  await pair(h.client)
})
afterEach(async () => h.close())

const texts = (tx: SmartTransaction): string[] =>
  tx.receipt.flatMap((l) =>
    l.type === 'textline' ? [l.value.text] : l.type === 'separator' ? [`[${l.value?.caption ?? ''}]`] : [],
  )

async function apiError(p: Promise<unknown>): Promise<SecuconnectApiError> {
  const error = await p.catch((e: unknown) => e)
  expect(error).toBeInstanceOf(SecuconnectApiError)
  return error as SecuconnectApiError
}

describe('status conflicts [I]: 400 ProductNotAllowedException with the error payload', () => {
  it('paying twice', async () => {
    const tx = await h.client.transactions.create(basket796())
    await h.client.transactions.startCash(tx.id)
    const error = await apiError(h.client.transactions.startCashless(tx.id))
    expect(error).toMatchObject({ status: 400, error: 'ProductNotAllowedException', code: 1003 })
    expect(error.error_user).toMatch(/Status/)
    expect(error.supportId).toMatch(/^[0-9a-f]{32}$/)
  })

  it('PUT after payment', async () => {
    const tx = await h.client.transactions.create(basket796())
    await h.client.transactions.startCash(tx.id)
    await expect(apiError(h.client.transactions.update(tx.id, basket796()))).resolves.toMatchObject({
      status: 400,
      code: 1003,
    })
  })

  it('start/loyalty while a sum is missing, and without preTransaction', async () => {
    const tx = await h.client.transactions.create(basket796(STAMMKUNDE))
    await expect(apiError(h.client.transactions.startLoyalty(tx.id))).resolves.toMatchObject({
      status: 400,
      code: 1003,
    })
    await h.client.transactions.preTransaction(tx.id)
    const error = await apiError(h.client.transactions.startLoyalty(tx.id))
    expect(error).toMatchObject({ status: 400, code: 1003 })
    expect(error.error_details).toContain('576')
    expect(h.sim.card(STAMMKUNDE)).toMatchObject({ cash_balance: 200, bonus_balance: 20 })
  })

  it('a locked card is resolved, but [I] preTransaction and payment are refused (code 1016)', async () => {
    const tx = await h.client.transactions.create(basket796(LOCKED_CARD))
    expect(tx.idents[0]).toMatchObject({ valid: true, merchantcard: { lock_status: 'locked' } })
    await expect(apiError(h.client.transactions.preTransaction(tx.id))).resolves.toMatchObject({
      status: 400,
      code: 1016,
    })
    const error = await apiError(h.client.transactions.startCash(tx.id))
    expect(error).toMatchObject({ status: 400, code: 1016, error_details: `card ${LOCKED_CARD} is locked` })
    // The message is what gets logged: masked.
    expect(error.message).not.toContain(LOCKED_CARD)
    expect(error.message).toContain('0018')
    expect(h.sim.transaction(tx.id)).toMatchObject({ status: 'created', starts: 0 })
  })

  it('cancel before payment, and cancelling twice (1007)', async () => {
    const tx = await h.client.transactions.create(basket796(GIFT_CARD))
    await expect(apiError(h.client.transactions.cancel(tx.id))).resolves.toMatchObject({
      status: 400,
      code: 1003,
    })
    await h.client.transactions.startCash(tx.id)
    await h.client.transactions.cancel(tx.id)
    await expect(apiError(h.client.transactions.cancel(tx.id))).resolves.toMatchObject({
      status: 400,
      code: 1007,
    })
  })

  it('a basket_info.sum that is not the basket total: the client refuses to send it, the server answers 400 code 1001', async () => {
    const bad = { ...basket796(), basket_info: { sum: 800 } }
    await expect(h.client.transactions.create(bad)).rejects.toThrow(RangeError)
    const token = JSON.parse((await h.secrets.get('secuconnect.access_token'))!) as { token: string }
    const res = await fetch(`${h.sim.url}/api/v2/Smart/Transactions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(bad),
    })
    expect(res.status).toBe(400)
    expect(res.statusText).toBe('ProductInternalException')
    expect(await res.json()).toMatchObject({
      status: 'error',
      error: 'ProductInternalException',
      code: 1001,
      error_details: expect.stringContaining('796'),
    })
  })

  it('an unknown transaction id is 404 ProductNotFoundException', async () => {
    await expect(
      apiError(h.client.transactions.get('STX_DOESNOTEXIST00000000000000000')),
    ).resolves.toMatchObject({ status: 404, error: 'ProductNotFoundException' })
  })

  it('the seeds’ `Authenticate:` header is not accepted', async () => {
    const token = JSON.parse((await h.secrets.get('secuconnect.access_token'))!) as { token: string }
    const res = await fetch(`${h.sim.url}/api/v2/Smart/Transactions`, {
      headers: { Authenticate: `Bearer ${token.token}` },
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ error: 'ProductNotAllowedException', code: 2003 })
  })
})

describe('cards in a transaction', () => {
  it('an unknown card comes back valid:false without an error, and [I] the payment goes through without loyalty', async () => {
    const tx = await h.client.transactions.create(basket796(UNKNOWN_CARD))
    expect(tx.idents[0]).toMatchObject({
      type: 'card',
      value: UNKNOWN_CARD,
      valid: false,
      merchantcard: null,
    })
    const paid = await h.client.transactions.startCash(tx.id)
    expect(paid).toMatchObject({ status: 'ok', receipt: [], transactions: [] })
  })

  it('start/loyalty when the card covers everything', async () => {
    const tx = await h.client.transactions.create(basket796(PASSCODE_CARD))
    const pre = await h.client.transactions.preTransaction(tx.id)
    // bonus 150 split 113/37 over 598/198; cash covers the remaining 646.
    expect(pre).toMatchObject({
      missing_sum: 0,
      bonus_products: [
        { id: 4, priceOne: -113, tax: 7 },
        { id: 5, priceOne: -37, tax: 19 },
      ],
    })
    const paid = await h.client.transactions.startLoyalty(tx.id)
    expect(paid.payment_method).toBe('loyalty')
    // Revenue 796 − 150 = 646, bonus 64; new balance (2500 + 150) − 796 + 64 = 1918.
    expect(texts(paid)).toEqual([
      '[Kundenkarte]',
      'Zahlung über:',
      '7,96 EUR',
      'Umsatz erfasst:',
      '6,46 EUR',
      'Bonus:',
      '0,64 EUR',
      'Aktuelles Guthaben',
      '19,18 EUR',
    ])
    expect(h.sim.card(PASSCODE_CARD)).toMatchObject({ cash_balance: 1854, bonus_balance: 64 })
  })

  it('PUT after preTransaction drops the card mode: [I] back to created, no bonus lines, full amount', async () => {
    const tx = await h.client.transactions.create(basket796(STAMMKUNDE))
    await h.client.transactions.preTransaction(tx.id)
    const withBonusLines = await h.client.transactions.get(tx.id)
    // Echo the transaction back, bonus lines included, as a careless caller would.
    const products = withBonusLines.basket!.products.map(
      ({ id, desc, quantity, priceOne, tax, articleNumber, ean }) => ({
        id,
        desc,
        quantity,
        priceOne,
        tax,
        articleNumber,
        ean,
      }),
    )
    const updated = await h.client.transactions.update(tx.id, {
      idents: [{ type: 'card', value: STAMMKUNDE }],
      basket: { products: products.slice(0, 3) },
      basket_info: { sum: 796 },
    })
    expect(updated.status).toBe('created')
    expect(updated.basket_info?.missing_sum).toBeUndefined()
    expect(updated.basket?.products).toHaveLength(3)
    const paid = await h.client.transactions.startCash(tx.id)
    // Only collecting: 796 × 10 % = 79 on top of the untouched 200 + 20.
    expect(texts(paid)).toEqual([
      '[Kundenkarte]',
      'Umsatz erfasst:',
      '7,96 EUR',
      'Bonus:',
      '0,79 EUR',
      'Aktuelles Guthaben',
      '2,99 EUR',
    ])
  })

  it('cancel reverses redeemed balance and collected bonus and yields a STORNO receipt', async () => {
    const tx = await h.client.transactions.create(basket796(STAMMKUNDE))
    await h.client.transactions.preTransaction(tx.id)
    await h.client.transactions.startCash(tx.id)
    expect(h.sim.card(STAMMKUNDE)).toMatchObject({ cash_balance: 0, bonus_balance: 77 })
    const cancelled = await h.client.transactions.cancel(tx.id)
    expect(cancelled.status).toBe('cancelled')
    expect(texts(cancelled)).toEqual([
      '[Kundenkarte]',
      'STORNO',
      'Stornierter Betrag:',
      '7,96 EUR',
      'Aktuelles Guthaben:',
      '2,20 EUR',
    ])
    expect(cancelled.receipt[1]).toMatchObject({ value: { decoration: ['important', 'align-center'] } })
    expect(h.sim.card(STAMMKUNDE)).toMatchObject({ cash_balance: 200, bonus_balance: 20 })
  })

  it('cancelling a top-up takes the load back; once spent it cannot be cancelled [I]', async () => {
    const topUp = {
      idents: [{ type: 'card' as const, value: GIFT_CARD }],
      basket: {
        products: [
          {
            id: 1,
            ean: '4260447149519',
            desc: 'Kartenaufladung 10 EUR',
            quantity: 1,
            priceOne: 1000,
            tax: 0,
          },
        ],
      },
      basket_info: { sum: 1000 },
    }
    const a = await h.client.transactions.create(topUp)
    await h.client.transactions.startCash(a.id)
    expect(h.sim.card(GIFT_CARD)).toMatchObject({ cash_balance: 1500 })
    await h.client.transactions.cancel(a.id)
    expect(h.sim.card(GIFT_CARD)).toMatchObject({ cash_balance: 500 })

    const b = await h.client.transactions.create(topUp)
    await h.client.transactions.startCash(b.id)
    h.sim.updateCard(GIFT_CARD, { cash_balance: 300 })
    await expect(apiError(h.client.transactions.cancel(b.id))).resolves.toMatchObject({
      status: 400,
      code: 1007,
    })
  })

  it('a blacklisted top-up EAN records no revenue for bonus (staff card group)', async () => {
    const tx = await h.client.transactions.create({
      idents: [{ type: 'card', value: '9276004400000034' }],
      basket: {
        products: [
          {
            id: 1,
            ean: '4260447149502',
            desc: 'Kartenaufladung 20 EUR',
            quantity: 1,
            priceOne: 2000,
            tax: 0,
          },
          { id: 2, desc: 'Brezel', quantity: 2, priceOne: 85, tax: 7 },
        ],
      },
      basket_info: { sum: 2170 },
    })
    const paid = await h.client.transactions.startCash(tx.id)
    expect(texts(paid)).toEqual([
      '[Kundenkarte]',
      'Umsatz erfasst:',
      '1,70 EUR',
      'Bonus:',
      '0,08 EUR',
      'Aktuelles Guthaben',
      '0,08 EUR',
      '[Kundenkarte Aufladung]',
      'Folgender Betrag',
      'wurde aufgeladen:',
      '20,00 EUR',
      'Aktuelles Guthaben:',
      '20,08 EUR',
    ])
  })

  it('start/cashless adds the terminal slips to receipt and receipt_merchant', async () => {
    const tx = await h.client.transactions.create(basket796(STAMMKUNDE))
    await h.client.transactions.preTransaction(tx.id)
    const paid = await h.client.transactions.startCashless(tx.id)
    expect(paid.payment_method).toBe('cashless')
    expect(texts(paid)).toContain('[Kartenzahlung]')
    expect(paid.receipt).toContainEqual({
      type: 'name-value',
      value: { name: 'Betrag EUR', value: '5,76', decoration: [] },
    })
    expect(paid.receipt_merchant).toContainEqual({
      type: 'textline',
      value: { text: '* * Händlerbeleg * *', decoration: ['align-center'] },
    })
  })
})

describe('a declined terminal payment [I]', () => {
  it('answers status failed, books nothing, keeps the card mode; paying cash afterwards works', async () => {
    const tx = await h.client.transactions.create(basket796(STAMMKUNDE))
    await h.client.transactions.preTransaction(tx.id)
    h.sim.declineNextCashless()
    const declined = await h.client.transactions.startCashless(tx.id)
    expect(declined.status).toBe('failed')
    expect(declined.receipt).toContainEqual({
      type: 'textline',
      value: { text: 'Zahlung abgelehnt', decoration: ['align-center', 'important'] },
    })
    expect(h.sim.card(STAMMKUNDE)).toMatchObject({ cash_balance: 200, bonus_balance: 20 })
    const paid = await h.client.transactions.startCash(tx.id)
    expect(paid).toMatchObject({ status: 'ok', payment_method: 'cash', receipt_merchant: [] })
    expect(texts(paid)).toContain('Zahlung über:')
    expect(h.sim.card(STAMMKUNDE)).toMatchObject({ cash_balance: 0, bonus_balance: 77 })
  })
})

describe('list', () => {
  it('filters with q, pages with count/offset and sorts', async () => {
    const a = await h.client.transactions.create({ ...basket796(), merchantRef: 'order-1' })
    const b = await h.client.transactions.create({ ...basket796(), merchantRef: 'order-2' })
    await h.client.transactions.create({
      basket: { products: [{ id: 1, desc: 'Kaffee', quantity: 1, priceOne: 250, tax: 19 }] },
      basket_info: { sum: 250 },
      merchantRef: 'other',
    })
    await h.client.transactions.startCash(a.id)
    await expect(h.client.transactions.list({ q: 'status:ok' })).resolves.toMatchObject({
      count: 1,
      data: [{ id: a.id }],
    })
    const page = await h.client.transactions.list({
      q: 'merchantRef:order-*',
      sort: 'merchantRef:desc',
      count: 1,
      offset: 0,
    })
    expect(page.count).toBe(2)
    expect(page.data.map((t) => t.id)).toEqual([b.id])
    await expect(h.client.transactions.list({ q: 'basket_info.sum:250' })).resolves.toMatchObject({
      count: 1,
    })
  })
})

describe('merchant cards', () => {
  it('finds by card number; unknown is null', async () => {
    await expect(h.client.merchantCards.findByCardNumber(STAMMKUNDE)).resolves.toMatchObject({
      id: 'MCD_2UXQJ84A62MENH7UWH6QXDYJSBNAA9',
      cash_balance: 200,
      bonus_balance: 20,
      balance: 220,
    })
    await expect(h.client.merchantCards.findByCardNumber(UNKNOWN_CARD)).resolves.toBeNull()
    await expect(h.client.merchantCards.findByCardNumber('9276 0044')).rejects.toThrow(RangeError)
  })

  it('validateMerchantcard: unknown → isValid false; locked and passcode flags', async () => {
    await expect(h.client.merchantCards.validate(UNKNOWN_CARD)).resolves.toEqual({ isValid: false })
    await expect(h.client.merchantCards.validate(LOCKED_CARD)).resolves.toEqual({
      isValid: true,
      hasPasscode: false,
      isLocked: true,
    })
    await expect(h.client.merchantCards.validate(PASSCODE_CARD)).resolves.toEqual({
      isValid: true,
      hasPasscode: true,
      isLocked: false,
    })
  })

  it('checkPasscodeEnabled per card group and checkPasscode', async () => {
    const card = (await h.client.merchantCards.findByCardNumber(PASSCODE_CARD))!
    await expect(
      h.client.merchantCards.checkPasscodeEnabled(card.cardgroup.id, PASSCODE_CARD, 'discharge'),
    ).resolves.toBe(true)
    await expect(
      h.client.merchantCards.checkPasscodeEnabled(card.cardgroup.id, STAMMKUNDE, 'discharge'),
    ).resolves.toBe(false)
    await expect(h.client.merchantCards.checkPasscode(PASSCODE_CARD, 1234)).resolves.toBe(true)
    await expect(h.client.merchantCards.checkPasscode(PASSCODE_CARD, 4321)).resolves.toBe(false)
  })
})
