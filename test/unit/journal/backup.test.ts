import { existsSync, readdirSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { memoryLogger } from '../../../common/ports'
import { readAnchor } from '../../../main/journal/anchor'
import { restoreJournal } from '../../../main/journal/backup'
import { createZSafeguards, type HeadAnchorRequest } from '../../../main/journal/z-safeguards'
import { failureOf, rawDb, tempDir, testJournal } from './helpers'
import { behindTheTriggers, recomputeChain, rewriteSaleToOneCent, sellBread } from './integrity-helpers'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir()
})
afterEach(() => tmp.cleanup())

const events = (dir: string) => {
  const db = rawDb(dir)
  const rows = db.prepare('SELECT kind, detail FROM journal_events ORDER BY id').all() as {
    kind: string
    detail: string
  }[]
  db.close()
  return rows.map((r) => ({ kind: r.kind, detail: JSON.parse(r.detail) as Record<string, unknown> }))
}

describe('the Z closing safeguards', () => {
  it('signs the head into the TSE as SonstigerVorgang, remembers it and writes a backup', async () => {
    const { journal } = testJournal(tmp.dir)
    sellBread(journal)
    const requests: HeadAnchorRequest[] = []
    const tse = {
      anchorHead: (r: HeadAnchorRequest) => {
        requests.push(r)
        return Promise.resolve({ transactionNumber: 17, signatureCounter: 42, signature: 'c2ln' })
      },
    }
    const backupDir = join(tmp.dir, 'backups')
    const z = journal.zReport({ denominations: [] })
    const result = await createZSafeguards({ journal, tse, backupDir, logger: memoryLogger() }).afterClosing(
      z,
    )

    expect(requests).toEqual([
      {
        zNumber: 1,
        closingId: z.closingId,
        head: result.head,
        processType: 'SonstigerVorgang',
        processData: `Journal-Kette^Z1^${result.head.seq}^sha256:${result.head.hash}`,
      },
    ])
    expect(readAnchor(tmp.dir)?.lastZ).toEqual({ ...result.head, zNo: 1 })
    expect(result.backup).toMatch(/backups\/journal-Z0001-20261122T080000Z\.sqlite$/)
    expect(readdirSync(backupDir)).toEqual(['journal-Z0001-20261122T080000Z.sqlite'])
    journal.close()
    expect(events(tmp.dir).map((e) => e.kind)).toEqual(['chain-started', 'anchored', 'backup'])
    expect(events(tmp.dir)[1]?.detail).toMatchObject({
      zNo: 1,
      head: result.head,
      tse: { signatureCounter: 42 },
    })
  })

  it('a TSE that fails or a backup folder that cannot be written does not undo the Z', async () => {
    const { journal, logger } = testJournal(tmp.dir)
    sellBread(journal)
    const z = journal.zReport({ denominations: [] })
    const tse = { anchorHead: () => Promise.reject(new Error('TSE nicht erreichbar')) }
    // A file where the folder should be.
    const result = await createZSafeguards({
      journal,
      tse,
      backupDir: join(tmp.dir, 'journal.sqlite'),
      logger,
    }).afterClosing(z)
    expect(result).toMatchObject({ anchored: null, anchorError: 'TSE nicht erreichbar', backup: null })
    expect(result.backupError).toBeTruthy()
    expect(journal.closing(1)?.zNumber).toBe(1)
    journal.close()
    expect(events(tmp.dir).map((e) => e.kind)).toEqual(['chain-started', 'anchor-failed'])
    expect(logger.entries.map((e) => e.event)).toEqual(
      expect.arrayContaining(['journal.anchor-tse-failed', 'journal.backup-failed']),
    )
  })

  it('a head signed into the TSE is an anchor: a chain recomputed later no longer matches it', async () => {
    const { journal } = testJournal(tmp.dir)
    sellBread(journal)
    const z = journal.zReport({ denominations: [] })
    const tse = { anchorHead: () => Promise.resolve({ signatureCounter: 1 }) }
    await createZSafeguards({
      journal,
      tse,
      backupDir: join(tmp.dir, 'b'),
      logger: memoryLogger(),
    }).afterClosing(z)
    journal.close()
    // The anchor file is gone too: only the TSE-signed head remains.
    unlinkSync(join(tmp.dir, 'journal.anchor.json'))
    behindTheTriggers(tmp.dir, (db) => {
      rewriteSaleToOneCent(db, 1)
      recomputeChain(db)
    })
    const reopened = testJournal(tmp.dir).journal
    const result = reopened.integrity.verify()
    // Every entry hashes right; only the TSE-signed head gives the recomputation away.
    expect(result.findings).toEqual([
      {
        kind: 'anchor',
        seq: expect.any(Number),
        source: 'TSE Z 1',
        expected: expect.any(String),
        found: expect.any(String),
      },
    ])
    expect(reopened.integrity.status().state).toBe('altered')
    reopened.close()
  })
})

