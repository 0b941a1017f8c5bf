// The checkout behind common/ipc/checkout-contract.ts: one session per seller's basket, moved along
// the state machine in state-machine.ts (drawn in docs/checkout.md). Every external step is journaled
// before it leaves (intent) and after it returns (outcome); a start whose answer was lost is read back,
// never repeated. This file only composes: the commands live in card-commands.ts and
// sale-commands.ts, the steps in payment-flows.ts, start-flow.ts and finish-steps.ts.
import { attach, detach, verifyPin } from './card-commands'
import {
  createContext,
  dropPendingView,
  schedule,
  track,
  view,
  type CheckoutContext,
  type CheckoutDeps,
} from './context'
import { decideClarification } from './clarify'
import { errorOf } from './errors'
import { noHooks } from './hooks'
import { recoverOnce, type RecoveryReport } from './recovery'
import { applyCard, cancel, done, finishSale, pay, receiptChoice } from './sale-commands'
import { stepThrew } from './start-flow'

export type { CheckoutDeps, CheckoutTuning } from './context'

export type CheckoutService = ReturnType<typeof createCheckoutService>

export function createCheckoutService(deps: CheckoutDeps) {
  const ctx: CheckoutContext = createContext(deps, deps.hooks ?? noHooks)
  ctx.stepThrew = (s, error) => stepThrew(ctx, s, error)
  const { logger } = ctx

  // One pass at a time: two passes over the same sale would both sign it late (sign-late.ts).
  let passes: Promise<unknown> = Promise.resolve()
  function recover(): Promise<RecoveryReport> {
    const pass = passes.then(async () => {
      await ctx.ready()
      return recoverOnce({
        ...ctx.completeDeps,
        client: ctx.client,
        clock: ctx.clock,
        logger,
        patience: ctx.patience,
        fiscal: ctx.fiscal,
        inProgress: (saleId) => [...ctx.sessions.values()].some((s) => s.sale?.saleId === saleId),
      })
    })
    passes = pass.catch(() => undefined)
    return pass.then((report) => {
      if (report.pending.length > 0) schedule(ctx, () => track(ctx, recover()), ctx.recoveryRetryMs)
      return report
    })
  }
  const recoverLogged = () =>
    recover().catch((error: unknown) => {
      logger.log('error', 'checkout.recovery-crashed', { error: String(error) })
      return { completed: [], aborted: [], pending: [], receipts: [], attention: [] } satisfies RecoveryReport
    })
  ctx.recoverSoon = () => track(ctx, recoverLogged())
  const recovery = recoverLogged()

  // The checkout view's total follows the basket while the sale is open.
  const offRegister = ctx.events.subscribe((message) => {
    if (message.type !== 'register.changed') return
    // The next product on the paid screen starts the next sale: no "next customer" tap.
    const sellerId = message.payload.activeSellerId
    const s = sellerId === null ? undefined : ctx.sessions.get(sellerId)
    if (s?.phase === 'paid' && !ctx.running && (message.payload.basket?.lines.length ?? 0) > 0) done(ctx, s)
    ctx.events.publish('checkout.changed', view(ctx))
  })

  return {
    /** What recovery on start did (resolves after its first pass). */
    recovery,
    view: () => view(ctx),
    /** A card scanned on any scanner: attached like a typed one; refused quietly while a step runs. */
    onCardScanned(number: string): void {
      try {
        attach(ctx, number)
      } catch (error) {
        logger.log('info', 'checkout.card-scan-ignored', { reason: errorOf(error).messageKey })
      }
    },
    /** Resolves when no step runs (tests, shutdown). */
    async idle(): Promise<void> {
      while (ctx.running || ctx.background.size > 0)
        await Promise.allSettled([ctx.running, ...ctx.background])
    },
    async close(): Promise<void> {
      ctx.closed = true
      offRegister()
      for (const timer of ctx.timers) clearTimeout(timer)
      ctx.timers.clear()
      dropPendingView(ctx)
      await recovery
      await Promise.allSettled([ctx.running, ...ctx.background])
    },
    handlers: {
      'checkout.view': () => view(ctx),
      'card.attach': ({ cardNumber }: { cardNumber: string }) => attach(ctx, cardNumber),
      'card.detach': () => detach(ctx),
      'card.verifyPin': ({ pin }: { pin: string }) => verifyPin(ctx, pin),
      'checkout.applyCard': () => applyCard(ctx),
      'checkout.payCash': ({ tendered }: { tendered?: number }) => pay(ctx, 'cash', tendered),
      'checkout.payTerminal': () => pay(ctx, 'terminal'),
      'checkout.payLoyalty': () => pay(ctx, 'loyalty'),
      'checkout.cancel': () => cancel(ctx),
      'checkout.receipt': ({ print: printIt }: { print: boolean }) => receiptChoice(ctx, printIt),
      'checkout.done': () => finishSale(ctx),
      'clarify.list': () => ctx.journal.clarifications.list(),
      'clarify.decide': async (input: {
        saleId: number
        decision: 'paid' | 'not-paid'
        reason: string
        managerPin?: string
      }) => {
        const manager = ctx.register.authorizeManager(input.managerPin)
        const sale = await decideClarification(
          { ...ctx.completeDeps, logger, fiscal: ctx.fiscal },
          { saleId: input.saleId, decision: input.decision, managerId: manager.id, reason: input.reason },
        )
        ctx.events.publish('journal.changed', { kind: 'sale', saleId: sale.saleId })
        return { saleId: sale.saleId, status: sale.status as 'completed' | 'aborted' }
      },
    },
  }
}
