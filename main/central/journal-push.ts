// Journals up: every journal row of this till goes into the head office's PostgreSQL in order, exactly
// once. The local journal stays the till's legal record; this is a copy for the head office, so the push
// runs beside the counter and never in its way (nothing at the counter awaits it).
//
// Exactly once: each batch is one PostgreSQL transaction in which the till's row in `tills` is locked,
// its acknowledged seq read, the next rows of the local feed inserted (ON CONFLICT DO NOTHING as a second
// guard) and the acknowledged seq moved on. A till killed mid-push rolls back the batch in flight; the
// next push starts from what PostgreSQL holds, not from anything the till remembers.
//
// The chain is checked on arrival: the first row's prev_hash must be the hash acknowledged before it and
// each row's prev_hash the hash of the row before. A gap or a broken link is written to
// replication_problems and the push stops before that row — never papered over.
import type { Clock, Logger } from '../../common/ports'
import type { Queryable } from '../../headoffice/schema'
import { chainHash, GENESIS_HASH } from '../journal/chain'

/** One journal row as the local chain holds it (main/journal's journal_chain). */
export interface FeedRow {
  seq: number
  tbl: string
  rowKey: string
  /** Canonical JSON of the row. */
  payload: string
  prevHash: string | null
  hash: string | null
}

export interface JournalFeed {
  /** Rows with seq > `afterSeq`, in seq order, at most `limit`. */
  after(afterSeq: number, limit: number): FeedRow[]
  /** The highest seq in the local journal (0 when empty). */
  head(): number
}

export interface PgPool {
  connect(): Promise<Queryable & { release(error?: Error | boolean): void }>
}

export interface PushStatus {
  online: boolean
  /** Rows written locally and not yet acknowledged by PostgreSQL. */
  lagRows: number
  /** Seconds since the oldest unacknowledged row was first seen (0 when caught up). */
  lagSeconds: number
  lastError: string | null
  problem: string | null
}

export interface JournalPushDeps {
  pool: PgPool
  feed: JournalFeed
  tillId: string
  shopId: string
  clock: Clock
  logger: Logger
  batchSize?: number
  /** The master data version the till runs with, reported with every push for the head office. */
  masterVersion?: () => number
}

interface Projection {
  sales: unknown[][]
  lines: unknown[][]
  closings: unknown[][]
  training: unknown[][]
}

const PROJECTED = new Set(['sale_completions', 'sale_lines', 'closings', 'training_sales'])

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v))
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v))

/**
 * The head office's report tables from the rows of one batch: a completed sale (its number, total and
 * time), its lines (written when the sale began, matched by sale id), Z closings, and the training
 * marks (written when a sale begins in training mode, so before its completion).
 */
function project(rows: FeedRow[], tillId: string, shopId: string): Projection {
  const out: Projection = { sales: [], lines: [], closings: [], training: [] }
  for (const row of rows) {
    if (!PROJECTED.has(row.tbl)) continue
    const p = JSON.parse(row.payload) as Record<string, unknown>
    if (row.tbl === 'training_sales') out.training.push([tillId, num(p.sale_id)])
    else if (row.tbl === 'sale_completions')
      out.sales.push([
        tillId,
        num(p.sale_id),
        shopId,
        num(p.receipt_no),
        str(p.kind),
        num(p.total),
        str(p.completed_at),
      ])
    else if (row.tbl === 'sale_lines')
      out.lines.push([
        tillId,
        num(p.sale_id),
        num(p.line_no),
        str(p.product_id),
        str(p.name),
        num(p.quantity),
        p.weight_grams === null || p.weight_grams === undefined ? null : num(p.weight_grams),
        num(p.total),
      ])
    else
      out.closings.push([
        tillId,
        num(p.z_no),
        shopId,
        str(p.at),
        num(p.expected_cash),
        num(p.counted_cash),
        num(p.difference),
      ])
  }
  return out
}

