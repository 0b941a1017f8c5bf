// What the head office reads: the tills and how far behind they are, and one day of one or all shops —
// sales per shop, per article (tomorrow's baking plan) and per hour, and every till's Z closings. Days
// are calendar days in Germany (Europe/Berlin), whatever the server's time zone.
import { z } from 'zod'
import type { Queryable } from './schema'

export const TIME_ZONE = 'Europe/Berlin'

export const tillRow = z.object({
  tillId: z.string(),
  shopId: z.string(),
  lastSeq: z.number(),
  lagRows: z.number(),
  lagSeconds: z.number(),
  lastPushAt: z.string().nullable(),
  problems: z.number(),
  /** The master data version the till reported it runs with (null: not reported yet). */
  masterVersion: z.number().nullable(),
})
/** A shop's newest master data version, in numbers: what the head office has sent down. */
export const masterRow = z.object({
  shopId: z.string(),
  version: z.number(),
  createdAt: z.string(),
  products: z.number(),
  favourites: z.number(),
  discountReasons: z.number(),
})
export type MasterRow = z.infer<typeof masterRow>
export const dayReport = z.object({
  date: z.string(),
  shopId: z.string().nullable(),
  shops: z.array(z.object({ shopId: z.string(), sales: z.number(), total: z.number() })),
  articles: z.array(
    z.object({
      productId: z.string(),
      name: z.string(),
      quantity: z.number(),
      weightGrams: z.number(),
      total: z.number(),
      /** Pieces per German hour 0–23: when to have it on the shelf tomorrow. */
      byHour: z.array(z.number()).length(24),
    }),
  ),
  hours: z.array(z.object({ hour: z.number(), sales: z.number(), total: z.number() })),
  closings: z.array(
    z.object({
      tillId: z.string(),
      shopId: z.string(),
      zNo: z.number(),
      at: z.string(),
      expectedCash: z.number(),
      countedCash: z.number(),
      difference: z.number(),
    }),
  ),
})
export type TillRow = z.infer<typeof tillRow>
export type DayReport = z.infer<typeof dayReport>

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v))

export async function tills(db: Queryable): Promise<TillRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT t.till_id, t.shop_id, t.last_seq, GREATEST(t.local_head_seq - t.last_seq, 0) AS lag_rows,
            COALESCE(EXTRACT(EPOCH FROM now() - t.pending_since), 0) AS lag_seconds, t.last_push_at,
            (SELECT count(*) FROM replication_problems p WHERE p.till_id = t.till_id) AS problems,
            t.master_version
       FROM tills t ORDER BY t.shop_id, t.till_id`,
  )
  return rows.map((r) => ({
    tillId: String(r.till_id),
    shopId: String(r.shop_id),
    lastSeq: n(r.last_seq),
    lagRows: n(r.lag_rows),
    lagSeconds: Math.round(n(r.lag_seconds)),
    lastPushAt: r.last_push_at instanceof Date ? r.last_push_at.toISOString() : null,
    problems: n(r.problems),
    masterVersion: r.master_version === null || r.master_version === undefined ? null : n(r.master_version),
  }))
}

/** Every shop's newest master data version: its number, when, and how many products, favourites, reasons. */
export async function masters(db: Queryable): Promise<MasterRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT DISTINCT ON (m.shop_id) m.shop_id, m.version, m.created_at,
            jsonb_array_length(m.data->'catalogue'->'products') AS products,
            COALESCE(jsonb_array_length(m.data->'favourites'), 0) AS favourites,
            COALESCE(jsonb_array_length(m.data->'discounts'->'reasons'), 0) AS discount_reasons
       FROM master_data m ORDER BY m.shop_id, m.version DESC`,
  )
  return rows.map((r) => ({
    shopId: String(r.shop_id),
    version: n(r.version),
    createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
    products: n(r.products),
    favourites: n(r.favourites),
    discountReasons: n(r.discount_reasons),
  }))
}

