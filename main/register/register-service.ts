// The register behind the contract: catalogue, the sellers' baskets, and what a scan does. Every change
// is published as `register.changed`, so every window (till, customer display) shows the same state and
// a reloaded renderer loses nothing. Who may act is checked in seller-auth.ts, which discounts apply in
// discount-policy.ts, how a typed code is read in typed-scan.ts.
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
import { DEFAULT_DISCOUNTS, type DiscountConfig } from '../../common/discount'
import type { SharedParking } from '../central/shared-parking'
import type { LimitsConfig } from '../../common/config'
import type { InStoreLayout } from '../../common/config/devices'
import { DEFAULT_IN_STORE } from '../../hardware/scanner/classify'
import { DEFAULT_LIMITS } from './basket'
import type { Consumption } from '../../common/consumption'
import { applyDiscount, eveningPricing, type DiscountRequest } from './discount-policy'
import { createSellerAuth, samePin } from './seller-auth'
import { classifyTyped, type TypedScan } from './typed-scan'

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
  /** Im Haus / Außer Haus a new sale starts with (config defaultConsumption), read for each new sale. */
  defaultConsumption?: () => Consumption
}

export type RegisterService = ReturnType<typeof createRegisterService>

export function createRegisterService(deps: RegisterServiceDeps) {
  const { events, logger, clock } = deps
  let index = indexCatalogue(deps.catalogue)
  /** Replaced as a whole when the head office sends a new list (main/central). */
  let sellers = deps.sellers
  const discounts = () => deps.discounts?.() ?? DEFAULT_DISCOUNTS
  const register = createRegister(index, deps.limits ?? (() => DEFAULT_LIMITS), {
    ...eveningPricing(discounts, clock, deps.timeZone),
    ...(deps.defaultConsumption ? { defaultConsumption: deps.defaultConsumption } : {}),
  })
  const { checkPin, authorizeManager } = createSellerAuth({
    clock,
    logger,
    sellers: () => sellers,
    activeSellerId: () => register.view().activeSellerId,
  })

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
      if (taken) register.restore(sellerId, taken.lines, taken.consumption)
    }
    guardPayment()
    register.switchTo(sellerId)
    offerLeftBehind(before, sellerId)
    return changed()
  }

  const offerLeftBehind = (before: string | null, now: string | null): void => {
    if (!parking || before === null || before === now) return
    const left = register.basketOf(before)
    if (left && left.lines.length > 0) parking.parked(before, left.lines, left.total, left.consumption)
  }

  const seller = (id: string): SellerConfig => {
    const s = sellers.find((x) => x.id === id)
    if (!s) throw AppFailure.of('NOT_FOUND', 'seller.error.unknown', `No seller "${id}"`, { sellerId: id })
    return s
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

  /** Runs a basket operation on the active seller's basket and publishes the result. */
  const onBasket = (operation: (basket: ReturnType<typeof register.active>) => unknown): RegisterView => {
    guardPayment()
    operation(register.active())
    // One view per tap, built by changed(): it is what is published and what the command answers.
    return changed()
  }

  /** A discount on a line or the whole sale (discount-policy.ts), published like any basket change. */
  function discount(input: DiscountRequest): RegisterView {
    guardPayment()
    applyDiscount(() => register.active(), input, discounts(), authorizeManager, logger)
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
      'basket.scan': ({ scan }: { scan: TypedScan }) =>
        handleScan(classifyTyped(scan, deps.inStore?.() ?? DEFAULT_IN_STORE, logger)),
      'basket.setQuantity': ({ lineId, quantity }: { lineId: string; quantity: number }) =>
        onBasket((b) => b.setQuantity(lineId, quantity)),
      'basket.voidLine': ({ lineId }: { lineId: string }) => onBasket((b) => b.voidLine(lineId)),
      'basket.returnDeposit': ({ productId, quantity }: { productId: string; quantity: number }) =>
        onBasket((b) => b.returnDeposit(productId, quantity)),
      'basket.clear': () => onBasket((b) => b.clear()),
      'basket.discount': (input: DiscountRequest) => discount(input),
      'basket.removeDiscount': ({ lineId }: { lineId?: string }) =>
        onBasket((b) => (lineId === undefined ? b.setSaleDiscount(null) : b.setLineDiscount(lineId, null))),
      // onBasket refuses it while a payment runs: the sale's rates are frozen with its first payment step.
      'basket.setConsumption': ({ consumption }: { consumption: Consumption }) =>
        onBasket((b) => {
          b.setConsumption(consumption)
          logger.log('info', 'basket.consumption', { consumption })
        }),
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
