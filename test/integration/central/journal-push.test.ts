import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { manualClock, memoryLogger } from '../../../common/ports'
import { createJournalPush } from '../../../main/central/journal-push'
import { memoryFeed, type MemoryFeed } from '../../helpers/memory-feed'
import { createCentralPool } from '../../../main/central/pool'
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres'

let postgres: TestPostgres
beforeAll(async () => {
  postgres = await startTestPostgres()
}, 60_000)
afterAll(() => postgres?.dispose())

function sale(feed: MemoryFeed, saleId: number, total: number) {
  feed.append('sales', { id: saleId, kind: 'sale', total })
  feed.append('sale_lines', {
    sale_id: saleId,
    line_no: 1,
    product_id: 'broetchen',
    name: 'Brötchen',
    quantity: 2,
    total,
    weight_grams: null,
  })
  feed.append('sale_completions', {
    id: saleId,
    sale_id: saleId,
    receipt_no: saleId,
    kind: 'sale',
    total,
    completed_at: new Date(Date.UTC(2026, 11, 6, 8, saleId % 60)).toISOString(),
  })
}

async function count(url: string, sql: string): Promise<number> {
  const c = new pg.Client(url)
  await c.connect()
  const { rows } = await c.query(sql)
  await c.end()
  return Number(Object.values(rows[0] as object)[0])
}

describe('journal push into PostgreSQL', () => {
  it('pushes every row once, in order, and a second push adds nothing', async () => {
    const url = await postgres.freshDatabase()
    const pool = createCentralPool(url, memoryLogger(), 2)
    const feed = memoryFeed()
    for (let i = 1; i <= 40; i++) sale(feed, i, 100 + i)
    const push = createJournalPush({
      pool,
      feed,
      tillId: 'kasse-1',
      shopId: 'korn',
      clock: manualClock(0),
      logger: memoryLogger(),
      batchSize: 7,
    })
    expect(push.status().lagRows).toBe(120)
    expect(await push.pushOnce()).toBe(120)
    expect(await push.pushOnce()).toBe(0)
    expect(push.status()).toMatchObject({ online: true, lagRows: 0, lagSeconds: 0, problem: null })
    expect(await count(url, 'SELECT count(*) FROM journal_rows')).toBe(120)
    expect(await count(url, 'SELECT count(DISTINCT seq) FROM journal_rows')).toBe(120)
    expect(await count(url, 'SELECT sum(total) FROM c_sales')).toBe(40 * 100 + (40 * 41) / 2)
    expect(await count(url, 'SELECT sum(quantity) FROM c_sale_lines')).toBe(80)
    await pool.end()
  })

  it('two pushes of the same till at once still store each row exactly once', async () => {
    const url = await postgres.freshDatabase()
    const pool = createCentralPool(url, memoryLogger(), 4)
    const feed = memoryFeed()
    for (let i = 1; i <= 30; i++) sale(feed, i, 250)
    const deps = {
      pool,
      feed,
      tillId: 'kasse-2',
      shopId: 'korn',
      clock: manualClock(0),
      logger: memoryLogger(),
    }
    const a = createJournalPush({ ...deps, batchSize: 5 })
    const b = createJournalPush({ ...deps, batchSize: 11 })
    const pushed = await Promise.all([a.pushOnce(), b.pushOnce(), a.pushOnce()])
    expect(pushed.reduce((x, y) => x + y, 0)).toBe(90)
    expect(await count(url, 'SELECT count(*) FROM journal_rows')).toBe(90)
    await pool.end()
  })

  it('a till that sells while PostgreSQL is down loses nothing and catches up when it is back', async () => {
    const url = await postgres.freshDatabase()
    const pool = createCentralPool(url, memoryLogger(), 2)
    const feed = memoryFeed()
    const clock = manualClock(0)
    const push = createJournalPush({
      pool,
      feed,
      tillId: 'kasse-3',
      shopId: 'korn',
      clock,
      logger: memoryLogger(),
    })
    sale(feed, 1, 100)
    await push.pushOnce()
    postgres.cluster.kill()
    try {
      for (let i = 2; i <= 10; i++) sale(feed, i, 100)
      await expect(push.pushOnce()).rejects.toThrow()
      clock.advance(12_000)
      expect(push.status()).toMatchObject({ online: false, lagRows: 27 })
      expect(push.status().lagSeconds).toBeGreaterThanOrEqual(12)
    } finally {
      postgres.cluster.start()
    }
    expect(await push.pushOnce()).toBe(27)
    expect(push.status()).toMatchObject({ online: true, lagRows: 0, lagSeconds: 0 })
    expect(await count(url, 'SELECT count(*) FROM c_sales')).toBe(10)
    await pool.end()
  })

  it('a rewritten row is reported by its hash and nothing from it on is pushed', async () => {
    const url = await postgres.freshDatabase()
    const pool = createCentralPool(url, memoryLogger(), 2)
    const feed = memoryFeed()
    for (let i = 1; i <= 5; i++) sale(feed, i, 100)
    // A sale's total rewritten after the fact: the row no longer matches its hash.
    feed.rows[6] = { ...feed.rows[6]!, payload: feed.rows[6]!.payload.replace('"total":100', '"total":1') }
    const push = createJournalPush({
      pool,
      feed,
      tillId: 'kasse-4',
      shopId: 'korn',
      clock: manualClock(0),
      logger: memoryLogger(),
    })
    expect(await push.pushOnce()).toBe(6)
    expect(push.status().problem).toMatch(/^hash: row 7 .*does not match its hash/)
    expect(
      await count(url, "SELECT count(*) FROM replication_problems WHERE kind = 'hash' AND seq = 7"),
    ).toBe(1)
    expect(await count(url, 'SELECT max(seq) FROM journal_rows')).toBe(6)
    await pool.end()
  })

  it('a row linked to another predecessor than the row before it is reported, not pushed', async () => {
    const url = await postgres.freshDatabase()
    const pool = createCentralPool(url, memoryLogger(), 2)
    const feed = memoryFeed()
    for (let i = 1; i <= 3; i++) sale(feed, i, 100)
    // A row taken out and the chain recomputed from there on would still not link to what went up.
    const push = createJournalPush({
      pool,
      feed,
      tillId: 'kasse-6',
      shopId: 'korn',
      clock: manualClock(0),
      logger: memoryLogger(),
    })
    expect(await push.pushOnce()).toBe(9)
    const forged = memoryFeed()
    for (let i = 1; i <= 4; i++) sale(forged, i, i === 2 ? 1 : 100)
    const again = createJournalPush({
      pool,
      feed: forged,
      tillId: 'kasse-6',
      shopId: 'korn',
      clock: manualClock(0),
      logger: memoryLogger(),
    })
    expect(await again.pushOnce()).toBe(0)
    expect(again.status().problem).toMatch(/^hash: row 10 .* links to /)
    await pool.end()
  })

  it('a gap in the local sequence is reported, not skipped', async () => {
    const url = await postgres.freshDatabase()
    const pool = createCentralPool(url, memoryLogger(), 2)
    const feed = memoryFeed()
    for (let i = 1; i <= 3; i++) sale(feed, i, 100)
    feed.rows.splice(4, 1)
    const push = createJournalPush({
      pool,
      feed: { ...feed, head: () => 9 },
      tillId: 'kasse-5',
      shopId: 'korn',
      clock: manualClock(0),
      logger: memoryLogger(),
    })
    expect(await push.pushOnce()).toBe(4)
    expect(push.status().problem).toMatch(/^gap: expected seq 5/)
    await pool.end()
  })
})
