// The counter's helpers behind the contract: favourites page, the "Bon" key of the last sale, the
// sales-per-article report.
import type { Catalogue } from '../../common/catalog'
import type { Clock, Logger } from '../../common/ports'
import type { Printer } from '../../hardware/types'
import type { EventBus } from '../ipc/event-bus'
import type { Journal } from '../journal'
import { localDate, localDayRange } from '../journal/local-day'
import { articleSalesReport } from './article-report'
import { createFavourites } from './favourites'
import { createLastReceipt } from './last-receipt'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppFailure } from '../../common/result'
import type { FavouritesView } from '../../common/counter'
import { writeFileAtomic } from '../config/atomic-write'

/** The back office's favourites list, next to the journal in the data folder. */
export const FAVOURITES_FILE = 'favourites.json'

export interface CounterServiceDeps {
  catalogue: () => Catalogue
  journal: Journal
  printer: () => Printer
  events: EventBus
  clock: Clock
  logger: Logger
  timeZone: string
  /** Any logged-in seller may read the report (like the journal list); throws otherwise. */
  requireSeller: () => void
  dataDir: string
}

/** The stored list, or null when there is none or it cannot be read (then the page is automatic). */
function readStored(path: string, logger: Logger): string[] | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown
    const ids = (parsed as { productIds?: unknown }).productIds
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : null
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      logger.log('warn', 'counter.favourites-unreadable', { path, error: String(error) })
    return null
  }
}

export function createCounterService(deps: CounterServiceDeps) {
  const { clock, timeZone } = deps
  const path = join(deps.dataDir, FAVOURITES_FILE)
  let stored = readStored(path, deps.logger)
  /** The head office's list (master data); while it is set, the shop's first page is arranged there. */
  let headOffice: readonly string[] | null = null
  const favourites = createFavourites({
    catalogue: deps.catalogue,
    journal: deps.journal,
    clock,
    localDate: (ms) => localDate(ms, timeZone),
    stored: () => stored,
    headOffice: () => headOffice,
  })
  /** Favourites are layout, not money: any logged-in seller may arrange them. */
  async function setFavourites(productIds: string[]): Promise<FavouritesView> {
    deps.requireSeller()
    // A till's own list would be hidden behind the head office's one: say so instead of saving it.
    if (headOffice !== null)
      throw AppFailure.of(
        'CONFLICT',
        'central.error.favouritesFromHeadOffice',
        'The favourites of this shop are set by the head office',
      )
    const known = new Set(deps.catalogue().products.map((p) => p.id))
    const unknown = productIds.find((id) => !known.has(id))
    if (unknown !== undefined)
      throw AppFailure.of('NOT_FOUND', 'basket.error.unknownProduct', `No product "${unknown}"`, {
        productId: unknown,
      })
    const unique = [...new Set(productIds)]
    await writeFileAtomic(path, `${JSON.stringify({ productIds: unique }, null, 2)}\n`)
    stored = unique.length > 0 ? unique : null
    favourites.reset()
    const view = favourites.view()
    deps.events.publish('counter.favouritesChanged', view)
    return view
  }
  const lastReceipt = createLastReceipt(deps)
  return {
    close: () => lastReceipt.close(),
    resetFavourites: () => favourites.reset(),
    /**
     * The head office's list arrived with a master data version (null: the version has none). Called
     * together with the catalogue change, between two sales; the page is republished.
     */
    setHeadOfficeFavourites(productIds: readonly string[] | null): void {
      headOffice = productIds && productIds.length > 0 ? [...productIds] : null
      favourites.reset()
      deps.events.publish('counter.favouritesChanged', favourites.view())
    },
    handlers: {
      'counter.favourites': () => favourites.view(),
      'counter.setFavourites': ({ productIds }: { productIds: string[] }) => setFavourites(productIds),
      'counter.lastReceipt': () => lastReceipt.view(),
      'counter.printLast': () => lastReceipt.printLast(),
      'report.articleSales': ({ date }: { date?: string }) => {
        deps.requireSeller()
        const day = date ?? localDate(clock.now(), timeZone)
        const { from, to } = localDayRange(day, timeZone)
        return articleSalesReport(day, deps.journal.articleSales(from, to), timeZone)
      },
    },
  }
}
