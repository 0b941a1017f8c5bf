// "Bäckermodus" across the tills of one shop. A basket parked here is offered in PostgreSQL; whichever
// till the seller goes to next takes it up with one atomic claim, this till included, so a basket is
// never served at two tills. Offline, baskets stay on their till: an offer that cannot be made is simply
// not made, and a claim that cannot be asked leaves the seller with what this till has.
//
// The open TSE transaction (decided; docs/central.md): a basket that leaves this till is, for this till's
// TSE client, a process that ended without a receipt — it is cleared here like any abandoned basket
// (AVBelegabbruch, https://www.bsi.bund.de TR-03153 process types), and the till that takes it up starts a
// transaction of its own with its first line. Each till's TSE client only ever signs its own processes,
// so no transaction crosses clients and every till's export stays complete on its own.
import type { BasketLine } from '../../common/basket'
import type { Consumption } from '../../common/consumption'
import { AppFailure } from '../../common/result'
import type { Logger } from '../../common/ports'
import type { ParkedBasket, ParkedBasketStore, ParkedOffer } from './parked-baskets'

/** How long a seller switch waits for PostgreSQL before it goes on with what this till has. */
const CLAIM_TIMEOUT_MS = 2_000

export interface SharedParking {
  /** A non-empty basket was parked here, Im Haus or Außer Haus. */
  parked(sellerId: string, lines: readonly BasketLine[], total: number, consumption: Consumption): void
  /**
   * Before a seller's basket is shown here: the lines of the seller's basket taken up from PostgreSQL
   * (own offer or another till's), null to go on with this till's own, CONFLICT when another till has it.
   */
  resume(sellerId: string): Promise<ParkedBasket | null>
  /** Offers of other tills, for the seller bar. */
  remote(): readonly ParkedOffer[]
  /** Re-reads the shop's offers; drops local baskets another till took. Resolves true when anything changed. */
  refresh(): Promise<boolean>
}

export interface SharedParkingDeps {
  store: ParkedBasketStore
  tillId: string
  /** Removes a basket another till has taken from this till's register. */
  drop(sellerId: string): void
  logger: Logger
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
    p.then(
      (v) => {
        clearTimeout(timer)
        resolve(v)
      },
      (e: unknown) => {
        clearTimeout(timer)
        reject(e)
      },
    )
  })

const isTaken = (error: unknown): boolean =>
  error instanceof AppFailure &&
  (error.error.messageKey === 'central.error.basketTaken' || error.error.code === 'NOT_FOUND')

export function createSharedParking(deps: SharedParkingDeps): SharedParking {
  const { store, tillId, logger } = deps
  /** Offers made from this till, by seller. */
  const offered = new Map<string, string>()
  let others: ParkedOffer[] = []

  return {
    parked(sellerId, lines, total, consumption) {
      store.offer(sellerId, lines, total, consumption).then(
        (basketId) => offered.set(sellerId, basketId),
        (error: unknown) =>
          logger.log('info', 'central.offer-failed', { sellerId, message: (error as Error).message }),
      )
    },

    async resume(sellerId) {
      const own = offered.get(sellerId)
      if (own !== undefined) {
        offered.delete(sellerId)
        try {
          return await withTimeout(store.claim(own), CLAIM_TIMEOUT_MS)
        } catch (error) {
          if (isTaken(error)) {
            deps.drop(sellerId)
            throw error
          }
          logger.log('warn', 'central.claim-unanswered', { sellerId, message: (error as Error).message })
          return null
        }
      }
      const theirs = others.find((o) => o.sellerId === sellerId && o.fromTill !== tillId)
      if (!theirs) return null
      try {
        const basket = await withTimeout(store.claim(theirs.basketId), CLAIM_TIMEOUT_MS)
        others = others.filter((o) => o.basketId !== theirs.basketId)
        return basket
      } catch (error) {
        others = others.filter((o) => o.basketId !== theirs.basketId)
        if (isTaken(error)) throw error
        logger.log('warn', 'central.claim-unanswered', { sellerId, message: (error as Error).message })
        return null
      }
    },

    remote: () => others,

    async refresh() {
      const open = await store.open()
      let changed = false
      const openIds = new Set(open.map((o) => o.basketId))
      for (const [sellerId, basketId] of offered) {
        if (openIds.has(basketId)) continue
        const state = await store.state(basketId)
        if (state && state.claimedBy !== tillId) {
          offered.delete(sellerId)
          deps.drop(sellerId)
          changed = true
          logger.log('info', 'central.basket-taken', { sellerId, till: state.claimedBy })
        }
      }
      const next = open.filter((o) => o.fromTill !== tillId)
      if (next.map((o) => o.basketId).join() !== others.map((o) => o.basketId).join()) changed = true
      others = next
      return changed
    },
  }
}
