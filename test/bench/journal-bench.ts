// Journal bench: how long a sale's appends take with fsync (synchronous=FULL, WAL) and how long X and Z
// take over 100 000 sales. Prints numbers; asserts nothing (timing depends on the disk).
// Run: npm exec -- tsx test/bench/journal-bench.ts [sales=100000] [fsyncSales=1000]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { manualClock, silentLogger } from '../../common/ports'
import { openJournal, type Journal, type SaleLineInput } from '../../main/journal'

const TOTAL_SALES = Number(process.argv[2] ?? 100_000)
const FSYNC_SALES = Number(process.argv[3] ?? 1_000)

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
const ms = (n: number) => `${n.toFixed(3)} ms`

function stats(label: string, samples: number[]) {
  const s = [...samples].sort((a, b) => a - b)
  console.log(
    `${label.padEnd(34)} n=${String(s.length).padStart(6)}  p50 ${ms(percentile(s, 50))}  p99 ${ms(percentile(s, 99))}  max ${ms(s[s.length - 1])}`,
  )
}

/** A typical bakery sale: 1–4 lines at 7 % and 19 %, paid cash or by card in secuconnect's two steps. */
function oneSale(journal: Journal, i: number, timings?: { call: number[]; sale: number[] }) {
  const t0 = performance.now()
  const time = <T>(fn: () => T): T => {
    const start = performance.now()
    const result = fn()
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

function bench() {
  const clock = manualClock()
  console.log(
    `node ${process.version}, journal bench: ${FSYNC_SALES} sales with fsync on ${tmpdir()}, X/Z over ${TOTAL_SALES} sales`,
  )

  const diskDir = mkdtempSync(join(tmpdir(), 'tresen-bench-'))
  try {
    const journal = openJournal({ dataDir: diskDir, clock, logger: silentLogger })
    const timings = { call: [] as number[], sale: [] as number[] }
    for (let i = 0; i < FSYNC_SALES; i++) oneSale(journal, i, timings)
    stats('append (one call, fsync)', timings.call)
    stats('whole sale (4–6 appends, fsync)', timings.sale)
    journal.close()
  } finally {
    rmSync(diskDir, { recursive: true, force: true })
  }

  // Seeding 100 000 sales with an fsync per append would take the disk's time, not the journal's;
  // seed on tmpfs when there is one, then time the reports on that database.
  const seedRoot = process.platform === 'linux' ? '/dev/shm' : tmpdir()
  const seedDir = mkdtempSync(join(seedRoot, 'tresen-bench-'))
  try {
    const journal = openJournal({ dataDir: seedDir, clock, logger: silentLogger })
    journal.recordCashMovement({ kind: 'opening_float', amount: 20000, reason: 'float' })
    const t0 = performance.now()
    for (let i = 0; i < TOTAL_SALES; i++) oneSale(journal, i)
    console.log(
      `seeded ${TOTAL_SALES} sales in ${((performance.now() - t0) / 1000).toFixed(1)} s (${seedRoot})`,
    )

    const x: number[] = []
    let report = journal.xReport()
    for (let r = 0; r < 5; r++) {
      const start = performance.now()
      report = journal.xReport()
      x.push(performance.now() - start)
    }
    stats(`X report over ${report.receiptCount} sales`, x)
    const u0 = performance.now()
    const unfinished = journal.unfinished()
    stats(`unfinished() (${unfinished.sales.length} open)`, [performance.now() - u0])
    const z0 = performance.now()
    const z = journal.zReport({ denominations: [{ value: 5000, count: 4 }] })
    stats(`Z report over ${z.receiptCount} sales`, [performance.now() - z0])
    console.log(
      `Z: total ${z.total} ct, VAT rows ${z.vat.length}, payments ${z.payments.map((p) => `${p.method} ${p.amount}`).join(', ')}, difference ${z.difference}`,
    )
    journal.close()
  } finally {
    rmSync(seedDir, { recursive: true, force: true })
  }
}

bench()
