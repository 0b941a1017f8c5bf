// Favourites and discount rules as head office master data, on a real PostgreSQL: the command-line import
// (CSV and JSON, carried over between versions, refused when they would break the till), and a real till
// that applies them together with the catalogue between two sales and keeps them when PostgreSQL is gone.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Catalogue } from '../../../common/catalog'
import { appConfig } from '../../../common/config'
import type { FavouritesView } from '../../../common/counter'
import { DEFAULT_DISCOUNTS, type DiscountConfig } from '../../../common/discount'
import type { RegisterView } from '../../../common/basket'
import { manualClock, memoryLogger } from '../../../common/ports'
import { demoCatalogue } from '../../../main/catalog/demo'
import { importCatalogueJson } from '../../../main/catalog/load'
import pg from 'pg'
import {
  createMasterSync,
  fetchLatestMaster,
  MASTER_CACHE_FILE,
  masterData,
  publishMaster,
  readMasterCache,
} from '../../../main/central/master-data'
import { createCentralPool } from '../../../main/central/pool'
import { masters } from '../../../headoffice/reports'
import { importDemoChain, importMaster, importMasterForChain } from '../../../headoffice/import'
import { SEED_CATALOGUE } from '../checkout/fixtures'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres'

let postgres: TestPostgres
beforeAll(async () => {
  postgres = await startTestPostgres()
}, 60_000)
afterAll(() => postgres?.dispose())

const tmp = () => mkdtempSync(join(tmpdir(), 'tresen-master-fav-'))

const STAFF_RULES: DiscountConfig = {
  reasons: [
    { id: 'mitarbeiter', label: 'Mitarbeiter', kind: 'percent', value: 15 },
    { id: 'abend', label: 'Abendverkauf', kind: 'percent', value: 40 },
  ],
  managerAbovePercent: 15,
  managerAboveCents: 300,
  evening: { fromHour: 18, percent: 40, reasonId: 'abend' },
}

