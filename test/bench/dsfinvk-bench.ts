// DSFinV-K bench: a busy bakery's year (300 000 sales over 365 Z closings, 1–4 lines each, cash and
// card, some top-ups) exported to a zip the way the app does it (worker thread with fixed heap limits);
// time and the process's memory growth (peak RSS − RSS before, the worker included). Targets: < 30 s, < 100 MiB. The year is written straight into the journal's tables
// in one transaction (the checkout's per-sale fsyncs would take hours); the export reads it as always.
//   npm run bench -- --only=dsfinvk        or   npm exec -- tsx test/bench/dsfinvk-bench.ts [sales]
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { performance } from 'node:perf_hooks'
import { manualClock, silentLogger } from '../../common/ports'
import { exportDsfinvkInWorker } from '../../main/fiscal-export/run-export'
import { openJournal } from '../../main/journal'
import { registerChainFunction } from '../../main/journal/chain'
import { JOURNAL_FILE } from '../../main/journal/database'
import { valueRow, type BenchRow } from './stats'

const DAY = 86_400_000

export function writeYear(dir: string, sales: number, days = 365): void {
  openJournal({ dataDir: dir, clock: manualClock(), logger: silentLogger }).close()
  const db = new DatabaseSync(join(dir, JOURNAL_FILE))
  // The journal's hash-chain triggers call this function on every insert (docs/journal.md).
  registerChainFunction(db)
  const start = Date.UTC(2026, 0, 1, 6, 0, 0)
  const perDay = Math.ceil(sales / days)
  const ins = (sql: string) => db.prepare(sql)
  const sale = ins(
    'INSERT INTO sales (id, kind, original_sale_id, seller_id, started_at, total, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const lineQ = ins(
    'INSERT INTO sale_lines (sale_id, line_no, product_id, name, kind, quantity, unit_price, total, vat_rate, ean, article_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const comp = ins(
    'INSERT INTO sale_completions (id, sale_id, receipt_no, completed_at, kind, seller_id, total) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const vat = ins('INSERT INTO completion_vat (completion_id, rate, gross, net, vat) VALUES (?, ?, ?, ?, ?)')
  const pay = ins(
    'INSERT INTO completion_payments (completion_id, method, amount, count) VALUES (?, ?, ?, ?)',
  )
  const fiscal = ins('INSERT INTO completion_fiscal (completion_id, kind, amount) VALUES (?, ?, ?)')
  const move = ins(
    "INSERT INTO cash_movements (id, kind, amount, reason, business_case, seller_id, at) VALUES (?, 'opening_float', 15000, 'Wechselgeld', 'Anfangsbestand', 'anna', ?)",
  )
  const closing = ins(
    "INSERT INTO closings (id, z_no, at, last_sale_id, last_completion_id, last_abort_id, last_cash_movement_id, last_receipt_id, expected_cash, counted_cash, difference, report) VALUES (?, ?, ?, ?, ?, 0, ?, 0, 0, 0, 0, '{}')",
  )
  const ARTICLES = [
    ['weizenbroetchen', 'Weizenbrötchen', 45, 7],
    ['kaffee', 'Kaffee', 280, 19],
    ['bauernbrot', 'Bauernbrot 1 kg', 450, 7],
    ['berliner', 'Berliner', 150, 7],
    ['wasser', 'Wasser 0,5 l', 120, 19],
  ] as const
  db.exec('BEGIN')
  let id = 0
  for (let d = 0; d < days; d++) {
    move.run(d + 1, new Date(start + d * DAY).toISOString())
    for (let k = 0; k < perDay && id < sales; k++) {
      id += 1
      const at = new Date(start + d * DAY + k * 40_000).toISOString()
      const n = 1 + (id % 4)
      const byRate = new Map<number, number>()
      let total = 0
      const topup = id % 97 === 0
      const rows: (string | number | null)[][] = []
      for (let l = 0; l < n; l++) {
        const [pid, name, price, rate] = topup
          ? (['topup-20', 'Kartenaufladung', 2000, 0] as const)
          : ARTICLES[(id + l) % ARTICLES.length]!
        const q = topup ? 1 : 1 + ((id + l) % 3)
        rows.push([id, l + 1, pid, name, topup ? 'topup' : 'piece', q, price, q * price, rate, null, null])
        if (!topup) byRate.set(rate, (byRate.get(rate) ?? 0) + q * price)
        total += q * price
        if (topup) break
      }
      sale.run(id, 'sale', null, 'anna', at, total, null)
      for (const r of rows) lineQ.run(...r)
      comp.run(id, id, id, at, 'sale', 'anna', total)
      for (const [rate, gross] of byRate) {
        const v = Math.round(gross - (gross * 100) / (100 + rate))
        vat.run(id, rate, gross, gross - v, v)
      }
      if (topup) fiscal.run(id, 'voucher_sold', total)
      pay.run(id, id % 3 === 0 ? 'terminal' : 'cash', total, 1)
    }
    closing.run(d + 1, d + 1, new Date(start + d * DAY + 13 * 3_600_000).toISOString(), id, id, d + 1)
  }
  db.exec('COMMIT')
  db.close()
}

export async function dsfinvkBench(options: { sales?: number } = {}): Promise<BenchRow[]> {
  const sales = options.sales ?? 300_000
  const dir = mkdtempSync(join(tmpdir(), 'tresen-dsfinvk-bench-'))
  try {
    writeYear(dir, sales)
    global.gc?.()
    const before = process.memoryUsage().rss
    let peak = before
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }, 50)
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    const out = join(dir, 'year.zip')
    const result = await exportDsfinvkInWorker({
      dataDir: dir,
      range: { fromZ: 1, toZ: 365 },
      out,
      master: {
        tillId: 'TRESEN-BENCH',
        shop: {
          name: 'Bäckerei Bench',
          address: ['Hauptstraße 1', '12345 Musterstadt'],
          taxNumber: '12/345/67890',
        },
        software: { brand: 'Tresen', version: 'bench' },
        timeZone: 'Europe/Berlin',
      },
    })
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    const cpuSeconds = (cpu.user + cpu.system) / 1e6
    clearInterval(sampler)
    peak = Math.max(peak, process.memoryUsage().rss)
    const growthMiB = (peak - before) / 1024 / 1024
    const note = `CPU ${cpuSeconds.toFixed(1)} s (all threads; wall time on a loaded machine is longer), ${result.transactions} records, ${result.lines} lines, zip ${(statSync(out).size / 1024 / 1024).toFixed(1)} MiB`
    return [
      valueRow(
        'dsfinvk-year-time',
        `DSFinV-K export of a year (${sales} sales, 365 Z): time`,
        seconds,
        's',
        { op: '<', value: 30 },
        note,
      ),
      valueRow(
        'dsfinvk-year-rss',
        'DSFinV-K export of a year: main memory growth (peak RSS)',
        growthMiB,
        'MiB',
        { op: '<', value: 100 },
      ),
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1]?.endsWith('dsfinvk-bench.ts')) {
  void dsfinvkBench({ sales: Number(process.argv[2] ?? 300_000) }).then((rows) => console.log(rows))
}
