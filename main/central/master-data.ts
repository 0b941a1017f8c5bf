// Master data down: the head office keeps the catalogue (with prices), the favourites page, the sellers,
// the discount rules and the shop's receipt texts per shop as numbered versions in PostgreSQL (a change
// is a new version, never an edit); each till pulls the newest on a NOTIFY and on a periodic check, applies it between two sales, and keeps the last version it
// applied in its data dir so it starts and sells with it while PostgreSQL is out of reach.
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { catalogue as catalogueSchema, type Catalogue } from '../../common/catalog'
import { sellerList, shopConfig } from '../../common/config'
import { discountConfig } from '../../common/discount'
import type { Clock, Logger } from '../../common/ports'
import { writeFileAtomic } from '../config/atomic-write'
import type { PgPool } from './journal-push'

export const masterData = z
  .object({
    catalogue: catalogueSchema,
    /** Receipt header and footer texts of the shop; the till's config keeps its own when absent. */
    shop: shopConfig.optional(),
    /** The shop's sellers with roles and PINs; the till's config keeps its own when absent. */
    sellers: sellerList.optional(),
    /**
     * The favourites page (product ids in tile order), the same on every till of the shop; absent: each
     * till's own list, the catalogue's marks or its best sellers (main/counter/favourites.ts).
     */
    favourites: z.array(z.string().min(1).max(64)).min(1).max(40).optional(),
    /** Discount reasons and presets, the manager limits, the Abendverkauf rule; absent: the till's config. */
    discounts: discountConfig.optional(),
  })
  .strict()
  .superRefine((data, ctx) => {
    // A version is applied whole or not at all, so what would break the till at the counter is refused
    // here, at the import and again on arrival.
    if (data.favourites) {
      const ids = new Set(data.catalogue.products.map((p) => p.id))
      const seen = new Set<string>()
      data.favourites.forEach((id, i) => {
        if (!ids.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['favourites', i],
            message: `Favorit "${id}" ist kein Artikel des Katalogs — favourite "${id}" is not in the catalogue`,
          })
        if (seen.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['favourites', i],
            message: `Favorit "${id}" doppelt — favourite "${id}" twice`,
          })
        seen.add(id)
      })
    }
    const rules = data.discounts
    if (rules) {
      const reasons = new Set<string>()
      rules.reasons.forEach((r, i) => {
        if (reasons.has(r.id))
          ctx.addIssue({
            code: 'custom',
            path: ['discounts', 'reasons', i],
            message: `Rabattgrund "${r.id}" doppelt — discount reason "${r.id}" twice`,
          })
        reasons.add(r.id)
      })
      if (rules.evening && !reasons.has(rules.evening.reasonId))
        ctx.addIssue({
          code: 'custom',
          path: ['discounts', 'evening', 'reasonId'],
          message: `Abendverkauf: Rabattgrund "${rules.evening.reasonId}" fehlt — evening rule: no discount reason "${rules.evening.reasonId}"`,
        })
    }
  })
export type MasterData = z.infer<typeof masterData>

export const MASTER_CACHE_FILE = 'central-master.json'
const cached = z.object({ version: z.number().int().positive(), data: masterData }).strict()

export interface MasterVersion {
  version: number
  data: MasterData
}

/** The last version this till applied, or null (none yet, or a damaged file — then the config's own). */
export async function readMasterCache(path: string, logger: Logger): Promise<MasterVersion | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return null
  }
  try {
    return cached.parse(JSON.parse(text))
  } catch (error) {
    logger.log('warn', 'central.master-cache-unreadable', { path, message: (error as Error).message })
    return null
  }
}

/** The newest version of a shop's master data in PostgreSQL, or null. Invalid data is refused, not applied. */
export async function fetchLatestMaster(
  pool: PgPool,
  shopId: string,
  after = 0,
): Promise<MasterVersion | null> {
  const client = await pool.connect()
  try {
    const { rows } = await client.query<{ version: string; data: unknown }>(
      'SELECT version, data FROM master_data WHERE shop_id = $1 AND version > $2 ORDER BY version DESC LIMIT 1',
      [shopId, after],
    )
    if (rows.length === 0) return null
    const version = Number(rows[0]!.version)
    const parsed = masterData.safeParse(rows[0]!.data)
    if (!parsed.success)
      throw new Error(
        `Stammdaten ${shopId} Version ${version} ungültig — master data version ${version} invalid: ` +
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      )
    return { version, data: parsed.data }
  } finally {
    client.release()
  }
}

/** Writes a new version for a shop (the import and the head office use it); resolves with its number. */
export async function publishMaster(pool: PgPool, shopId: string, data: MasterData): Promise<number> {
  const valid = masterData.parse(data)
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    // Versions are gapless per shop: the lock makes two imports at once take turns.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`master:${shopId}`])
    const { rows } = await client.query<{ v: string }>(
      'SELECT COALESCE(MAX(version), 0) + 1 AS v FROM master_data WHERE shop_id = $1',
      [shopId],
    )
    const version = Number(rows[0]!.v)
    await client.query('INSERT INTO master_data (shop_id, version, data) VALUES ($1, $2, $3::jsonb)', [
      shopId,
      version,
      JSON.stringify(valid),
    ])
    await client.query('COMMIT')
    return version
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

export interface MasterSyncDeps {
  pool: PgPool
  shopId: string
  cacheFile: string
  /** The version the till runs with now (from the cache at start), 0 for the config's own. */
  appliedVersion: number
  /**
   * Applies a version to the running till; returns false while a sale is being paid (then it is applied
   * at the next check, after that sale).
   */
  apply(data: MasterData, version: number): boolean
  clock: Clock
  logger: Logger
}

export interface MasterStatus {
  version: number
  /** A newer version waits for the sale being paid. */
  pending: number | null
  lastCheckAt: string | null
  lastError: string | null
}

export function createMasterSync(deps: MasterSyncDeps) {
  const { pool, shopId, logger, clock } = deps
  let applied = deps.appliedVersion
  let waiting: MasterVersion | null = null
  let lastCheckAt: string | null = null
  let lastError: string | null = null
  let running: Promise<number> | null = null

  async function applyWaiting(): Promise<number> {
    if (!waiting) return applied
    const next = waiting
    if (!deps.apply(next.data, next.version)) return applied
    applied = next.version
    waiting = null
    await writeFileAtomic(deps.cacheFile, JSON.stringify(next))
    logger.log('info', 'central.master-applied', { shopId, version: next.version })
    return applied
  }

  /** Pulls and applies the newest version; one check at a time (a NOTIFY during a check joins it). */
  function check(): Promise<number> {
    running ??= (async () => {
      try {
        const latest = await fetchLatestMaster(pool, shopId, Math.max(applied, waiting?.version ?? 0))
        lastCheckAt = new Date(clock.now()).toISOString()
        lastError = null
        if (latest) waiting = latest
        return await applyWaiting()
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error)
        logger.log('warn', 'central.master-check-failed', { shopId, message: lastError })
        return applied
      } finally {
        running = null
      }
    })()
    return running
  }

  return {
    check,
    /** Called after a sale is finished: a version that waited for it is applied now. */
    afterSale: () => applyWaiting().catch(() => applied),
    status: (): MasterStatus => ({
      version: applied,
      pending: waiting?.version ?? null,
      lastCheckAt,
      lastError,
    }),
  }
}

export type MasterSync = ReturnType<typeof createMasterSync>
export type { Catalogue }
