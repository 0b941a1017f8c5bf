// Sales: API round trips per sale kind, the local overhead of a full card sale, and main's RSS after
// 10 000 sales.
//
// Round trips and overhead run the real app in-process against the secuconnect simulator and the TSE
// simulator, each in its own process (so HTTP is real loopback HTTP to another process, like a LAN, and
// the TSE is outside the till like fiskaly's cloud). Every fetch the app makes is timed until its body
// is read; a sale's HTTP time is the time inside its window with at least one request in flight
// (overlapping calls once; calls before the window not at all). The card sale is the spec's: the
// Stammkunde card attached, its balance applied (create + preTransaction), the rest paid in cash
// (start/cash), drawer opened, the TSE's finish, sale completed. The basket is rung up first and the TSE
// has answered the start of its transaction, as at a counter. Its wall time runs from card.attach
// to the paid state; local overhead = (wall − HTTP) / HTTP. Journal time (SQLite with fsync, the
// journal's parts such as `journal.tse` included) is measured separately, as it is most of the local
// part; local JS = wall − HTTP − the journal's time outside HTTP (a write made while a request is in
// flight costs no wall time and is not subtracted twice). The driver follows the pushed views as the
// till's screen does. Receipts are not printed in these sales (policy "never"), printing is a device
// step, not API overhead.
//
// RSS: the soak driver sells through the built host process (WebSocket, virtual devices) and samples
// the host's VmRSS; see test/soak/soak-driver.ts for the method.
import { performance } from 'node:perf_hooks'
import { appConfig } from '../../common/config'
import type { CheckoutView } from '../../common/checkout'
import { systemClock } from '../../common/ports'
import type { Journal } from '../../main/journal'
import { smartTransaction } from '../../main/secuconnect/models'
import { createTestApp, type TestApp } from '../helpers/test-app'
import { runSoak } from '../soak/soak-driver'
import { simulatorProcess, tseSimulatorProcess } from '../chaos/host-rig'
import { setUpRemoteTse } from '../helpers/remote-tse'
import { inFlightMs, percentile, valueRow, type BenchRow } from './stats'

export const STAMMKUNDE = '9276004424644352'
export const PIN_CARD = '9276004400000026'
const TOPUP_PRODUCT = 'topup-10'

interface Call {
  path: string
  ms: number
  /** When the request left and when its answer was read (performance.now()). */
  from: number
  to: number
}

/** The last start/cash answer's body, for the decode row (`coldDecodeRow`). */
let lastStartAnswer: ArrayBuffer | undefined

/** fetch that reads each answer completely and records how long the round trip took. */
function timedFetch(calls: Call[]): typeof globalThis.fetch {
  return async (input, init) => {
    const t0 = performance.now()
    const response = await globalThis.fetch(input, init)
    const body = await response.arrayBuffer()
    const t1 = performance.now()
    const path = new URL(String(input instanceof Request ? input.url : input)).pathname
    calls.push({ path, ms: t1 - t0, from: t0, to: t1 })
    if (path.endsWith('/start/cash')) lastStartAnswer = body
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    })
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
            spent.spans.push({ from: t0, to: t1 })
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
  spans: { from: number; to: number }[]
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

const BENCH_TSE = { key: 'bench-key', secret: 'bench-secret' }

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

type Kind = 'cash' | 'card' | 'topup' | 'terminal' | 'loyalty'

