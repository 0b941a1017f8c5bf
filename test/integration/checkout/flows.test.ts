// The checkout's state machines through app.dispatch: cash, cards (locked, unknown, PIN), terminal,
// decline, cancel and PUT, the basket lock, and a UI that is never kept waiting.
import { afterEach, describe, expect, it } from 'vitest'
import type { CheckoutView } from '../../../common/checkout'
import type { EventMessage } from '../../../main/ipc/event-bus'
import {
  BASKET_796,
  checkoutApp,
  LOCKED_CARD,
  PIN_CARD,
  STAMMKUNDE,
  UNKNOWN_CARD,
  type CheckoutTestApp,
} from './helpers'

let t: CheckoutTestApp
afterEach(async () => t?.dispose())

const stripIds = (r: { method: string; path: string }) => `${r.method} ${r.path.replace(/STX_\w+/, 'STX')}`

function checkoutEvents(t: CheckoutTestApp): CheckoutView[] {
  const seen: CheckoutView[] = []
  t.app.events.subscribe((m: EventMessage) => {
    if (m.type === 'checkout.changed') seen.push(m.payload)
  })
  return seen
}

describe('cash without a card', () => {
  it('makes no API call, shows the change, opens the drawer with the reason journaled, intent before outcome', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    await t.basket([{ productId: 'kaffee', quantity: 2 }, { productId: 'sandwich-romano' }])
    const events = checkoutEvents(t)
    const before = t.apiRequests().length

    const answer = await t.send<CheckoutView>('checkout.payCash', { tendered: 2000 })
    // The command answers at once; the rest arrives as checkout.changed.
    expect(answer).toMatchObject({
      phase: 'working',
      busy: { messageKey: expect.stringMatching(/^checkout\.busy\./) },
    })
    await t.app.checkout.idle()
    const paid = await t.view()

    expect(t.apiRequests().length).toBe(before)
    expect(paid).toMatchObject({ phase: 'paid', total: 869, due: 0 })
    expect(paid.result).toMatchObject({
      payments: [{ kind: 'cash', amount: 869 }],
      tendered: 2000,
      change: 1131,
      drawer: 'opened',
      print: 'none',
    })
    expect(events.map((v) => v.phase)).toEqual(expect.arrayContaining(['working', 'paid']))
    expect(events.at(-1)?.phase).toBe('paid')

    const sale = t.app.journal.sale(paid.result!.saleId)!
    expect(sale.payments).toHaveLength(1)
    const [tender] = sale.payments[0].steps
    expect(tender).toMatchObject({
      step: 'tender',
      outcome: { status: 'settled', amount: 869, detail: { drawer: 'opened' } },
    })
    expect(Date.parse(tender.at)).toBeLessThanOrEqual(Date.parse(tender.outcome!.at))
    expect(sale.payments[0].tendered).toBe(2000)
    expect(t.app.devices.virtual.drawer!.kicks).toBe(1)
    const opening = t.logger.entries.find((e) => e.event === 'drawer.open')
    expect(opening?.data?.reason).toBe(`cash sale ${sale.saleId}`)
    expect(t.app.journal.xReport().cash).toMatchObject({ cashSales: 869, drawerOpenings: 1 })
  })

  it('refuses less cash than due, before anything is journaled', async () => {
    t = await checkoutApp()
    await t.basket([{ productId: 'kaffee' }])
    await expect(t.send('checkout.payCash', { tendered: 200 })).rejects.toThrow(
      'checkout.error.tenderedTooLow',
    )
    expect(t.app.journal.sales()).toEqual([])
    await expect(t.send('checkout.payCash', {})).resolves.toMatchObject({ phase: 'working' })
    await t.app.checkout.idle()
    expect((await t.view()).result).toMatchObject({ tendered: 260, change: 0 })
  })

  it('keeps the sale when the drawer does not open, and says so', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    t.app.devices.virtual.drawer!.unplug()
    await t.basket([{ productId: 'kaffee' }])
    const paid = await t.run('checkout.payCash', {})
    expect(paid.result).toMatchObject({ drawer: 'failed', payments: [{ kind: 'cash', amount: 260 }] })
    expect(t.app.journal.sale(paid.result!.saleId)).toMatchObject({ status: 'completed' })
    expect(t.app.journal.xReport().cash.drawerOpenings).toBe(0)
  })

  it('refuses an empty basket and a missing seller', async () => {
    t = await checkoutApp()
    await expect(t.send('checkout.payCash', {})).rejects.toThrow('register.error.noSeller')
    await t.basket([])
    await expect(t.send('checkout.payCash', {})).rejects.toThrow('checkout.error.emptyBasket')
    expect(await t.view()).toMatchObject({ phase: 'open', sellerId: 'anna', total: 0 })
  })
})

