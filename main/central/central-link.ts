// The till's link to the head office: journal rows up, master data down, parked baskets shared — all in
// the background. Nothing here is awaited by the counter: a sale never waits on PostgreSQL, and a till
// whose PostgreSQL is gone sells on and catches up when it is back.
import { join } from 'node:path'
import type { CentralConfig } from '../../common/config/central'
import type { CentralStatus } from '../../common/ipc/central-contract'
import type { Clock, Logger } from '../../common/ports'
import { ensureCentralSchema } from '../../headoffice/schema'
import type { EventBus } from '../ipc/event-bus'
import { createJournalPush, type JournalFeed } from './journal-push'
import { createMasterSync, MASTER_CACHE_FILE, type MasterData } from './master-data'
import { listenForChanges } from './notifications'
import { createParkedBasketStore } from './parked-baskets'
import { createCentralPool } from './pool'
import { createSharedParking, type SharedParking } from './shared-parking'

export interface CentralLinkDeps {
  config: CentralConfig
  tillId: string
  dataDir: string
  feed: JournalFeed
  /** The master data version the till started with (from the cache), 0 for the config's own. */
  startVersion: number
  applyMaster(data: MasterData, version: number): boolean
  /** Removes a basket another till took; republishes the register. */
  dropParked(sellerId: string): void
  republishRegister(): void
  events: EventBus
  clock: Clock
  logger: Logger
}

export interface CentralLink {
  parking: SharedParking
  status(): CentralStatus
  /** Pushes now (after a sale); resolves when the push is done or failed. */
  pushNow(): Promise<void>
  /** After a sale: master data that waited for it is applied. */
  afterSale(): void
  close(): Promise<void>
}

export function startCentralLink(deps: CentralLinkDeps): CentralLink {
  const { config, logger, events } = deps
  const pool = createCentralPool(config.url, logger)
  let schemaReady: Promise<void> | null = null
  const ready = (): Promise<void> => {
    schemaReady ??= (async () => {
      const client = await pool.connect()
      try {
        await ensureCentralSchema(client)
      } finally {
        client.release()
      }
    })().catch((error: unknown) => {
      schemaReady = null
      throw error
    })
    return schemaReady
  }
  const push = createJournalPush({
    pool,
    feed: deps.feed,
    tillId: deps.tillId,
    shopId: config.shopId,
    clock: deps.clock,
    logger,
    masterVersion: () => master.status().version,
  })
  const master = createMasterSync({
    pool,
    shopId: config.shopId,
    cacheFile: join(deps.dataDir, MASTER_CACHE_FILE),
    appliedVersion: deps.startVersion,
    apply: deps.applyMaster,
    clock: deps.clock,
    logger,
  })
  const parking = createSharedParking({
    store: createParkedBasketStore(pool, config.shopId, deps.tillId),
    tillId: deps.tillId,
    drop: deps.dropParked,
    logger,
  })

  const status = (): CentralStatus => {
    const p = push.status()
    return {
      configured: true,
      shopId: config.shopId,
      online: p.online,
      lagRows: p.lagRows,
      lagSeconds: p.lagSeconds,
      masterVersion: master.status().version,
      problem: p.problem,
    }
  }
  let lastPublished = ''
  /** After close the journal feed is gone: a check or push that finishes late publishes nothing. */
  let closed = false
  const publish = () => {
    if (closed) return
    const s = status()
    const key = JSON.stringify(s)
    if (key !== lastPublished) {
      lastPublished = key
      events.publish('central.changed', s)
    }
  }

  let pushing: Promise<void> | null = null
  const pushNow = (): Promise<void> => {
    if (closed) return Promise.resolve()
    pushing ??= ready()
      .then(() => push.pushOnce())
      .then(
        () => undefined,
        (error: unknown) => logger.log('debug', 'central.push-failed', { message: (error as Error).message }),
      )
      .finally(() => {
        pushing = null
        publish()
      })
    return pushing
  }
  const checkMaster = () =>
    ready()
      .then(() => master.check())
      .then(
        () => publish(),
        () => publish(),
      )
  const refreshParking = () =>
    ready()
      .then(() => parking.refresh())
      .then(
        (changed) => {
          if (changed) deps.republishRegister()
        },
        (error: unknown) =>
          logger.log('debug', 'central.parking-refresh-failed', { message: (error as Error).message }),
      )

  const pushTimer = setInterval(() => void pushNow(), config.pushIntervalMs)
  const checkTimer = setInterval(() => {
    void checkMaster()
    void refreshParking()
  }, config.checkIntervalMs)
  pushTimer.unref?.()
  checkTimer.unref?.()
  const listener = listenForChanges(
    config.url,
    ['tresen_master', 'tresen_parked'],
    (channel, payload) => {
      if (payload !== '' && payload !== config.shopId) return
      if (channel === 'tresen_master') void checkMaster()
      else void refreshParking()
    },
    logger,
  )
  void pushNow()

  return {
    parking,
    status,
    pushNow,
    afterSale: () => {
      void master.afterSale().then(() => publish())
      void pushNow()
    },
    async close() {
      closed = true
      clearInterval(pushTimer)
      clearInterval(checkTimer)
      await listener.close()
      await pushing
      await pool.end().catch(() => undefined)
    },
  }
}
