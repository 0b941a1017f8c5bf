// At each Z the journal's chain head is signed into the TSE as a SonstigerVorgang (main/fiscal
// anchorHead wired as the Z safeguards' HeadAnchor in main/app.ts; docs/journal.md). Demo mode: the
// embedded fiskaly simulator signs it and its TAR export holds the log message.
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it, onTestFinished } from 'vitest'
import { JOURNAL_FILE } from '../../../main/journal/database'
import { demoConfig } from '../../../common/config'
import { headProcessData } from '../../../main/journal/z-safeguards'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import { call, cashSale, login } from '../../helpers/sales'

let t: TestApp | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
})

describe('the journal chain head at the Z, signed by the TSE', () => {
  it('is a finished SonstigerVorgang linked to the closing, with the head in its process data', async () => {
    t = await createTestApp({ config: demoConfig() })
    await login(t.app, 'chefin', '9999')
    await cashSale(t.app)
    await t.app.checkout.idle()
    const z = await call<{ report: { zNumber: number } }>(t.app, 'report.z', { denominations: [] })
    const db = new DatabaseSync(join(t.dataDir, JOURNAL_FILE), { readOnly: true })
    onTestFinished(() => db.close())
    const row = db
      .prepare("SELECT * FROM tse_records WHERE process_type = 'SonstigerVorgang' AND state = 'finished'")
      .get() as Record<string, unknown> | undefined
    expect(row).toBeDefined()
    expect(row!.closing_id).toEqual(expect.any(Number))
    expect(row!.sale_id).toBeNull()
    expect(row!.signature).toEqual(expect.any(String))
    expect(row!.error).toBeNull()
    const events = db.prepare("SELECT detail FROM journal_events WHERE kind = 'anchored'").all() as {
      detail: string
    }[]
    expect(events).toHaveLength(1)
    const detail = JSON.parse(events[0]!.detail) as { head: { seq: number; hash: string } }
    expect(row!.process_data).toBe(headProcessData(z.report.zNumber, detail.head as never))
    expect(detail).toMatchObject({ tse: { signatureCounter: row!.signature_counter } })
  }, 30_000)
})
