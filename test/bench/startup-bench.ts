// Startup time of the browser host (the built `out/main/host.js`, demo mode), from spawn until it prints
// its URL, and until the first contract call over the WebSocket is answered — with an empty data dir and
// with a journal of 100 000 sales (seeded by journal-bench, copied to disk). Median of a few starts.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { connectHost } from '../chaos/host-client'
import { spawnHost } from '../chaos/host-rig'
import { reportBench } from './journal-bench'
import { percentile, valueRow, type BenchRow } from './stats'

async function timeStart(dataDir: string): Promise<{ url: number; answer: number }> {
  const t0 = performance.now()
  const host = await spawnHost(dataDir)
  const url = performance.now() - t0
  try {
    const client = await connectHost(host.url)
    await client.must('app.info')
    const answer = performance.now() - t0
    client.close()
    return { url, answer }
  } finally {
    await host.stop()
  }
}

async function medianStart(dataDir: string, runs: number): Promise<{ url: number; answer: number }> {
  await timeStart(dataDir) // first start: migrations, file cache
  const urls: number[] = []
  const answers: number[] = []
  for (let i = 0; i < runs; i++) {
    const s = await timeStart(dataDir)
    urls.push(s.url)
    answers.push(s.answer)
  }
  return { url: percentile(urls, 50), answer: percentile(answers, 50) }
}

export async function startupBench(options: { sales?: number; runs?: number } = {}): Promise<BenchRow[]> {
  const sales = options.sales ?? 100_000
  const runs = options.runs ?? 3
  const empty = mkdtempSync(join(tmpdir(), 'tresen-bench-start-'))
  const full = mkdtempSync(join(tmpdir(), 'tresen-bench-start-'))
  try {
    const reportRows = reportBench(sales, full)
    if (!readdirSync(full).includes('journal.sqlite')) throw new Error('seeded journal was not copied')
    const base = await medianStart(empty, runs)
    const loaded = await medianStart(full, runs)
    return [
      ...reportRows,
      valueRow(
        'startup-empty',
        'startup, empty journal (spawn → first answer)',
        base.answer,
        'ms',
        undefined,
        `URL printed after ${base.url.toFixed(0)} ms; median of ${runs}`,
      ),
      valueRow(
        'startup-100k',
        `startup with ${sales} sales in the journal`,
        loaded.answer,
        'ms',
        undefined,
        `URL printed after ${loaded.url.toFixed(0)} ms; median of ${runs}`,
      ),
    ]
  } finally {
    rmSync(empty, { recursive: true, force: true })
    rmSync(full, { recursive: true, force: true })
  }
}
