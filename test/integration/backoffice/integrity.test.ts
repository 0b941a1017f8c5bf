// The journal's integrity through app.dispatch: the Z closing's safeguards (TSE head anchor, backup)
// and a tampered journal — banner state, selling goes on, Z refused until a manager acknowledges.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { demoConfig } from '../../../common/config'
import type { IntegrityStatusView } from '../../../common/ipc/integrity-contract'
import { readAnchor } from '../../../main/journal/anchor'
import { restoreJournal } from '../../../main/journal/backup'
import type { HeadAnchorRequest } from '../../../main/journal/z-safeguards'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import { call, cashSale, failure, login } from '../../helpers/sales'
import { behindTheTriggers, rewriteSaleToOneCent } from '../../unit/journal/integrity-helpers'

let t: TestApp | undefined
let dirs: string[] = []
afterEach(async () => {
  await t?.dispose()
  t = undefined
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
  dirs = []
})
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tresen-integrity-'))
  dirs.push(d)
  return d
}

describe('the Z closing in the app', () => {
  it('signs the chain head into the TSE and writes a backup into the configured folder', async () => {
    const backupDir = tempDir()
    const requests: HeadAnchorRequest[] = []
    t = await createTestApp({
      config: { ...demoConfig(), backupDir },
      headAnchor: {
        anchorHead: (r) => {
          requests.push(r)
          return Promise.resolve({ signatureCounter: 7 })
        },
      },
    })
    await login(t.app, 'chefin', '9999')
    cashSale(t.app)
    const z = await call<{ report: { zNumber: number } }>(t.app, 'report.z', { denominations: [] })
    expect(z.report.zNumber).toBe(1)
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({ zNumber: 1, processType: 'SonstigerVorgang' })
    expect(readAnchor(t.dataDir)?.lastZ).toEqual({ ...requests[0]!.head, zNo: 1 })
    expect(readdirSync(backupDir)).toEqual([expect.stringMatching(/^journal-Z0001-.*\.sqlite$/)])
  })

  it('without a backupDir the backup goes to backups/ in the data dir', async () => {
    t = await createTestApp()
    await login(t.app, 'chefin', '9999')
    await call(t.app, 'report.z', { denominations: [] })
    expect(readdirSync(join(t.dataDir, 'backups'))).toHaveLength(1)
  })
})

describe('a tampered journal in the app', () => {
  it('shows as altered, keeps selling, refuses the Z until a manager acknowledges', async () => {
    const dataDir = tempDir()
    const first = await createTestApp({ dataDir })
    cashSale(first.app)
    await first.app.close()
    behindTheTriggers(dataDir, (db) => rewriteSaleToOneCent(db, 1))

    t = await createTestApp({ dataDir })
    const published: IntegrityStatusView[] = []
    t.app.events.subscribe((event) => {
      if (event.type === 'journal.integrity') published.push(event.payload as IntegrityStatusView)
    })
    const status = await call<IntegrityStatusView>(t.app, 'integrity.status')
    expect(status.state).toBe('altered')
    expect(status.findings[0]?.de).toMatch(/^Zeile sales 1 .*total: \d+ → 1/)

    await login(t.app, 'anna', '1111')
    expect(cashSale(t.app).receiptNo).toBe(2)
    expect(await failure(t.app, 'report.z', { denominations: [], managerPin: '9999' })).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'journal.error.integrityAltered',
    })
    expect(await failure(t.app, 'integrity.acknowledge', {})).toMatchObject({ code: 'FORBIDDEN' })
    const acknowledged = await call<IntegrityStatusView>(t.app, 'integrity.acknowledge', {
      managerPin: '9999',
    })
    expect(acknowledged.state).toBe('acknowledged')
    // The banner hears it at once.
    expect(published.at(-1)?.state).toBe('acknowledged')
    const z = await call<{ report: { zNumber: number } }>(t.app, 'report.z', {
      denominations: [],
      managerPin: '9999',
    })
    expect(z.report.zNumber).toBe(1)
    const verified = await call<IntegrityStatusView>(t.app, 'integrity.verify', { managerPin: '9999' })
    expect(verified).toMatchObject({ state: 'acknowledged', fullyVerified: true })
  })
})

describe('a journal that went backwards', () => {
  it('the app refuses to start on it, saying what is missing in German and English', async () => {
    const dataDir = tempDir()
    const first = await createTestApp({ dataDir })
    cashSale(first.app)
    cashSale(first.app)
    await first.app.close()
    writeFileSync(join(dataDir, 'journal.sqlite'), '')
    await expect(createTestApp({ dataDir })).rejects.toMatchObject({
      error: {
        code: 'CONFLICT',
        messageKey: 'journal.error.rolledBack',
        message: expect.stringMatching(/letzte Belegnummer 2 → 0.*last receipt number 2 → 0/s),
      },
    })
  })
})

describe('restore from the Z backup', () => {
  it('a lost journal is refused; restored from the backup the app starts, verifies and sells on', async () => {
    const dataDir = tempDir()
    const first = await createTestApp({ dataDir })
    await login(first.app, 'chefin', '9999')
    cashSale(first.app)
    await call(first.app, 'report.z', { denominations: [] })
    cashSale(first.app)
    await first.app.close()
    const [backup] = readdirSync(join(dataDir, 'backups'))
    for (const f of ['journal.sqlite', 'journal.sqlite-wal', 'journal.sqlite-shm'])
      rmSync(join(dataDir, f), { force: true })
    await expect(createTestApp({ dataDir })).rejects.toMatchObject({
      error: { messageKey: 'journal.error.rolledBack' },
    })

    restoreJournal(dataDir, join(dataDir, 'backups', backup!), '2026-12-01T07:00:00.000Z', 'chefin')
    t = await createTestApp({ dataDir })
    expect(await call<IntegrityStatusView>(t.app, 'integrity.status')).toMatchObject({ state: 'ok' })
    await login(t.app, 'chefin', '9999')
    expect(await call<IntegrityStatusView>(t.app, 'integrity.verify', {})).toMatchObject({
      state: 'ok',
      findings: [],
    })
    expect(readAnchor(dataDir)).toMatchObject({ receiptNo: 1, zNo: 1 })
    // The sale after the backup is gone from the books, but its receipt no. 2 was handed out: the series
    // goes on after it.
    expect(cashSale(t.app).receiptNo).toBe(3)
  })
})
