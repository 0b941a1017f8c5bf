// Chaos, in process: the till is stopped dead at every named point of every payment kind and a new
// till starts on the same journal, where recovery finishes what was left. Cheap enough for every point
// of every kind in the default run (test/chaos/kill9.test.ts does the same with a real SIGKILL of the built host,
// at the points where money moves).
//
// "Stopped dead" right after the point: the old till's journal connection is closed (an open
// transaction would roll back, nothing more reaches the file) and its fetch neither sends a new
// request nor delivers an answer (a request already on the wire still reaches the simulator, as it
// would from a killed process). The old till is then abandoned, never closed. The new till runs on an
// injected clock, so the start patience (a start never sent cannot be told from one still on its way)
// is waited out by moving the clock, not by sleeping.
//
// After each restart the journal and the simulator must agree (test/chaos/agreement.ts): nothing lost, nothing
// charged twice, nothing charged but not journaled, nothing journaled as paid but not charged. The TSE is
// a server of its own (like fiskaly's cloud, it outlives the till): every completed sale's receipt
// carries the signature of its TSE transaction, whichever point the till stopped at.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appConfig } from '../../../common/config'
import type { CheckoutView } from '../../../common/checkout'
import { manualClock, memoryLogger } from '../../../common/ports'
import { createApp, type App } from '../../../main/app'
import type { CheckoutHooks, CheckoutPoint } from '../../../main/checkout/hooks'
import { memorySecretStore } from '../../../main/secrets/encrypted-file-store'
import { startSimulator, type Simulator } from '../../../simulator'
import { startTseSimulator, type TseSimulator } from '../../../simulator/tse'
import { SECRET_KEYS } from '../../../main/fiscal/fiskaly/client'
import { tillSerialOf } from '../../../common/config/fiscal'
import { BASKET_796, PIN_CARD, SEED_CATALOGUE, STAMMKUNDE } from './fixtures'
import type { SaleKind } from '../../soak/soak-driver'
import { journalAgreesWithSimulator } from '../../chaos/agreement'
import { POINTS } from '../../chaos/points'

const START_PATIENCE_MS = 30_000

let sim: Simulator
let tse: TseSimulator
let dataDir: string
const TSS = '33333333-3333-4333-8333-333333333333'
const TSE_CLIENT = '44444444-4444-4444-8444-444444444444'
const TSE_KEY = { key: 'crash-key', secret: 'crash-secret' }
const clock = manualClock(Date.now())
beforeAll(async () => {
  sim = await startSimulator({ port: 0, autoApprove: true })
  // The TSE is a server of its own, like fiskaly's cloud: it outlives the till.
  tse = await startTseSimulator({ credentials: TSE_KEY })
  tse.provision(TSS, TSE_CLIENT, tillSerialOf(configOf()))
  dataDir = mkdtempSync(join(tmpdir(), 'tresen-inproc-crash-'))
})
afterAll(async () => {
  await sim?.close()
  await tse?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

/** A fetch that dies with the till: after `kill()` nothing new leaves and no answer arrives. */
function mortalFetch() {
  let dead = false
  const never = () => new Promise<Response>(() => {})
  const fetch: typeof globalThis.fetch = (input, init) =>
    dead ? never() : globalThis.fetch(input, init).then((r) => (dead ? never() : r))
  return { fetch, kill: () => void (dead = true) }
}

function configOf() {
  return appConfig.parse({
    catalog: SEED_CATALOGUE,
    receipt: { policy: 'always' },
    secuconnect: {
      host: sim.url,
      grant: 'client_credentials',
      clientId: 'tresen-inproc-crash',
      clientSecret: 'crash-secret',
      deviceSerial: 'inproc-till',
    },
    fiscal: {
      tse: 'fiskaly',
      fiskaly: { baseUrl: tse.url, tssId: TSS, clientId: TSE_CLIENT },
      timeouts: { txMs: 1000, authMs: 1000 },
    },
  })
}

function till(fetch: typeof globalThis.fetch, hooks?: CheckoutHooks): Promise<App> {
  return createApp({
    config: configOf(),
    dataDir,
    clock,
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

async function send(app: App, command: string, input: unknown = {}): Promise<CheckoutView> {
  const result = await app.dispatch(command, input)
  if (!result.ok) throw new Error(`${command}: ${result.error.messageKey} ${result.error.message}`)
  await app.checkout.idle()
  return ((await app.dispatch('checkout.view', {})) as { value: CheckoutView }).value
}

/** One sale of `kind`, as the cashier rings it up; resolves with the final view. */
async function sell(app: App, kind: SaleKind): Promise<CheckoutView> {
  // The cards' balances as every sale of a kind expects them (earlier runs spent them).
  if (kind === 'card') sim.updateCard(STAMMKUNDE, { cash_balance: 200, bonus_balance: 20 })
  if (kind === 'loyalty') sim.updateCard(PIN_CARD, { cash_balance: 50_000, bonus_balance: 0 })
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
async function recovered(app: App): Promise<void> {
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
      clock.advance(START_PATIENCE_MS + 1)
      waited = true
    }
    await new Promise((r) => setTimeout(r, 20))
  }
}

const runs = (Object.keys(POINTS) as SaleKind[]).flatMap((kind) =>
  POINTS[kind].map((point) => ({ kind, point })),
)

describe('the till stopped dead at every point of every payment kind (in process)', () => {
  it('covers every point of every kind: 55 runs', () => {
    expect(runs).toHaveLength(55)
  })

  for (const { kind, point } of runs)
    it(`${kind} stopped at ${point}: recovered, journal and simulator agree, the next sale goes through`, async () => {
      const mortal = mortalFetch()
      let crashed!: () => void
      const crash = new Promise<'crashed'>((resolve) => (crashed = () => resolve('crashed')))
      let armed = false
      const old: App = await till(mortal.fetch, {
        at(reached: CheckoutPoint) {
          if (!armed || reached !== point) return
          armed = false
          mortal.kill()
          old.journal.close()
          crashed()
        },
      })
      await old.checkout.recovery
      armed = true
      const ended = await Promise.race([
        crash,
        sell(old, kind).then(
          () => 'sold' as const,
          () => 'broke' as const,
        ),
      ])
      expect(ended, `the till never reached ${point} in a ${kind} sale`).toBe('crashed')

      const app = await till(globalThis.fetch)
      await recovered(app)
      // The customer is still there: the next sale on the restarted till goes through.
      expect((await sell(app, kind)).phase).toBe('paid')
      await app.close()
      journalAgreesWithSimulator(dataDir, sim, { tse: true })
    })

  it('the whole run: every stop recovered, nothing lost, nothing charged twice', () => {
    const { completed, aborted } = journalAgreesWithSimulator(dataDir, sim, { tse: true })
    expect(completed).toBeGreaterThanOrEqual(runs.length)
    expect(completed + aborted).toBeGreaterThanOrEqual(runs.length * 2 - 1)
  })
})
