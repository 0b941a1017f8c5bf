// Journal bench: how long a sale's appends take with fsync (WAL, synchronous=NORMAL, each timed call a
// durable commit) and how long X and Z take over 100 000 sales. Part of `npm run bench`; also runs on its own and prints its rows:
//   npm exec -- tsx test/bench/journal-bench.ts [sales=100000] [fsyncSales=1000] [--chain]
// (--chain: only the hash chain's cost per sale, chainBench)
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { manualClock, silentLogger } from '../../common/ports'
import { openJournal, type Journal, type SaleLineInput } from '../../main/journal'
import { latencyRow, valueRow, type BenchRow } from './stats'
import { DatabaseSync } from 'node:sqlite'
import { readAnchor, writeAnchor } from '../../main/journal/anchor'

/** A typical bakery sale: 1–4 lines at 7 % and 19 %, paid cash or by card in secuconnect's two steps. */
export function oneSale(journal: Journal, i: number, timings?: { call: number[]; sale: number[] }): void {
  const t0 = performance.now()
  const time = <T>(fn: () => T): T => {
    const start = performance.now()
    // Timed: each call as a durable commit (the fsync barrier money steps get); seeding runs without.
    const result = timings ? journal.atomically(fn, { durable: true }) : fn()
    timings?.call.push(performance.now() - start)
    return result
  }
  const lines: SaleLineInput[] = [
    {
      productId: 'weizenbroetchen',
      name: 'Weizenbrötchen',
      quantity: 1 + (i % 6),
      unitPrice: 55,
      total: 55 * (1 + (i % 6)),
      vatRate: 7,
    },
  ]
  if (i % 2)
    lines.push({ productId: 'kaffee', name: 'Kaffee', quantity: 1, unitPrice: 260, total: 260, vatRate: 19 })
  if (i % 5 === 0)
    lines.push({
      productId: 'kaesekuchen',
      name: 'Käsekuchen',
      quantity: 2,
      unitPrice: 320,
      total: 640,
      vatRate: 7,
    })
  const sale = time(() => journal.beginSale({ sellerId: `seller-${i % 3}`, lines }))
  if (i % 3 === 0) {
    const created = time(() =>
      journal.recordPaymentIntent({
        saleId: sale.saleId,
        method: 'card',
        amount: sale.total,
        step: 'create',
      }),
    )
    time(() =>
      journal.recordPaymentOutcome({ intentId: created.intentId, status: 'done', transactionId: `STX_${i}` }),
    )
    const started = time(() =>
      journal.recordPaymentIntent({
        saleId: sale.saleId,
        paymentId: created.paymentId,
        step: 'start',
        transactionId: `STX_${i}`,
      }),
    )
    time(() => journal.recordPaymentOutcome({ intentId: started.intentId, status: 'settled' }))
  } else {
    const { intentId } = time(() =>
      journal.recordPaymentIntent({
        saleId: sale.saleId,
        method: 'cash',
        amount: sale.total,
        tendered: 2000,
        step: 'tender',
      }),
    )
    time(() => journal.recordPaymentOutcome({ intentId, status: 'settled' }))
  }
  time(() => journal.completeSale(sale.saleId))
  timings?.sale.push(performance.now() - t0)
}