describe('card refusals', () => {
  it('refuses the locked card with a clear key; the sale stays open and goes on in cash without it', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    await t.basket(BASKET_796)
    const view = await t.run('card.attach', { cardNumber: LOCKED_CARD })
    expect(view).toMatchObject({ phase: 'open', error: { messageKey: 'checkout.card.locked' } })
    expect(view.card).toMatchObject({
      locked: true,
      valid: true,
      canPay: false,
      canTopUp: false,
      refusalKey: 'checkout.card.locked',
      cashBalance: 1000,
    })
    await expect(t.send('checkout.applyCard')).rejects.toThrow('checkout.card.locked')
    const before = t.apiRequests().length
    const paid = await t.run('checkout.payCash', {})
    expect(paid.result).toMatchObject({ payments: [{ kind: 'cash', amount: 796 }], card: null })
    // A refused card is not sent as the ident: the cash sale needs no API call.
    expect(t.apiRequests().length).toBe(before)
  })

  it('refuses an unknown card (valid: false) without an error from the API', async () => {
    t = await checkoutApp()
    await t.basket(BASKET_796)
    const view = await t.run('card.attach', { cardNumber: UNKNOWN_CARD })
    expect(view).toMatchObject({ phase: 'open', error: { messageKey: 'checkout.card.unknown' } })
    expect(view.card).toMatchObject({
      valid: false,
      canPay: false,
      holder: null,
      refusalKey: 'checkout.card.unknown',
    })
    expect((await t.run('card.detach')).card).toBeNull()
  })

  it('attaches a card scanned on the scanner like a typed one', async () => {
    t = await checkoutApp()
    await t.basket(BASKET_796)
    t.app.devices.virtual.scanner.inject(STAMMKUNDE)
    await expect.poll(async () => (await t.view()).card?.last4).toBe('4352')
    await t.app.checkout.idle()
    expect((await t.view()).card).toMatchObject({ cardGroup: 'Stammkunde', canPay: true })
  })
})

describe('the PIN card', () => {
  it('asks for the PIN, counts wrong ones, then pays everything from the card in three round trips', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    await t.basket(BASKET_796)
    const attached = await t.run('card.attach', { cardNumber: PIN_CARD })
    expect(attached.card).toMatchObject({
      needsPin: true,
      pinVerified: false,
      canPay: false,
      canTopUp: true,
      refusalKey: 'checkout.card.pinRequired',
      holder: 'Erika Mustermann',
    })
    await expect(t.send('checkout.applyCard')).rejects.toThrow('checkout.card.pinRequired')

    const wrong = await t.run('card.verifyPin', { pin: '0000' })
    expect(wrong).toMatchObject({
      phase: 'open',
      error: { messageKey: 'checkout.card.wrongPin', params: { attemptsLeft: 2 } },
    })
    const right = await t.run('card.verifyPin', { pin: '1234' })
    expect(right.card).toMatchObject({ pinVerified: true, canPay: true, refusalKey: null })
    expect(right.error).toBeNull()

    const before = t.apiRequests().length
    const paid = await t.run('checkout.payLoyalty')
    expect(
      t
        .apiRequests()
        .slice(before, before + 3)
        .map(stripIds),
    ).toEqual([
      'POST /api/v2/Smart/Transactions',
      'POST /api/v2/Smart/Transactions/STX/preTransaction',
      'POST /api/v2/Smart/Transactions/STX/start/loyalty',
    ])
    // The card covers 7,96 €: 1,50 € bonus (a discount, so the receipt's total is 6,46 €) and 6,46 €
    // of its cash balance (a voucher redemption, the only payment).
    expect(paid).toMatchObject({ phase: 'paid', total: 646, fromCard: 646, due: 0 })
    expect(paid.result).toMatchObject({ payments: [{ kind: 'loyalty', amount: 646 }], drawer: 'not-needed' })
    expect(paid.result!.card).toMatchObject({ cashBalance: 2500 + 150 - 796 + 0, pinVerified: true })
  })

  it('refuses the card after three wrong PINs', async () => {
    t = await checkoutApp()
    await t.basket(BASKET_796)
    await t.run('card.attach', { cardNumber: PIN_CARD })
    for (let i = 0; i < 3; i++) await t.run('card.verifyPin', { pin: '9999' })
    const view = await t.view()
    expect(view.error?.messageKey).toBe('checkout.card.pinTooManyAttempts')
    expect(view.card).toMatchObject({
      canPay: false,
      canTopUp: false,
      refusalKey: 'checkout.card.pinTooManyAttempts',
    })
    await expect(t.send('card.verifyPin', { pin: '1234' })).rejects.toThrow(
      'checkout.card.pinTooManyAttempts',
    )
  })
})

