// Two real tills (the whole app, demo devices and the embedded payment simulator) of one shop on one
// PostgreSQL: journals up while selling, PostgreSQL stopped and started again, a price change from the
// head office, and a basket parked at one till and paid at the other.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import type { RegisterView } from '../../../common/basket'
import type { Catalogue } from '../../../common/catalog'
import type { CentralStatus } from '../../../common/ipc/central-contract'
import { memoryLogger } from '../../../common/ports'
import { publishMaster } from '../../../main/central/master-data'
import { createCentralPool } from '../../../main/central/pool'
import { checkoutApp, type CheckoutTestApp } from '../checkout/helpers'
import { SEED_CATALOGUE } from '../checkout/fixtures'
import { importCatalogueJson } from '../../../main/catalog/load'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { openJournalFeed } from '../../../main/central/journal-feed'
import { JOURNAL_FILE } from '../../../main/journal/database'
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres'
import { DatabaseSync } from 'node:sqlite'

let postgres: TestPostgres
let tills: CheckoutTestApp[] = []
beforeAll(async () => {
  postgres = await startTestPostgres()
}, 60_000)
afterEach(async () => {
  await Promise.all(tills.map((t) => t.dispose()))
  tills = []
})
afterAll(() => postgres?.dispose())

async function until<T>(what: string, probe: () => Promise<T> | T, ok: (v: T) => boolean, ms = 15_000) {
  const end = Date.now() + ms
  let last: T = await probe()
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`)
    await new Promise((r) => setTimeout(r, 100))
    last = await probe()
  }
  return last
}

async function openTill(url: string, tillId: string): Promise<CheckoutTestApp> {
  const t = await checkoutApp({
    tillId,
    receipt: { policy: 'never' },
    central: { url, shopId: 'korn-markt', pushIntervalMs: 200, checkIntervalMs: 1_000 },
  })
  tills.push(t)
  return t
}

const status = (t: CheckoutTestApp) => t.send<CentralStatus>('central.status')

async function sell(t: CheckoutTestApp, how: 'cash' | 'terminal', seller = 'anna', pin = '1111') {
  await t.send('seller.login', { sellerId: seller, pin })
  await t.send('basket.addProduct', { productId: 'kaffee', quantity: 2 })
  const paid =
    how === 'cash' ? await t.run('checkout.payCash', { tendered: 1000 }) : await t.run('checkout.payTerminal')
  expect(paid.phase).toBe('paid')
  await t.send('checkout.done')
}

async function centralCount(url: string, sql: string, args: unknown[] = []): Promise<number> {
  const c = new pg.Client(url)
  await c.connect()
  try {
    const { rows } = await c.query(sql, args)
    return Number(Object.values(rows[0] as object)[0])
  } finally {
    await c.end()
  }
}

/** Rows of the till's local hash chain, read as the push reads them. */
function localRows(t: CheckoutTestApp): number {
  const feed = openJournalFeed(join(t.dataDir, JOURNAL_FILE))
  try {
    return feed.head()
  } finally {
    feed.close()
  }
}

describe('two tills of one shop on PostgreSQL', () => {
  it('both sell cash and card while PostgreSQL is stopped; once it is back every row is there exactly once', async () => {
    const url = await postgres.freshDatabase()
    const [a, b] = [await openTill(url, 'markt-1'), await openTill(url, 'markt-2')]
    await sell(a, 'cash')
    await sell(b, 'terminal', 'ben', '2222')
    await until(
      'both tills caught up',
      () => Promise.all([status(a), status(b)]),
      (s) => s.every((x) => x.online && x.lagRows === 0),
    )

    postgres.cluster.kill()
    try {
      for (const t of [a, b]) {
        await sell(t, 'cash')
        await sell(t, 'terminal')
      }
      const down = await until(
        'both tills notice',
        () => Promise.all([status(a), status(b)]),
        (s) => s.every((x) => !x.online),
      )
      expect(down.every((x) => x.lagRows > 0)).toBe(true)
    } finally {
      postgres.cluster.start()
    }
    await until(
      'lag back to 0',
      () => Promise.all([status(a), status(b)]),
      (s) => s.every((x) => x.online && x.lagRows === 0 && x.problem === null),
      30_000,
    )
    for (const [t, tillId] of [
      [a, 'markt-1'],
      [b, 'markt-2'],
    ] as const) {
      const local = localRows(t)
      expect(await centralCount(url, 'SELECT count(*) FROM journal_rows WHERE till_id = $1', [tillId])).toBe(
        local,
      )
      expect(await centralCount(url, 'SELECT max(seq) FROM journal_rows WHERE till_id = $1', [tillId])).toBe(
        local,
      )
      expect(await centralCount(url, 'SELECT count(*) FROM c_sales WHERE till_id = $1', [tillId])).toBe(3)
    }
    expect(await centralCount(url, 'SELECT count(*) FROM replication_problems')).toBe(0)
  }, 90_000)

  it('a price change and a new seller from the head office reach both tills between two sales', async () => {
    const url = await postgres.freshDatabase()
    const [a, b] = [await openTill(url, 'markt-1'), await openTill(url, 'markt-2')]
    const pool = createCentralPool(url, memoryLogger())
    const seed = importCatalogueJson(readFileSync(SEED_CATALOGUE, 'utf8')).catalogue
    const kaffee = (c: Catalogue) => c.products.find((p) => p.id === 'kaffee')!.price
    const before = kaffee(seed)
    // Till A is in the middle of a sale: its basket keeps the price the customer was told.
    await a.send('seller.login', { sellerId: 'anna', pin: '1111' })
    await a.send('basket.addProduct', { productId: 'kaffee', quantity: 1 })
    await publishMaster(pool, 'korn-markt', {
      catalogue: {
        ...seed,
        products: seed.products.map((p) => (p.id === 'kaffee' ? { ...p, price: before + 20 } : p)),
      },
      sellers: [
        { id: 'anna', name: 'Anna', pin: '1111', role: 'seller' },
        { id: 'ben', name: 'Ben', pin: '2222', role: 'seller' },
        { id: 'clara', name: 'Clara', pin: '3737', role: 'manager' },
      ],
    })
    for (const t of [a, b])
      await until(
        'new price',
        () => t.send<Catalogue>('catalog.get'),
        (c) => kaffee(c) === before + 20,
      )
    const basket = (await a.send<RegisterView>('register.view')).basket!
    expect(basket.lines[0]).toMatchObject({ productId: 'kaffee', unitPrice: before })
    // The next sale is rung at the new price, at either till.
    await b.send('seller.login', { sellerId: 'ben', pin: '2222' })
    const next = await b.send<RegisterView>('basket.addProduct', { productId: 'kaffee', quantity: 1 })
    expect(next.basket?.lines[0]).toMatchObject({ unitPrice: before + 20 })
    const clara = await a.send<RegisterView>('seller.login', { sellerId: 'clara', pin: '3737' })
    expect(clara.activeSellerId).toBe('clara')
    expect((await status(a)).masterVersion).toBe(1)
    expect((await status(b)).masterVersion).toBe(1)
    await pool.end()
  }, 60_000)

  it('a seller parks at one till and finishes at the other, still Im Haus; the first till no longer shows the basket', async () => {
    const url = await postgres.freshDatabase()
    const [a, b] = [await openTill(url, 'markt-1'), await openTill(url, 'markt-2')]
    await a.send('seller.login', { sellerId: 'anna', pin: '1111' })
    await a.send('basket.addProduct', { productId: 'kaffee', quantity: 3 })
    // The customer stays in the café: Im Haus goes with the basket to the other till.
    await a.send('basket.setConsumption', { consumption: 'inhouse' })
    await a.send('seller.park')
    const offered = await until(
      'the basket offered at till 2',
      () => b.send<RegisterView>('register.view'),
      (v) => v.sellers.some((s) => s.sellerId === 'anna' && s.till === 'markt-1'),
    )
    expect(offered.sellers.find((s) => s.sellerId === 'anna')).toMatchObject({ itemCount: 3, active: false })
    const taken = await b.send<RegisterView>('seller.login', { sellerId: 'anna', pin: '1111' })
    expect(taken.basket?.lines).toEqual([expect.objectContaining({ productId: 'kaffee', quantity: 3 })])
    expect(taken.basket?.consumption).toBe('inhouse')
    await until(
      'till 1 drops the basket',
      () => a.send<RegisterView>('register.view'),
      (v) => !v.sellers.some((s) => s.sellerId === 'anna'),
    )
    // Back at till 1 the seller starts empty: the basket is being served at till 2.
    const back = await a.send<RegisterView>('seller.login', { sellerId: 'anna', pin: '1111' })
    expect(back.basket?.lines ?? []).toEqual([])
    const paid = await b.run('checkout.payCash', { tendered: 2000 })
    expect(paid.phase).toBe('paid')
    expect(b.app.journal.sale(paid.saleId!)!.consumption).toBe('inhouse')
  }, 60_000)

  // docs/central.md, "The open TSE transaction when a basket moves": a TSE transaction belongs to one TSE client (one
  // till), so a basket that moves is cancelled at its origin (AVBelegabbruch) and signed anew by the
  // till that takes it up — never finished by a TSE that did not start it.
  it('a basket that moves to till 2 is cancelled in till 1’s TSE and signed by till 2’s TSE', async () => {
    const url = await postgres.freshDatabase()
    const [a, b] = [await openTill(url, 'markt-1'), await openTill(url, 'markt-2')]
    await a.send('seller.login', { sellerId: 'anna', pin: '1111' })
    await a.send('basket.addProduct', { productId: 'kaffee', quantity: 3 })
    const txOf = (t: CheckoutTestApp) => tseRows(t).filter((r) => r.state === 'started' && r.sale_id === null)
    const [startedAtA] = await until(
      'till 1 started a TSE transaction for the basket',
      () => txOf(a),
      (r) => r.length === 1,
    )
    await a.send('seller.park')
    await until(
      'the basket offered at till 2',
      () => b.send<RegisterView>('register.view'),
      (v) => v.sellers.some((s) => s.sellerId === 'anna' && s.till === 'markt-1'),
    )
    // Parked, the basket keeps its open transaction at till 1.
    expect(
      tseRows(a)
        .filter((r) => r.tx_id === startedAtA!.tx_id)
        .map((r) => r.state),
    ).toEqual(['started'])

    await b.send<RegisterView>('seller.login', { sellerId: 'anna', pin: '1111' })
    const cancelled = await until(
      'till 1 cancels the moved basket’s transaction',
      () => tseRows(a).filter((r) => r.tx_id === startedAtA!.tx_id && r.state === 'cancelled'),
      (r) => r.length === 1,
    )
    // TR-03153 / DSFinV-K: a Belegabbruch is a Kassenbeleg-V1 process whose data starts "AVBelegabbruch".
    expect(cancelled[0]).toMatchObject({ process_type: 'Kassenbeleg-V1' })
    // Its bon at till 1: aborted, with the lines the basket had there (docs/fiscal-tse.md "Every
    // transaction has a bon").
    const bon = a.app.journal.sale(Number(cancelled[0]!.sale_id))!
    expect(bon.status).toBe('aborted')
    expect(bon.lines.map((l) => [l.productId, l.quantity])).toEqual([['kaffee', 3]])
    expect(cancelled[0]!.process_data).toMatch(/^AVBelegabbruch\^/)
    expect(cancelled[0]!.signature).toEqual(expect.any(String))

    const paid = await b.run('checkout.payCash', { tendered: 2000 })
    expect(paid.phase).toBe('paid')
    const finishedAtB = await until(
      'till 2 signs the sale',
      () => tseRows(b).filter((r) => r.state === 'finished' && r.sale_id !== null),
      (r) => r.length === 1,
    )
    expect(finishedAtB[0]).toMatchObject({ process_type: 'Kassenbeleg-V1' })
    expect(finishedAtB[0]!.process_data).toMatch(/^Beleg\^/)
    // Its own transaction, from its own TSE client: not the one till 1 started.
    expect(finishedAtB[0]!.tx_id).not.toBe(startedAtA!.tx_id)
    expect(finishedAtB[0]!.client_id).not.toBe(cancelled[0]!.client_id)
    // Till 1 signed no receipt for the basket it gave away.
    expect(tseRows(a).filter((r) => r.state === 'finished' && r.process_type === 'Kassenbeleg-V1')).toEqual(
      [],
    )
  }, 60_000)
})

interface TseRecordRow {
  tx_id: string | null
  state: string
  sale_id: number | null
  process_type: string | null
  process_data: string | null
  signature: string | null
  client_id: string | null
}

/** The till's tse_records, read from its journal file as an auditor would. */
function tseRows(t: CheckoutTestApp): TseRecordRow[] {
  const db = new DatabaseSync(join(t.dataDir, JOURNAL_FILE), { readOnly: true })
  try {
    return db
      .prepare(
        'SELECT tx_id, state, sale_id, process_type, process_data, signature, client_id FROM tse_records ORDER BY id',
      )
      .all() as unknown as TseRecordRow[]
  } finally {
    db.close()
  }
}
