// The crash test: a child process running the real app sells against a simulator that this
// test runs, and kills itself with SIGKILL right after one named checkout point (intent written, call
// returned, outcome written, …). The next child starts on the same data dir, recovers, and sells the
// next sale (a customer whose sale was aborted by the crash tries again). At the end every sale is in
// the journal exactly once and the simulator charged each paid one exactly once.
//
// The default run crashes at every point of CHECKOUT_POINTS once (card + cash sale, cash-only tender,
// PUT after a cancel). TRESEN_CRASH_FULL=1 crashes every scenario at every point it passes.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger, systemClock } from '../../../common/ports'
import { CHECKOUT_POINTS, type CheckoutPoint } from '../../../main/checkout/hooks'
import { openJournal } from '../../../main/journal'
import { startSimulator, type Simulator } from '../../../simulator'
import type { Scenario } from './crash-child'

interface Run {
  scenario: Scenario
  point: CheckoutPoint
}

/** A straight card + cash sale passes every point but the PUT and the cash-only tender. */
const CARD_CASH: CheckoutPoint[] = CHECKOUT_POINTS.filter(
  (p) => !p.startsWith('update.') && !p.startsWith('tender.'),
)
const CASH: CheckoutPoint[] = [
  'sale.begun',
  'tender.intent',
  'drawer.opened',
  'tender.outcome',
  'sale.completed',
  'receipt.recorded',
  'print.outcome',
]
const PUT: CheckoutPoint[] = [
  'update.intent',
  'update.called',
  'update.outcome',
  'pretransaction.called',
  'start.called',
]
const TERMINAL_CARD: CheckoutPoint[] = CARD_CASH.filter((p) => p !== 'drawer.opened')
const TOPUP: CheckoutPoint[] = [
  'create.intent',
  'create.called',
  'create.outcome',
  'start.intent',
  'start.called',
  'start.outcome',
  'drawer.opened',
  'sale.completed',
]

const SHORT: Run[] = [
  ...CARD_CASH.map((point) => ({ scenario: 'card-cash' as const, point })),
  { scenario: 'cash', point: 'tender.intent' },
  { scenario: 'cash', point: 'tender.outcome' },
  ...(['update.intent', 'update.called', 'update.outcome'] as const).map((point) => ({
    scenario: 'put' as const,
    point,
  })),
]
const FULL: Run[] = [
  ...SHORT,
  ...CASH.map((point) => ({ scenario: 'cash' as const, point })),
  ...PUT.map((point) => ({ scenario: 'put' as const, point })),
  ...TERMINAL_CARD.map((point) => ({ scenario: 'terminal-card' as const, point })),
  ...TOPUP.map((point) => ({ scenario: 'topup' as const, point })),
]
const RUNS = process.env.TRESEN_CRASH_FULL === '1' ? FULL : SHORT

interface ChildResult {
  code: number | null
  signal: NodeJS.Signals | null
  lines: Record<string, unknown>[]
  stderr: string
}