describe('card attached, not used to pay', () => {
  it('still collects bonus: create + start/cash with the ident, two round trips', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    await t.basket(BASKET_796)
    await t.run('card.attach', { cardNumber: STAMMKUNDE })
    const before = t.apiRequests().length
    let paidAt = -1
    t.app.events.subscribe((m) => {
      if (m.type === 'checkout.changed' && m.payload.phase === 'paid' && paidAt < 0)
        paidAt = t.apiRequests().length
    })
    const paid = await t.run('checkout.payCash', { tendered: 800 })
    expect(t.apiRequests().slice(before, paidAt).map(stripIds)).toEqual([
      'POST /api/v2/Smart/Transactions',
      'POST /api/v2/Smart/Transactions/STX/start/cash',
    ])
    expect(paid.result).toMatchObject({
      payments: [{ kind: 'cash', amount: 796 }],
      change: 4,
      drawer: 'opened',
    })
    // 796 recorded at 10 %: 79 bonus on top of the 20 it had; nothing was paid from the card.
    expect(t.sim.card(STAMMKUNDE)).toMatchObject({ cash_balance: 200, bonus_balance: 99 })
    expect(paid.result!.card).toMatchObject({ bonusBalance: 99 })
  })
})

describe('terminal', () => {
  it('terminal only: start/cashless without a card', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    await t.basket([{ productId: 'kaffee' }])
    const before = t.apiRequests().length
    const paid = await t.run('checkout.payTerminal')
    expect(t.apiRequests().slice(before).map(stripIds)).toEqual([
      'POST /api/v2/Smart/Transactions',
      'POST /api/v2/Smart/Transactions/STX/start/cashless',
    ])
    expect(paid.result).toMatchObject({
      payments: [{ kind: 'terminal', amount: 260 }],
      drawer: 'not-needed',
      card: null,
    })
    expect(paid.result!.receipt.apiLines.length).toBeGreaterThan(0)
  })

  it('a decline books nothing and offers cash or a retry; the retry reuses the transaction', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    await t.basket([{ productId: 'kaffee' }])
    t.sim.declineNextCashless(1)
    const declined = await t.run('checkout.payTerminal')
    expect(declined).toMatchObject({
      phase: 'failed',
      error: { messageKey: 'checkout.error.declined' },
      actions: ['pay-cash', 'retry', 'cancel'],
      due: 260,
    })
    const sale = t.app.journal.sale(declined.saleId!)!
    expect(sale).toMatchObject({ status: 'open', paid: 0 })
    expect(sale.payments[0].steps.map((s) => s.outcome?.status)).toEqual(['done', 'declined'])
    // The basket is locked while the sale is begun.
    await expect(t.send('basket.addProduct', { productId: 'kaffee', quantity: 1 })).rejects.toThrow(
      'register.error.paymentRunning',
    )

    const before = t.apiRequests().length
    const paid = await t.run('checkout.payTerminal')
    expect(t.apiRequests().slice(before).map(stripIds)).toEqual([
      'POST /api/v2/Smart/Transactions/STX/start/cashless',
    ])
    expect(paid.result).toMatchObject({ payments: [{ kind: 'terminal', amount: 260 }], receiptNo: 1 })
    expect(t.sim.transactions().map((x) => x.starts)).toEqual([1])
  })

  it('after a decline with the card applied, the rest is taken in cash on the same transaction', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    await t.basket(BASKET_796)
    await t.run('card.attach', { cardNumber: STAMMKUNDE })
    await t.run('checkout.applyCard')
    t.sim.declineNextCashless(1)
    const declined = await t.run('checkout.payTerminal')
    expect(declined).toMatchObject({
      phase: 'failed',
      fromCard: 220,
      due: 576,
      actions: ['pay-cash', 'retry', 'remove-card', 'cancel'],
    })
    expect(t.sim.card(STAMMKUNDE)).toMatchObject({ cash_balance: 200, bonus_balance: 20 })
    const before = t.apiRequests().length
    const paid = await t.run('checkout.payCash', {})
    expect(
      t
        .apiRequests()
        .slice(before, before + 1)
        .map(stripIds),
    ).toEqual(['POST /api/v2/Smart/Transactions/STX/start/cash'])
    // 0,20 € of the 2,20 € the card covers is bonus (a discount): the card pays 2,00 €.
    expect(paid.result).toMatchObject({
      total: 776,
      payments: [
        { kind: 'loyalty', amount: 200 },
        { kind: 'cash', amount: 576 },
      ],
    })
    expect(t.sim.transactions().map((x) => x.starts)).toEqual([1])
  })
})

