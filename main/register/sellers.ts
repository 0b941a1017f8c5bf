// "Bäckermodus" (docs/touch-ui.md): several sellers share one till, each with their own basket.
// Switching seller parks the current basket and resumes (or opens) the other one with one tap.
// Who may log in (PIN, badge) is decided before switchTo is called; this module only keeps baskets.
import type { BasketLine, BasketView, RegisterView } from '../../common/basket'
import type { Consumption } from '../../common/consumption'
import { AppFailure } from '../../common/result'
import type { CatalogueIndex } from '../catalog/lookup'
import type { LimitsConfig } from '../../common/config'
import { createBasket, DEFAULT_LIMITS, type Basket, type BasketPricing } from './basket'

export interface Register {
  view(): RegisterView
  /** Parks the active basket and makes `sellerId`'s basket active, opening an empty one if needed. */
  switchTo(sellerId: string): RegisterView
  /** Parks the active basket; nobody is active afterwards (screen locked between customers). */
  park(): RegisterView
  /** The active seller's basket; CONFLICT when no seller is selected. */
  active(): Basket
  /** Replaces the catalogue for new lines; lines already in a basket keep the price the customer was told. */
  setCatalogue(index: CatalogueIndex): void
  /** A seller's parked basket as it is now (null when the seller has none). */
  basketOf(sellerId: string): BasketView | null
  /**
   * Gives a seller the lines of a basket taken up from another till (replacing what the seller had here),
   * Im Haus / Außer Haus as it was there when known.
   */
  restore(sellerId: string, lines: readonly BasketLine[], consumption?: Consumption): void
  /** Removes a parked basket that another till has taken up. */
  drop(sellerId: string): void
}

export function createRegister(
  initial: CatalogueIndex,
  limits: () => LimitsConfig = () => DEFAULT_LIMITS,
  pricing: BasketPricing = {},
): Register {
  let catalogue = initial
  const baskets = new Map<string, Basket>()
  let activeId: string | null = null

  // An empty parked basket would only clutter the seller bar.
  const dropIfEmpty = (id: string | null) => {
    if (id !== null && baskets.get(id)?.isEmpty()) baskets.delete(id)
  }

  const view = (): RegisterView => ({
    activeSellerId: activeId,
    basket: activeId === null ? null : (baskets.get(activeId)?.view() ?? null),
    sellers: [...baskets.values()].map((b) => {
      const v = b.view()
      return { sellerId: b.sellerId, itemCount: v.itemCount, total: v.total, active: b.sellerId === activeId }
    }),
  })

  return {
    view,
    switchTo(sellerId) {
      if (sellerId.trim() === '')
        throw AppFailure.of('VALIDATION', 'register.error.sellerId', 'A seller id is required')
      if (activeId !== sellerId) dropIfEmpty(activeId)
      if (!baskets.has(sellerId))
        baskets.set(
          sellerId,
          createBasket(sellerId, () => catalogue, limits, pricing),
        )
      activeId = sellerId
      return view()
    },
    park() {
      dropIfEmpty(activeId)
      activeId = null
      return view()
    },
    active() {
      const basket = activeId === null ? undefined : baskets.get(activeId)
      if (!basket) throw AppFailure.of('CONFLICT', 'register.error.noSeller', 'Select a seller first')
      return basket
    },
    setCatalogue(index) {
      catalogue = index
    },
    basketOf: (sellerId) => baskets.get(sellerId)?.view() ?? null,
    restore(sellerId, lines, consumption) {
      const basket = createBasket(sellerId, () => catalogue, limits, pricing)
      basket.restore(lines, consumption)
      baskets.set(sellerId, basket)
    },
    drop(sellerId) {
      if (sellerId === activeId) return
      baskets.delete(sellerId)
    },
  }
}
