import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryLogger } from '../../../common/ports'
import type { BasketLine } from '../../../common/basket'
import { AppFailure } from '../../../common/result'
import { createParkedBasketStore } from '../../../main/central/parked-baskets'
import { createCentralPool } from '../../../main/central/pool'
import { ensureCentralSchema } from '../../../headoffice/schema'
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres'

let postgres: TestPostgres
beforeAll(async () => {
  postgres = await startTestPostgres()
}, 60_000)
afterAll(() => postgres?.dispose())

const lines: BasketLine[] = [
  {
    lineId: 'L1',
    productId: 'broetchen',
    name: 'Brötchen',
    kind: 'piece',
    quantity: 3,
    unitPrice: 45,
    total: 135,
    vatRate: 7,
  },
]

describe('parked baskets across the tills of a shop', () => {
  it('a basket parked at till 1 is taken up at till 2 with its lines and prices', async () => {
    const url = await postgres.freshDatabase()
    const pool = createCentralPool(url, memoryLogger())
    const till1 = createParkedBasketStore(pool, 'korn', 'kasse-1')
    const till2 = createParkedBasketStore(pool, 'korn', 'kasse-2')
    const other = createParkedBasketStore(pool, 'markt', 'kasse-9')
    const id = await till1.offer('anna', lines, 135, 'inhouse')
    expect(await other.open()).toEqual([])
    expect((await till2.open()).map((o) => [o.sellerId, o.fromTill, o.total, o.itemCount])).toEqual([
      ['anna', 'kasse-1', 135, 3],
    ])
    expect(await till2.claim(id)).toEqual({ lines, consumption: 'inhouse' })
    expect(await till1.open()).toEqual([])
    const late = await till1.claim(id).catch((e: unknown) => e)
    expect(late).toBeInstanceOf(AppFailure)
    expect((late as AppFailure).error).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'central.error.basketTaken',
      params: { till: 'kasse-2' },
    })
    await pool.end()
  })

  it('a database from before Im Haus / Außer Haus gains the column, and an old till’s basket comes back with its lines alone', async () => {
    const url = await postgres.freshDatabase()
    const pool = createCentralPool(url, memoryLogger())
    const c = await pool.connect()
    try {
      // The database as the first version left it, with a basket an old till parked there.
      await c.query('ALTER TABLE parked_baskets DROP COLUMN consumption')
      await c.query(
        `INSERT INTO parked_baskets (basket_id, shop_id, seller_id, from_till, lines, total, state)
         VALUES ('00000000-0000-4000-8000-000000000001', 'korn', 'anna', 'kasse-alt', $1::jsonb, 135, 'parked')`,
        [JSON.stringify(lines)],
      )
      await ensureCentralSchema(c)
    } finally {
      c.release()
    }
    const till2 = createParkedBasketStore(pool, 'korn', 'kasse-2')
    expect(await till2.claim('00000000-0000-4000-8000-000000000001')).toEqual({ lines })
    const id = await till2.offer('anna', lines, 135, 'takeaway')
    expect(await createParkedBasketStore(pool, 'korn', 'kasse-1').claim(id)).toEqual({
      lines,
      consumption: 'takeaway',
    })
    await pool.end()
  })

  it('two tills tapping the same basket at once: exactly one gets it, 1 000 times', async () => {
    const url = await postgres.freshDatabase()
    const pool1 = createCentralPool(url, memoryLogger(), 4)
    const pool2 = createCentralPool(url, memoryLogger(), 4)
    const till1 = createParkedBasketStore(pool1, 'korn', 'kasse-1')
    const till2 = createParkedBasketStore(pool2, 'korn', 'kasse-2')
    let oneWinner = 0
    for (let round = 0; round < 1000; round += 4) {
      const ids = await Promise.all([0, 1, 2, 3].map(() => till1.offer('ben', lines, 135, 'takeaway')))
      const results = await Promise.all(
        ids.flatMap((id) =>
          [till1.claim(id), till2.claim(id)].map((p) =>
            p.then(
              () => 'won',
              (e) => e,
            ),
          ),
        ),
      )
      for (let i = 0; i < ids.length; i++) {
        const pair = [results[2 * i], results[2 * i + 1]]
        const won = pair.filter((r) => r === 'won').length
        const lost = pair.filter(
          (r) => r instanceof AppFailure && r.error.messageKey === 'central.error.basketTaken',
        )
        if (won === 1 && lost.length === 1) oneWinner++
      }
    }
    expect(oneWinner).toBe(1000)
    await Promise.all([pool1.end(), pool2.end()])
  }, 120_000)
})