/** One sale of `kind`; returns the API calls it made (token calls excluded) split at the first payment command. */
export async function sellOnce(
  s: SaleApp,
  kind: Kind,
): Promise<{
  lookup: string[]
  payment: string[]
  tseCalls: number
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

export async function roundTripsAndOverhead(options: { overheadSales?: number } = {}): Promise<BenchRow[]> {
  const sim = await simulatorProcess()
  const tse = await tseSimulatorProcess(BENCH_TSE).catch(async (error: unknown) => {
    await sim.stop()
    throw error
  })
  let s: SaleApp | undefined
  try {
    s = await saleApp(sim.url, tse.url)
    const rows: BenchRow[] = []
    const targets: Partial<Record<Kind, number>> = { cash: 0, card: 3, topup: 2 }
    const labels: Record<Kind, string> = {
      cash: 'API round trips, cash only',
      card: 'API round trips, card (balance applied + cash)',
      topup: 'API round trips, top-up',
      terminal: 'API round trips, terminal',
      loyalty: 'API round trips, paid fully from the card',
    }
    const barriersOf: Partial<Record<Kind, number>> = {}
    for (const kind of ['cash', 'card', 'topup', 'terminal', 'loyalty'] as Kind[]) {
      await sellOnce(s, kind) // warm: token, connections, JIT
      const sale = await sellOnce(s, kind)
      barriersOf[kind] = sale.barriers
      const target = targets[kind]
      const lookup =
        sale.lookup.length > 0
          ? `; card lookup before it: ${sale.lookup.length} (${sale.lookup.map((p) => p.split('/').pop()).join(', ')})`
          : ''
      rows.push(
        valueRow(
          `round-trips-${kind}`,
          labels[kind],
          sale.payment.length,
          'calls',
          target === undefined ? undefined : { op: '=', value: target },
          `${sale.payment.map((p) => p.replace(/STX_\w+/, 'STX').replace('/api/v2/Smart/Transactions', 'tx')).join(' → ') || 'none'}${lookup}; TSE calls of the sale (apart): ${sale.tseCalls}`,
        ),
      )
    }
    rows.push(
      valueRow(
        'fsync-card',
        'fsync’d commits on a card sale’s path (balance + cash)',
        barriersOf.card!,
        'commits',
        { op: '<=', value: 2 },
        `the start’s intents, its outcome (with the TSE’s finishing row); terminal ${barriersOf.terminal}, top-up ${barriersOf.topup}, card alone ${barriersOf.loyalty}`,
      ),
      valueRow(
        'fsync-cash',
        'fsync’d commits on a cash sale’s path',
        barriersOf.cash!,
        'commits',
        { op: '<=', value: 1 },
        'the tender before the drawer opens, with the TSE’s finishing row; 2 when paid before the TSE answered the basket’s start',
      ),
    )
    const n = options.overheadSales ?? 200
    const overhead = async (sales: number) => {
      const ratios: number[] = []
      const localJs: number[] = []
      let wall = 0
      let http = 0
      let summed = 0
      let journal = 0
      let journalOutside = 0
      let commits = 0
      let barriers = 0
      let fsyncMs = 0
      // CPU time of this process (all its threads) over the sales: on a shared machine the wall-time
      // rows include time the process waited for a core; this says what the sales themselves cost.
      const cpu0 = process.cpuUsage()
      for (let i = 0; i < sales; i++) {
        const sale = await sellOnce(s!, 'card')
        ratios.push((sale.wallMs - sale.httpMs) / sale.httpMs)
        localJs.push(sale.wallMs - sale.httpMs - sale.journalOutsideMs)
        wall += sale.wallMs
        http += sale.httpMs
        summed += sale.httpSummedMs
        journal += sale.journalMs
        journalOutside += sale.journalOutsideMs
        commits += sale.commits
        barriers += sale.barriers
        fsyncMs += sale.barrierMs
      }
      const cpu = process.cpuUsage(cpu0)
      const per = (x: number) => (x / sales).toFixed(1)
      const note = `${sales} sales: wall ${per(wall)} ms, HTTP in flight ${per(http)} ms (calls summed ${per(summed)} ms), journal ${per(journal)} ms (${per(journalOutside)} ms of it outside HTTP) in ${per(commits)} commits of which ${per(barriers)} fsync’d (fsync ${(fsyncMs / sales).toFixed(2)} ms) per sale; process CPU ${per((cpu.user + cpu.system) / 1000)} ms per sale (between sales included); per-sale p50 ${(percentile(ratios, 50) * 100).toFixed(1)} %`
      return {
        ratio: (wall - http) / http,
        withoutJournal: (wall - http - journalOutside) / http,
        localJsP50: percentile(localJs, 50),
        fsyncMs: fsyncMs / sales,
        note,
      }
    }
    const pct = (r: number) => Math.round(r * 1000) / 10
    const loopback = await overhead(n)
    rows.push(
      valueRow(
        'card-local-js',
        'local JS time of a card sale (wall − HTTP − journal outside HTTP), p50',
        Math.round(loopback.localJsP50 * 100) / 100,
        'ms',
        { op: '<=', value: 1.0 },
        'simulator over loopback',
      ),
      valueRow(
        'card-overhead',
        'local overhead of a card sale / summed HTTP time (loopback)',
        pct(loopback.ratio),
        '%',
        undefined,
        `reported beside the fsync time of the run: ${loopback.fsyncMs.toFixed(2)} ms per sale; ${loopback.note}`,
      ),
      valueRow(
        'card-overhead-no-journal',
        'same, without the journal’s fsync time',
        pct(loopback.withoutJournal),
        '%',
        undefined,
        'what the app adds besides durable writes',
      ),
    )
    // The live APIs are across the internet: the same sales with 50 ms added to every answer of both
    // (secuconnect and the fiskaly TSE: the TSE's finish is on the sale's path between the start's
    // answer and the receipt).
    await latency(sim.url, 50)
    await latency(tse.url, 50)
    const wanSales = Math.max(10, Math.floor(n / 4))
    const wan = await overhead(wanSales)
    // The earlier measure of this row: only secuconnect's answers delayed, the TSE at loopback speed.
    await fetch(`${tse.url}/__admin/faults`, { method: 'DELETE' })
    const apiOnly = await overhead(wanSales)
    rows.push(
      valueRow(
        'card-overhead-wan',
        'overhead of a card sale with 50 ms network latency per API call (secuconnect and TSE)',
        pct(wan.ratio),
        '%',
        { op: '<=', value: 1.5 },
        wan.note,
      ),
      valueRow(
        'card-overhead-wan-api-only',
        'same, 50 ms on secuconnect only, the TSE at loopback speed',
        pct(apiOnly.ratio),
        '%',
        undefined,
        apiOnly.note,
      ),
    )
    rows.push(await coldDecodeRow())
    return rows
  } finally {
    await s?.t.dispose()
    await sim.stop()
    await tse.stop()
  }
}

/**
 * Why the local JS hardly shrinks when code is cut: the same work costs far more right after an I/O
 * wait (cold caches, a descheduled vCPU) than back to back. The start's answer is decoded with the
 * client's own model, warm in a loop and once after each of 40 waits of 50 ms.
 */
async function coldDecodeRow(): Promise<BenchRow> {
  if (!lastStartAnswer) throw new Error('no start/cash answer was recorded')
  const json: unknown = JSON.parse(Buffer.from(lastStartAnswer).toString('utf8'))
  const decodeMs = () => {
    const t0 = performance.now()
    if (!smartTransaction.safeParse(json).success)
      throw new Error('the recorded start answer does not decode')
    return performance.now() - t0
  }
  const warm: number[] = []
  for (let i = 0; i < 2000; i++) warm.push(decodeMs())
  const afterWait: number[] = []
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    afterWait.push(decodeMs())
  }
  const w = percentile(warm.slice(1000), 50)
  const c = percentile(afterWait, 50)
  return valueRow(
    'decode-after-wait',
    'decoding the start’s answer after a 50 ms wait / back to back (same code)',
    Math.round((c / w) * 10) / 10,
    '×',
    undefined,
    `${lastStartAnswer.byteLength} B answer, zod model of main/secuconnect/models.ts: p50 ${w.toFixed(3)} ms back to back, ${c.toFixed(3)} ms after a wait`,
  )
}

