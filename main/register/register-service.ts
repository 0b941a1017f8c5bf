// The register behind the contract: catalogue, the sellers' baskets, and what a scan does. Every change
// is published as `register.changed`, so every window (till, customer display) shows the same state and
// a reloaded renderer loses nothing.
import { timingSafeEqual } from 'node:crypto'
import type { Catalogue } from '../../common/catalog'
import type { Scan } from '../../common/devices'
import type { RegisterView } from '../../common/basket'
import type { ScanOutcome } from '../../common/ipc/contract'
import type { SellerConfig, SellerView } from '../../common/sellers'
import { AppFailure } from '../../common/result'
import type { Clock, Logger } from '../../common/ports'
import { maskCardNumber } from '../../common/card'
import type { EventBus } from '../ipc/event-bus'
import { indexCatalogue } from '../catalog/lookup'
import { createRegister } from './sellers'
import { DEFAULT_DISCOUNTS, type DiscountConfig, type DiscountKind } from '../../common/discount'
import type { DiscountRule } from './basket'
import { dateTimeFormat } from '../../common/intl-formats'
import type { SharedParking } from '../central/shared-parking'
import type { LimitsConfig } from '../../common/config'
import type { InStoreLayout } from '../../common/config/devices'
import { classifyCode, DEFAULT_IN_STORE } from '../../hardware/scanner/classify'
import { DEFAULT_LIMITS } from './basket'

/** Wrong PINs in a row before the seller is locked out for a while (a guard against guessing). */
const MAX_PIN_FAILURES = 5
const PIN_LOCKOUT_MS = 60_000
/** Failure counter of manager PINs typed to authorise one action ('*' is not allowed in seller ids). */
const MANAGER_PIN_KEY = '*manager-pin'

export interface RegisterServiceDeps {
  catalogue: Catalogue
  sellers: readonly SellerConfig[]
  events: EventBus
  clock: Clock
  logger: Logger
  /** Discount reasons, manager limit and the Abendverkauf rule (config `discounts`). */
  discounts?: () => DiscountConfig
  /** The shop's time zone, for the Abendverkauf hour. */
  timeZone?: string
  /** Called for a scanned loyalty card; the payment service decides what the card does. */
  onCard?: (cardNumber: string) => void
  /** The in-store EAN layout of the scanners (config devices.scanning.inStore), read at each scan. */
  inStore?: () => InStoreLayout
  /** Line and sale caps (config limits), read at each change. */
  limits?: () => LimitsConfig
}

/** What a client may send as a typed-in code: the code counts; anything derived from it is main's to decide. */
export interface TypedScan {
  code: string
  [derived: string]: unknown
}

/** Fields of a Scan that follow from the code; a client's values for them are never used. */
const DERIVED_FIELDS = ['kind', 'article', 'priceCents', 'weightGrams', 'reason', 'symbology'] as const

export type RegisterService = ReturnType<typeof createRegisterService>

function samePin(a: string, b: string): boolean {
  const x = Buffer.from(a.padEnd(8))
  const y = Buffer.from(b.padEnd(8))
  return x.length === y.length && timingSafeEqual(x, y)
}

