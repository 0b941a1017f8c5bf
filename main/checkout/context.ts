// What every checkout step shares: the collaborators, the sessions, and the one step that runs at a
// time. Commands that talk to secuconnect, the drawer or the printer return the `working` view at once
// and finish in the background (`launch`); each change is published as `checkout.changed`.
import type { AppConfig } from '../../common/config'
import type { CheckoutPhase, CheckoutView } from '../../common/checkout'
import type { Clock, Logger } from '../../common/ports'
import type { DeviceManager } from '../../hardware/manager/device-manager'
import type { FiscalService } from '../fiscal/lifecycle'
import type { EventBus } from '../ipc/event-bus'
import type { Journal } from '../journal'
import type { RegisterService } from '../register/register-service'
import type { SecuconnectClient } from '../secuconnect'
import type { CompleteDeps } from './complete'
import { conflict } from './errors'
import type { CheckoutHooks } from './hooks'
import type { StartPatience } from './start-steps'
import { ERROR_KEYS } from './messages'
import { freshSession, viewOf, type Busy, type Session } from './session'
import { moveTo, type CheckoutEvent } from './state-machine'

/** What tests may tune: the crash hooks and how fast unknown outcomes are read back. */
export interface CheckoutTuning {
  hooks?: CheckoutHooks
  /** Pause between read-backs of an unknown payment outcome; default 3 s. */
  reconcileEveryMs?: number
  /** Pause between recovery passes while a recovered sale is undecided; default 10 s. */
  recoveryRetryMs?: number
  /**
   * How long after its intent a start may still take effect at the API, for every payment method (the
   * client gives a start up after its timeout); an open transaction counts as not paid only after
   * this. Default: start timeout + 60 s.
   */
  startPatienceMs?: number
  /** After this long since its intent an undecidable payment goes to "Klärung nötig"; default 10 min. */
  clarifyAfterMs?: number
}

export interface CheckoutDeps extends CheckoutTuning {
  /** The live config (settings replace `receipt`, `shop`, `locale` in place). */
  config: AppConfig
  journal: Journal
  client: SecuconnectClient
  /** Resolves once the till holds API credentials (demo pairing); API steps wait for it. */
  apiReady: Promise<void>
  devices: DeviceManager
  register: RegisterService
  events: EventBus
  clock: Clock
  logger: Logger
  /** Signs the paid sale with the TSE before its receipt is built (main/fiscal); at most one timeout. */
  fiscal?: FiscalService
}

export interface CheckoutContext {
  config: AppConfig
  journal: Journal
  client: SecuconnectClient
  devices: DeviceManager
  register: RegisterService
  events: EventBus
  clock: Clock
  logger: Logger
  hooks: CheckoutHooks
  /** The TSE (main/fiscal); absent in tests without one. */
  fiscal: FiscalService | undefined
  completeDeps: CompleteDeps
  reconcileEveryMs: number
  recoveryRetryMs: number
  patience: StartPatience
  sessions: Map<string, Session>
  /** The step running now; commands are refused while it runs (one till, one customer at a time). */
  running: Promise<void> | null
  /** Background work that must finish before close (card refresh after a sale). */
  background: Set<Promise<unknown>>
  timers: Set<ReturnType<typeof setTimeout>>
  /** A view to be published once the step's call is on its way (`publishSoon`). */
  pendingView: ReturnType<typeof setImmediate> | null
  closed: boolean
  /** Resolves once API credentials are there (never rejects). */
  ready(): Promise<void>
  /** What a step that threw leaves behind (set by the service: start-flow.ts `stepThrew`). */
  stepThrew(s: Session, error: unknown): void
  /** Runs a recovery pass in the background (set by the service: checkout-service.ts `recover`). */
  recoverSoon(): void
}

function startPatience(tuning: CheckoutTuning, startTimeoutMs: number): StartPatience {
  const notPaidAfterMs = tuning.startPatienceMs ?? startTimeoutMs + 60_000
  return { notPaidAfterMs, clarifyAfterMs: Math.max(tuning.clarifyAfterMs ?? 600_000, notPaidAfterMs) }
}

