// Power loss, simulated: the journal runs with synchronous=NORMAL and an fsync barrier after each
// durable commit (the intents and outcomes of money steps). What a power cut leaves on disk is the
// database file plus the WAL up to the last barrier and any part of what came after it — SQLite's
// frame checksums end recovery at the first missing or torn frame, so "any part" is a cut at any byte
// from the last barrier on (https://www.sqlite.org/wal.html). At random points of random sales the
// test copies the files with the WAL cut at a random byte in that range, opens the copy like the next
// start would, and checks that every money step acknowledged so far is there.
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { manualClock, memoryLogger } from '../../../common/ports'
import { openJournal, type Journal } from '../../../main/journal'
import { JOURNAL_FILE } from '../../../main/journal/database'
import { line, tempDir, testJournal } from './helpers'

const dirs: { cleanup(): void }[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) d.cleanup()
})

/** A small deterministic PRNG (mulberry32), so a failing seed can be run again. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Ack {
  saleId: number
  intentId: number
  /** The acknowledged step: its intent, or its intent and outcome. */
  what: 'intent' | 'outcome'
}

/** The WAL header's checkpoint sequence: it changes when the WAL restarts after a checkpoint. */
const walSequence = (wal: string): number => readFileSync(wal).readUInt32BE(12)

/** Copies the journal as a power cut at WAL byte `cut` would leave it (no -shm: rebuilt on open). */
function powerCut(dir: string, cut: number): string {
  const copy = tempDir()
  dirs.push(copy)
  mkdirSync(copy.dir, { recursive: true })
  copyFileSync(join(dir, JOURNAL_FILE), join(copy.dir, JOURNAL_FILE))
  writeFileSync(
    join(copy.dir, `${JOURNAL_FILE}-wal`),
    readFileSync(join(dir, `${JOURNAL_FILE}-wal`)).subarray(0, cut),
  )
  return copy.dir
}

/** Is every acknowledged step in the journal recovered from `dir`? Returns the ones missing. */
function missing(dir: string, acks: Ack[]): Ack[] {
  const journal = openJournal({ dataDir: dir, clock: manualClock(), logger: memoryLogger() })
  try {
    return acks.filter((ack) => {
      const steps = journal.sale(ack.saleId)?.payments.flatMap((p) => p.steps) ?? []
      const step = steps.find((s) => s.intentId === ack.intentId)
      return !step || (ack.what === 'outcome' && !step.outcome)
    })
  } finally {
    journal.close()
  }
}

/** One sale as the checkout writes it: no-money steps plain, the start's intent and outcome durable. */
function sale(journal: Journal, n: number, rnd: () => number, acks: Ack[], after: () => void): void {
  const { saleId } = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1 + n, 260, 19)] })
  after()
  const created = journal.recordPaymentIntent({
    saleId,
    method: 'terminal',
    amount: 260 * (1 + n),
    step: 'create',
  })
  after()
  const tx = `STX_${saleId}`
  const started = journal.atomically(
    () => {
      journal.recordPaymentOutcome({ intentId: created.intentId, status: 'done', transactionId: tx })
      return journal.recordPaymentIntent({
        saleId,
        paymentId: created.paymentId,
        step: 'start',
        transactionId: tx,
      })
    },
    { durable: true },
  )
  acks.push({ saleId, intentId: started.intentId, what: 'intent' })
  after()
  journal.atomically(
    () => journal.recordPaymentOutcome({ intentId: started.intentId, status: 'settled', transactionId: tx }),
    { durable: true },
  )
  acks[acks.length - 1] = { saleId, intentId: started.intentId, what: 'outcome' }
  after()
  if (rnd() < 0.8) {
    journal.completeSale(saleId)
    after()
  }
}

describe('power loss with the WAL cut at any byte', () => {
  for (const seed of [1, 2, 3]) {
    it(`never loses an acknowledged money step (seed ${seed})`, () => {
      const tmp = tempDir()
      dirs.push(tmp)
      const { journal } = testJournal(tmp.dir)
      const wal = join(tmp.dir, `${JOURNAL_FILE}-wal`)
      const rnd = random(seed)
      const acks: Ack[] = []
      let synced = statSync(wal).size
      let barriers = journal.barriers()
      const sequence = walSequence(wal)
      let cuts = 0
      const after = (): void => {
        // A barrier ran: everything in the WAL so far is on disk.
        if (journal.barriers() !== barriers) {
          barriers = journal.barriers()
          synced = statSync(wal).size
        }
        if (rnd() > 0.5) return
        const size = statSync(wal).size
        const cut = synced + Math.floor(rnd() * (size - synced + 1))
        expect(missing(powerCut(tmp.dir, cut), acks), `cut at ${cut} of ${size} (synced ${synced})`).toEqual(
          [],
        )
        cuts++
      }
      for (let n = 0; n < 12; n++) sale(journal, n, rnd, acks, after)
      // The model holds only while the WAL did not restart under the test (no checkpoint reset).
      expect(walSequence(wal)).toBe(sequence)
      expect(cuts).toBeGreaterThan(10)
      expect(barriers).toBe(2 * 12)
      journal.close()
    })
  }

  it('has teeth: a WAL cut before the last barrier does lose the step it acknowledged', () => {
    const tmp = tempDir()
    dirs.push(tmp)
    const { journal } = testJournal(tmp.dir)
    const wal = join(tmp.dir, `${JOURNAL_FILE}-wal`)
    const acks: Ack[] = []
    sale(
      journal,
      0,
      () => 0,
      acks,
      () => {},
    )
    const before = statSync(wal).size
    sale(
      journal,
      1,
      () => 0,
      acks,
      () => {},
    )
    expect(missing(powerCut(tmp.dir, before), acks)).toEqual([acks[1]])
    journal.close()
  })
})
