// The card-sale driver of the sale benchmark (sale-bench.ts) and the trace tools: the real app
// in-process against the secuconnect simulator and the TSE simulator, each in its own process (so HTTP
// is real loopback HTTP to another process, like a LAN, and the TSE is outside the till like fiskaly's
// cloud). Every fetch the app makes is timed until the client has read its body; a sale's HTTP time is
// the time inside its window with at least one request in flight (overlapping calls once; calls before
// the window not at all). Every journal call is timed and its commits and fsync barriers counted. The
// driver follows the pushed views as the till's screen does. Receipts are not printed in these sales
// (policy "never"), printing is a device step, not API overhead.
import { performance } from 'node:perf_hooks'
import { appConfig } from '../../common/config'
import type { CheckoutView } from '../../common/checkout'
import { systemClock } from '../../common/ports'
import type { Journal } from '../../main/journal'
import { createTestApp, type TestApp } from '../helpers/test-app'
import { setUpRemoteTse } from '../helpers/remote-tse'
import { inFlightMs } from './stats'

export const STAMMKUNDE = '9276004424644352'
export const PIN_CARD = '9276004400000026'
const TOPUP_PRODUCT = 'topup-10'

export interface Call {
  url: string
  /** What the client sent (the floor replays it: sale-floor.ts). */
  init: RequestInit | undefined
  /** When the request left and when the client had read its answer's body (performance.now()). */
  from: number
  to: number
  readonly path: string
  readonly ms: number
}

/** The last start/cash answer's body, for the decode row (`coldDecodeRow`). */
let startAnswer: string | undefined
export const lastStartAnswer = (): string | undefined => startAnswer

/**
 * fetch that records each call until the client has read its answer's body. The reads are timed on the
 * response the client holds: copying the body here first (as this bench once did) is the bench's work
 * after the answer and was counted as the till's (~0.7 ms per card sale at 50 ms per call).
 */
function timedFetch(calls: Call[]): typeof globalThis.fetch {
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    const from = performance.now()
    const response = await globalThis.fetch(input, init)
    const call: Call = {
      url,
      init,
      from,
      to: performance.now(),
      get path() {
        return new URL(this.url).pathname
      },
      get ms() {
        return this.to - this.from
      },
    }
    calls.push(call)
    const text = response.text.bind(response)
    const bytes = response.arrayBuffer.bind(response)
    response.text = async () => {
      const body = await text()
      call.to = performance.now()
      if (url.endsWith('/start/cash')) startAnswer = body
      return body
    }
    response.arrayBuffer = async () => {
      const body = await bytes()
      call.to = performance.now()
      return body
    }
    return response
  }
}

// Journal writes that are one commit each when called outside `atomically` (the TSE records and the
// training marks are single-statement inserts, committed on their own).
const WRITES =
  /^(atomically|beginSale|completeSale|abortSale|record|zReport|tse\.record|training\.(set|markSale)|clarifications\.(flag|decide))/

/**
 * Wraps every journal method, and those of its parts (`journal.tse`, `.training`, `.integrity`,
 * `.clarifications`: the same SQLite file), so the time spent in SQLite (fsync included) and the
 * commits can be told apart. Only the outermost call counts: writes grouped by `atomically` are inside
 * its time already.
 */
function timedJournal(journal: Journal, spent: JournalUse): void {
  let depth = 0
  const wrap = (target: Record<string, unknown>, prefix: string) => {
    for (const name of Object.keys(target)) {
      const fn = target[name]
      if (name === 'barriers' || name === 'barrierMs') continue
      if (fn !== null && typeof fn === 'object' && prefix === '') {
        wrap(fn as Record<string, unknown>, `${name}.`)
        continue
      }
      if (typeof fn !== 'function') continue
      target[name] = (...args: unknown[]) => {
        const t0 = performance.now()
        depth++
        try {
          return (fn as (...a: unknown[]) => unknown).apply(target, args)
        } finally {
          depth--
          if (depth === 0) {
            const t1 = performance.now()
            spent.ms += t1 - t0
            spent.spans.push({ from: t0, to: t1, name: prefix + name })
            // An outermost write is one transaction: one commit, one fsync.
            if (WRITES.test(prefix + name)) spent.commits++
          }
        }
      }
    }
  }
  wrap(journal as unknown as Record<string, unknown>, '')
}

