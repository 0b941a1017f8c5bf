// Sales: API round trips per sale kind, the local overhead of a full card sale, and main's RSS after
// 10 000 sales.
//
// Round trips and overhead drive the real app through sale-driver.ts (the method of timing is there).
// The card sale is the spec's: the Stammkunde card attached, its balance applied (create +
// preTransaction), the rest paid in cash (start/cash), drawer opened, the TSE's finish, sale completed.
// The basket is rung up first and the TSE has answered the start of its transaction, as at a counter.
// Its wall time runs from card.attach to the paid state; local overhead = (wall − HTTP) / HTTP.
// Journal time (SQLite with fsync, the journal's parts such as `journal.tse` included) is measured
// separately, as it is most of the local part; local JS = wall − HTTP − the journal's time outside
// HTTP (a write made while a request is in flight costs no wall time and is not subtracted twice).
// Beside them, the floor: the same requests replayed by a bare client (sale-floor.ts).
//
// RSS: the soak driver sells through the built host process (WebSocket, virtual devices) and samples
// the host's VmRSS; see test/soak/soak-driver.ts for the method.
import { performance } from 'node:perf_hooks'
import { smartTransaction } from '../../main/secuconnect/models'
import { runSoak } from '../soak/soak-driver'
import { simulatorProcess, tseSimulatorProcess } from '../chaos/host-rig'
import {
  BENCH_TSE,
  lastStartAnswer,
  saleApp,
  sellOnce,
  STAMMKUNDE,
  type Kind,
  type SaleApp,
} from './sale-driver'
import { replayFloor, type Floor } from './sale-floor'
import { percentile, valueRow, type BenchRow } from './stats'

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
        httpMs: http / sales,
        note,
      }
    }
    const pct = (r: number) => Math.round(r * 1000) / 10
    // The bare client's replay of one of these sales, under the same latency (sale-floor.ts).
    const floor = async (replays: number): Promise<Floor> =>
      replayFloor(await sellOnce(s!, 'card'), replays, () => s!.resetCard(STAMMKUNDE, 200, 20))
    const loopback = await overhead(n)
    const loopbackFloor = await floor(n)
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
      valueRow(
        'card-floor-local',
        'floor: the same requests replayed by a bare client (fetch, JSON.parse, the two barriers), local time per sale, loopback',
        Math.round(loopbackFloor.localMs * 100) / 100,
        'ms',
        undefined,
        loopbackFloor.note,
      ),
    )
    // The live APIs are across the internet: the same sales with 50 ms added to every answer of both
    // (secuconnect and the fiskaly TSE: the TSE's finish is on the sale's path between the start's
    // answer and the receipt).
    await latency(sim.url, 50)
    await latency(tse.url, 50)
    const wanSales = Math.max(10, Math.floor(n / 4))
    const wan = await overhead(wanSales)
    const wanFloor = await floor(wanSales)
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
        'card-floor-wan',
        'floor: the same requests replayed by a bare client (fetch, JSON.parse, the two barriers), 50 ms per call',
        pct(wanFloor.ratio),
        '%',
        undefined,
        `what any design pays on this machine before its own work; ${wanFloor.note}`,
      ),
      // The best a journal off the main thread could do (a writer thread, the main thread waiting only
      // at the two barriers): every journal write outside HTTP costs nothing, and each barrier costs
      // what the bare client's did. What is left is the till's JavaScript.
      valueRow(
        'card-overhead-wan-journal-free',
        'same, as if every journal write but the two barriers cost nothing (bound for a journal writer thread)',
        pct(wan.withoutJournal + wanFloor.barrierMs / wan.httpMs),
        '%',
        undefined,
        `${pct(wan.withoutJournal)} % without any journal time + the bare client’s two barriers (${wanFloor.barrierMs.toFixed(2)} ms per sale)`,
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
  const answer = lastStartAnswer()
  if (!answer) throw new Error('no start/cash answer was recorded')
  const json: unknown = JSON.parse(answer)
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
    `${Buffer.byteLength(answer)} B answer, zod model of main/secuconnect/models.ts: p50 ${w.toFixed(3)} ms back to back, ${c.toFixed(3)} ms after a wait`,
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
