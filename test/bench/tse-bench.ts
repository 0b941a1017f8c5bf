// TSE time at the counter: how long a cash sale waits for the TSE (the finish before the receipt; the
// start ran in the background while the basket filled), healthy simulator over loopback HTTP; and a
// cash sale with the TSE down (every TSE call hangs): time to paid, which must stay within one timeout.
import { performance } from 'node:perf_hooks'
import { appConfig } from '../../common/config'
import type { CheckoutView } from '../../common/checkout'
import { createTestApp, type TestApp } from '../helpers/test-app'
import { latencyRow, type BenchRow } from './stats'

async function app(txMs: number, onPoint: (point: string) => void = () => {}): Promise<TestApp> {
  const t = await createTestApp({
    config: appConfig.parse({ demo: true, receipt: { policy: 'never' }, fiscal: { timeouts: { txMs } } }),
    checkout: { hooks: { at: onPoint } },
  })
  await t.app.api.ready
  await t.app.checkout.recovery
  return t
}

async function send(t: TestApp, command: string, input: unknown = {}): Promise<CheckoutView> {
  const r = await t.app.dispatch(command, input)
  if (!r.ok) throw new Error(`${command}: ${r.error.messageKey}`)
  return r.value as CheckoutView
}

/** When the current sale's drawer kick was done (Infinity until then). */
let drawerAt = Infinity

/** One cash sale: a line, a pause for the basket to fill, cash; resolves with ms from pay to paid. */
async function cashSale(t: TestApp, fillMs: number): Promise<number> {
  await send(t, 'basket.addProduct', { productId: 'kaffee', quantity: 1 })
  await new Promise((r) => setTimeout(r, fillMs))
  drawerAt = Infinity
  const t0 = performance.now()
  await send(t, 'checkout.payCash', { tendered: 1000 })
  await t.app.checkout.idle()
  const ms = performance.now() - t0
  const view = await send(t, 'checkout.view')
  if (view.phase !== 'paid') throw new Error(`sale ended in ${view.phase}`)
  await send(t, 'checkout.done')
  return ms
}

export async function tseBench(options: { sales?: number; downSales?: number } = {}): Promise<BenchRow[]> {
  const sales = options.sales ?? 200
  const downSales = options.downSales ?? 5
  // The finish starts before the drawer kick; what the sale waits for is the part after the drawer.
  const healthy = await app(3000, (point) => {
    if (point === 'drawer.opened') drawerAt = performance.now()
  })
  const added: number[] = []
  try {
    await send(healthy, 'seller.login', { sellerId: 'anna', pin: '1111' })
    // The checkout calls fiscal.finishSale through this object: note when each call is done.
    const fiscal = healthy.app.fiscal as { finishSale: (...a: never[]) => Promise<unknown> }
    const finish = fiscal.finishSale.bind(fiscal)
    fiscal.finishSale = async (...a) => {
      try {
        return await finish(...a)
      } finally {
        added.push(Math.max(0, performance.now() - drawerAt))
      }
    }
    for (let i = 0; i < 10; i++) await cashSale(healthy, 30)
    added.length = 0
    for (let i = 0; i < sales; i++) await cashSale(healthy, 30)
  } finally {
    await healthy.dispose()
  }

  const down = await app(3000)
  const toPaid: number[] = []
  try {
    down.app.fiscalDevice.simulator!.injectFault({ path: '/api/v2/tss/**', kind: 'hang', persistent: true })
    await send(down, 'seller.login', { sellerId: 'anna', pin: '1111' })
    // No pause: the start is still hanging at payment, the worst case for the one-timeout budget.
    for (let i = 0; i < downSales; i++) toPaid.push(await cashSale(down, 0))
  } finally {
    await down.dispose()
  }
  return [
    latencyRow(
      'tse-added-cash-sale',
      'TSE time added to a cash sale until paid, healthy simulator',
      added,
      { op: '<=', value: 20 },
      'wait after the drawer kick until the TSE finish is done (the finish starts before the kick; the start ran while the basket filled, 30 ms)',
    ),
    latencyRow(
      'tse-down-cash-sale',
      'cash sale with the TSE down: time to paid',
      toPaid,
      { op: '<=', value: 3000 + 500 },
      'every TSE call hangs; budget = one tx timeout (3 s) + local work',
    ),
  ]
}
