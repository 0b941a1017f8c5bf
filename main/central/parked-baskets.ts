// Parked baskets shared by the tills of one shop ("Bäckermodus" across tills): a seller parks at till 1
// and takes the basket up at till 2. PostgreSQL holds the offer; taking it is one conditional UPDATE, so
// of two tills tapping at once exactly one gets the basket and the other is told which till has it.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { basketLine, type BasketLine } from '../../common/basket'
import { consumption as consumptionSchema, type Consumption } from '../../common/consumption'
import { AppFailure } from '../../common/result'
import type { PgPool } from './journal-push'

export interface ParkedOffer {
  basketId: string
  sellerId: string
  fromTill: string
  total: number
  itemCount: number
  parkedAt: string
}

const stored = z.object({
  lines: z.array(basketLine).max(500),
  consumption: consumptionSchema.nullable(),
})

/** What a till takes up: the lines, and Im Haus / Außer Haus unless an older till parked it. */
export interface ParkedBasket {
  lines: BasketLine[]
  consumption?: Consumption
}

export interface ParkedBasketStore {
  /** Offers a parked basket to the shop's tills; resolves with its id. */
  offer(
    sellerId: string,
    lines: readonly BasketLine[],
    total: number,
    consumption: Consumption,
  ): Promise<string>
  /** The open offers of the shop (any till), newest first. */
  open(): Promise<ParkedOffer[]>
  /**
   * Takes an offer for this till. CONFLICT `central.error.basketTaken` with the till that has it when
   * another till was first; NOT_FOUND when there is no such offer.
   */
  claim(basketId: string): Promise<ParkedBasket>
  /** The state of one offer (who has it), or null. */
  state(basketId: string): Promise<{ state: string; claimedBy: string | null } | null>
}

export function createParkedBasketStore(pool: PgPool, shopId: string, tillId: string): ParkedBasketStore {
  const withClient = async <T>(fn: (c: Awaited<ReturnType<PgPool['connect']>>) => Promise<T>): Promise<T> => {
    const client = await pool.connect()
    try {
      return await fn(client)
    } finally {
      client.release()
    }
  }
  return {
    offer: (sellerId, lines, total, consumption) =>
      withClient(async (c) => {
        const basketId = randomUUID()
        await c.query(
          `INSERT INTO parked_baskets (basket_id, shop_id, seller_id, from_till, lines, total, consumption, state)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, 'parked')`,
          [basketId, shopId, sellerId, tillId, JSON.stringify(lines), total, consumption],
        )
        return basketId
      }),
    open: () =>
      withClient(async (c) => {
        const { rows } = await c.query<{
          basket_id: string
          seller_id: string
          from_till: string
          total: string
          lines: BasketLine[]
          parked_at: Date
        }>(
          `SELECT basket_id, seller_id, from_till, total, lines, parked_at FROM parked_baskets
           WHERE shop_id = $1 AND state = 'parked' ORDER BY parked_at DESC`,
          [shopId],
        )
        return rows.map((r) => ({
          basketId: r.basket_id,
          sellerId: r.seller_id,
          fromTill: r.from_till,
          total: Number(r.total),
          itemCount: r.lines.reduce((n, l) => n + (l.kind === 'piece' ? l.quantity : 1), 0),
          parkedAt: r.parked_at.toISOString(),
        }))
      }),
    claim: (basketId) =>
      withClient(async (c) => {
        const { rows } = await c.query<{ lines: unknown; consumption: unknown }>(
          `UPDATE parked_baskets SET state = 'claimed', claimed_by = $3, claimed_at = now()
           WHERE basket_id = $1 AND shop_id = $2 AND state = 'parked' RETURNING lines, consumption`,
          [basketId, shopId, tillId],
        )
        if (rows.length === 1) {
          const parsed = stored.safeParse(rows[0])
          if (!parsed.success)
            throw AppFailure.of(
              'INTERNAL',
              'central.error.basketUnreadable',
              'The parked basket is unreadable',
            )
          const { lines, consumption } = parsed.data
          return consumption === null ? { lines } : { lines, consumption }
        }
        const { rows: now } = await c.query<{ claimed_by: string | null }>(
          'SELECT claimed_by FROM parked_baskets WHERE basket_id = $1 AND shop_id = $2',
          [basketId, shopId],
        )
        if (now.length === 0)
          throw AppFailure.of('NOT_FOUND', 'central.error.basketGone', 'No such parked basket')
        const till = now[0]!.claimed_by ?? '?'
        throw AppFailure.of(
          'CONFLICT',
          'central.error.basketTaken',
          `The basket is being served at ${till}`,
          {
            till,
          },
        )
      }),
    state: (basketId) =>
      withClient(async (c) => {
        const { rows } = await c.query<{ state: string; claimed_by: string | null }>(
          'SELECT state, claimed_by FROM parked_baskets WHERE basket_id = $1',
          [basketId],
        )
        return rows[0] ? { state: rows[0].state, claimedBy: rows[0].claimed_by } : null
      }),
  }
}