/** Columns of a batch as one array per column: one INSERT … SELECT FROM unnest(...) per table. */
const columns = (rows: unknown[][], width: number): unknown[][] =>
  Array.from({ length: width }, (_, i) => rows.map((r) => r[i]))

/**
 * Checks a batch on its way up: no gap after the acknowledged seq, each row linked to the hash before it
 * (the first row of a journal to the chain's genesis hash), and each row's hash recomputed from its
 * table, key and payload (main/journal/chain.ts). Returns the rows that may go up and the first problem.
 */
export function checkLinks(
  rows: FeedRow[],
  ackSeq: number,
  ackHash: string | null,
): { ok: FeedRow[]; problem: { seq: number; kind: 'gap' | 'hash'; detail: string } | null } {
  let seq = ackSeq
  let hash = ackHash ?? (ackSeq === 0 ? GENESIS_HASH : null)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!
    const stop = (kind: 'gap' | 'hash', at: number, detail: string) => ({
      ok: rows.slice(0, i),
      problem: { seq: at, kind, detail },
    })
    if (row.seq !== seq + 1)
      return stop('gap', seq + 1, `expected seq ${seq + 1}, the journal has ${row.seq} next`)
    if (hash !== null && row.prevHash !== hash)
      return stop(
        'hash',
        row.seq,
        `row ${row.seq} (${row.tbl} ${row.rowKey}) links to ${row.prevHash ?? 'nothing'}, the row before has ${hash}`,
      )
    const expected = chainHash(row.prevHash ?? '', row.tbl, row.rowKey, row.payload)
    if (row.hash !== expected)
      return stop('hash', row.seq, `row ${row.seq} (${row.tbl} ${row.rowKey}) does not match its hash`)
    seq = row.seq
    hash = row.hash
  }
  return { ok: rows, problem: null }
}

