// The start of a payment and what follows its answer: settled → drawer and completion, declined or
// not applied → failed, answer lost → reconciling, where the transaction is read back until its
// outcome is known. A start is never sent twice.
import type { SaleRecord } from '../journal'
import {
  isUnknownOutcome,
  SecuconnectApiError,
  SecuconnectError,
  type SmartTransaction,
} from '../secuconnect'
import { launch, publishSoon, schedule, track, type CheckoutContext } from './context'
import { flagForClarification } from './clarify'
import { errorOf, viewError } from './errors'
import { finish, openDrawer, prepareSigning, startSigning } from './finish-steps'
import { BUSY_KEYS, ERROR_KEYS } from './messages'
import { BUSY_FOR, busy, fail, failActionsOf, forgetSale, type Session } from './session'
import {
  closeLocalSteps,
  closeStart,
  openStartsOf,
  startKind,
  START_METHOD,
  startVerdict,
  writeStartIntents,
  type OpenStart,
  type Part,
  type PartMethod,
} from './start-steps'
import { moveTo } from './state-machine'

/** Journals the intents of a start (its point is passed by the caller once they are committed). */
export function announceStart(
  ctx: CheckoutContext,
  sale: SaleRecord,
  txId: string,
  kind: PartMethod,
  parts: Part[],
): OpenStart {
  return writeStartIntents(ctx.journal, sale.saleId, txId, START_METHOD[kind], parts, ctx.clock.now())
}

/** Sends a start whose intents are journaled. */
export async function sendStart(
  ctx: CheckoutContext,
  s: Session,
  sale: SaleRecord,
  open: OpenStart,
  kind: PartMethod,
): Promise<void> {
  s.busy = BUSY_FOR[kind]
  publishSoon(ctx)
  let tx: SmartTransaction
  try {
    tx = await ctx.client.transactions.start(open.txId, open.method)
  } catch (error) {
    return startFailed(ctx, s, sale, open, kind, error)
  }
  ctx.hooks.at('start.called')
  return startAnswered(ctx, s, sale, open, kind, tx)
}

async function startAnswered(
  ctx: CheckoutContext,
  s: Session,
  sale: SaleRecord,
  open: OpenStart,
  kind: PartMethod,
  tx: SmartTransaction,
): Promise<void> {
  const verdict = startVerdict(tx, open.startedAt, ctx.clock.now(), ctx.patience)
  if (verdict === 'wait') return startReconciling(ctx, s, open, kind)
  if (verdict === 'clarify')
    return handOver(ctx, s, open, `the transaction stayed in status "${tx.status}"`, tx.status)
  closeStart(ctx.journal, open, verdict, tx, {}, () => {
    if (verdict === 'settled') prepareSigning(ctx, s, sale)
  })
  ctx.hooks.at('start.outcome')
  if (verdict === 'settled') {
    s.cardUsed = tx.idents.some((i) => i.type === 'card' && i.value === s.card?.number)
    startSigning(ctx, s, sale)
    const drawer = open.intents.some((i) => i.part.method === 'cash')
      ? await openDrawer(ctx, s, sale)
      : 'not-needed'
    return finish(ctx, s, sale, tx.receipt, drawer)
  }
  // Declined or not done: nothing was booked; the transaction keeps its card mode for the next try.
  const error =
    verdict === 'declined'
      ? viewError('DEVICE', ERROR_KEYS.declined, 'The terminal declined the payment')
      : viewError('API', ERROR_KEYS.notApplied, `The payment did not happen (transaction ${tx.status})`, {
          status: tx.status,
        })
  fail(s, error, failActionsOf(s, kind))
}

async function startFailed(
  ctx: CheckoutContext,
  s: Session,
  sale: SaleRecord,
  open: OpenStart,
  kind: PartMethod,
  error: unknown,
): Promise<void> {
  const outcome = error instanceof SecuconnectError ? error.outcome : undefined
  if (outcome?.effect === 'unknown' || (outcome === undefined && isUnknownOutcome(error)))
    return startReconciling(ctx, s, open, kind)
  // "Paying twice" (1003) means the transaction may already be paid: look before calling it failed.
  if (outcome === undefined && error instanceof SecuconnectApiError && error.code === 1003) {
    const read = await ctx.client.transactions.reconcile(open.txId, 'paid').catch(() => null)
    if (read === null) return startReconciling(ctx, s, open, kind)
    if (read.applied) return startAnswered(ctx, s, sale, open, kind, read.transaction)
  }
  const status = outcome?.transaction?.status === 'failed' ? 'declined' : 'failed'
  closeStart(ctx.journal, open, status, outcome?.transaction, { error: errorOf(error).messageKey })
  ctx.hooks.at('start.outcome')
  fail(s, errorOf(error), failActionsOf(s, kind))
}

