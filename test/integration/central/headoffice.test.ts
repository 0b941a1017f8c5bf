import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { manualClock, memoryLogger } from '../../../common/ports'
import { createJournalPush } from '../../../main/central/journal-push'
import { createCentralPool } from '../../../main/central/pool'
import { day, tills } from '../../../headoffice/reports'
import { ensureCentralSchema } from '../../../headoffice/schema'
import { startHeadOffice } from '../../../headoffice/server'
import { memoryFeed } from '../../helpers/memory-feed'
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres'

let postgres: TestPostgres
beforeAll(async () => {
  postgres = await startTestPostgres()
}, 60_000)
afterAll(() => postgres?.dispose())

const broetchen = { productId: 'broetchen', name: 'Brötchen', quantity: 3, total: 135 }
const kaffee = { productId: 'kaffee', name: 'Kaffee', quantity: 1, total: 280 }

async function seed(url: string) {
  const pool = createCentralPool(url, memoryLogger())
  const shops = [
    { tillId: 'markt-1', shopId: 'korn-markt' },
    { tillId: 'markt-2', shopId: 'korn-markt' },
    { tillId: 'bahnhof-1', shopId: 'korn-bahnhof' },
  ]
  for (const [t, { tillId, shopId }] of shops.entries()) {
    const feed = memoryFeed()
    // 07:15 and 08:40 German time on 6 December 2026 (UTC+1), and one sale just before midnight the day before.
    feed.sale(1, [broetchen], '2026-12-06T06:15:00.000Z')
    feed.sale(2, [broetchen, kaffee], '2026-12-06T07:40:00.000Z')
    feed.sale(3, [kaffee], '2026-12-05T22:59:00.000Z')
    feed.append('closings', {
      id: 1,
      z_no: 1,
      at: '2026-12-06T17:30:00.000Z',
      expected_cash: 10_000 + t,
      counted_cash: 10_000,
      difference: -t,
    })
    const push = createJournalPush({
      pool,
      feed,
      tillId,
      shopId,
      clock: manualClock(0),
      logger: memoryLogger(),
    })
    await push.pushOnce()
  }
  return pool
}

describe('head office view', () => {
  it('reports one German calendar day per shop, per article and per hour, and the Z closings', async () => {
    const url = await postgres.freshDatabase()
    const pool = await seed(url)
    const all = await day(pool, '2026-12-06', null)
    expect(all.shops).toEqual([
      { shopId: 'korn-bahnhof', sales: 2, total: 135 + 135 + 280 },
      { shopId: 'korn-markt', sales: 4, total: 2 * (135 + 135 + 280) },
    ])
    // Pieces per German hour: what the baking plan needs to have on the shelf when.
    const hoursOf = (counts: Record<number, number>) => Array.from({ length: 24 }, (_, h) => counts[h] ?? 0)
    expect(all.articles).toEqual([
      {
        productId: 'broetchen',
        name: 'Brötchen',
        quantity: 18,
        weightGrams: 0,
        total: 810,
        byHour: hoursOf({ 7: 9, 8: 9 }),
      },
      {
        productId: 'kaffee',
        name: 'Kaffee',
        quantity: 3,
        weightGrams: 0,
        total: 840,
        byHour: hoursOf({ 8: 3 }),
      },
    ])
    expect(all.hours).toEqual([
      { hour: 7, sales: 3, total: 405 },
      { hour: 8, sales: 3, total: 1245 },
    ])
    expect(all.closings.map((c) => [c.tillId, c.zNo, c.difference])).toEqual([
      ['bahnhof-1', 1, -2],
      ['markt-1', 1, 0],
      ['markt-2', 1, -1],
    ])
    const markt = await day(pool, '2026-12-05', 'korn-markt')
    expect(markt.shops).toEqual([{ shopId: 'korn-markt', sales: 2, total: 560 }])
    expect((await tills(pool)).map((t) => [t.tillId, t.lastSeq, t.lagRows])).toEqual([
      ['bahnhof-1', 11, 0],
      ['markt-1', 11, 0],
      ['markt-2', 11, 0],
    ])
    await expect(day(pool, '2026-13-45', null)).rejects.toThrow(/not a date/)
    await pool.end()
  })

  it('leaves training sales out of the day, as the till’s own X and Z do, also those pushed before it knew them', async () => {
    const url = await postgres.freshDatabase()
    const pool = createCentralPool(url, memoryLogger())
    const feed = memoryFeed()
    feed.sale(1, [broetchen], '2026-12-06T06:15:00.000Z')
    // Sale 2 was begun in training mode: the mark is written when it begins, before its completion.
    feed.append('training_sales', { sale_id: 2, at: '2026-12-06T06:20:00.000Z' })
    feed.sale(2, [broetchen, kaffee], '2026-12-06T06:21:00.000Z')
    const push = createJournalPush({
      pool,
      feed,
      tillId: 'markt-1',
      shopId: 'korn-markt',
      clock: manualClock(0),
      logger: memoryLogger(),
      // Small batches: the mark and its sale's completion go up in different ones.
      batchSize: 2,
    })
    expect(await push.pushOnce()).toBe(feed.rows.length)
    const real = {
      shops: [{ shopId: 'korn-markt', sales: 1, total: 135 }],
      hours: [{ hour: 7, sales: 1, total: 135 }],
      articles: [['broetchen', 3]],
    }
    const seen = async () => {
      const d = await day(pool, '2026-12-06', null)
      return { shops: d.shops, hours: d.hours, articles: d.articles.map((a) => [a.productId, a.quantity]) }
    }
    expect(await seen()).toEqual(real)
    // A database from before training marks were projected: its journal rows hold the mark, and the
    // schema's upgrade takes it from there once.
    const c = await pool.connect()
    try {
      await c.query('DELETE FROM c_training_sales')
      await c.query('DELETE FROM central_schema WHERE version >= 3')
      expect((await seen()).shops).toEqual([{ shopId: 'korn-markt', sales: 2, total: 135 + 135 + 280 }])
      await ensureCentralSchema(c)
    } finally {
      c.release()
    }
    expect(await seen()).toEqual(real)
    await pool.end()
  })

  it('serves the page and its JSON only with the start token, then by a cookie named for its port', async () => {
    const url = await postgres.freshDatabase()
    const pool = await seed(url)
    const rendererDir = mkdtempSync(join(tmpdir(), 'tresen-ho-'))
    writeFileSync(join(rendererDir, 'headoffice.html'), '<!doctype html><title>Tresen – Zentrale</title>')
    const server = await startHeadOffice({ pool, rendererDir })
    try {
      const base = `http://127.0.0.1:${server.port}`
      const refused = await fetch(`${base}/api/tills`)
      expect(refused.status).toBe(401)
      expect(await refused.text()).toMatch(/Zugriff verweigert.*\n.*Access denied/)
      const page = await fetch(server.url)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('Zentrale')
      const cookie = page.headers.get('set-cookie') ?? ''
      expect(cookie).toMatch(new RegExp(`^tresen_central_${server.port}=`))
      const report = await fetch(`${base}/api/day?date=2026-12-06&shop=korn-bahnhof`, {
        headers: { cookie: cookie.split(';')[0]! },
      })
      expect(report.status).toBe(200)
      expect(((await report.json()) as { shops: unknown[] }).shops).toEqual([
        { shopId: 'korn-bahnhof', sales: 2, total: 550 },
      ])
      const bad = await fetch(`${base}/api/day?date=nonsense&token=${server.token}`)
      expect(bad.status).toBe(400)
    } finally {
      await server.close()
      await pool.end()
    }
  })
})
