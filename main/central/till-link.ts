// How one till joins its shop's head office (docs/central.md): master data versions are applied
// between two sales, parked baskets are shared through PostgreSQL, and the journal is pushed after
// each sale. Without `config.central` the till runs alone and none of this is built.
import { join } from 'node:path'
import type { AppConfig } from '../../common/config'
import type { Clock, Logger } from '../../common/ports'
import type { EventBus } from '../ipc/event-bus'
import type { RegisterService } from '../register/register-service'
import type { createCounterService } from '../counter/counter-service'
import { JOURNAL_FILE } from '../journal/database'
import { startCentralLink, type CentralLink } from './central-link'
import { openJournalFeed } from './journal-feed'
import type { MasterVersion } from './master-data'

export interface TillLinkDeps {
  /** The live config: a version from the head office replaces its shop, sellers and discounts in place. */
  config: AppConfig
  central: NonNullable<AppConfig['central']>
  dataDir: string
  /** The version the till started with (its cache), or null. */
  master: MasterVersion | null
  /** The till's own discount rules, back in force when a version carries none. */
  ownDiscounts: AppConfig['discounts']
  register: RegisterService
  counter: Pick<ReturnType<typeof createCounterService>, 'setHeadOfficeFavourites'>
  events: EventBus
  clock: Clock
  logger: Logger
}

export interface TillLink {
  central: CentralLink
  /** Stops listening; the link and the journal feed are closed. */
  close(): Promise<void>
}

export function linkTillToCentral(deps: TillLinkDeps): TillLink {
  const { config, register, counter, events } = deps
  const feed = openJournalFeed(join(deps.dataDir, JOURNAL_FILE))
  const central = startCentralLink({
    config: deps.central,
    tillId: config.tillId,
    dataDir: deps.dataDir,
    feed,
    startVersion: deps.master?.version ?? 0,
    applyMaster: (data, version) => {
      if (register.paymentRunning()) return false
      register.setCatalogue(data.catalogue)
      if (data.shop) config.shop = data.shop
      if (data.sellers) {
        config.sellers = data.sellers
        register.setSellers(data.sellers)
      }
      // In the same synchronous step as the catalogue, so no sale sees half a version.
      config.discounts = data.discounts ?? deps.ownDiscounts
      counter.setHeadOfficeFavourites(data.favourites ?? null)
      events.publish('catalog.changed', { version })
      return true
    },
    dropParked: (sellerId) => {
      register.dropParked(sellerId)
      register.republish()
    },
    republishRegister: () => register.republish(),
    events,
    clock: deps.clock,
    logger: deps.logger,
  })
  register.attachParking(central.parking)
  const unsubscribe = events.subscribe((message) => {
    if (message.type === 'checkout.changed' && message.payload.phase === 'paid') central.afterSale()
    else if (message.type === 'journal.changed') central.afterSale()
  })
  return {
    central,
    async close() {
      unsubscribe()
      await central.close()
      feed.close()
    },
  }
}