let sim: Simulator
let dataDir: string
beforeAll(async () => {
  sim = await startSimulator({ port: 0, autoApprove: true })
  dataDir = mkdtempSync(join(tmpdir(), 'tresen-crash-'))
})
afterAll(async () => {
  await sim?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

function child(env: { TRESEN_CRASH_AT?: CheckoutPoint; TRESEN_SCENARIO?: Scenario }): Promise<ChildResult> {
  const tsx = createRequire(import.meta.url).resolve('tsx')
  const proc = spawn(
    process.execPath,
    ['--no-warnings', '--import', tsx, join(__dirname, 'crash-child.ts')],
    {
      env: { ...process.env, TRESEN_DATA_DIR: dataDir, TRESEN_SIM_URL: sim.url, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stdout = ''
  let stderr = ''
  proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise((resolve, reject) => {
    proc.on('error', reject)
    proc.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        stderr,
        lines: stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, unknown>),
      }),
    )
  })
}

type Report = {
  completed: number[]
  aborted: number[]
  pending: number[]
  receipts: number[]
  attention: number[]
}
const recoveredOf = (r: ChildResult) => r.lines.find((l) => l.event === 'recovered')?.report as Report

/** What the next start must do about a sale killed at `point` (docs/checkout.md "Recovery"). */
function expectedRecovery(point: CheckoutPoint): Partial<Record<keyof Report, number>> {
  // The money moved (the start was sent and answered, or the cashier confirmed the cash): complete it.
  if (['start.called', 'start.outcome', 'drawer.opened', 'tender.intent'].includes(point))
    return { completed: 1 }
  // The tender's outcome commits with the completion, made while the TSE signs; the receipt follows the
  // signature in the next commit. Killed between the two: recovery keeps the receipt.
  if (['tender.outcome', 'sale.completed'].includes(point)) return { receipts: 1 }
  // Receipt kept (the print waits for a reprint): nothing to do.
  if (['receipt.recorded', 'print.outcome'].includes(point)) return {}
  // Before any money moved: aborted.
  return { aborted: 1 }
}

describe('crash at every step of a payment', () => {
  it('covers every named checkout point', () => {
    expect(new Set(RUNS.map((r) => r.point))).toEqual(new Set(CHECKOUT_POINTS))
  })

  it(
    'keeps every sale in the journal exactly once and charges it exactly once',
    { timeout: RUNS.length * 15_000 + 30_000 },
    async () => {
      let customers = 0
      let previous: Run | null = null
      const checkRecovery = (r: ChildResult, context: string): void => {
        if (!previous) return
        const counts = Object.fromEntries(Object.entries(recoveredOf(r)).map(([k, v]) => [k, v.length]))
        const expected = {
          completed: 0,
          aborted: 0,
          pending: 0,
          receipts: 0,
          attention: 0,
          ...expectedRecovery(previous.point),
        }
        expect(counts, `recovery after ${previous.scenario} @ ${previous.point}\n${context}`).toEqual(
          expected,
        )
      }
      for (const run of RUNS) {
        const r = await child({ TRESEN_CRASH_AT: run.point, TRESEN_SCENARIO: run.scenario })
        const context = `${run.scenario} @ ${run.point}\n${r.stderr}\n${JSON.stringify(r.lines)}`
        expect(r.signal, context).toBe('SIGKILL')
        expect(
          r.lines.find((l) => l.event === 'crashing'),
          context,
        ).toEqual({ event: 'crashing', point: run.point })
        checkRecovery(r, context)
        const selling = r.lines.find((l) => l.event === 'selling')!
        if (!selling.retry) customers++
        previous = run
      }
      // The last crash's sale is recovered; if it was aborted, that customer pays once more without a crash.
      const last = await child({})
      expect(last.code, last.stderr).toBe(0)
      checkRecovery(last, last.stderr)
      if (recoveredOf(last).aborted.length > 0) {
        const retry = await child({ TRESEN_SCENARIO: previous!.scenario })
        expect(retry.code, retry.stderr).toBe(0)
      }
      // A start after all that finds nothing left to do.
      const clean = await child({})
      expect(clean.code, clean.stderr).toBe(0)
      expect(recoveredOf(clean)).toEqual({
        completed: [],
        aborted: [],
        pending: [],
        receipts: [],
        attention: [],
      })

      const journal = openJournal({ dataDir, clock: systemClock, logger: silentLogger })
      try {
        expect(journal.unfinished().sales).toEqual([])
        const sales = journal.sales({ limit: 1000 }).map((s) => journal.sale(s.saleId)!)
        const completed = sales.filter((s) => s.status === 'completed')
        // Each customer paid exactly once; every attempt a crash cut short before money moved is aborted with nothing paid.
        expect(completed).toHaveLength(customers)
        for (const s of sales.filter((x) => x.status === 'aborted')) expect(s.paid).toBe(0)
        expect(completed.map((s) => s.receiptNo).sort((a, b) => a! - b!)).toEqual(
          completed.map((_, i) => i + 1),
        )
        for (const s of completed) {
          expect(s.paid).toBe(s.total)
          expect(s.receipts.filter((r) => r.kind === 'sale')).toHaveLength(1)
        }

        // The simulator: each paid sale's transaction started once; nothing else was charged.
        const charged = sim.transactions().filter((x) => x.starts > 0)
        for (const x of sim.transactions()) expect(x.starts).toBeLessThanOrEqual(1)
        const paidTx = completed.flatMap((s) => {
          const start = s.payments
            .flatMap((p) => p.steps)
            .find((st) => st.step === 'start' && st.outcome?.status === 'settled')
          return start ? [start.outcome!.transactionId ?? start.transactionId!] : []
        })
        expect(new Set(paidTx).size).toBe(paidTx.length)
        expect(charged.map((x) => x.id).sort()).toEqual([...paidTx].sort())
        // Every card sale went through secuconnect; only the cash-only sales did not.
        const cashOnly = completed.filter((s) =>
          s.payments.every((p) =>
            p.steps.every((st) => st.transactionId === undefined && !st.outcome?.transactionId),
          ),
        )
        expect(paidTx.length + cashOnly.length).toBe(completed.length)
      } finally {
        journal.close()
      }
    },
  )
})
