// Durability where money moves (docs/checkout.md "Durability"): the journal runs with
// synchronous=NORMAL, and only the commits of money steps end with an fsync barrier — the start's
// intents and its outcome, the cash tender's intent before the drawer opens.
import { afterEach, describe, expect, it } from 'vitest'
import { BASKET_796, checkoutApp, STAMMKUNDE, type CheckoutTestApp } from './helpers'

let t: CheckoutTestApp | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
})

async function barriersOf(pay: (t: CheckoutTestApp) => Promise<void>): Promise<number> {
  t = await checkoutApp({ receipt: { policy: 'never' } })
  await t.basket(BASKET_796)
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