export function createRegisterService(deps: RegisterServiceDeps) {
  const { events, logger, clock } = deps
  let index = indexCatalogue(deps.catalogue)
  /** Replaced as a whole when the head office sends a new list (main/central). */
  let sellers = deps.sellers
  const discounts = () => deps.discounts?.() ?? DEFAULT_DISCOUNTS
  const localHour = () =>
    Number(
      dateTimeFormat('en-GB', {
        timeZone: deps.timeZone ?? 'Europe/Berlin',
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(clock.now())),
    ) % 24
  const register = createRegister(index, deps.limits ?? (() => DEFAULT_LIMITS), {
    // Abendverkauf: marked articles added after the configured hour get the discount by themselves.
    automatic: (product) => {
      const evening = discounts().evening
      if (!evening || !product.evening || localHour() < evening.fromHour) return null
      const reason = discounts().reasons.find((r) => r.id === evening.reasonId)
      return {
        kind: 'percent',
        value: evening.percent,
        reasonId: evening.reasonId,
        reason: reason?.label ?? evening.reasonId,
        managerId: null,
      }
    },
  })
  const failures = new Map<string, { count: number; lockedUntil: number }>()

  /** Baskets shared with the shop's other tills (main/central); null while the till runs alone. */
  let parking: SharedParking | null = null

  /** The register as every window shows it: with the baskets parked at the shop's other tills. */
  const fullView = (): RegisterView => {
    const view = register.view()
    const remote = parking?.remote() ?? []
    if (remote.length === 0) return view
    const here = new Set(view.sellers.map((s) => s.sellerId))
    return {
      ...view,
      sellers: [
        ...view.sellers,
        ...remote
          .filter((o) => !here.has(o.sellerId))
          .map((o) => ({
            sellerId: o.sellerId,
            itemCount: o.itemCount,
            total: o.total,
            active: false,
            till: o.fromTill,
          })),
      ],
    }
  }

  const changed = (_view?: RegisterView): RegisterView => {
    const view = fullView()
    events.publish('register.changed', view)
    return view
  }

  /**
   * Switches to a seller: the basket left behind is offered to the shop's other tills, and a basket of
   * the new seller's parked at another till (or offered from here) is taken up first.
   */
  async function switchSeller(sellerId: string): Promise<RegisterView> {
    const before = register.view().activeSellerId
    if (parking && before !== sellerId) {
      const taken = await parking.resume(sellerId)
      if (taken) register.restore(sellerId, taken)
    }
    guardPayment()
    register.switchTo(sellerId)
    offerLeftBehind(before, sellerId)
    return changed()
  }

  const offerLeftBehind = (before: string | null, now: string | null): void => {
    if (!parking || before === null || before === now) return
    const left = register.basketOf(before)
    if (left && left.lines.length > 0) parking.parked(before, left.lines, left.total)
  }

  const seller = (id: string): SellerConfig => {
    const s = sellers.find((x) => x.id === id)
    if (!s) throw AppFailure.of('NOT_FOUND', 'seller.error.unknown', `No seller "${id}"`, { sellerId: id })
    return s
  }

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
   * While a payment runs (main/checkout), the basket it froze must not change and the seller must not
   * switch: the checkout clears exactly this basket when the sale is paid.
   */
  let paymentLock: string | null = null
  const guardPayment = (): void => {
    if (paymentLock !== null)
      throw AppFailure.of(
        'CONFLICT',
        'register.error.paymentRunning',
        'A payment is running; finish or cancel it first',
        { sellerId: paymentLock },
      )
  }

  function loginWithPin(sellerId: string, pin: string | undefined): Promise<RegisterView> {
    guardPayment()
    const s = seller(sellerId)
    if (s.pin) checkPin(s.id, pin !== undefined && samePin(pin, s.pin))
    logger.log('info', 'seller.login', { sellerId: s.id })
    return switchSeller(s.id)
  }

  /**
   * Manager-only actions (settings, storno, closing): allowed when the active seller is a manager, or with
   * a manager's PIN typed for this one action. Returns the manager; FORBIDDEN otherwise.
   */
  function authorizeManager(managerPin?: string): SellerConfig {
    const activeId = register.view().activeSellerId
    const active = sellers.find((s) => s.id === activeId)
    if (active?.role === 'manager') return active
    if (managerPin === undefined) {
      throw AppFailure.of(
        'FORBIDDEN',
        'seller.error.managerRequired',
        'Only a manager may do this; enter a manager PIN',
      )
    }
    const manager = sellers.find(
      (s) => s.role === 'manager' && s.pin !== undefined && samePin(managerPin, s.pin),
    )
    checkPin(MANAGER_PIN_KEY, manager !== undefined)
    logger.log('info', 'seller.manager-authorized', { sellerId: manager!.id, activeSellerId: activeId })
    return manager!
  }

  function loginWithBadge(badge: string): Promise<RegisterView> {
    guardPayment()
    const s = sellers.find((x) => x.badge !== undefined && x.badge === badge)
    if (!s) throw AppFailure.of('NOT_FOUND', 'seller.error.unknownBadge', 'Unknown badge')
    logger.log('info', 'seller.login', { sellerId: s.id, by: 'badge' })
    return switchSeller(s.id)
  }

  /** One scan, from a device or typed in: the outcome is published and returned; nothing throws. */
  function handleScan(scan: Scan): ScanOutcome {
    let outcome: ScanOutcome
    try {
      if (scan.kind === 'card') {
        deps.onCard?.(scan.code)
        logger.log('info', 'scan.card', { card: maskCardNumber(scan.code) })
        // The card number stays in main: the event every window (and the log of the UI) sees is masked.
        outcome = { scan: { ...scan, code: maskCardNumber(scan.code) }, outcome: 'card' }
      } else if (scan.kind === 'raw' && sellers.some((s) => s.badge === scan.code)) {
        // A badge login may take up a basket from another till; its result arrives as register.changed.
        loginWithBadge(scan.code).catch((error: unknown) =>
          logger.log('info', 'seller.badge-login-failed', {
            messageKey: error instanceof AppFailure ? error.error.messageKey : String(error),
          }),
        )
        outcome = { scan, outcome: 'seller' }
      } else {
        guardPayment()
        register.active().addScan(scan)
        changed(register.view())
        outcome = { scan, outcome: 'added' }
      }
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error
      logger.log('info', 'scan.rejected', { kind: scan.kind, messageKey: error.error.messageKey })
      outcome = {
        scan,
        outcome: 'rejected',
        messageKey: error.error.messageKey,
        ...(error.error.params ? { params: error.error.params } : {}),
      }
    }
    events.publish('scan.result', outcome)
    return outcome
  }

  /**
   * A code typed in or sent by a renderer: main classifies the raw code itself with the scanners' own
   * classifier (kind, check digit, in-store price or weight). Derived fields the client sent are ignored;
   * when they disagree with main's reading, that is logged, since an honest renderer never sends them.
   */
  function classifyTyped(input: TypedScan): Scan {
    const scan = classifyCode(input.code, { source: 'manual' }, deps.inStore?.() ?? DEFAULT_IN_STORE)
    const forged = DERIVED_FIELDS.filter(
      (field) => input[field] !== undefined && input[field] !== (scan as Record<string, unknown>)[field],
    )
    if (forged.length > 0)
      logger.log('warn', 'scan.derived-fields-ignored', { fields: forged, kind: scan.kind })
    return scan
  }

  /** Runs a basket operation on the active seller's basket and publishes the result. */
  const onBasket = (operation: (basket: ReturnType<typeof register.active>) => unknown): RegisterView => {
    guardPayment()
    operation(register.active())
    return changed(register.view())
  }

  /**
   * A discount on a line or the whole sale: the reason must be in the configured list; above the
   * manager limit (percent of what it reduces, or cents) a manager allows it (active or by PIN).
   */
  function discount(input: {
    lineId?: string
    kind: DiscountKind
    value: number
    reasonId: string
    managerPin?: string
  }): RegisterView {
    guardPayment()
    const config = discounts()
    const reason = config.reasons.find((r) => r.id === input.reasonId)
    if (!reason)
      throw AppFailure.of(
        'VALIDATION',
        'basket.error.discountReason',
        `Unknown discount reason "${input.reasonId}"`,
        {
          reasonId: input.reasonId,
        },
      )
    if (input.kind === 'percent' && input.value > 100)
      throw AppFailure.of('VALIDATION', 'basket.error.discountPercent', 'A discount is at most 100 %', {
        value: input.value,
      })
    const basket = register.active()
    const rule: DiscountRule = {
      kind: input.kind,
      value: input.value,
      reasonId: reason.id,
      reason: reason.label,
      managerId: null,
    }
    const before = basket.view()
    const after = basket.previewDiscount(input.lineId, rule)
    // What this discount reduces, and from what: the line, or every line the sale discount touches.
    const touched = after.lines.filter((l) =>
      input.lineId !== undefined ? l.lineId === input.lineId : l.discount?.scope === 'sale',
    )
    const reduction = touched.reduce((sum, l) => sum + (l.discount?.amount ?? 0), 0)
    const base = touched.reduce((sum, l) => sum + l.total + (l.discount?.amount ?? 0), 0)
    if (reduction === 0)
      throw AppFailure.of(
        'VALIDATION',
        'basket.error.nothingToDiscount',
        'Nothing in the basket can be discounted',
      )
    const overLimit =
      reduction * 100 > config.managerAbovePercent * base || reduction > config.managerAboveCents
    if (overLimit) rule.managerId = authorizeManager(input.managerPin).id
    if (input.lineId !== undefined) basket.setLineDiscount(input.lineId, rule)
    else basket.setSaleDiscount(rule)
    logger.log('info', 'basket.discount', {
      lineId: input.lineId ?? null,
      kind: rule.kind,
      value: rule.value,
      reason: rule.reasonId,
      reduction,
      managerId: rule.managerId,
      totalBefore: before.total,
    })
    return changed(register.view())
  }

  return {
    handleScan,
    authorizeManager,
    /** A basket operation on the active seller's basket, refused while a payment runs (main/register/weighing.ts). */
    onBasket,
    /** Throws while a payment runs: checked before a step with an outside effect (a weighing is used up). */
    guardPayment,
    /** The catalogue's product, for services that price from it (weighing). */
    product: (productId: string) => index.byId(productId),
    /** The active seller's basket, for the payment service. */
    active: () => register.active(),
    view: () => fullView(),
    /** True while a sale is being paid: master data from the head office waits until it is done. */
    paymentRunning: () => paymentLock !== null,
    /** Shares parked baskets with the shop's other tills (main/central). */
    attachParking(shared: SharedParking): void {
      parking = shared
    },
    /** Another till took a basket parked here. */
    dropParked(sellerId: string): void {
      register.drop(sellerId)
    },
    /** Someone else changed what the register shows (a basket parked or taken at another till). */
    republish: () => changed(),
    /** The checkout froze the active basket for a payment: no basket change, no seller switch until unlocked. */
    lockForPayment(sellerId: string): void {
      paymentLock = sellerId
    },
    unlockPayment(): void {
      paymentLock = null
    },
    /** After a sale is paid: the basket is emptied and everyone sees it. */
    clearActive(): RegisterView {
      register.active().clear()
      return changed(register.view())
    },
    /** A new list of sellers from the head office; baskets of sellers no longer listed stay until paid or parked. */
    setSellers(list: readonly SellerConfig[]) {
      sellers = list
    },
    setCatalogue(catalogue: Catalogue) {
      index = indexCatalogue(catalogue)
      register.setCatalogue(index)
    },
    handlers: {
      'catalog.get': () => index.catalogue,
      'register.view': () => fullView(),
      'basket.addProduct': ({
        productId,
        quantity,
        amount,
      }: {
        productId: string
        quantity: number
        amount?: number
      }) =>
        onBasket((b) => b.addProduct(productId, { quantity, ...(amount !== undefined ? { amount } : {}) })),
      'basket.addPlu': ({ plu, quantity }: { plu: string; quantity: number }) =>
        onBasket((b) => b.addPlu(plu, quantity)),
      'basket.scan': ({ scan }: { scan: TypedScan }) => handleScan(classifyTyped(scan)),
      'basket.setQuantity': ({ lineId, quantity }: { lineId: string; quantity: number }) =>
        onBasket((b) => b.setQuantity(lineId, quantity)),
      'basket.voidLine': ({ lineId }: { lineId: string }) => onBasket((b) => b.voidLine(lineId)),
      'basket.returnDeposit': ({ productId, quantity }: { productId: string; quantity: number }) =>
        onBasket((b) => b.returnDeposit(productId, quantity)),
      'basket.clear': () => onBasket((b) => b.clear()),
      'basket.discount': (input: {
        lineId?: string
        kind: DiscountKind
        value: number
        reasonId: string
        managerPin?: string
      }) => discount(input),
      'basket.removeDiscount': ({ lineId }: { lineId?: string }) =>
        onBasket((b) => (lineId === undefined ? b.setSaleDiscount(null) : b.setLineDiscount(lineId, null))),
      'discount.config': () => discounts(),
      'seller.list': (): SellerView[] =>
        sellers.map((s) => ({ id: s.id, name: s.name, role: s.role, needsPin: s.pin !== undefined })),
      'seller.login': (input: { sellerId: string; pin?: string } | { badge: string }) =>
        'badge' in input ? loginWithBadge(input.badge) : loginWithPin(input.sellerId, input.pin),
      'seller.park': () => {
        guardPayment()
        const before = register.view().activeSellerId
        register.park()
        offerLeftBehind(before, null)
        return changed()
      },
    },
  }
}
