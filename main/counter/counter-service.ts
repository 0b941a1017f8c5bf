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
}

export function createCounterService(deps: CounterServiceDeps) {
  const { clock, timeZone } = deps
  const favourites = createFavourites({
    catalogue: deps.catalogue,
    journal: deps.journal,
    clock,
    localDate: (ms) => localDate(ms, timeZone),
  })
  const lastReceipt = createLastReceipt(deps)
  return {
    close: () => lastReceipt.close(),
    resetFavourites: () => favourites.reset(),
    handlers: {
      'counter.favourites': () => favourites.view(),
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
