// Commands and events of the counter's helpers: favourites page, the "Bon" key of the last sale, the
// sales-per-article report.
import { z } from 'zod'
import { command } from './define'
import {
  articleSalesInput,
  articleSalesReport,
  favouritesView,
  lastReceiptView,
  setFavouritesInput,
} from '../counter'

const none = z.object({}).strict().default({})

export const counterCommands = {
  'counter.favourites': command(none, favouritesView),
  /** The back office sets the favourites page (tile order); an empty list goes back to automatic. */
  'counter.setFavourites': command(setFavouritesInput, favouritesView),
  'counter.lastReceipt': command(none, lastReceiptView.nullable()),
  /** Prints the last paid sale's receipt: the original when it was never printed, otherwise a copy. */
  'counter.printLast': command(none, lastReceiptView.nullable()),
  'report.articleSales': command(articleSalesInput, articleSalesReport),
} as const

export const counterEvents = {
  'counter.lastReceipt': lastReceiptView.nullable(),
  'counter.favouritesChanged': favouritesView,
} as const
