// Named points of a payment, passed to an optional hook right after each is reached. Production passes
// no hook; the crash test (test/integration/checkout/crash.test.ts) passes one that kills the process
// with SIGKILL at a chosen point, so every step's intent, external effect and outcome is crashed once.

/** `<step>.intent`: the journal holds the intent, the external call has not left yet.
 *  `<step>.called`: the call returned, its outcome is not journaled yet.
 *  `<step>.outcome`: the outcome is journaled. */
export const CHECKOUT_POINTS = [
  'sale.begun',
  'create.intent',
  'create.called',
  'create.outcome',
  'update.intent',
  'update.called',
  'update.outcome',
  'pretransaction.intent',
  'pretransaction.called',
  'pretransaction.outcome',
  'start.intent',
  'start.called',
  'start.outcome',
  'tender.intent',
  'tender.outcome',
  'drawer.opened',
  'sale.completed',
  'receipt.recorded',
  'print.outcome',
] as const

export type CheckoutPoint = (typeof CHECKOUT_POINTS)[number]

export interface CheckoutHooks {
  at(point: CheckoutPoint): void
}

export const noHooks: CheckoutHooks = { at: () => {} }
