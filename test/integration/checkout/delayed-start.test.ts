// A start that is still travelling when the till dies: the simulator holds every start/* for a while
// (latency injected before the effect), the first app "dies" right after the start's intent (its
// fetch never answers again, as if the process were gone, while the request goes on to the API), and a
// second app on the same journal recovers, once at once and once after the start patience (injected
// clock). Every payment kind: the sale is completed exactly when the API charged it, never "not paid"
// while the start can still land. A start that never reaches the API is aborted only after the patience.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { appConfig } from '../../../common/config'
import { manualClock, memoryLogger } from '../../../common/ports'
import { createApp, type App } from '../../../main/app'
import type { CheckoutTuning } from '../../../main/checkout/checkout-service'
import { memorySecretStore } from '../../../main/secrets/encrypted-file-store'
import { startSimulator, type Simulator } from '../../../simulator'
import { BASKET_796, PIN_CARD, SEED_CATALOGUE, STAMMKUNDE } from './fixtures'
import { send } from './crash-till'

type Kind = 'card-cash' | 'terminal' | 'loyalty' | 'topup-cash' | 'card-terminal'
const KINDS: Kind[] = ['card-cash', 'terminal', 'loyalty', 'topup-cash', 'card-terminal']
const START_LATENCY_MS = 600
const PATIENCE_MS = 30_000

let sim: Simulator
const dirs: string[] = []
beforeAll(async () => {
  sim = await startSimulator({ port: 0, autoApprove: true })
})
beforeEach(() => {
  sim.clearFaults()
  sim.setStartLatency(0)
})
afterAll(async () => {
  await sim?.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** A fetch that dies with the "process": after `kill()` no answer ever comes back (requests still leave). */
function mortalFetch() {
  let dead = false
  const fetch: typeof globalThis.fetch = (input, init) => {
    // The request leaves (a killed process's last request is already on the wire); its answer is lost.
    const answer = globalThis.fetch(input, init)
    return answer.then((r) => (dead ? new Promise<Response>(() => {}) : r))
  }
  return { fetch, kill: () => void (dead = true) }
}

async function till(
  dataDir: string,
  clock: ReturnType<typeof manualClock>,
  fetch: typeof globalThis.fetch,
  tuning: CheckoutTuning,
): Promise<App> {
  return createApp({
    config: appConfig.parse({
      catalog: SEED_CATALOGUE,
      secuconnect: {
        host: sim.url,
        grant: 'client_credentials',
        clientId: 'tresen-delayed-start',
        clientSecret: 'delayed-secret',
        deviceSerial: 'delayed-till',
      },
    }),
    dataDir,
    clock,
    logger: memoryLogger(),
    fetch,
    secrets: memorySecretStore(),
    transport: 'test',
    checkout: { reconcileEveryMs: 50, recoveryRetryMs: 100, startPatienceMs: PATIENCE_MS, ...tuning },
  })
}

/** Sells one sale of `kind` until its start's intent is journaled, then the till "dies". Returns its tx. */
async function sellAndDie(dataDir: string, clock: ReturnType<typeof manualClock>, kind: Kind) {
  const mortal = mortalFetch()
  let died!: () => void
  const dead = new Promise<void>((resolve) => (died = resolve))
  const app = await till(dataDir, clock, mortal.fetch, {
    hooks: {
      at(point) {
        if (point !== 'start.intent') return
        mortal.kill()
        died()
      },
    },
  })
  await app.checkout.recovery
  const before = new Set(sim.transactions().map((t) => t.id))
  await send(app, 'seller.login', { sellerId: 'anna', pin: '1111' })
  const items = kind === 'topup-cash' ? [{ productId: 'topup', amount: 1500 }] : BASKET_796
  for (const item of items) await send(app, 'basket.addProduct', { quantity: 1, ...item })
  if (kind === 'loyalty') {
    await send(app, 'card.attach', { cardNumber: PIN_CARD })
    await send(app, 'card.verifyPin', { pin: '1234' })
  } else if (kind !== 'terminal') await send(app, 'card.attach', { cardNumber: STAMMKUNDE })
  if (kind === 'card-cash' || kind === 'card-terminal') await send(app, 'checkout.applyCard')
  sim.setStartLatency(START_LATENCY_MS)
  const command =
    kind === 'loyalty'
      ? 'checkout.payLoyalty'
      : kind === 'terminal' || kind === 'card-terminal'
        ? 'checkout.payTerminal'
        : 'checkout.payCash'
  const result = await app.dispatch(command, kind.endsWith('cash') ? { tendered: 5000 } : {})
  expect(result.ok).toBe(true)
  await dead
  const saleId = app.journal.unfinished().sales.at(-1)!.sale.saleId
  // The dead till's journal connection is left as a killed process leaves it: open, never closed.
  return { saleId, txOf: () => sim.transactions().find((t) => !before.has(t.id) && t.starts > 0) }
}

const waitFor = async (check: () => boolean, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('a start still travelling at a crash', () => {
  for (const kind of KINDS) {
    it(`${kind}: restarted at once, the sale is completed once the start lands (charged once, never "not paid")`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tresen-delayed-'))
      dirs.push(dataDir)
      const clock = manualClock(Date.now())
      const { saleId, txOf } = await sellAndDie(dataDir, clock, kind)
      const app = await till(dataDir, clock, globalThis.fetch, {})
      const first = await app.checkout.recovery
      // Read back before the start landed: still within its patience, so neither aborted nor completed.
      expect(first.aborted).toEqual([])
      expect(app.journal.sale(saleId)!.status).toBe('open')
      await waitFor(() => txOf() !== undefined)
      await waitFor(() => app.journal.sale(saleId)!.status !== 'open')
      expect(app.journal.sale(saleId)!.status).toBe('completed')
      expect(txOf()!.starts).toBe(1)
      await app.close()
    })

    it(`${kind}: restarted after the start patience, the landed start completes the sale`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tresen-delayed-'))
      dirs.push(dataDir)
      const clock = manualClock(Date.now())
      const { saleId, txOf } = await sellAndDie(dataDir, clock, kind)
      await waitFor(() => txOf() !== undefined)
      clock.advance(PATIENCE_MS + 1)
      const app = await till(dataDir, clock, globalThis.fetch, {})
      const report = await app.checkout.recovery
      expect(report.completed).toEqual([saleId])
      expect(txOf()!.starts).toBe(1)
      await app.close()
    })
  }

  it('a start that never reached the API: not paid only after the patience, then aborted', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tresen-delayed-'))
    dirs.push(dataDir)
    const clock = manualClock(Date.now())
    // The start is dropped on the way (the simulator never sees it).
    sim.injectFault({ path: '/api/v2/Smart/Transactions/*/start/*', kind: 'hang', times: 1 })
    const { saleId } = await sellAndDie(dataDir, clock, 'card-cash')
    const app = await till(dataDir, clock, globalThis.fetch, {})
    expect((await app.checkout.recovery).pending).toEqual([saleId])
    clock.advance(PATIENCE_MS + 1)
    await waitFor(() => app.journal.sale(saleId)!.status !== 'open')
    expect(app.journal.sale(saleId)!.status).toBe('aborted')
    await app.close()
  })
})
