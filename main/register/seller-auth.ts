// Who may act at the till: the PIN check with a lockout after too many wrong PINs in a row, and the
// manager check for manager-only actions (settings, storno, closing, a discount over the limit).
import { timingSafeEqual } from 'node:crypto'
import { AppFailure } from '../../common/result'
import type { Clock, Logger } from '../../common/ports'
import type { SellerConfig } from '../../common/sellers'

/** Wrong PINs in a row before the seller is locked out for a while (a guard against guessing). */
const MAX_PIN_FAILURES = 5
const PIN_LOCKOUT_MS = 60_000
/** Failure counter of manager PINs typed to authorise one action ('*' is not allowed in seller ids). */
const MANAGER_PIN_KEY = '*manager-pin'

/** Compares in constant time, so the time a wrong PIN takes says nothing about the right one. */
export function samePin(a: string, b: string): boolean {
  const x = Buffer.from(a.padEnd(8))
  const y = Buffer.from(b.padEnd(8))
  return x.length === y.length && timingSafeEqual(x, y)
}

export interface SellerAuthDeps {
  clock: Clock
  logger: Logger
  /** The sellers as they are now (the head office may replace the list). */
  sellers: () => readonly SellerConfig[]
  /** The seller logged in at the till, if any. */
  activeSellerId: () => string | null
}

export type SellerAuth = ReturnType<typeof createSellerAuth>

export function createSellerAuth({ clock, logger, sellers, activeSellerId }: SellerAuthDeps) {
  const failures = new Map<string, { count: number; lockedUntil: number }>()

  /**
   * The one PIN check: lockout after too many wrong PINs in a row, counted per `key` (a seller id, or
   * MANAGER_PIN_KEY for a manager PIN typed to authorise an action). Throws FORBIDDEN unless `matches`.
   */
  function checkPin(key: string, matches: boolean): void {
    const state = failures.get(key) ?? { count: 0, lockedUntil: 0 }
    if (state.lockedUntil > clock.now()) {
      const seconds = Math.ceil((state.lockedUntil - clock.now()) / 1000)
      throw AppFailure.of(
        'FORBIDDEN',
        'seller.error.locked',
        `Too many wrong PINs; try again in ${seconds} s`,
        { seconds },
      )
    }
    if (!matches) {
      const count = state.count + 1
      failures.set(key, {
        count: count >= MAX_PIN_FAILURES ? 0 : count,
        lockedUntil: count >= MAX_PIN_FAILURES ? clock.now() + PIN_LOCKOUT_MS : 0,
      })
      logger.log('warn', 'seller.wrong-pin', { sellerId: key, count })
      throw AppFailure.of('FORBIDDEN', 'seller.error.wrongPin', 'Wrong PIN')
    }
    failures.delete(key)
  }

  /**
   * Manager-only actions (settings, storno, closing): allowed when the active seller is a manager, or with
   * a manager's PIN typed for this one action. Returns the manager; FORBIDDEN otherwise.
   */
  function authorizeManager(managerPin?: string): SellerConfig {
    const activeId = activeSellerId()
    const active = sellers().find((s) => s.id === activeId)
    if (active?.role === 'manager') return active
    if (managerPin === undefined) {
      throw AppFailure.of(
        'FORBIDDEN',
        'seller.error.managerRequired',
        'Only a manager may do this; enter a manager PIN',
      )
    }
    const manager = sellers().find(
      (s) => s.role === 'manager' && s.pin !== undefined && samePin(managerPin, s.pin),
    )
    checkPin(MANAGER_PIN_KEY, manager !== undefined)
    logger.log('info', 'seller.manager-authorized', { sellerId: manager!.id, activeSellerId: activeId })
    return manager!
  }

  return { checkPin, authorizeManager }
}