/** The shared state of a new checkout; `stepThrew` and `recoverSoon` are wired by the service. */
export function createContext(deps: CheckoutDeps, hooks: CheckoutHooks): CheckoutContext {
  const { config, journal } = deps
  return {
    config,
    journal,
    client: deps.client,
    devices: deps.devices,
    register: deps.register,
    events: deps.events,
    clock: deps.clock,
    logger: deps.logger,
    hooks,
    fiscal: deps.fiscal,
    completeDeps: { journal, config, hooks },
    reconcileEveryMs: deps.reconcileEveryMs ?? 3_000,
    recoveryRetryMs: deps.recoveryRetryMs ?? 10_000,
    patience: startPatience(deps, config.secuconnect.timeouts.startMs),
    sessions: new Map(),
    running: null,
    background: new Set(),
    timers: new Set(),
    pendingView: null,
    closed: false,
    ready: () => deps.apiReady.catch(() => {}),
    stepThrew: () => {},
    recoverSoon: () => {},
  }
}

/** The active seller's session; CONFLICT (register.error.noSeller) when nobody is logged in. */
export function activeSession(ctx: CheckoutContext): Session {
  const sellerId = ctx.register.active().sellerId
  let s = ctx.sessions.get(sellerId)
  if (!s) ctx.sessions.set(sellerId, (s = freshSession(sellerId)))
  return s
}

export function view(ctx: CheckoutContext): CheckoutView {
  const register = ctx.register.view()
  const sellerId = register.activeSellerId
  const basketTotal = sellerId === null ? 0 : (register.basket?.total ?? 0)
  return viewOf(sellerId === null ? undefined : ctx.sessions.get(sellerId), sellerId, basketTotal)
}

/** Forgets a view `publishSoon` has not sent yet. */
export function dropPendingView(ctx: CheckoutContext): void {
  if (ctx.pendingView) clearImmediate(ctx.pendingView)
  ctx.pendingView = null
}

export function publish(ctx: CheckoutContext): void {
  // This view is the newest: one still waiting would say less.
  dropPendingView(ctx)
  ctx.events.publish('checkout.changed', view(ctx))
}

/**
 * Publishes the view a moment later, once the code that follows has run: for the busy view a step
 * shows right before it calls the API or kicks the drawer, so the call leaves first and the view
 * (built, checked and sent: ~0.1 ms) is made while the answer is on its way. It still goes out before
 * that answer is handled (setImmediate runs before the next turn's I/O), and a view published
 * meanwhile replaces it.
 */
export function publishSoon(ctx: CheckoutContext): void {
  ctx.pendingView ??= setImmediate(() => {
    ctx.pendingView = null
    if (!ctx.closed) ctx.events.publish('checkout.changed', view(ctx))
  })
}

export function guardIdle(ctx: CheckoutContext): void {
  if (ctx.running) throw conflict(ERROR_KEYS.busy, 'Another checkout step is still running')
}

/** Runs `work` in the background after moving `s` along `event`; returns the view showing it at once. */
export function launch(
  ctx: CheckoutContext,
  s: Session,
  event: Extract<CheckoutEvent, 'step-started' | 'read-back' | 'print'>,
  shown: Busy,
  work: () => Promise<void>,
): CheckoutView {
  moveTo(s, event)
  s.busy = shown
  // While reconciling the error says why the sale waits; it stays until the outcome is known.
  if (s.phase !== ('reconciling' satisfies CheckoutPhase)) s.error = null
  const job = work()
    .catch((error: unknown) => {
      try {
        ctx.stepThrew(s, error)
      } catch (again) {
        // The journal itself fails (disk full, closed): nothing more can be recorded; the next
        // start's recovery finishes the sale from what the journal holds.
        ctx.logger.log('error', 'checkout.step-failed-twice', { error: String(again) })
        s.busy = null
      }
    })
    .finally(() => {
      if (ctx.running === job) ctx.running = null
      publish(ctx)
    })
  ctx.running = job
  publish(ctx)
  return view(ctx)
}

export function schedule(ctx: CheckoutContext, fn: () => void, ms: number): void {
  if (ctx.closed) return
  const timer = setTimeout(() => {
    ctx.timers.delete(timer)
    fn()
  }, ms)
  ctx.timers.add(timer)
}

export function track(ctx: CheckoutContext, job: Promise<unknown>): void {
  ctx.background.add(job)
  void job.finally(() => ctx.background.delete(job))
}
