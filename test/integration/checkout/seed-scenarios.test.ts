// The seed scenarios of the secuconnect examples (docs/secuconnect.md), end to end through the app's
// commands against the embedded simulator and the virtual printer and drawer.
import { afterEach, describe, expect, it } from 'vitest'
import { lineText, layoutReceipt } from '../../../common/receipt/layout'
import {
  apiTexts,
  BASKET_796,
  checkoutApp,
  expectInOrder,
  GIFT_CARD,
  STAMMKUNDE,
  type CheckoutTestApp,
} from './helpers'

let t: CheckoutTestApp
afterEach(async () => t?.dispose())

/** The API's receipt lines of example 004 (7,96 basket, Stammkunde card, rest in cash). */
const SPEC_004_LINES = [
  'Zahlung über:',
  '2,20 EUR',
  'Umsatz erfasst:',
  '7,76 EUR',
  'Bonus:',
  '0,77 EUR',
  'Aktuelles Guthaben',
  '0,77 EUR',
]

const printedLines = (t: CheckoutTestApp): string[] =>
  t.app.devices.virtual.printer!.decoded().lines.map((l) => l.text)

describe('the 7,96 € basket with the Stammkunde card', () => {
  it('pays 2,20 € from the card and 5,76 € in cash in three API round trips, with the published receipt lines', async () => {
    t = await checkoutApp({ receipt: { policy: 'always' } })
    await t.basket(BASKET_796)
    const attached = await t.run('card.attach', { cardNumber: STAMMKUNDE })
    expect(attached.card).toMatchObject({
      masked: '•••• •••• •••• 4352',
      valid: true,
      locked: false,
      cardGroup: 'Stammkunde',
      cashBalance: 200,
      bonusBalance: 20,
      needsPin: false,
      canPay: true,
    })
    expect(attached).toMatchObject({ phase: 'open', total: 796, due: 796, fromCard: 0, error: null })

    const before = t.apiRequests().length
    const applied = await t.run('checkout.applyCard')
    expect(applied).toMatchObject({
      phase: 'card-applied',
      total: 796,
      fromCard: 220,
      due: 576,
      actions: ['pay-cash', 'pay-terminal', 'cancel', 'remove-card'],
    })
    expect(applied.saleId).toBeGreaterThan(0)

    let paidAt = -1
    const off = t.app.events.subscribe((m) => {
      if (m.type === 'checkout.changed' && m.payload.phase === 'paid' && paidAt < 0)
        paidAt = t.apiRequests().length
    })
    const paid = await t.run('checkout.payCash', { tendered: 1000 })
    off()
    // create, preTransaction, start/cash: the critical path of a card sale (the card refresh comes after).
    expect(
      t
        .apiRequests()
        .slice(before, paidAt)
        .map((r) => `${r.method} ${r.path.replace(/STX_\w+/, 'STX')}`),
    ).toEqual([
      'POST /api/v2/Smart/Transactions',
      'POST /api/v2/Smart/Transactions/STX/preTransaction',
      'POST /api/v2/Smart/Transactions/STX/start/cash',
    ])

    expect(paid.phase).toBe('paid')
    // Bonus 0,20 € is a discount (−0,15 € @ 7 %, −0,05 € @ 19 %): the receipt says 7,76 €, the card
    // pays its 2,00 € cash balance (a voucher redemption) and cash the 5,76 € missing sum.
    expect(paid.result).toMatchObject({
      total: 776,
      payments: [
        { kind: 'loyalty', amount: 200 },
        { kind: 'cash', amount: 576 },
      ],
      tendered: 1000,
      change: 424,
      drawer: 'opened',
      print: 'printed',
      printErrorKey: null,
      receiptNo: 1,
    })
    // The card after the sale, read again off the critical path: cash 0, bonus 77 collected.
    expect(paid.result!.card).toMatchObject({ cashBalance: 0, bonusBalance: 77 })
    expectInOrder(apiTexts(paid), SPEC_004_LINES)

    // The printed receipt: shop header, lines, VAT table, payments, change, API lines, seller, number.
    const paper = printedLines(t)
    expectInOrder(paper, [
      'Bäckerei Demo',
      'Beleg-Nr.',
      'Es bediente Sie',
      'Sandwich Romano',
      'Obstsalat klein',
      'Wasser 0,25 l',
      'Bonus Kundenkarte 7 %',
      'Bonus Kundenkarte 19 %',
      'SUMME EUR',
      'Kundenkarte',
      'Bar (Gegeben)',
      'Rückgeld',
      ...SPEC_004_LINES,
      'Vielen Dank',
    ])
    expect(paper).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SUMME EUR +7,76 €$/),
        expect.stringMatching(/^Kundenkarte +2,00 €$/),
        expect.stringMatching(/^Bar \(Gegeben\) +10,00 €$/),
        expect.stringMatching(/^Rückgeld +4,24 €$/),
        expect.stringMatching(/^Es bediente Sie +Anna$/),
        expect.stringMatching(/^Beleg-Nr\. +1$/),
      ]),
    )
    // The on-screen preview draws the same lines.
    const preview = layoutReceipt(paid.result!.receipt, { columns: 48 }).lines.map(lineText)
    expectInOrder(preview, ['Bäckerei Demo', 'SUMME EUR', 'Rückgeld', 'Aktuelles Guthaben'])

    // Journal: the sale once, with the loyalty and the cash part of the one transaction, and its receipt.
    const sale = t.app.journal.sale(paid.result!.saleId)!
    expect(sale).toMatchObject({ status: 'completed', receiptNo: 1, total: 776, paid: 776 })
    const settled = sale.payments
      .filter((p) => p.settled !== 0)
      .map((p) => [p.method, p.settled, p.transactionId])
    const txId = sale.payments[0].transactionId!
    expect(settled).toEqual([
      ['loyalty', 200, txId],
      ['cash', 576, txId],
    ])
    expect(sale.payments[0].steps.map((s) => [s.step, s.outcome?.status])).toEqual([
      ['create', 'done'],
      ['pretransaction', 'done'],
      ['start', 'settled'],
    ])
    expect(sale.receipts).toHaveLength(1)
    expect(sale.receipts[0].prints.map((p) => p.status)).toEqual(['printed'])
    // The simulator: started exactly once; the drawer opened once for the sale, with the reason logged.
    expect(t.sim.transaction(txId)).toMatchObject({ status: 'ok', starts: 1 })
    expect(t.app.devices.virtual.drawer!.kicks).toBe(1)
    expect(
      t.logger.entries.some(
        (e) => e.event === 'drawer.open' && String(e.data?.reason).includes(`cash sale ${sale.saleId}`),
      ),
    ).toBe(true)
    expect(t.app.journal.xReport().cash.drawerOpenings).toBe(1)

    // The basket is empty; done starts the next sale.
    expect((await t.send<{ basket: { lines: unknown[] } }>('register.view')).basket.lines).toEqual([])
    expect(await t.run('checkout.done')).toMatchObject({
      phase: 'open',
      card: null,
      result: null,
      total: 0,
      saleId: null,
    })
  })
})

