// `npm run bench`: every benchmark in one run (README "Benchmarks"). Prints a table and writes the rows, with the
// machine they ran on, to bench-results/bench-<time>.json and bench-results/latest.json.
//   npm run bench                   everything (10 000-sale RSS run, 100 000-sale journal)
//   npm run bench -- --quick        smaller sizes, for a smoke run
//   npm run bench -- --only=scan,receipt
//   npm run bench -- --only=card    the card sale's round trips, fsyncs, local JS time and overhead only
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ensureBuilt } from '../helpers/build-app'
import { centralBench } from './central-bench'
import { scanToVisible, tapToVisible } from './chromium-bench'
import { dsfinvkBench } from './dsfinvk-bench'
import { appendBench } from './journal-bench'
import { receiptBench } from './receipt-bench'
import { scanToEvent } from './scan-bench'
import { roundTripsAndOverhead, saleBench } from './sale-bench'
import { startupBench } from './startup-bench'
import { tseBench } from './tse-bench'
import { machine, type BenchRow } from './stats'

const ROOT = join(__dirname, '..', '..')
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')

const SECTIONS: { name: string; needsBuild: boolean; run: () => Promise<BenchRow[]> | BenchRow[] }[] = [
  {
    name: 'scan',
    needsBuild: false,
    run: async () => [await scanToEvent(quick ? { scans: 1000, warmup: 200 } : {})],
  },
  {
    name: 'chromium',
    needsBuild: true,
    run: async () => [await scanToVisible(quick ? { samples: 60, warmup: 10 } : {})],
  },
  {
    name: 'tap',
    needsBuild: true,
    run: async () => [await tapToVisible(quick ? { samples: 60, warmup: 10 } : {})],
  },
  { name: 'sale', needsBuild: true, run: () => saleBench(quick ? { rssSales: 500, overheadSales: 20 } : {}) },
  // The round-trip, fsync and card-sale overhead rows of 'sale' alone, without its 10 000-sale RSS run.
  {
    name: 'card',
    needsBuild: false,
    run: () => roundTripsAndOverhead(quick ? { overheadSales: 20 } : {}),
  },
  { name: 'receipt', needsBuild: false, run: () => receiptBench(quick ? { iterations: 300 } : {}) },
  { name: 'journal', needsBuild: false, run: () => appendBench(quick ? 200 : 1000) },
  { name: 'dsfinvk', needsBuild: false, run: () => dsfinvkBench(quick ? { sales: 30_000 } : {}) },
  { name: 'startup', needsBuild: true, run: () => startupBench(quick ? { sales: 10_000, runs: 1 } : {}) },
  { name: 'tse', needsBuild: false, run: () => tseBench(quick ? { sales: 50, downSales: 3 } : {}) },
  {
    name: 'central',
    needsBuild: false,
    run: () => centralBench(quick ? { tills: 10, sales: 200, paceSeconds: 5 } : {}),
  },
]

// Decimals per unit besides ms. Percentages and factors keep one: a 1.5 % target printed as "2 %"
// says something else.
const DIGITS: Record<string, number> = { ratio: 4, '%': 1, '×': 1 }

function fmt(n: number | undefined, unit = ''): string {
  if (n === undefined || Number.isNaN(n)) return '—'
  const digits = unit === 'ms' ? (n < 10 ? 2 : n < 100 ? 1 : 0) : (DIGITS[unit] ?? 0)
  return `${n.toFixed(digits)}${unit && unit !== 'ratio' ? ` ${unit}` : ''}`
}

function table(rows: BenchRow[]): string {
  const head = ['measure', 'p50', 'p99 / value', 'target', 'ok']
  const body = rows.map((r) => [
    r.label,
    fmt(r.p50, r.unit),
    fmt(r.value, r.unit),
    r.target
      ? `${r.target.op} ${r.unit === 'ratio' && r.target.value < 1 ? `1/${Math.round(1 / r.target.value)}` : fmt(r.target.value, r.unit)}`
      : '',
    r.pass === null || r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n')
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
  } catch {
    return 'unknown'
  }
}

async function main(): Promise<void> {
  const chosen = SECTIONS.filter((s) => !only || only.includes(s.name))
  if (chosen.some((s) => s.needsBuild)) ensureBuilt()
  const host = machine()
  console.log(
    `Tresen bench${quick ? ' (quick)' : ''}: ${host.nproc} × ${host.cpu}, ${host.memoryGiB} GiB, Node ${host.node}, ${host.platform}, load ${host.load}`,
  )
  const rows: BenchRow[] = []
  let failed = false
  for (const section of chosen) {
    const t0 = Date.now()
    process.stdout.write(`… ${section.name}`)
    try {
      rows.push(...(await section.run()))
      process.stdout.write(` (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`)
    } catch (error) {
      failed = true
      process.stdout.write(' FAILED\n')
      console.error(error)
      rows.push({
        id: `${section.name}-error`,
        label: `${section.name}: failed`,
        value: NaN,
        unit: '',
        pass: false,
        note: String(error).slice(0, 300),
      })
    }
  }
  console.log(`\n${table(rows)}\n`)
  for (const r of rows.filter((r) => r.note)) console.log(`  ${r.label}: ${r.note}`)
  const result = { date: new Date().toISOString(), commit: commit(), quick, machine: host, rows }
  const dir = join(ROOT, 'bench-results')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `bench-${result.date.replace(/[:.]/g, '-')}.json`)
  const json = JSON.stringify(result, null, 2)
  writeFileSync(file, json)
  writeFileSync(join(dir, 'latest.json'), json)
  console.log(`\nwritten: ${file}`)
  if (failed || rows.some((r) => r.pass === false)) process.exitCode = 1
}

void main()