describe('restore from a backup', () => {
  it('a journal refused after a lost WAL is restored from the last Z backup: starts, verifies, record consistent, numbers go on', async () => {
    const { journal } = testJournal(tmp.dir)
    sellBread(journal)
    sellBread(journal)
    const z = journal.zReport({ denominations: [] })
    const backupDir = join(tmp.dir, 'backups')
    const { backup } = await createZSafeguards({ journal, backupDir, logger: memoryLogger() }).afterClosing(z)
    sellBread(journal)
    journal.close()
    // Disaster: the journal file is lost.
    unlinkSync(join(tmp.dir, 'journal.sqlite'))
    expect(failureOf(() => testJournal(tmp.dir))).toMatchObject({ messageKey: 'journal.error.rolledBack' })

    const restored = restoreJournal(tmp.dir, backup!, '2026-11-23T07:00:00.000Z', 'chef')
    expect(restored.position).toMatchObject({ receiptNo: 2, zNo: 1 })
    expect(restored.keptAs.map((k) => k.replace(tmp.dir, ''))).toEqual(
      expect.arrayContaining([expect.stringMatching(/journal\.replaced-.*\.sqlite/)]),
    )
    expect(readAnchor(tmp.dir)).toMatchObject({ receiptNo: 2, zNo: 1, head: restored.position.head })

    const reopened = testJournal(tmp.dir).journal
    expect(reopened.integrity.status().state).toBe('ok')
    expect(reopened.integrity.verify()).toMatchObject({ ok: true })
    // The lost sale's receipt no. 3 was handed out: the series goes on after it, never issuing it twice.
    expect(sellBread(reopened).receiptNo).toBe(4)
    expect(sellBread(reopened).receiptNo).toBe(5)
    reopened.close()
    const restoredEvent = events(tmp.dir).find((e) => e.kind === 'restored')
    expect(restoredEvent?.detail).toMatchObject({
      from: 'journal-Z0001-20261122T080000Z.sqlite',
      previousRecord: { receiptNo: 3, zNo: 1 },
      skipped: { receipts: { from: 3, to: 3 }, closings: null },
    })
    // And it stays so after the next start (the floor is read from the journal, not kept in memory).
    const again = testJournal(tmp.dir).journal
    expect(sellBread(again).receiptNo).toBe(6)
    again.close()
  })

  it('a Z closing lost with the journal keeps its number: the next Z after the restore skips it', async () => {
    const { journal } = testJournal(tmp.dir)
    sellBread(journal)
    const z1 = journal.zReport({ denominations: [] })
    const backupDir = join(tmp.dir, 'backups')
    const { backup } = await createZSafeguards({ journal, backupDir, logger: memoryLogger() }).afterClosing(
      z1,
    )
    sellBread(journal)
    journal.zReport({ denominations: [] }) // Z 2, whose backup never reached the stick
    sellBread(journal)
    journal.close()
    unlinkSync(join(tmp.dir, 'journal.sqlite'))
    restoreJournal(tmp.dir, backup!, '2026-11-23T07:00:00.000Z', 'chef')
    const reopened = testJournal(tmp.dir).journal
    expect(sellBread(reopened).receiptNo).toBe(4)
    expect(reopened.zReport({ denominations: [] }).zNumber).toBe(3)
    reopened.close()
    expect(events(tmp.dir).find((e) => e.kind === 'restored')?.detail).toMatchObject({
      skipped: { receipts: { from: 2, to: 3 }, closings: { from: 2, to: 2 } },
    })
  })

  it('refuses a backup that does not verify', async () => {
    const { journal } = testJournal(tmp.dir)
    sellBread(journal)
    const z = journal.zReport({ denominations: [] })
    const backupDir = join(tmp.dir, 'backups')
    const { backup } = await createZSafeguards({ journal, backupDir, logger: memoryLogger() }).afterClosing(z)
    journal.close()
    behindTheTriggers(tmp.dir, (db) => db.exec('UPDATE sales SET total = 1'), backup!)
    expect(failureOf(() => restoreJournal(tmp.dir, backup!, '2026-11-23T07:00:00.000Z'))).toMatchObject({
      messageKey: 'journal.error.backupAltered',
    })
    expect(existsSync(join(tmp.dir, 'journal.sqlite'))).toBe(true)
  })
})