describe('top-up of 15 € on the gift card', () => {
  it('loads the card in two round trips (create, start/cash) and prints "15,00 EUR"', async () => {
    t = await checkoutApp({ receipt: { policy: 'always' } })
    t.sim.updateCard(GIFT_CARD, { cash_balance: 0 })
    await t.basket([{ productId: 'topup', amount: 1500 }])
    await t.run('card.attach', { cardNumber: GIFT_CARD })
    const before = t.apiRequests().length
    const paid = await t.run('checkout.payCash', {})
    const calls = t
      .apiRequests()
      .slice(before)
      .map((r) => `${r.method} ${r.path.replace(/STX_\w+/, 'STX')}`)
    expect(calls.slice(0, 2)).toEqual([
      'POST /api/v2/Smart/Transactions',
      'POST /api/v2/Smart/Transactions/STX/start/cash',
    ])
    expect(paid.result).toMatchObject({
      total: 1500,
      payments: [{ kind: 'cash', amount: 1500 }],
      change: 0,
      drawer: 'opened',
      print: 'printed',
    })
    expectInOrder(apiTexts(paid), [
      'Folgender Betrag',
      'wurde aufgeladen:',
      '15,00 EUR',
      'Aktuelles Guthaben:',
      '15,00 EUR',
    ])
    expectInOrder(printedLines(t), ['Kartenaufladung', '15,00', 'wurde aufgeladen:', '15,00 EUR'])
    expect(paid.result!.card).toMatchObject({ cashBalance: 1500 })
    expect(t.sim.card(GIFT_CARD)).toMatchObject({ cash_balance: 1500 })
  })

  it('refuses a top-up without a card: nothing is journaled, the basket stays', async () => {
    t = await checkoutApp()
    await t.basket([{ productId: 'topup', amount: 1500 }])
    await expect(t.send('checkout.payCash', {})).rejects.toThrow('checkout.error.topupNeedsCard')
    expect(t.app.journal.sales()).toEqual([])
    expect(await t.view()).toMatchObject({ phase: 'open', total: 1500 })
  })
})

describe('the gift card on the 7,96 € basket', () => {
  it('takes its 5,00 € and the rest, 2,96 €, on the terminal', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    await t.basket(BASKET_796)
    const attached = await t.run('card.attach', { cardNumber: GIFT_CARD })
    expect(attached.card).toMatchObject({
      holder: 'Max Mustermann',
      cardGroup: 'Geschenkgutschein',
      cashBalance: 500,
      bonusBalance: 0,
    })
    expect(await t.run('checkout.applyCard')).toMatchObject({
      phase: 'card-applied',
      fromCard: 500,
      due: 296,
    })
    const paid = await t.run('checkout.payTerminal')
    expect(paid.result).toMatchObject({
      payments: [
        { kind: 'loyalty', amount: 500 },
        { kind: 'terminal', amount: 296 },
      ],
      drawer: 'not-needed',
      print: 'none',
      tendered: null,
      change: 0,
    })
    expectInOrder(apiTexts(paid), [
      'Zahlung über:',
      '5,00 EUR',
      'Umsatz erfasst:',
      '7,96 EUR',
      'Aktuelles Guthaben',
      '0,00 EUR',
    ])
    expect(t.sim.card(GIFT_CARD)).toMatchObject({ cash_balance: 0 })
    // Policy "never": nothing printed, and the receipt is not left waiting as unprinted.
    expect(t.app.devices.virtual.printer!.decoded().lines).toEqual([])
    expect(t.app.journal.unfinished().unprintedReceipts).toEqual([])
    expect(t.app.devices.virtual.drawer!.kicks).toBe(0)
  })
})