describe('favourites and discount rules in the import', () => {
  it('a favourites CSV and a discounts JSON become new versions that carry the catalogue over, and back', async () => {
    const url = await postgres.freshDatabase()
    const pool = createCentralPool(url, memoryLogger())
    const dir = tmp()
    const catalogue = demoCatalogue()
    writeFileSync(join(dir, 'katalog.json'), JSON.stringify(catalogue))
    // German Excel: semicolons, a header, a BOM; one unknown id and one twice are listed, not imported.
    writeFileSync(
      join(dir, 'favoriten.csv'),
      '\ufeffArtikel;Bemerkung\nlaugenbrezel;Renner\ncroissant;\ngibtsnicht;\nlaugenbrezel;\nkaffee-gross;\n',
    )
    writeFileSync(join(dir, 'rabatte.json'), JSON.stringify(STAFF_RULES))

    expect((await importMaster(pool, 'korn', { catalog: join(dir, 'katalog.json') })).version).toBe(1)
    const fav = await importMaster(pool, 'korn', { favourites: join(dir, 'favoriten.csv') })
    expect(fav).toMatchObject({ version: 2, products: catalogue.products.length, favourites: 2 })
    expect(fav.favouriteProblems).toEqual([
      expect.stringMatching(/"gibtsnicht".*not in the catalogue/),
      expect.stringMatching(/"laugenbrezel" doppelt.*twice/),
      expect.stringMatching(/"kaffee-gross".*not in the catalogue/),
    ])
    const rules = await importMaster(pool, 'korn', { discounts: join(dir, 'rabatte.json') })
    expect(rules).toMatchObject({ version: 3, favourites: 2, discountReasons: 2 })

    const v3 = (await fetchLatestMaster(pool, 'korn'))!
    expect(v3.data.favourites).toEqual(['laugenbrezel', 'croissant'])
    expect(v3.data.discounts).toEqual(STAFF_RULES)
    expect(v3.data.catalogue).toEqual((await fetchLatestMaster(pool, 'korn', 0))!.data.catalogue)

    // A new catalogue without the croissant: the page keeps the Brezel, the rules stay as they were.
    writeFileSync(
      join(dir, 'ohne-croissant.json'),
      JSON.stringify({ ...catalogue, products: catalogue.products.filter((p) => p.id !== 'croissant') }),
    )
    const v4 = await importMaster(pool, 'korn', { catalog: join(dir, 'ohne-croissant.json') })
    expect(v4.favouriteProblems).toEqual([expect.stringMatching(/"croissant".*not in the catalogue/)])
    const latest = (await fetchLatestMaster(pool, 'korn'))!
    expect(latest).toMatchObject({
      version: 4,
      data: { favourites: ['laugenbrezel'], discounts: STAFF_RULES },
    })
    await pool.end()
    rmSync(dir, { recursive: true, force: true })
  })

  it('favourites as JSON are read in tile order; a file with no known product publishes nothing', async () => {
    const pool = createCentralPool(await postgres.freshDatabase(), memoryLogger())
    const dir = tmp()
    writeFileSync(join(dir, 'katalog.json'), JSON.stringify(demoCatalogue()))
    writeFileSync(join(dir, 'fav.json'), JSON.stringify({ productIds: ['berliner', 'laugenbrezel'] }))
    writeFileSync(join(dir, 'leer.json'), JSON.stringify(['gibtsnicht']))
    await expect(importMaster(pool, 'korn', { favourites: join(dir, 'fav.json') })).rejects.toThrow(
      /noch kein Katalog.*no catalogue yet/,
    )
    await importMaster(pool, 'korn', {
      catalog: join(dir, 'katalog.json'),
      favourites: join(dir, 'fav.json'),
    })
    expect((await fetchLatestMaster(pool, 'korn'))!.data.favourites).toEqual(['berliner', 'laugenbrezel'])
    await expect(importMaster(pool, 'korn', { favourites: join(dir, 'leer.json') })).rejects.toThrow(
      /kein Favorit ist ein Artikel.*no favourite is a product/s,
    )
    expect((await fetchLatestMaster(pool, 'korn'))!.version).toBe(1)
    await pool.end()
    rmSync(dir, { recursive: true, force: true })
  })

  it('discount rules and seller lists the till could not use are refused in German and English and publish nothing', async () => {
    const url = await postgres.freshDatabase()
    const pool = createCentralPool(url, memoryLogger())
    const dir = tmp()
    writeFileSync(join(dir, 'katalog.json'), JSON.stringify(demoCatalogue()))
    await importMaster(pool, 'korn', { catalog: join(dir, 'katalog.json') })
    // The Abendverkauf rule names a reason the list does not have.
    writeFileSync(
      join(dir, 'ohne-grund.json'),
      JSON.stringify({ ...STAFF_RULES, evening: { fromHour: 18, percent: 40, reasonId: 'fehlt' } }),
    )
    await expect(importMaster(pool, 'korn', { discounts: join(dir, 'ohne-grund.json') })).rejects.toThrow(
      /Rabattgrund "fehlt" fehlt.*no discount reason "fehlt"/,
    )
    writeFileSync(join(dir, 'zu-viel.json'), JSON.stringify({ ...STAFF_RULES, managerAbovePercent: 150 }))
    await expect(importMaster(pool, 'korn', { discounts: join(dir, 'zu-viel.json') })).rejects.toThrow(
      /ungültige Rabattregeln.*invalid discount rules.*managerAbovePercent/s,
    )
    writeFileSync(join(dir, 'kaputt.json'), '{"reasons": [')
    await expect(importMaster(pool, 'korn', { discounts: join(dir, 'kaputt.json') })).rejects.toThrow(
      /kein gültiges JSON.*not valid JSON/,
    )
    // A seller list with one PIN twice is refused the same way; a good one replaces the shop's sellers.
    const anna = { id: 'anna', name: 'Anna', pin: '1111', role: 'seller' }
    writeFileSync(join(dir, 'doppelt.json'), JSON.stringify([anna, { ...anna, id: 'ben', name: 'Ben' }]))
    await expect(importMaster(pool, 'korn', { sellers: join(dir, 'doppelt.json') })).rejects.toThrow(
      /ungültige Verkäuferliste.*invalid seller list.*PINs must be unique/s,
    )
    expect((await fetchLatestMaster(pool, 'korn'))!.version).toBe(1)
    writeFileSync(join(dir, 'verkaeufer.json'), JSON.stringify([anna]))
    await importMaster(pool, 'korn', { sellers: join(dir, 'verkaeufer.json') })
    expect((await fetchLatestMaster(pool, 'korn'))!.data.sellers).toEqual([anna])
    // The same rules are checked on arrival: a version written around the import is not applied, the
    // till keeps what it has and takes the next valid one.
    expect(masterData.safeParse({ catalogue: demoCatalogue(), favourites: ['gibtsnicht'] }).success).toBe(
      false,
    )
    const raw = new pg.Client(url)
    await raw.connect()
    await raw.query('INSERT INTO master_data (shop_id, version, data) VALUES ($1, $2, $3::jsonb)', [
      'korn',
      3,
      JSON.stringify({ catalogue: demoCatalogue(), favourites: ['gibtsnicht'] }),
    ])
    await raw.end()
    const applied: number[] = []
    const logger = memoryLogger()
    const sync = createMasterSync({
      pool,
      shopId: 'korn',
      cacheFile: join(dir, MASTER_CACHE_FILE),
      appliedVersion: 2,
      apply: (_data, version) => applied.push(version) > 0,
      clock: manualClock(0),
      logger,
    })
    expect(await sync.check()).toBe(2)
    expect(sync.status().lastError).toMatch(/favourite "gibtsnicht" is not in the catalogue/)
    expect(applied).toEqual([])
    expect(logger.entries.map((e) => e.event)).toContain('central.master-check-failed')
    await publishMaster(pool, 'korn', { catalogue: demoCatalogue(), favourites: ['laugenbrezel'] })
    expect(await sync.check()).toBe(4)
    expect(applied).toEqual([4])
    await pool.end()
    rmSync(dir, { recursive: true, force: true })
  })

  it('the demo chain gives the station shop its favourites page and both shops the chain rules; a chain import renews both', async () => {
    const url = await postgres.freshDatabase()
    const pool = createCentralPool(url, memoryLogger())
    await importDemoChain(pool as never)
    const bahnhof = (await fetchLatestMaster(pool, 'korn-bahnhof'))!
    const markt = (await fetchLatestMaster(pool, 'korn-markt'))!
    expect(bahnhof.data.favourites?.[0]).toBe('laugenbrezel')
    expect(markt.data.favourites).toBeUndefined()
    expect(markt.data.discounts?.managerAbovePercent).toBe(10)
    // The head office view's summary of what it sent down.
    const products = demoCatalogue().products.length
    expect(
      (await masters(pool as never)).map((m) => [
        m.shopId,
        m.version,
        m.products,
        m.favourites,
        m.discountReasons,
      ]),
    ).toEqual([
      ['korn-bahnhof', 1, products, 5, 4],
      ['korn-markt', 1, products, 0, 4],
    ])

    // New rules for the whole chain: one version per shop, the station's favourites page stays.
    const dir = tmp()
    writeFileSync(join(dir, 'rabatte.json'), JSON.stringify(STAFF_RULES))
    writeFileSync(join(dir, 'kaputt.json'), JSON.stringify({ ...STAFF_RULES, reasons: 'x' }))
    await expect(
      importMasterForChain(pool as never, 'korn', { discounts: join(dir, 'kaputt.json') }),
    ).rejects.toThrow(/ungültige Rabattregeln.*invalid discount rules/s)
    expect((await fetchLatestMaster(pool, 'korn-markt'))!.version).toBe(1)
    expect((await fetchLatestMaster(pool, 'korn-bahnhof'))!.version).toBe(1)
    const results = await importMasterForChain(pool as never, 'korn', {
      discounts: join(dir, 'rabatte.json'),
    })
    expect(results.map((r) => [r.shopId, r.version, r.discountReasons])).toEqual([
      ['korn-bahnhof', 2, 2],
      ['korn-markt', 2, 2],
    ])
    expect((await fetchLatestMaster(pool, 'korn-bahnhof'))!.data).toMatchObject({
      favourites: bahnhof.data.favourites,
      discounts: STAFF_RULES,
      shop: bahnhof.data.shop,
    })
    await expect(importMasterForChain(pool as never, 'andere', {})).rejects.toThrow(
      /keine Filialen.*no shops/,
    )
    await pool.end()
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('a till applies favourites and discount rules from the head office', () => {
  const seed = (): Catalogue => importCatalogueJson(readFileSync(SEED_CATALOGUE, 'utf8')).catalogue

  async function openTill(url: string, dataDir: string): Promise<TestApp> {
    return createTestApp({
      dataDir,
      config: appConfig.parse({
        demo: true,
        catalog: SEED_CATALOGUE,
        tillId: 'markt-1',
        receipt: { policy: 'never' },
        central: { url, shopId: 'korn-markt', pushIntervalMs: 200, checkIntervalMs: 1_000 },
      }),
    })
  }
  async function send<T>(t: TestApp, command: string, input: unknown = {}): Promise<T> {
    const r = await t.app.dispatch(command, input)
    if (!r.ok) throw Object.assign(new Error(`${command}: ${r.error.messageKey}`), { error: r.error })
    return r.value as T
  }
  async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000) {
    const end = Date.now() + ms
    let last = await probe()
    while (!ok(last)) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`)
      await new Promise((r) => setTimeout(r, 100))
      last = await probe()
    }
    return last
  }

  it('price, favourites page and discount rules change in one step, stay over an offline restart, and go back to the till’s own', async () => {
    const url = await postgres.freshDatabase()
    const dataDir = tmp()
    const pool = createCentralPool(url, memoryLogger())
    let till = await openTill(url, dataDir)
    try {
      await send(till, 'seller.login', { sellerId: 'anna', pin: '1111' })
      // Before: the till's own rules and its own favourites, which a seller may arrange.
      expect(await send<DiscountConfig>(till, 'discount.config')).toEqual(DEFAULT_DISCOUNTS)
      await send(till, 'counter.setFavourites', { productIds: ['wasser'] })
      expect(await send<FavouritesView>(till, 'counter.favourites')).toMatchObject({ source: 'backoffice' })

      const catalogue = seed()
      const price = catalogue.products.find((p) => p.id === 'kaffee')!.price
      await publishMaster(pool, 'korn-markt', {
        catalogue: {
          ...catalogue,
          products: catalogue.products.map((p) => (p.id === 'kaffee' ? { ...p, price: price + 20 } : p)),
        },
        favourites: ['kaffee', 'obstsalat'],
        discounts: STAFF_RULES,
      })
      // The moment the new price is there, the page and the rules of the same version are there too.
      await until(
        'the new version',
        () => send<Catalogue>(till, 'catalog.get'),
        (c) => c.products.find((p) => p.id === 'kaffee')!.price === price + 20,
      )
      expect(await send<FavouritesView>(till, 'counter.favourites')).toEqual({
        productIds: ['kaffee', 'obstsalat'],
        source: 'headoffice',
      })
      expect(await send<DiscountConfig>(till, 'discount.config')).toEqual(STAFF_RULES)

      // The new rules are the ones the counter enforces: 15 % is within the limit, 20 % (allowed under
      // the till's own 20 % limit) now needs the manager, and the till's own reasons are gone.
      await send(till, 'basket.addProduct', { productId: 'kaffee', quantity: 1 })
      const staff = await send<RegisterView>(till, 'basket.discount', {
        kind: 'percent',
        value: 15,
        reasonId: 'mitarbeiter',
      })
      expect(staff.basket?.lines[0]?.discount).toMatchObject({
        reasonId: 'mitarbeiter',
        reason: 'Mitarbeiter',
      })
      const tooMuch = await till.app.dispatch('basket.discount', {
        kind: 'percent',
        value: 20,
        reasonId: 'mitarbeiter',
      })
      expect(tooMuch).toMatchObject({ ok: false, error: { messageKey: 'seller.error.managerRequired' } })
      const gone = await till.app.dispatch('basket.discount', {
        kind: 'percent',
        value: 5,
        reasonId: 'personal',
      })
      expect(gone).toMatchObject({ ok: false, error: { messageKey: 'basket.error.discountReason' } })

      // The shop's page is arranged at the head office now: a till's own list is refused, with a reason.
      const own = await till.app.dispatch('counter.setFavourites', { productIds: ['wasser'] })
      expect(own).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', messageKey: 'central.error.favouritesFromHeadOffice' },
      })
      // The cache file is written right after the version is applied (in the background).
      await until(
        'the version in the cache file',
        async () =>
          (await readMasterCache(join(dataDir, MASTER_CACHE_FILE), memoryLogger()))?.data.favourites,
        (favourites) => favourites !== undefined,
      )
      expect(
        (await readMasterCache(join(dataDir, MASTER_CACHE_FILE), memoryLogger()))?.data.favourites,
      ).toEqual(['kaffee', 'obstsalat'])
    } finally {
      await till.app.close()
    }

    // PostgreSQL gone: the till starts with the version it applied last, favourites and rules included.
    postgres.cluster.kill()
    try {
      till = await openTill(url, dataDir)
      expect(await send<FavouritesView>(till, 'counter.favourites')).toMatchObject({
        productIds: ['kaffee', 'obstsalat'],
        source: 'headoffice',
      })
      expect(await send<DiscountConfig>(till, 'discount.config')).toEqual(STAFF_RULES)
      await till.app.close()
    } finally {
      postgres.cluster.start()
    }

    // A version without favourites and rules hands the page and the rules back to the till.
    till = await openTill(url, dataDir)
    try {
      const back = createCentralPool(url, memoryLogger())
      await publishMaster(back, 'korn-markt', { catalogue: seed() })
      await back.end()
      await until(
        'the till’s own favourites again',
        () => send<FavouritesView>(till, 'counter.favourites'),
        (v) => v.source === 'backoffice',
      )
      expect(await send<FavouritesView>(till, 'counter.favourites')).toEqual({
        productIds: ['wasser'],
        source: 'backoffice',
      })
      expect(await send<DiscountConfig>(till, 'discount.config')).toEqual(DEFAULT_DISCOUNTS)
    } finally {
      await till.app.close()
      await pool.end().catch(() => undefined)
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 90_000)
})