interface JournalUse {
  ms: number
  commits: number
  /** The outermost calls' spans (performance.now()), to tell journal time inside a call's flight from outside. */
  spans: { from: number; to: number; name: string }[]
}

export interface SaleApp {
  t: TestApp
  calls: Call[]
  journalUse: JournalUse
  /** Calls made, time and journal time when the current sale was first shown paid (later work is off its path). */
  paidAt: {
    calls: number
    ms: number
    journalMs: number
    commits: number
    barriers: number
    barrierMs: number
  } | null
  /** The last view the checkout pushed (what the till's screen shows). */
  shown: CheckoutView | null
  run(command: string, input?: unknown): Promise<CheckoutView>
  basket(items: { productId: string; quantity?: number; amount?: number }[]): Promise<void>
  resetCard(card: string, cash: number, bonus: number): Promise<void>
}

export const BENCH_TSE = { key: 'bench-key', secret: 'bench-secret' }

/**
 * The app against the secuconnect simulator at `simUrl` and, when `tseUrl` is given, a TSE simulator
 * in its own process there (set up as a manager does); without it, demo mode's TSE inside the app.
 */
export async function saleApp(simUrl: string, tseUrl?: string): Promise<SaleApp> {
  const calls: Call[] = []
  const t = await createTestApp({
    clock: systemClock,
    fetch: timedFetch(calls),
    config: appConfig.parse({
      demo: true,
      receipt: { policy: 'never' },
      ...(tseUrl ? { fiscal: { tse: 'fiskaly', fiskaly: { baseUrl: tseUrl } } } : {}),
      secuconnect: {
        host: simUrl,
        grant: 'client_credentials',
        clientId: 'tresen-bench',
        clientSecret: 'bench-secret',
        deviceSerial: 'bench-1',
      },
    }),
  })
  await t.app.checkout.recovery
  const journalUse: JournalUse = { ms: 0, commits: 0, spans: [] }
  timedJournal(t.app.journal, journalUse)
  const marks: Pick<SaleApp, 'paidAt' | 'shown'> = { paidAt: null, shown: null }
  t.app.events.subscribe((m) => {
    if (m.type === 'checkout.changed') marks.shown = m.payload
    if (m.type === 'checkout.changed' && m.payload.phase === 'paid' && marks.paidAt === null)
      marks.paidAt = {
        calls: calls.length,
        ms: performance.now(),
        journalMs: journalUse.ms,
        commits: journalUse.commits,
        barriers: t.app.journal.barriers(),
        barrierMs: t.app.journal.barrierMs(),
      }
  })
  const send = async (command: string, input: unknown = {}) => {
    const result = await t.app.dispatch(command, input)
    if (!result.ok) throw new Error(`${command}: ${result.error.messageKey} ${result.error.message}`)
    return result.value
  }
  if (tseUrl) await setUpRemoteTse(send, BENCH_TSE)
  await send('seller.login', { sellerId: 'anna', pin: '1111' })
  const app: SaleApp = Object.assign(marks, {
    t,
    calls,
    journalUse,
    // Like the till's screen, the driver follows the pushed views (checkout.changed) instead of asking
    // for the view after each command: a `checkout.view` round trip is not part of a sale.
    async run(command: string, input?: unknown) {
      await send(command, input)
      await t.app.checkout.idle()
      if (!marks.shown) throw new Error(`${command}: no checkout view was pushed`)
      return marks.shown
    },
    async basket(items: { productId: string; quantity?: number; amount?: number }[]) {
      for (const item of items) await send('basket.addProduct', { quantity: 1, ...item })
    },
    async resetCard(card: string, cash: number, bonus: number) {
      const res = await fetch(`${simUrl}/__admin/cards/${card}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ cash_balance: cash, bonus_balance: bonus }),
      })
      if (!res.ok) throw new Error(`card reset: ${res.status}`)
    },
  })
  return app
}

const BASKET = [{ productId: 'kaffee', quantity: 2 }, { productId: 'laugenbrezel' }]

export type Kind = 'cash' | 'card' | 'topup' | 'terminal' | 'loyalty'

/** One sale of `kind`; returns the API calls it made (token calls excluded) split at the first payment command. */
export async function sellOnce(
  s: SaleApp,
  kind: Kind,
): Promise<{
  lookup: string[]
  payment: string[]
  tseCalls: number
  /** Every call from the basket's first item to paid (the basket's TSE start included). */
  calls: Call[]
  /** performance.now() at card.attach: the window is [t0, t0 + wallMs]. */
  t0: number
  wallMs: number
  /** Time with a request in flight between card.attach and paid. */
  httpMs: number
  /** The calls' durations added up (overlaps twice, the basket's calls included): the old measure. */
  httpSummedMs: number
  journalMs: number
  /** Journal time outside the time with a request in flight: the journal's part of the overhead. */
  journalOutsideMs: number
  commits: number
  barriers: number
  barrierMs: number
}> {
  if (kind === 'card') await s.resetCard(STAMMKUNDE, 200, 20)
  if (kind === 'loyalty') await s.resetCard(PIN_CARD, 5000, 150)
  await s.t.app.checkout.idle()
  s.paidAt = null
  const start = s.calls.length
  await s.basket(kind === 'topup' ? [{ productId: TOPUP_PRODUCT }] : BASKET)
  // At the counter ringing up takes seconds: the TSE has answered the start of the basket's transaction
  // before the payment (a sale paid before that answer costs one more fsync: durability.test.ts).
  await s.t.app.fiscal.settled()
  const t0 = performance.now()
  const journal0 = s.journalUse.ms
  const commits0 = s.journalUse.commits
  const spans0 = s.journalUse.spans.length
  const barriers0 = s.t.app.journal.barriers()
  const barrierMs0 = s.t.app.journal.barrierMs()
  if (kind === 'card' || kind === 'topup') await s.run('card.attach', { cardNumber: STAMMKUNDE })
  if (kind === 'loyalty') {
    await s.run('card.attach', { cardNumber: PIN_CARD })
    await s.run('card.verifyPin', { pin: '1234' })
  }
  const paymentFrom = s.calls.length
  let end: CheckoutView
  if (kind === 'card') {
    await s.run('checkout.applyCard')
    end = await s.run('checkout.payCash', {})
  } else if (kind === 'terminal') end = await s.run('checkout.payTerminal')
  else if (kind === 'loyalty') end = await s.run('checkout.payLoyalty')
  else end = await s.run('checkout.payCash', {})
  // Set by the event subscription while the commands ran.
  const paidAt = s.paidAt as SaleApp['paidAt']
  if (end.phase !== 'paid' || !paidAt)
    throw new Error(`${kind} sale ended ${end.phase}: ${JSON.stringify(end.error)}`)
  // Up to the moment the sale showed paid; the card's balance refresh after it is off the payment's path.
  const wallMs = paidAt.ms - t0
  const done = paidAt.calls
  const window = s.calls.slice(start, done)
  await s.run('checkout.done')
  // The round trips counted are the payment API's (secuconnect); the TSE's calls (fiskaly SIGN DE
  // paths, docs/fiscal-tse.md) are counted apart: they are another service, started in the background.
  const isTse = (path: string) => path.startsWith('/api/v2/tss/') || path === '/api/v2/auth'
  const api = (from: number, to: number) =>
    s.calls.slice(from, to).filter((c) => !c.path.startsWith('/oauth/') && !isTse(c.path))
  return {
    lookup: api(start, paymentFrom).map((c) => c.path),
    payment: api(paymentFrom, done).map((c) => c.path),
    tseCalls: s.calls.slice(start, done).filter((c) => isTse(c.path)).length,
    calls: s.calls.slice(start, done),
    t0,
    wallMs,
    httpMs: inFlightMs(window, t0, paidAt.ms),
    httpSummedMs: s.calls.slice(start, done).reduce((sum, c) => sum + c.ms, 0),
    journalMs: paidAt.journalMs - journal0,
    // Writes made while a request is in flight (the completion while the TSE signs) cost no wall time.
    journalOutsideMs:
      inFlightMs([...window, ...s.journalUse.spans.slice(spans0)], t0, paidAt.ms) -
      inFlightMs(window, t0, paidAt.ms),
    commits: paidAt.commits - commits0,
    barriers: paidAt.barriers - barriers0,
    barrierMs: paidAt.barrierMs - barrierMs0,
  }
}
