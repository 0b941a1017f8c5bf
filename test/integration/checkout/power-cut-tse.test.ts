// A power cut the moment the till sends the TSE's finish of a paid sale: the journal runs with
// synchronous=NORMAL, so a power cut keeps the WAL only up to the last fsync barrier (the commit of the
// step that moved the money); what came after it may be gone. The TSE is fiskaly's cloud and keeps
// what it signed. After the restart the sale must carry the signature the TSE gave it (the one on the
// receipt the customer took home), and no sale may be signed a second time: every transaction the TSE
// finished is the final TSE record of exactly one sale in the journal.
//
// The cut: when the finish request leaves, the till's data directory is copied as a power cut leaves
// it — the database file as it is (no checkpoint ran since the barrier, checked) and the WAL cut at its
// length after the newest barrier (https://www.sqlite.org/wal.html: recovery ends at the first missing
// frame) — and the till is stopped dead; the request goes on to the TSE. The integrity record
// (journal.anchor.json) is written only after its own WAL sync; the test checks it still holds the
// receipt number from before the sale, so it is not ahead of the cut journal.
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { App } from '../../../main/app'
import { ANCHOR_FILE } from '../../../main/journal/anchor'
import { JOURNAL_FILE } from '../../../main/journal/database'
import { openJournal } from '../../../main/journal'
import { silentLogger, systemClock } from '../../../common/ports'
import type { SaleKind } from '../../soak/soak-driver'
import { journalAgreesWithSimulator } from '../../chaos/agreement'
import { mortalFetch, recovered, sell, startCrashRig, till, TSS, type CrashRig } from './crash-till'

const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
})

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** The WAL's salt (header bytes 16–23): it changes when a checkpoint restarts the WAL. */
const walSalt = (wal: string) => readFileSync(wal).subarray(16, 24).toString('hex')

/**
 * Follows the journal's fsync barriers: every durable commit goes through `atomically` (the test
 * checks that no barrier ran elsewhere), and right after it returns the WAL's length is what a power
 * cut keeps for certain.
 */
function followBarriers(app: App, dataDir: string) {
  const wal = join(dataDir, `${JOURNAL_FILE}-wal`)
  const journal = app.journal as App['journal'] & Record<string, unknown>
  const atomically = journal.atomically.bind(journal)
  const durable = { length: 0, salt: '', seen: 0, from: journal.barriers() }
  journal.atomically = ((fn: () => unknown, options?: { durable?: boolean }) => {
    const before = journal.barriers()
    const result = atomically(fn, options)
    if (journal.barriers() > before) {
      durable.length = statSync(wal).size
      durable.salt = walSalt(wal)
      durable.seen += journal.barriers() - before
    }
    return result
  }) as typeof journal.atomically
  return {
    /** Copies the data directory as a power cut now would leave it; returns the copy. */
    cut(): string {
      expect(durable.seen, 'barriers that ran outside atomically').toBe(journal.barriers() - durable.from)
      expect(durable.seen, 'the sale had its barriers').toBeGreaterThan(0)
      expect(walSalt(wal), 'no checkpoint restarted the WAL since the barrier').toBe(durable.salt)
      const anchor = JSON.parse(readFileSync(join(dataDir, ANCHOR_FILE), 'utf8')) as { receiptNo: number }
      expect(anchor.receiptNo, 'the integrity record is not ahead of the cut journal').toBe(0)
      const copy = tempDir('tresen-power-cut-copy-')
      cpSync(dataDir, copy, { recursive: true })
      truncateSync(join(copy, `${JOURNAL_FILE}-wal`), durable.length)
      // The wal-index is shared memory, rebuilt from the WAL on open.
      rmSync(join(copy, `${JOURNAL_FILE}-shm`), { force: true })
      return copy
    },
  }
}

/** Every transaction the TSE finished is the final TSE record of exactly one sale in the journal. */
function everyFinishedTseTxBelongsToOneSale(rig: CrashRig, dataDir: string): number {
  const finished = [...rig.tse.store.tss.get(TSS)!.txs.values()].filter((t) => t.state === 'FINISHED')
  const journal = openJournal({ dataDir, clock: systemClock, logger: silentLogger })
  try {
    for (const tx of finished) {
      const rows = journal.tse.byTx(tx.id).filter((r) => r.state === 'finished')
      expect(rows.length, `TSE transaction ${tx.id} recorded once as finished`).toBe(1)
      const saleId = rows[0].saleId
      expect(saleId, `TSE transaction ${tx.id} (signed by the TSE) is linked to its sale`).not.toBeNull()
      expect(journal.tse.finalForSale(saleId!)?.txId, `sale ${saleId}'s final TSE transaction`).toBe(tx.id)
    }
    return finished.length
  } finally {
    journal.close()
  }
}

async function tseFinishedSomething(rig: CrashRig): Promise<void> {
  const deadline = Date.now() + 5000
  const finished = () => [...rig.tse.store.tss.get(TSS)!.txs.values()].some((t) => t.state === 'FINISHED')
  while (!finished()) {
    if (Date.now() > deadline) throw new Error('the TSE never signed the sale’s finish')
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** The TSE's finish of a sale: the PUT that moves its transaction to FINISHED. */
const isTseFinish = (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
  String(input instanceof Request ? input.url : input).includes('/tx/') &&
  typeof init?.body === 'string' &&
  init.body.includes('"FINISHED"')

const KINDS: SaleKind[] = ['cash', 'card', 'loyalty', 'terminal', 'topup']

describe('a power cut the moment the TSE’s finish of a sale leaves', () => {
  for (const kind of KINDS)
    it(`${kind}: after the restart the sale carries the TSE's signature, and no sale is signed twice`, async () => {
      const rig = await startCrashRig()
      cleanup.push(() => rig.close())
      const dataDir = tempDir('tresen-power-cut-')
      let copy: string | undefined
      let cut = () => {}
      // The power is cut the moment the finish leaves.
      const power = mortalFetch({ is: isTseFinish, before: () => cut() })
      const old: App = await till(rig, dataDir, power.fetch)
      await old.checkout.recovery
      const barriers = followBarriers(old, dataDir)
      cut = () => {
        copy = barriers.cut()
        old.journal.close()
      }
      // The dead till's sale never ends; the finish has left when the power is cut.
      void sell(rig, old, kind).catch(() => undefined)
      await tseFinishedSomething(rig)
      expect(power.dead(), 'the power was cut when the finish left').toBe(true)

      const app = await till(rig, copy!, globalThis.fetch)
      await recovered(rig, app)
      // The customer is still there: the next sale on the restarted till goes through.
      expect((await sell(rig, app, kind)).phase).toBe('paid')
      await app.close()
      const { completed } = journalAgreesWithSimulator(copy!, rig.sim, { tse: true })
      expect(completed).toBe(2)
      expect(everyFinishedTseTxBelongsToOneSale(rig, copy!)).toBe(2)
    })
})
