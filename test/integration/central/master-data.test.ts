import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { manualClock, memoryLogger } from '../../../common/ports'
import { demoCatalogue } from '../../../main/catalog/demo'
import {
  createMasterSync,
  fetchLatestMaster,
  MASTER_CACHE_FILE,
  publishMaster,
  readMasterCache,
  type MasterData,
} from '../../../main/central/master-data'
import { createCentralPool } from '../../../main/central/pool'
import { importMasterFile } from '../../../headoffice/import'
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres'

let postgres: TestPostgres
beforeAll(async () => {
  postgres = await startTestPostgres()
}, 60_000)
afterAll(() => postgres?.dispose())

const withPrice = (price: number): MasterData => {
  const catalogue = demoCatalogue()
  return {
    catalogue: {
      ...catalogue,
      products: catalogue.products.map((p) => (p.id === catalogue.products[0]!.id ? { ...p, price } : p)),
    },
  }
}

describe('master data down', () => {
  it("versions count up per shop and a till gets only its own shop's newest", async () => {
    const pool = createCentralPool(await postgres.freshDatabase(), memoryLogger())
    expect(await publishMaster(pool, 'korn', withPrice(50))).toBe(1)
    expect(await publishMaster(pool, 'korn', withPrice(55))).toBe(2)
    expect(await publishMaster(pool, 'markt', withPrice(99))).toBe(1)
    const latest = await fetchLatestMaster(pool, 'korn')
    expect(latest?.version).toBe(2)
    expect(latest?.data.catalogue.products[0]!.price).toBe(55)
    expect(await fetchLatestMaster(pool, 'korn', 2)).toBeNull()
    await pool.end()
  })

  it('a change waits while a sale is paid, is applied after it, and is kept on disk for an offline start', async () => {
    const pool = createCentralPool(await postgres.freshDatabase(), memoryLogger())
    const dir = mkdtempSync(join(tmpdir(), 'tresen-master-'))
    const cacheFile = join(dir, MASTER_CACHE_FILE)
    let paying = true
    const applied: number[] = []
    const sync = createMasterSync({
      pool,
      shopId: 'korn',
      cacheFile,
      appliedVersion: 0,
      apply: (data) => {
        if (paying) return false
        applied.push(data.catalogue.products[0]!.price)
        return true
      },
      clock: manualClock(0),
      logger: memoryLogger(),
    })
    await publishMaster(pool, 'korn', withPrice(60))
    expect(await sync.check()).toBe(0)
    expect(sync.status()).toMatchObject({ version: 0, pending: 1 })
    expect(applied).toEqual([])
    paying = false
    expect(await sync.afterSale()).toBe(1)
    expect(applied).toEqual([60])
    const cached = await readMasterCache(cacheFile, memoryLogger())
    expect(cached?.version).toBe(1)
    expect(cached?.data.catalogue.products[0]!.price).toBe(60)
    await pool.end()
    // PostgreSQL gone: the check fails quietly and the till keeps what it has.
    expect(await sync.check()).toBe(1)
    expect(sync.status().lastError).not.toBeNull()
  })

  it('a damaged cache file is ignored with a log line, not trusted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tresen-master-'))
    const file = join(dir, MASTER_CACHE_FILE)
    writeFileSync(file, '{"version": 3, "data": {"catalogue": {"categories": [], "products": "x"}}}')
    const logger = memoryLogger()
    expect(await readMasterCache(file, logger)).toBeNull()
    expect(logger.entries.map((e) => e.event)).toContain('central.master-cache-unreadable')
    expect(readFileSync(file, 'utf8')).toContain('"version": 3')
  })

  it('the import refuses a catalogue without a valid product and lists bad rows of a good one', async () => {
    const pool = createCentralPool(await postgres.freshDatabase(), memoryLogger())
    const dir = mkdtempSync(join(tmpdir(), 'tresen-import-'))
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ categories: [], products: [{ id: 'x', name: '', price: -1 }] }))
    await expect(importMasterFile(pool, 'korn', bad)).rejects.toThrow(
      /kein gültiger Artikel.*no valid product/,
    )
    const good = join(dir, 'good.json')
    const catalogue = demoCatalogue()
    writeFileSync(
      good,
      JSON.stringify({
        ...catalogue,
        products: [...catalogue.products, { id: 'broken', name: 'X', price: 'a' }],
      }),
    )
    const result = await importMasterFile(pool, 'korn', good)
    expect(result).toMatchObject({ version: 1, products: catalogue.products.length })
    expect(result.problems.length).toBeGreaterThan(0)
    expect(result.problems[0]!.row).toBe(catalogue.products.length + 1)
    await pool.end()
  })
})