export function createJournalPush(deps: JournalPushDeps) {
  const { pool, feed, tillId, shopId, clock, logger } = deps
  const batchSize = deps.batchSize ?? 500
  /** The last seq PostgreSQL acknowledged (0 until the first push answered). */
  let acked = 0
  let online = false
  let lastError: string | null = null
  let problem: string | null = null
  let pendingSince: number | null = null

  const lagSeconds = (acked: number, head: number): number => {
    if (acked >= head) {
      pendingSince = null
      return 0
    }
    pendingSince ??= clock.now()
    return Math.round((clock.now() - pendingSince) / 1000)
  }

  /**
   * One batch in one transaction: lock the till's row, read what PostgreSQL acknowledged, insert the
   * next rows with their projections, move the acknowledgement on. Returns the rows acknowledged by this
   * batch and whether more may follow.
   */
  async function pushBatch(
    client: Queryable,
    head: number,
  ): Promise<{ pushed: number; more: boolean; problem: string | null }> {
    await client.query('BEGIN')
    await client.query(
      'INSERT INTO tills (till_id, shop_id) VALUES ($1, $2) ON CONFLICT (till_id) DO NOTHING',
      [tillId, shopId],
    )
    const { rows: tillRows } = await client.query<{ last_seq: string; last_hash: string | null }>(
      'SELECT last_seq, last_hash FROM tills WHERE till_id = $1 FOR UPDATE',
      [tillId],
    )
    const ackSeq = Number(tillRows[0]!.last_seq)
    const ackHash = tillRows[0]!.last_hash
    acked = ackSeq
    const report = async (seq: number, kind: 'gap' | 'hash', detail: string) => {
      await client.query(
        `INSERT INTO replication_problems (till_id, seq, kind, detail) VALUES ($1, $2, $3, $4)
         ON CONFLICT (till_id, seq, kind) DO NOTHING`,
        [tillId, seq, kind, detail],
      )
      logger.log('error', 'central.push-problem', { tillId, seq, kind, detail })
      return `${kind}: ${detail}`
    }
    if (ackSeq > head) {
      // PostgreSQL holds more of this till than the till itself: its journal went backwards.
      const found = await report(
        head + 1,
        'gap',
        `PostgreSQL holds rows up to ${ackSeq}, the local journal only up to ${head}`,
      )
      await client.query('COMMIT')
      return { pushed: 0, more: false, problem: found }
    }
    const batch = ackSeq < head ? feed.after(ackSeq, batchSize) : []
    const checked = checkLinks(batch, ackSeq, ackHash)
    const found = checked.problem
      ? await report(checked.problem.seq, checked.problem.kind, checked.problem.detail)
      : null
    const rows = checked.ok
    if (rows.length > 0) {
      await client.query(
        `INSERT INTO journal_rows (till_id, seq, tbl, row_key, payload, prev_hash, hash)
         SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::text[])
         ON CONFLICT (till_id, seq) DO NOTHING`,
        [
          tillId,
          rows.map((r) => r.seq),
          rows.map((r) => r.tbl),
          rows.map((r) => r.rowKey),
          rows.map((r) => r.payload),
          rows.map((r) => r.prevHash),
          rows.map((r) => r.hash),
        ],
      )
      const p = project(rows, tillId, shopId)
      if (p.sales.length > 0)
        await client.query(
          `INSERT INTO c_sales SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::bigint[], $7::timestamptz[])
           ON CONFLICT DO NOTHING`,
          columns(p.sales, 7),
        )
      if (p.lines.length > 0)
        await client.query(
          `INSERT INTO c_sale_lines SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[], $4::text[], $5::text[], $6::int[], $7::int[], $8::bigint[])
           ON CONFLICT DO NOTHING`,
          columns(p.lines, 8),
        )
      if (p.training.length > 0)
        await client.query(
          `INSERT INTO c_training_sales SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING`,
          columns(p.training, 2),
        )
      if (p.closings.length > 0)
        await client.query(
          `INSERT INTO c_closings SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::bigint[], $6::bigint[], $7::bigint[])
           ON CONFLICT DO NOTHING`,
          columns(p.closings, 7),
        )
    }
    const last = rows.length > 0 ? rows[rows.length - 1]! : null
    const nowSeq = last ? last.seq : ackSeq
    await client.query(
      `UPDATE tills SET last_seq = $2::bigint, last_hash = $3, last_push_at = now(), local_head_seq = $4::bigint,
         pending_since = CASE WHEN $2::bigint >= $4::bigint THEN NULL ELSE COALESCE(pending_since, now()) END,
         master_version = COALESCE($5::bigint, master_version)
       WHERE till_id = $1`,
      [tillId, nowSeq, last ? last.hash : ackHash, head, deps.masterVersion?.() ?? null],
    )
    await client.query('COMMIT')
    acked = nowSeq
    return { pushed: rows.length, more: found === null && rows.length > 0 && nowSeq < head, problem: found }
  }

  /** The till's journal is pushed as far as it goes now; resolves with the rows acknowledged. */
  async function pushOnce(): Promise<number> {
    const head = feed.head()
    lagSeconds(acked, head)
    let client: Awaited<ReturnType<PgPool['connect']>>
    try {
      client = await pool.connect()
    } catch (error) {
      online = false
      lastError = error instanceof Error ? error.message : String(error)
      throw error
    }
    let pushed = 0
    try {
      for (;;) {
        const step = await pushBatch(client, head)
        pushed += step.pushed
        problem = step.problem
        if (!step.more) break
      }
      online = true
      lastError = null
      return pushed
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      online = false
      lastError = error instanceof Error ? error.message : String(error)
      throw error
    } finally {
      client.release()
    }
  }

  return {
    pushOnce,
    status: (): PushStatus => {
      const head = feed.head()
      return {
        online,
        lagRows: Math.max(0, head - acked),
        lagSeconds: lagSeconds(acked, head),
        lastError,
        problem,
      }
    },
  }
}

export type JournalPush = ReturnType<typeof createJournalPush>