describe('cancel and the basket lock', () => {
  it('cancel undoes the applied card balance and keeps the basket; the next attempt PUTs the transaction', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    await t.basket(BASKET_796)
    await t.run('card.attach', { cardNumber: STAMMKUNDE })
    const applied = await t.run('checkout.applyCard')
    await expect(t.send('basket.addProduct', { productId: 'kaffee', quantity: 1 })).rejects.toThrow(
      'register.error.paymentRunning',
    )
    await expect(t.send('seller.login', { sellerId: 'ben', pin: '2222' })).rejects.toThrow(
      'register.error.paymentRunning',
    )
    await expect(t.send('card.attach', { cardNumber: PIN_CARD })).rejects.toThrow(
      'checkout.error.saleInProgress',
    )

    const cancelled = await t.run('checkout.cancel')
    expect(cancelled).toMatchObject({ phase: 'open', fromCard: 0, due: 796, saleId: null })
    expect(cancelled.card?.last4).toBe('4352')
    expect(t.app.journal.sale(applied.saleId!)).toMatchObject({ status: 'aborted' })

    await t.send('basket.addProduct', { productId: 'kaffee', quantity: 1 })
    const before = t.apiRequests().length
    const reapplied = await t.run('checkout.applyCard')
    expect(t.apiRequests().slice(before).map(stripIds)).toEqual([
      'PUT /api/v2/Smart/Transactions/STX',
      'POST /api/v2/Smart/Transactions/STX/preTransaction',
    ])
    expect(reapplied).toMatchObject({ phase: 'card-applied', total: 1056, fromCard: 220, due: 836 })
    const paid = await t.run('checkout.payCash', {})
    expect(paid.result).toMatchObject({
      total: 1036,
      payments: [
        { kind: 'loyalty', amount: 200 },
        { kind: 'cash', amount: 836 },
      ],
    })
    expect(t.sim.transactions()).toHaveLength(1)
    expect(
      t.app.journal
        .sales()
        .map((s) => s.status)
        .sort(),
    ).toEqual(['aborted', 'completed'])
  })

  it('removing the card after applying it ends that attempt; cash then needs no API call', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    await t.basket(BASKET_796)
    await t.run('card.attach', { cardNumber: STAMMKUNDE })
    await t.run('checkout.applyCard')
    const removed = await t.run('card.detach')
    expect(removed).toMatchObject({ phase: 'open', card: null, fromCard: 0, due: 796 })
    const before = t.apiRequests().length
    const paid = await t.run('checkout.payCash', {})
    expect(t.apiRequests().length).toBe(before)
    expect(paid.result).toMatchObject({ payments: [{ kind: 'cash', amount: 796 }] })
    expect(t.sim.card(STAMMKUNDE)).toMatchObject({ cash_balance: 200, bonus_balance: 20 })
  })
})

describe('the UI is never kept waiting', () => {
  it('a slow terminal: the command answers "working" at once, other commands are refused as busy, the end comes as an event', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    await t.basket([{ productId: 'kaffee' }])
    t.sim.injectFault({ path: '/api/v2/Smart/Transactions/*/start/cashless', kind: 'latency', ms: 600 })
    const events = checkoutEvents(t)
    const started = Date.now()
    const answer = await t.send<CheckoutView>('checkout.payTerminal')
    expect(Date.now() - started).toBeLessThan(400)
    expect(answer).toMatchObject({ phase: 'working', busy: { cancellable: false } })
    expect(await t.view()).toMatchObject({ phase: 'working' })
    await expect(t.send('checkout.payCash', {})).rejects.toThrow('checkout.error.busy')
    await expect(t.send('checkout.cancel')).rejects.toThrow('checkout.error.busy')
    await expect.poll(() => events.at(-1)?.phase, { timeout: 5000 }).toBe('paid')
    expect(events.some((v) => v.busy?.messageKey === 'checkout.busy.terminal')).toBe(true)
  })
})
