// The checkout's payment flow as one table: every phase change of a session goes through `moveTo`,
// which refuses a change the table does not list. docs/checkout.md "State machine" draws the same
// table; the phases themselves are the view's (common/checkout.ts).
import type { CheckoutPhase } from '../../common/checkout'

/** What happened to a session; each names the step that changes the phase. */
export type CheckoutEvent =
  /** A command starts an external step (card lookup, PIN, create/PUT, preTransaction, start, tender). */
  | 'step-started'
  /** A card lookup or PIN check ended: back to the phase it started from. */
  | 'card-checked'
  /** preTransaction answered: the card's balance is applied, the rest is due. */
  | 'card-applied'
  /** The start (or the cash tender) settled and the sale is completed with its receipt. */
  | 'paid'
  /** A step failed or was provably not applied; nothing was booked. */
  | 'failed'
  /** The answer of a start was lost: its outcome is read back, never sent again. */
  | 'answer-lost'
  /** One read-back of the pending start runs. */
  | 'read-back'
  /** The payment cannot be decided: the sale goes to the "Klärung nötig" list, the basket is freed. */
  | 'handed-over'
  /** The receipt of the paid sale is printed (again). */
  | 'print'
  /** The cashier cancels the attempt or removes the applied card: the sale is aborted. */
  | 'abandoned'
  /** The paid screen closes or a failed screen is dismissed: the next customer. */
  | 'done'

type Transition = readonly [from: CheckoutPhase, event: CheckoutEvent, to: CheckoutPhase]

/** Every phase change the checkout makes. Read a row as "in `from`, on `event`, go to `to`". */
export const TRANSITIONS: readonly Transition[] = [
  ['open', 'step-started', 'working'],
  ['failed', 'step-started', 'working'],
  ['card-applied', 'step-started', 'working'],
  ['working', 'card-checked', 'open'],
  ['working', 'card-checked', 'failed'],
  ['working', 'card-applied', 'card-applied'],
  ['working', 'paid', 'paid'],
  ['working', 'failed', 'failed'],
  ['working', 'answer-lost', 'reconciling'],
  ['working', 'handed-over', 'failed'],
  ['reconciling', 'read-back', 'reconciling'],
  ['reconciling', 'answer-lost', 'reconciling'],
  ['reconciling', 'paid', 'paid'],
  ['reconciling', 'failed', 'failed'],
  ['reconciling', 'handed-over', 'failed'],
  ['paid', 'print', 'paid'],
  ['paid', 'done', 'open'],
  // A print that threw (not a printer failure, those are shown on the paid screen).
  ['paid', 'failed', 'failed'],
  ['open', 'abandoned', 'open'],
  ['failed', 'abandoned', 'open'],
  ['card-applied', 'abandoned', 'open'],
  ['open', 'done', 'open'],
  ['failed', 'done', 'open'],
]

const allowed = new Map<string, Set<CheckoutPhase>>()
for (const [from, event, to] of TRANSITIONS) {
  const key = `${from}:${event}`
  allowed.set(key, (allowed.get(key) ?? new Set()).add(to))
}

/** The phases `event` may lead to from `from` (empty: the event is not allowed there). */
export function targetsOf(from: CheckoutPhase, event: CheckoutEvent): ReadonlySet<CheckoutPhase> {
  return allowed.get(`${from}:${event}`) ?? new Set()
}

/** Something that has a phase (a checkout session). */
export interface HasPhase {
  phase: CheckoutPhase
}

/**
 * Moves `s` along the table. `to` picks among several targets (a card check goes back where it
 * started); with one target it may be left out. A change the table lacks is a bug and throws.
 */
export function moveTo(s: HasPhase, event: CheckoutEvent, to?: CheckoutPhase): void {
  const targets = targetsOf(s.phase, event)
  const next = to ?? (targets.size === 1 ? [...targets][0] : undefined)
  if (next === undefined || !targets.has(next))
    throw new Error(`checkout: no transition ${s.phase} --${event}--> ${to ?? '?'}`)
  s.phase = next
}