/** Appends with fsync on the temp dir's disk: one sample per journal call, and per whole sale. */
export function appendBench(sales = 1000): BenchRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'tresen-bench-'))
  try {
    const journal = openJournal({ dataDir: dir, clock: manualClock(), logger: silentLogger })
    const timings = { call: [] as number[], sale: [] as number[] }
    for (let i = 0; i < sales; i++) oneSale(journal, i, timings)
    journal.close()
    return [
      latencyRow(
        'journal-append',
        'journal append with fsync (one call)',
        timings.call,
        { op: '<', value: 10 },
        `${tmpdir()}, WAL, synchronous=NORMAL + fsync barrier per call`,
      ),
      latencyRow('journal-sale', 'journal, whole sale (4–6 appends)', timings.sale),
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * What the hash chain adds to a sale: the same sales with fsync, in alternating blocks of 50 into a
 * journal with its chain triggers and one whose chain triggers were dropped (blocks alternate so the
 * disk's mood hits both alike), plus the anchor record's own durable write (once per completed sale).
 */
export function chainBench(sales = 1000, root = tmpdir()): BenchRow[] {
  const dirs = [0, 1].map(() => mkdtempSync(join(root, 'tresen-bench-')))
  try {
    const [chained, plain] = dirs.map((dataDir) =>
      openJournal({ dataDir, clock: manualClock(), logger: silentLogger }),
    )
    const raw = new DatabaseSync(join(dirs[1]!, 'journal.sqlite'))
    const triggers = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as {
      name: string
    }[]
    for (const { name } of triggers) if (name.endsWith('_chain')) raw.exec(`DROP TRIGGER "${name}"`)
    raw.close()
    const timings = { with: [] as number[], without: [] as number[] }
    for (let block = 0; block < sales / 50; block++)
      for (let i = 0; i < 50; i++) {
        const n = block * 50 + i
        const t0 = performance.now()
        oneSale(chained!, n)
        timings.with.push(performance.now() - t0)
        const t1 = performance.now()
        oneSale(plain!, n)
        timings.without.push(performance.now() - t1)
      }
    chained!.close()
    plain!.close()
    const record = readAnchor(dirs[0]!)!
    const anchor: number[] = []
    for (let i = 0; i < Math.min(sales, 500); i++) {
      const t0 = performance.now()
      writeAnchor(dirs[0]!, { ...record, receiptNo: record.receiptNo + i })
      anchor.push(performance.now() - t0)
    }
    return [
      latencyRow('journal-sale-chain', 'journal, whole sale with hash chain + anchor record', timings.with),
      latencyRow(
        'journal-sale-nochain',
        'journal, whole sale, chain triggers dropped (+ anchor record)',
        timings.without,
      ),
      latencyRow(
        'journal-anchor-write',
        'anchor record write (temp file, fsync, rename; off the sale path)',
        anchor,
      ),
    ]
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  }
}

/**
 * Seeds `sales` sales into a journal and times X and Z over them. Seeding with an fsync per append
 * would time the disk, not the journal, so it seeds on tmpfs when there is one. With `keepIn`, the
 * closed journal (checkpointed) is copied there, for the startup bench.
 */
export function reportBench(sales = 100_000, keepIn?: string): BenchRow[] {
  const seedRoot = process.platform === 'linux' && existsSync('/dev/shm') ? '/dev/shm' : tmpdir()
  const dir = mkdtempSync(join(seedRoot, 'tresen-bench-'))
  const clock = manualClock()
  try {
    const journal = openJournal({ dataDir: dir, clock, logger: silentLogger })
    journal.recordCashMovement({ kind: 'opening_float', amount: 20000, reason: 'float' })
    const t0 = performance.now()
    for (let i = 0; i < sales; i++) oneSale(journal, i)
    const seedSeconds = (performance.now() - t0) / 1000
    const verify = journal.integrity.verify()
    journal.xReport()
    const x: number[] = []
    let count = 0
    for (let r = 0; r < 5; r++) {
      const start = performance.now()
      count = journal.xReport().receiptCount
      x.push(performance.now() - start)
    }
    journal.close()
    if (keepIn) copyJournal(dir, keepIn)
    const reopened = openJournal({ dataDir: dir, clock, logger: silentLogger })
    // A Z closes a day that was just sold on: caches are warm, as after the X.
    reopened.xReport()
    const z0 = performance.now()
    const z = reopened.zReport({ denominations: [{ value: 5000, count: 4 }] })
    const zMs = performance.now() - z0
    reopened.close()
    return [
      latencyRow(
        'report-x',
        `X report over ${count} sales`,
        x,
        undefined,
        `seeded in ${seedSeconds.toFixed(1)} s on ${seedRoot}`,
      ),
      valueRow('report-z', `Z report over ${z.receiptCount} sales`, zMs, 'ms', { op: '<', value: 200 }),
      valueRow('journal-verify', `full verify of the chain (${verify.entries} entries)`, verify.ms, 'ms'),
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function copyJournal(from: string, to: string): void {
  for (const name of ['journal.sqlite', 'journal.sqlite-wal', 'journal.sqlite-shm'])
    if (existsSync(join(from, name))) copyFileSync(join(from, name), join(to, name))
}

if (process.argv[1]?.endsWith('journal-bench.ts')) {
  const total = Number(process.argv[2] ?? 100_000)
  const fsyncSales = Number(process.argv[3] ?? 1_000)
  // --chain=/dev/shm: the same on tmpfs, where fsync costs nothing — the chain's CPU cost alone.
  const chainRoot = process.argv.find((a) => a.startsWith('--chain='))?.slice('--chain='.length)
  const rows = process.argv.some((a) => a.startsWith('--chain'))
    ? chainBench(fsyncSales, chainRoot)
    : [...appendBench(fsyncSales), ...reportBench(total)]
  for (const row of rows) {
    const spread =
      row.p50 !== undefined
        ? `p50 ${row.p50.toFixed(3)}  p99 ${row.p99!.toFixed(3)}  max ${row.max!.toFixed(3)}  n=${row.n}`
        : `${row.value.toFixed(3)} ${row.unit}`
    console.log(`${row.label.padEnd(40)} ${spread}`)
  }
}