/** The start's answer is lost: the intents stay open and the transaction is read back until known. */
export function startReconciling(ctx: CheckoutContext, s: Session, open: OpenStart, kind: PartMethod): void {
  moveTo(s, 'answer-lost')
  s.pending = open
  s.busy = busy('reconcile', BUSY_KEYS.reconciling)
  s.error = viewError(
    'NETWORK',
    ERROR_KEYS.unknownOutcome,
    `The outcome of ${open.method} is unknown; reading transaction ${open.txId} back`,
  )
  s.failActions = failActionsOf(s, kind)
  ctx.logger.log('warn', 'checkout.reconciling', {
    saleId: s.sale?.saleId ?? null,
    txId: open.txId,
    method: open.method,
  })
  schedule(ctx, () => readBack(ctx, s), ctx.reconcileEveryMs)
}

/** One read-back of the pending start; runs as a step, so commands wait for it. */
export function readBack(ctx: CheckoutContext, s: Session): void {
  if (ctx.closed || s.phase !== 'reconciling' || !s.pending) return
  if (ctx.running) return schedule(ctx, () => readBack(ctx, s), ctx.reconcileEveryMs)
  const open = s.pending
  const kind = startKind(open)
  launch(ctx, s, 'read-back', busy('reconcile', BUSY_KEYS.reconciling), async () => {
    let tx: SmartTransaction
    try {
      tx = (await ctx.client.transactions.reconcile(open.txId, 'paid')).transaction
    } catch (error) {
      if (ctx.clock.now() - open.startedAt >= ctx.patience.clarifyAfterMs)
        return handOver(ctx, s, open, 'the transaction could not be read back', null)
      s.error = errorOf(error)
      schedule(ctx, () => readBack(ctx, s), ctx.reconcileEveryMs)
      return
    }
    const verdict = startVerdict(tx, open.startedAt, ctx.clock.now(), ctx.patience)
    if (verdict === 'wait') {
      schedule(ctx, () => readBack(ctx, s), ctx.reconcileEveryMs)
      return
    }
    s.pending = null
    s.error = null
    await startAnswered(ctx, s, s.sale!, open, kind, tx)
  })
}

/**
 * The payment cannot be decided within the patience: the sale goes to the "Klärung nötig" list and the
 * till is free for the next customer; a manager decides in the back office (clarify.ts).
 */
function handOver(
  ctx: CheckoutContext,
  s: Session,
  open: OpenStart,
  reason: string,
  lastStatus: string | null,
): void {
  const sale = ctx.journal.sale(s.sale!.saleId)!
  const entry = flagForClarification(
    { ...ctx.completeDeps, logger: ctx.logger },
    sale,
    reason,
    open,
    lastStatus,
  )
  forgetSale(s)
  s.pending = null
  s.tx = null
  ctx.register.unlockPayment()
  if (ctx.register.view().activeSellerId === s.sellerId) ctx.register.clearActive()
  moveTo(s, 'handed-over')
  s.busy = null
  s.failActions = []
  s.error = viewError(
    'API',
    ERROR_KEYS.needsClarification,
    `Sale ${sale.saleId}: ${reason}; a manager decides`,
    {
      saleId: sale.saleId,
      ...(entry.transactionId ? { transactionId: entry.transactionId } : {}),
    },
  )
}

/**
 * A step threw (journal or device bug, disk full). What the journal holds decides what is safe: a sale
 * that already holds settled money is never paid again (recovery on the next start completes it); a
 * finished one releases the basket.
 */
export function stepThrew(ctx: CheckoutContext, s: Session, error: unknown): void {
  const { journal, register } = ctx
  ctx.logger.log('error', 'checkout.step-failed', {
    sellerId: s.sellerId,
    saleId: s.sale?.saleId ?? null,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  })
  // A signing prepared in a commit that threw was rolled back with it; the next prepare starts anew.
  s.prepared = null
  let kept = s.sale ? journal.sale(s.sale.saleId) : undefined
  if (kept?.status === 'open') {
    // Steps cut short by the throw: local ones get their outcome, a start is read back, never resent.
    closeLocalSteps(journal, kept, { error: 'step threw' })
    kept = journal.sale(kept.saleId)!
    const [open] = openStartsOf(kept.payments)
    if (open) {
      return startReconciling(ctx, s, open, startKind(open))
    }
  }
  if (kept && kept.status !== 'open') {
    forgetSale(s)
    register.unlockPayment()
    if (kept.status === 'completed' && register.view().activeSellerId === s.sellerId) register.clearActive()
    // Completed while the TSE signed, the receipt not kept yet: once the signing has ended, recovery's
    // receipt sweep keeps it (no session holds the sale now), not only on the next start.
    if (kept.status === 'completed' && !kept.receipts.some((r) => r.kind === 'sale')) {
      const signing = s.signing?.done
      s.signing = null
      track(
        ctx,
        Promise.resolve(signing).then(() => ctx.recoverSoon()),
      )
    }
  }
  fail(s, errorOf(error), s.sale && kept?.paid === 0 ? ['retry', 'cancel'] : [])
}
