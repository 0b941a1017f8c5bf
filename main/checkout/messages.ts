// Every message key the checkout puts into a CheckoutView (card refusals, busy steps, errors). The
// renderer translates them (renderer/src/i18n); keeping them in one place keeps that list complete.
export const CARD_KEYS = {
  /** The API answered `valid: false` (not a card of this merchant, or a typo). */
  unknown: 'checkout.card.unknown',
  locked: 'checkout.card.locked',
  /** The card group wants the PIN before the card pays. */
  pinRequired: 'checkout.card.pinRequired',
  wrongPin: 'checkout.card.wrongPin',
  /** Three wrong PINs: the card is not used for this sale at all. */
  pinTooManyAttempts: 'checkout.card.pinTooManyAttempts',
  /** The card could not be looked up (network, API): scan it again. */
  lookupFailed: 'checkout.card.lookupFailed',
  /** A command needs a card and none is attached. */
  none: 'checkout.card.none',
} as const

export const BUSY_KEYS = {
  card: 'checkout.busy.card',
  pin: 'checkout.busy.pin',
  transaction: 'checkout.busy.transaction',
  applyCard: 'checkout.busy.applyCard',
  cash: 'checkout.busy.cash',
  terminal: 'checkout.busy.terminal',
  loyalty: 'checkout.busy.loyalty',
  drawer: 'checkout.busy.drawer',
  printing: 'checkout.busy.printing',
  reconciling: 'checkout.busy.reconciling',
} as const

export const ERROR_KEYS = {
  /** Another checkout step is still running. */
  busy: 'checkout.error.busy',
  /** The command does not fit the phase (params: phase). */
  wrongPhase: 'checkout.error.wrongPhase',
  /** A sale is begun: cancel it before changing the card. */
  saleInProgress: 'checkout.error.saleInProgress',
  emptyBasket: 'checkout.error.emptyBasket',
  nothingToPay: 'checkout.error.nothingToPay',
  /** A sale below 0 (returned deposits) is paid out in cash, never through a card or the API. */
  payOutInCash: 'checkout.error.payOutInCash',
  /** Training mode: only cash, so no card and no terminal is ever charged (docs/fiscal-tse.md). */
  trainingCashOnly: 'checkout.error.trainingCashOnly',
  /** params: due, tendered */
  tenderedTooLow: 'checkout.error.tenderedTooLow',
  topupNeedsCard: 'checkout.error.topupNeedsCard',
  bonusInvalid: 'checkout.error.bonusInvalid',
  /** payLoyalty while something remains to pay (params: due). */
  dueNotZero: 'checkout.error.dueNotZero',
  /** The terminal declined the card. */
  declined: 'checkout.error.declined',
  /** The API refused the card at payment (locked meanwhile, balance changed). */
  cardRefused: 'checkout.error.cardRefused',
  /** The API refused the request (params: status, code, userMessage). */
  api: 'checkout.error.api',
  /** The API answered with a server error. */
  apiUnavailable: 'checkout.error.apiUnavailable',
  network: 'checkout.error.network',
  timeout: 'checkout.error.timeout',
  notPaired: 'checkout.error.notPaired',
  auth: 'checkout.error.auth',
  badResponse: 'checkout.error.badResponse',
  /** The payment's outcome is not known yet; the register reads the transaction back. */
  unknownOutcome: 'checkout.error.unknownOutcome',
  /** The read-back shows the payment did not happen; nothing was booked, it may be tried again. */
  notApplied: 'checkout.error.notApplied',
  internal: 'checkout.error.internal',
  /** Recovery could not decide whether the sale is paid: it waits on the back office's "Klärung nötig" list. */
  needsClarification: 'checkout.error.needsClarification',
  /** A manager's "paid" does not add up: the settled payments would not cover the sale. */
  clarifyAmountsDiffer: 'checkout.error.clarifyAmountsDiffer',
  /** A manager's "not paid" on a sale that already holds settled money: reverse it with a storno. */
  clarifyHoldsMoney: 'checkout.error.clarifyHoldsMoney',
} as const

export const REGISTER_LOCK_KEY = 'register.error.paymentRunning'
