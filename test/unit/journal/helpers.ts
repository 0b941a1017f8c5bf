// Shared set-up for journal tests: a fresh data dir per test, a manual clock, and short-hands for the
// payment steps the sale service will write.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { manualClock, memoryLogger } from '../../../common/ports'
import { openJournal, type Journal, type SaleLineInput } from '../../../main/journal'
import { JOURNAL_FILE } from '../../../main/journal/database'

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tresen-journal-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export function testJournal(dir: string, clock = manualClock()) {
  const logger = memoryLogger()
  return { journal: openJournal({ dataDir: dir, clock, logger }), clock, logger }
}

/** A second, raw connection: what a tool or a bug with direct SQL access could try. */
export function rawDb(dir: string): DatabaseSync {
  return new DatabaseSync(join(dir, JOURNAL_FILE))
}

export const line = (
  productId: string,
  quantity: number,
  unitPrice: number,
  vatRate: 0 | 7 | 19,
  name = productId,
): SaleLineInput => ({
  productId,
  name,
  quantity,
  unitPrice,
  total: quantity * unitPrice,
  vatRate,
})

/** One tender: intent, then the settled outcome, as a cash payment is written. */
/** A cash tender announced (its intent written), not settled yet. */
export function openCashTender(journal: Journal, saleId: number, amount: number, tendered = amount) {
  return journal.recordPaymentIntent({ saleId, method: 'cash', amount, tendered, step: 'tender' })
}

export function payCash(journal: Journal, saleId: number, amount: number, tendered = amount) {
  const { paymentId, intentId } = openCashTender(journal, saleId, amount, tendered)
  journal.recordPaymentOutcome({ intentId, status: 'settled' })
  return paymentId
}

/** A card payment in secuconnect's two steps: create the transaction, then start (charge) it. */
export function payCard(journal: Journal, saleId: number, amount: number, transactionId = `STX_${saleId}`) {
  const created = journal.recordPaymentIntent({ saleId, method: 'card', amount, step: 'create' })
  journal.recordPaymentOutcome({ intentId: created.intentId, status: 'done', transactionId })
  const started = journal.recordPaymentIntent({
    saleId,
    paymentId: created.paymentId,
    step: 'start',
    transactionId,
  })
  journal.recordPaymentOutcome({ intentId: started.intentId, status: 'settled', transactionId })
  return created.paymentId
}

/** Runs `fn` and returns the AppFailure's error it throws (fails the test when nothing is thrown). */
export function failureOf(fn: () => unknown): {
  code: string
  messageKey: string
  params?: Record<string, unknown>
} {
  try {
    fn()
  } catch (error) {
    if (error && typeof error === 'object' && 'error' in error)
      return (error as { error: { code: string; messageKey: string } }).error
    throw error
  }
  throw new Error('expected an AppFailure, nothing was thrown')
}

/**
 * Runs a selling child process (`crash-child.ts`, `wal-child.ts`: it prints each receipt number it
 * completed on its own line) on the journal in `dir`, and kills it with SIGKILL once it has reported
 * `killAfter` numbers. Returns what it reported and what it wrote to stderr.
 */
export async function sellUntilKilled(
  child: string,
  dir: string,
  killAfter: number,
): Promise<{ reported: number[]; stderr: string }> {
  const tsx = createRequire(import.meta.url).resolve('tsx')
  const proc = spawn(process.execPath, ['--no-warnings', '--import', tsx, join(__dirname, child), dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let reported: number[] = []
  let stderr = ''
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      reported = [...reported, ...d.toString().split('\n').filter(Boolean).map(Number)]
      if (reported.length >= killAfter && !proc.killed) proc.kill('SIGKILL')
    })
    proc.on('exit', () => resolve())
    proc.on('error', reject)
  })
  return { reported, stderr }
}