/** Every answer of the simulator at `url` under /api/ comes `ms` later, until the faults are cleared. */
async function latency(url: string, ms: number): Promise<void> {
  const injected = await fetch(`${url}/__admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path: '/api/**', kind: 'latency', ms, persistent: true }),
  })
  if (!injected.ok) throw new Error(`latency fault at ${url}: ${injected.status}`)
}

export async function saleBench(
  options: { overheadSales?: number; rssSales?: number } = {},
): Promise<BenchRow[]> {
  const rows = await roundTripsAndOverhead(options)
  const soak = await runSoak({ sales: options.rssSales ?? 10_000 })
  rows.push(
    valueRow(
      'rss-after',
      `main RSS after ${soak.sales} sales (host process, settled)`,
      Math.round(soak.end.rssKiB / 1024),
      'MiB',
      undefined,
      `after warm-up ${Math.round(soak.warm.rssKiB / 1024)} MiB; live JS heap ${(soak.warm.liveHeapKiB / 1024).toFixed(1)} → ${(soak.end.liveHeapKiB / 1024).toFixed(1)} MiB; raw RSS peak ${Math.round(Math.max(...soak.samples.map((x) => x.rssKiB)) / 1024)} MiB; ${soak.salesPerSecond.toFixed(0)} sales/s`,
    ),
    valueRow(
      'rss-growth',
      'main RSS growth after warm-up',
      Math.round(soak.rssGrowth * 1000) / 10,
      '%',
      { op: '<', value: 10 },
      soak.method,
    ),
  )
  return rows
}
