// The real app for checkout tests: demo config (embedded simulator, virtual printer and drawer) with the
// seed basket's catalogue, driven through app.dispatch exactly like the UI.
import { expect } from 'vitest'
import { appConfig, type AppConfigInput } from '../../../common/config'
import type { CheckoutView } from '../../../common/checkout'
import type { CheckoutTuning } from '../../../main/checkout/checkout-service'
import type { Simulator } from '../../../simulator'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import { SEED_CATALOGUE } from './fixtures'

export {
  BASKET_796,
  GIFT_CARD,
  LOCKED_CARD,
  PIN_CARD,
  SEED_CATALOGUE,
  STAMMKUNDE,
  UNKNOWN_CARD,
} from './fixtures'

export interface CheckoutTestApp extends TestApp {
  sim: Simulator
  /** A command as the UI sends it; throws the AppError's message key when it fails. */
  send<T = CheckoutView>(command: string, input?: unknown): Promise<T>
  /** Sends a checkout command and waits until its background step has finished. */
  run(command: string, input?: unknown): Promise<CheckoutView>
  view(): Promise<CheckoutView>
  /** API requests the simulator saw (token calls excluded), e.g. to count round trips. */
  apiRequests(): { method: string; path: string }[]
  /** Logs seller Anna in and fills the basket. */
  basket(items: { productId: string; quantity?: number; amount?: number }[]): Promise<void>
}

export async function checkoutApp(
  config: AppConfigInput = {},
  tuning: CheckoutTuning = {},
): Promise<CheckoutTestApp> {
  const t = await createTestApp({
    config: appConfig.parse({ demo: true, catalog: SEED_CATALOGUE, ...config }),
    checkout: { reconcileEveryMs: 100, recoveryRetryMs: 200, ...tuning },
  })
  await t.app.api.ready
  await t.app.checkout.recovery
  const sim = t.app.api.simulator!
  const send = async <T>(command: string, input: unknown = {}): Promise<T> => {
    const result = await t.app.dispatch(command, input)
    if (!result.ok)
      throw Object.assign(new Error(`${command}: ${result.error.messageKey} (${result.error.message})`), {
        error: result.error,
      })
    return result.value as T
  }
  const view = () => send<CheckoutView>('checkout.view')
  return {
    ...t,
    sim,
    send,
    view,
    async run(command, input) {
      await send(command, input)
      await t.app.checkout.idle()
      return view()
    },
    apiRequests: () => sim.requests().filter((r) => !r.path.startsWith('/oauth/')),
    async basket(items) {
      await send('seller.login', { sellerId: 'anna', pin: '1111' })
      for (const item of items) await send('basket.addProduct', { quantity: 1, ...item })
    },
  }
}

/** Every text the API's receipt lines carry, in order (textline text, name-value "name value"). */
export function apiTexts(view: CheckoutView): string[] {
  return (view.result?.receipt.apiLines ?? []).flatMap((l) =>
    l.type === 'textline'
      ? [l.value.text]
      : l.type === 'name-value'
        ? [`${l.value.name} ${l.value.value}`]
        : [],
  )
}

/** Expects `texts` to appear in this order among `lines` (other lines may come between). */
export function expectInOrder(lines: string[], texts: string[]): void {
  let from = 0
  for (const text of texts) {
    const at = lines.findIndex((l, i) => i >= from && l.includes(text))
    expect(at, `"${text}" after line ${from} in:\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0)
    from = at + 1
  }
}
