// Several tills, one PostgreSQL: 50 simulated tills push 1 000 sales each at once (rows per second
// ingested), then sell at a counter's pace while pushing every second (replication lag p99), then the
// head office's day report runs over the 50 000 sales. The tills are in-process feeds with the journal's
// row shapes; PostgreSQL is a real server on this machine with its default durability (fsync on).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { manualClock, memoryLogger } from '../../common/ports'
import { createJournalPush } from '../../main/central/journal-push'
import { createCentralPool } from '../../main/central/pool'
import { startLocalCluster } from '../../headoffice/local-cluster'
import { day } from '../../headoffice/reports'
import { ensureCentralSchema } from '../../headoffice/schema'
import { memoryFeed } from '../helpers/memory-feed'
import { latencyRow, meets, percentile, type BenchRow } from './stats'

const ITEMS = [
  { productId: 'broetchen', name: 'Brötchen', quantity: 4, total: 180 },
  { productId: 'kaffee', name: 'Kaffee', quantity: 1, total: 280 },
  { productId: 'brezel', name: 'Brezel', quantity: 2, total: 170 },
]

export async function centralBench(options: { tills?: number; sales?: number; paceSeconds?: number } = {}) {
  const tillCount = options.tills ?? 50
  const salesPerTill = options.sales ?? 1000
  const paceSeconds = options.paceSeconds ?? 20
  const dir = mkdtempSync(join(tmpdir(), 'tresen-central-bench-'))
  const cluster = await startLocalCluster(dir)
  const rows: BenchRow[] = []
  try {
    const admin = createCentralPool(cluster.url, memoryLogger(), 2)
    const c = await admin.connect()
    await ensureCentralSchema(c)
    c.release()

    // 1. Backlog: every till pushes its whole day at once.
    const tills = Array.from({ length: tillCount }, (_, t) => {
      const feed = memoryFeed()
      const dayStart = Date.UTC(2026, 11, 6, 5, 0)
      for (let s = 1; s <= salesPerTill; s++)
        feed.sale(s, ITEMS.slice(0, 1 + (s % 3)), new Date(dayStart + s * 36_000).toISOString())
      const pool = createCentralPool(cluster.url, memoryLogger(), 1)
      const push = createJournalPush({
        pool,
        feed,
        tillId: `kasse-${t + 1}`,
        shopId: `shop-${1 + (t % 10)}`,
        clock: manualClock(0),
        logger: memoryLogger(),
        batchSize: 1000,
      })
      return { feed, pool, push }
    })
    const totalRows = tills.reduce((n, t) => n + t.feed.head(), 0)
    const started = performance.now()
    await Promise.all(tills.map((t) => t.push.pushOnce()))
    const seconds = (performance.now() - started) / 1000
    rows.push({
      id: 'central-ingest',
      label: `central: ${tillCount} tills × ${salesPerTill} sales pushed at once (rows/s)`,
      value: Math.round(totalRows / seconds),
      unit: 'rows/s',
      n: totalRows,
      note: `${totalRows} rows in ${seconds.toFixed(1)} s`,
    })

    // 2. Selling at a busy counter's pace (a sale every 1–3 s per till) with a push every second.
    const lags: number[] = []
    const appendedAt = tills.map(() => new Map<number, number>())
    const stopAt = performance.now() + paceSeconds * 1000
    let saleNo = salesPerTill
    const selling = tills.map(async (t, i) => {
      while (performance.now() < stopAt) {
        await new Promise((r) => setTimeout(r, 1000 + Math.random() * 2000))
        saleNo++
        t.feed.sale(saleNo, ITEMS, new Date().toISOString())
        appendedAt[i]!.set(t.feed.head(), performance.now())
      }
    })
    const pushing = tills.map(async (t, i) => {
      let acked = t.feed.head()
      while (performance.now() < stopAt + 1500) {
        await new Promise((r) => setTimeout(r, 1000))
        await t.push.pushOnce()
        const now = performance.now()
        const head = t.feed.head() - t.push.status().lagRows
        for (const [seq, at] of appendedAt[i]!) if (seq > acked && seq <= head) lags.push(now - at)
        acked = head
      }
    })
    await Promise.all([...selling, ...pushing])
    rows.push(
      latencyRow(
        'central-lag',
        `central: replication lag p99, ${tillCount} tills selling, push every 1 s`,
        lags,
        { op: '<', value: 2000 },
      ),
    )

    // 3. The head office's day over all the sales. Right after a load this size PostgreSQL has no
    // statistics on the new rows yet and the planner picks a nested loop; autovacuum analyzes the tables
    // within its naptime (a minute by default, https://www.postgresql.org/docs/current/routine-vacuuming.html#AUTOVACUUM).
    // Measured once before and five times after ANALYZE, both reported.
    const cold = performance.now()
    await day(admin, '2026-12-06', null)
    const coldMs = performance.now() - cold
    await admin.query('ANALYZE c_sales, c_sale_lines, c_closings')
    const timings: number[] = []
    let sales = 0
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now()
      const report = await day(admin, '2026-12-06', null)
      timings.push(performance.now() - t0)
      sales = report.shops.reduce((n, s) => n + s.sales, 0)
    }
    const p50 = percentile(timings, 50)
    rows.push({
      id: 'central-day-report',
      label: `central: head office day report over ${sales} sales (median of 5, after ANALYZE)`,
      value: p50,
      unit: 'ms',
      p50,
      max: Math.max(...timings),
      n: timings.length,
      target: { op: '<', value: 500 },
      pass: meets(p50, { op: '<', value: 500 }),
      note: `${coldMs.toFixed(0)} ms right after the load, before the tables were analyzed`,
    })
    await Promise.all(tills.map((t) => t.pool.end()))
    await admin.end()
  } finally {
    cluster.kill()
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}