/** One day (YYYY-MM-DD, German calendar day) of one shop, or of every shop when `shopId` is null. */
export async function day(db: Queryable, date: string, shopId: string | null): Promise<DayReport> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
    throw new Error(`not a date: ${date}`)
  // Training sales are in no sum, as on the till's own X and Z.
  const range = `s.completed_at >= ($1::date)::timestamp AT TIME ZONE '${TIME_ZONE}'
             AND s.completed_at < ($1::date + 1)::timestamp AT TIME ZONE '${TIME_ZONE}'
             AND ($2::text IS NULL OR s.shop_id = $2)
             AND NOT EXISTS (SELECT 1 FROM c_training_sales t WHERE t.till_id = s.till_id AND t.sale_id = s.sale_id)`
  const args = [date, shopId]
  const [shops, articleHours, hours, closings] = await Promise.all([
    db.query<Record<string, unknown>>(
      `SELECT s.shop_id, count(*) AS sales, sum(s.total) AS total FROM c_sales s WHERE ${range}
        GROUP BY s.shop_id ORDER BY s.shop_id`,
      args,
    ),
    // Articles and their pieces per hour in one pass over the day's lines (the join is the report's
    // biggest cost); summed per article below.
    db.query<Record<string, unknown>>(
      `SELECT l.product_id, EXTRACT(HOUR FROM s.completed_at AT TIME ZONE '${TIME_ZONE}') AS hour,
              min(l.name) AS name, sum(l.quantity) AS quantity,
              COALESCE(sum(l.weight_grams), 0) AS weight_grams, sum(l.total) AS total
         FROM c_sales s JOIN c_sale_lines l ON l.till_id = s.till_id AND l.sale_id = s.sale_id
        WHERE ${range} GROUP BY 1, 2`,
      args,
    ),
    db.query<Record<string, unknown>>(
      `SELECT EXTRACT(HOUR FROM s.completed_at AT TIME ZONE '${TIME_ZONE}') AS hour, count(*) AS sales,
              sum(s.total) AS total FROM c_sales s WHERE ${range} GROUP BY 1 ORDER BY 1`,
      args,
    ),
    db.query<Record<string, unknown>>(
      `SELECT c.till_id, c.shop_id, c.z_no, c.at, c.expected_cash, c.counted_cash, c.difference FROM c_closings c
        WHERE c.at >= ($1::date)::timestamp AT TIME ZONE '${TIME_ZONE}'
          AND c.at < ($1::date + 1)::timestamp AT TIME ZONE '${TIME_ZONE}'
          AND ($2::text IS NULL OR c.shop_id = $2)
        ORDER BY c.shop_id, c.till_id, c.z_no`,
      args,
    ),
  ])
  const articles = new Map<string, DayReport['articles'][number]>()
  for (const r of articleHours.rows) {
    const productId = String(r.product_id)
    const name = String(r.name)
    const a = articles.get(productId) ?? {
      productId,
      name,
      quantity: 0,
      weightGrams: 0,
      total: 0,
      byHour: Array.from({ length: 24 }, () => 0),
    }
    if (name < a.name) a.name = name
    a.quantity += n(r.quantity)
    a.weightGrams += n(r.weight_grams)
    a.total += n(r.total)
    a.byHour[n(r.hour)] = n(r.quantity)
    articles.set(productId, a)
  }
  return {
    date,
    shopId,
    shops: shops.rows.map((r) => ({ shopId: String(r.shop_id), sales: n(r.sales), total: n(r.total) })),
    // Most pieces first; ties by product id (code points), so every reload lists them alike.
    articles: [...articles.values()].sort(
      (a, b) =>
        b.quantity - a.quantity || (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0),
    ),
    hours: hours.rows.map((r) => ({ hour: n(r.hour), sales: n(r.sales), total: n(r.total) })),
    closings: closings.rows.map((r) => ({
      tillId: String(r.till_id),
      shopId: String(r.shop_id),
      zNo: n(r.z_no),
      at: r.at instanceof Date ? r.at.toISOString() : String(r.at),
      expectedCash: n(r.expected_cash),
      countedCash: n(r.counted_cash),
      difference: n(r.difference),
    })),
  }
}
