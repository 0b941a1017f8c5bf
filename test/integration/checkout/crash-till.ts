// The in-process crash rig shared by the crash suites of the checkout (every-point-crash.test.ts,
// power-cut-tse.test.ts): a secuconnect simulator and a TSE simulator that outlive the till, a till on
// an injected clock, a fetch that dies with the till, and a cashier who rings up one sale of each kind.
import { manualClock } from '../../../common/ports'
import { appConfig } from '../../../common/config'
import type { CheckoutView } from '../../../common/checkout'
import { memoryLogger } from '../../../common/ports'
import { createApp, type App } from '../../../main/app'
import type { CheckoutHooks } from '../../../main/checkout/hooks'
import { memorySecretStore } from '../../../main/secrets/encrypted-file-store'
import { SECRET_KEYS } from '../../../main/fiscal/fiskaly/client'
import { tillSerialOf } from '../../../common/config/fiscal'
import { startSimulator, type Simulator } from '../../../simulator'
import { startTseSimulator, type TseSimulator } from '../../../simulator/tse'
import type { SaleKind } from '../../soak/soak-driver'
import { BASKET_796, PIN_CARD, SEED_CATALOGUE, STAMMKUNDE } from './fixtures'

export const START_PATIENCE_MS = 30_000
export const TSS = '33333333-3333-4333-8333-333333333333'
const TSE_CLIENT = '44444444-4444-4444-8444-444444444444'
const TSE_KEY = { key: 'crash-key', secret: 'crash-secret' }

export interface CrashRig {
  sim: Simulator
  /** A server of its own, like fiskaly's cloud: it outlives the till. */
  tse: TseSimulator
  clock: ReturnType<typeof manualClock>
  close(): Promise<void>
}

export async function startCrashRig(): Promise<CrashRig> {
  const sim = await startSimulator({ port: 0, autoApprove: true })
  const tse = await startTseSimulator({ credentials: TSE_KEY })
  const rig: CrashRig = {
    sim,
    tse,
    clock: manualClock(Date.now()),
    async close() {
      await sim.close()
      await tse.close()
    },
  }
  tse.provision(TSS, TSE_CLIENT, tillSerialOf(configOf(rig)))
  return rig
}

/**
 * A fetch that dies with the till: after `kill()` nothing new leaves and no answer arrives. With `last`,
 * the till dies by itself as the request `last.is` picks leaves: `last.before` runs first, the request
 * still reaches its server (it was on the wire), its answer never arrives.
 */
export function mortalFetch(last?: {
  is(input: Parameters<typeof fetch>[0], init?: RequestInit): boolean
  before(): void
}) {
  let dead = false
  const never = () => new Promise<Response>(() => {})
  const fetch: typeof globalThis.fetch = (input, init) => {
    if (dead) return never()
    if (last?.is(input, init)) {
      last.before()
      dead = true
      void globalThis.fetch(input, init).catch(() => undefined)
      return never()
    }
    return globalThis.fetch(input, init).then((r) => (dead ? never() : r))
  }
  return { fetch, kill: () => void (dead = true), dead: () => dead }
}

function configOf(rig: Pick<CrashRig, 'sim' | 'tse'>) {
  return appConfig.parse({
    catalog: SEED_CATALOGUE,
    receipt: { policy: 'always' },
    secuconnect: {
      host: rig.sim.url,
      grant: 'client_credentials',
      clientId: 'tresen-inproc-crash',
      clientSecret: 'crash-secret',
      deviceSerial: 'inproc-till',
    },
    fiscal: {
      tse: 'fiskaly',
      fiskaly: { baseUrl: rig.tse.url, tssId: TSS, clientId: TSE_CLIENT },
      timeouts: { txMs: 1000, authMs: 1000 },
    },
  })
}

/** A till on `dataDir` with the rig's clock and simulators. */
export function till(
  rig: CrashRig,
  dataDir: string,
  fetch: typeof globalThis.fetch,
  hooks?: CheckoutHooks,
): Promise<App> {
  return createApp({
    config: configOf(rig),
    dataDir,
    clock: rig.clock,
    logger: memoryLogger(),
    fetch,
    secrets: memorySecretStore({
      [SECRET_KEYS.apiKey]: TSE_KEY.key,
      [SECRET_KEYS.apiSecret]: TSE_KEY.secret,
    }),
    transport: 'test',
    checkout: {
      reconcileEveryMs: 20,
      recoveryRetryMs: 20,
      startPatienceMs: START_PATIENCE_MS,
      ...(hooks ? { hooks } : {}),
    },
  })
}

/** One command as the till's screen sends it; resolves with the checkout's view once it is idle. */
export async function send(app: App, command: string, input: unknown = {}): Promise<CheckoutView> {
  const result = await app.dispatch(command, input)
  if (!result.ok) throw new Error(`${command}: ${result.error.messageKey} ${result.error.message}`)
  await app.checkout.idle()
  return ((await app.dispatch('checkout.view', {})) as { value: CheckoutView }).value
}

/** One sale of `kind`, as the cashier rings it up; resolves with the final view. */
export async function sell(rig: CrashRig, app: App, kind: SaleKind): Promise<CheckoutView> {
  // The cards' balances as every sale of a kind expects them (earlier runs spent them).
  if (kind === 'card') rig.sim.updateCard(STAMMKUNDE, { cash_balance: 200, bonus_balance: 20 })
  if (kind === 'loyalty') rig.sim.updateCard(PIN_CARD, { cash_balance: 50_000, bonus_balance: 0 })
  await send(app, 'seller.login', { sellerId: 'anna', pin: '1111' })
  const items = kind === 'topup' ? [{ productId: 'topup', amount: 1500 }] : BASKET_796
  for (const item of items) await send(app, 'basket.addProduct', { quantity: 1, ...item })
  if (kind === 'loyalty') {
    await send(app, 'card.attach', { cardNumber: PIN_CARD })
    await send(app, 'card.verifyPin', { pin: '1234' })
    return send(app, 'checkout.payLoyalty')
  }
  if (kind === 'card' || kind === 'topup') await send(app, 'card.attach', { cardNumber: STAMMKUNDE })
  if (kind === 'card') await send(app, 'checkout.applyCard')
  if (kind === 'terminal') return send(app, 'checkout.payTerminal')
  return send(app, 'checkout.payCash', { tendered: 5000 })
}

/** Recovery of the new till has finished every sale; the clock is moved past the start patience once. */
export async function recovered(rig: CrashRig, app: App): Promise<void> {
  await app.checkout.recovery
  let waited = false
  const deadline = Date.now() + 10_000
  while (app.journal.unfinished().sales.length > 0) {
    if (Date.now() > deadline)
      throw new Error(
        `left open: ${JSON.stringify(app.journal.unfinished().sales.map((s) => s.sale.saleId))}`,
      )
    // A start never sent looks like one still on its way until the patience is over.
    if (!waited) {
      rig.clock.advance(START_PATIENCE_MS + 1)
      waited = true
    }
    await new Promise((r) => setTimeout(r, 20))
  }
}
