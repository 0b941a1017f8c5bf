// Durability where money moves (docs/checkout.md "Durability"): the journal runs with
// synchronous=NORMAL, and only the commits of money steps end with an fsync barrier — the start's
// intents and its outcome, the cash tender's intent before the drawer opens. The TSE's `finishing` row
// shares the barrier of the step that paid; only when the TSE has not answered the basket's start by
// then does it need one of its own (main/fiscal/lifecycle.ts prepareSale).
import { afterEach, describe, expect, it } from 'vitest'
import { BASKET_796, checkoutApp, STAMMKUNDE, type CheckoutTestApp } from './helpers'

let t: CheckoutTestApp | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
})

async function barriersOf(
  pay: (t: CheckoutTestApp) => Promise<void>,
  options: { tseStartAnswered?: boolean } = {},
): Promise<number> {
  t = await checkoutApp({ receipt: { policy: 'never' } })
  const answered = options.tseStartAnswered ?? true
  // A slow TSE: the start of the basket's transaction is still on its way when the cashier pays.
  if (!answered)
    t.app.fiscalDevice.simulator!.injectFault({ path: '/api/v2/tss/*/tx/*', kind: 'latency', ms: 300 })
  await t.basket(BASKET_796)
  // At the counter the basket's TSE transaction was started while the goods were rung up.
  if (answered) await t.app.fiscal.settled()
  const before = t.app.journal.barriers()
  await pay(t)
  expect((await t.view()).phase).toBe('paid')
  return t.app.journal.barriers() - before
}

describe('fsync barriers per sale', () => {
  it('a cash sale without a card: 1 (the tender before the drawer opens)', async () => {
    expect(
      await barriersOf(async (app) => void (await app.run('checkout.payCash', { tendered: 1000 }))),
    ).toBe(1)
  })

  it('a cash sale paid before the TSE answered the basket’s start: 2 (the tender; the TSE’s finishing row before the finish leaves)', async () => {
    expect(
      await barriersOf(async (app) => void (await app.run('checkout.payCash', { tendered: 1000 })), {
        tseStartAnswered: false,
      }),
    ).toBe(2)
  })

  it('card balance + rest in cash: 2 (the start’s intents, its outcome)', async () => {
    expect(
      await barriersOf(async (app) => {
        await app.run('card.attach', { cardNumber: STAMMKUNDE })
        await app.run('checkout.applyCard')
        await app.run('checkout.payCash', { tendered: 1000 })
      }),
    ).toBe(2)
  })

  it('terminal: 2 (the start’s intents, its outcome)', async () => {
    expect(await barriersOf(async (app) => void (await app.run('checkout.payTerminal')))).toBe(2)
  })
})
