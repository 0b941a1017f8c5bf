// A till killed with SIGKILL in the middle of pushing a long backlog: what PostgreSQL committed stays, the
// batch in flight is rolled back, and the next push (a new process, as after a restart) completes the
// journal with no row lost and none twice.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { manualClock, memoryLogger } from '../../../common/ports'
import { createJournalPush } from '../../../main/central/journal-push'
import { createCentralPool } from '../../../main/central/pool'
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres'
import { dayOfSales } from './day-of-sales'

let postgres: TestPostgres
beforeAll(async () => {
  postgres = await startTestPostgres()
}, 60_000)
afterAll(() => postgres?.dispose())

const SALES = 3000

describe('a till killed mid-push', () => {
  it('loses no row and doubles none when the next push completes the backlog', async () => {
    const url = await postgres.freshDatabase()
    const total = dayOfSales(SALES).head()
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'push-child.ts'), url, 'markt-1', String(SALES)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    )
    const db = new pg.Client(url)
    await db.connect()
    const rows = async () => Number((await db.query('SELECT count(*) AS n FROM journal_rows')).rows[0].n)
    // Kill as soon as part of the backlog has been committed: the push is then between two batches
    // or inside one.
    let seen = 0
    const deadline = Date.now() + 60_000
    while (seen === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10))
      seen = await rows()
    }
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    const afterKill = await rows()
    expect(afterKill).toBeGreaterThan(0)
    expect(afterKill).toBeLessThan(total)

    const pool = createCentralPool(url, memoryLogger(), 1)
    const push = createJournalPush({
      pool,
      feed: dayOfSales(SALES),
      tillId: 'markt-1',
      shopId: 'korn-markt',
      clock: manualClock(0),
      logger: memoryLogger(),
    })
    expect(await push.pushOnce()).toBe(total - afterKill)
    const check = await db.query(
      'SELECT count(*) AS n, count(DISTINCT seq) AS d, min(seq) AS lo, max(seq) AS hi FROM journal_rows',
    )
    expect(check.rows[0]).toEqual({ n: String(total), d: String(total), lo: '1', hi: String(total) })
    expect(Number((await db.query('SELECT count(*) AS n FROM c_sales')).rows[0].n)).toBe(SALES)
    expect(Number((await db.query('SELECT count(*) AS n FROM replication_problems')).rows[0].n)).toBe(0)
    await db.end()
    await pool.end()
  }, 120_000)
})
