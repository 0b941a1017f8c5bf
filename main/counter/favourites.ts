// The favourites page: the shop's best sellers across categories on the first tab, so "Brötchen + Kaffee"
// needs no tab switch. Order of precedence:
//  0. the shop's list from the head office's master data (docs/central.md), the same on every till;
//  1. the list set in the back office (favourites.json in the data folder);
//  2. products the catalogue marks with `favourite` (their number is the tile position);
//  3. otherwise the most sold articles of the last FAVOURITE_DAYS days in the journal (pieces, stornos
//     subtracted), at most FAVOURITE_COUNT;
//  4. filled up (a new shop has no sales yet) by taking the categories' first products in turn.
// The list is worked out once per business day, so tiles never move under the cashier's finger.
import type { Catalogue, Product } from '../../common/catalog'
import type { FavouritesView } from '../../common/counter'
import type { Clock } from '../../common/ports'
import type { Journal } from '../journal'

export const FAVOURITE_COUNT = 20
export const FAVOURITE_DAYS = 14
const DAY_MS = 86_400_000

/** A tile can sell in one tap: top-ups ask for an amount, weighed articles for a weight. */
const tappable = (p: Product) => p.kind === undefined

export function computeFavourites(
  catalogue: Catalogue,
  sold: readonly { productId: string; quantity: number }[],
  count = FAVOURITE_COUNT,
): FavouritesView {
  const byId = new Map(catalogue.products.map((p) => [p.id, p]))
  const marked = catalogue.products
    .filter((p) => p.favourite !== undefined)
    .sort((a, b) => (a.favourite ?? 0) - (b.favourite ?? 0))
  if (marked.length > 0) return { productIds: marked.slice(0, count).map((p) => p.id), source: 'catalogue' }

  const totals = new Map<string, number>()
  for (const row of sold) totals.set(row.productId, (totals.get(row.productId) ?? 0) + row.quantity)
  const best = [...totals.entries()]
    .filter(([id, quantity]) => quantity > 0 && byId.has(id) && tappable(byId.get(id)!))
    // Ties: catalogue order, so the page is the same on every till.
    .sort(
      (a, b) =>
        b[1] - a[1] ||
        catalogue.products.indexOf(byId.get(a[0])!) - catalogue.products.indexOf(byId.get(b[0])!),
    )
    .slice(0, count)
    .map(([id]) => id)
  if (best.length >= count) return { productIds: best, source: 'sales' }

  const chosen = new Set(best)
  const columns = [...catalogue.categories]
    .sort((a, b) => a.order - b.order)
    .map((c) => catalogue.products.filter((p) => p.category === c.id && tappable(p) && !chosen.has(p.id)))
  for (let row = 0; chosen.size < count && columns.some((col) => col.length > row); row++) {
    for (const col of columns) {
      if (chosen.size >= count) break
      if (col[row]) chosen.add(col[row].id)
    }
  }
  return { productIds: [...chosen], source: best.length > 0 ? 'sales' : 'fallback' }
}

export function createFavourites(deps: {
  catalogue: () => Catalogue
  journal: Journal
  clock: Clock
  /** The shop's calendar day of an instant: the list is recomputed when it changes. */
  localDate: (ms: number) => string
  /** The back office's list, if one is set. */
  stored?: () => readonly string[] | null
  /** The head office's list for the shop, if its master data carries one. */
  headOffice?: () => readonly string[] | null
}) {
  let cached: { day: string; view: FavouritesView } | null = null
  return {
    view(): FavouritesView {
      const ids = new Set(deps.catalogue().products.map((p) => p.id))
      const central = deps.headOffice?.()?.filter((id) => ids.has(id)) ?? []
      if (central.length > 0) return { productIds: central, source: 'headoffice' }
      const stored = deps.stored?.()?.filter((id) => ids.has(id)) ?? []
      if (stored.length > 0) return { productIds: stored, source: 'backoffice' }
      const now = deps.clock.now()
      const day = deps.localDate(now)
      if (cached?.day === day) return cached.view
      const from = new Date(now - FAVOURITE_DAYS * DAY_MS).toISOString()
      const sold = deps.journal.articleSales(from, new Date(now + 1).toISOString())
      cached = { day, view: computeFavourites(deps.catalogue(), sold) }
      return cached.view
    },
    /** The catalogue changed (import): the next view recomputes. */
    reset(): void {
      cached = null
    },
  }
}
