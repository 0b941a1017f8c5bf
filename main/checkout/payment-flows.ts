// The steps before a start: the Smart Transaction (create or PUT), the card's balance
// (preTransaction), and cash without a card, which needs no API call at all.
import type { SaleRecord } from '../journal'
import { isUnknownOutcome, SecuconnectApiError, type SmartTransaction } from '../secuconnect'
import { fiscalAmounts } from '../../common/fiscal-amounts'
import { identUsable } from './card'
import { splitCardApplication, type CardApplication } from './card-application'
import { publishSoon, type CheckoutContext } from './context'
import { errorOf } from './errors'
import { finish, openDrawer, prepareSigning, startSigning } from './finish-steps'
import type { CheckoutPoint } from './hooks'
import { BUSY_KEYS } from './messages'
import { busy, fail, failActionsOf, type Session } from './session'
import { smartDraft } from './smart-basket'
import { announceStart, sendStart } from './start-flow'
import { writeIntent, type Part, type PartMethod } from './start-steps'
import { moveTo } from './state-machine'

export const cardNumber = (s: Session): string | null => (identUsable(s.card) ? s.card.number : null)

/**
 * The sale's Smart Transaction with `card` as ident: reused when it already is that, otherwise
 * created, or PUT when the basket has one from an earlier attempt (a PUT also drops card mode).
 * The step is journaled on `part`'s payment row; `next` writes the intent of the step that follows,
 * in the same commit as the create's outcome (nothing external happens between them).
 * null: failed, the session says why.
 */
async function ensureTransaction<T>(
  ctx: CheckoutContext,
  s: Session,
  sale: SaleRecord,
  card: string | null,
  part: Part,
  failKind: PartMethod | 'apply',
  next: { write: (txId: string) => T; point: CheckoutPoint },
): Promise<{ txId: string; next: T } | null> {
  const { journal, client, hooks, config } = ctx
  if (s.tx && s.tx.saleId === sale.saleId && s.tx.ident === card) {
    const txId = s.tx.id
    const written = next.write(txId)
    hooks.at(next.point)
    return { txId, next: written }
  }
  const put = s.tx !== null
  const step = put ? 'update' : 'create'
  const draft = smartDraft(sale, {
    tillId: config.tillId,
    card,
    contractId: config.secuconnect.contractId,
    demo: config.demo,
  })
  s.busy = busy(step, BUSY_KEYS.transaction)
  publishSoon(ctx)
  const intentId = writeIntent(journal, sale.saleId, part, step, s.tx?.id)
  hooks.at(put ? 'update.intent' : 'create.intent')
  let tx: SmartTransaction
  try {
    tx = put ? await client.transactions.update(s.tx!.id, draft) : await client.transactions.create(draft)
  } catch (error) {
    // Nothing was paid by a create or PUT; an unanswered create may leave an unused transaction behind.
    journal.recordPaymentOutcome({
      intentId,
      status: 'failed',
      detail: { error: errorOf(error).messageKey, unknown: isUnknownOutcome(error) },
    })
    hooks.at(put ? 'update.outcome' : 'create.outcome')
    // A PUT the API refuses (transaction paid or cancelled meanwhile) means: start afresh.
    if (put && error instanceof SecuconnectApiError && error.status < 500) s.tx = null
    fail(s, errorOf(error), failActionsOf(s, failKind))
    return null
  }
  hooks.at(put ? 'update.called' : 'create.called')
  const written = journal.atomically(() => {
    journal.recordPaymentOutcome({
      intentId,
      status: 'done',
      transactionId: tx.id,
      detail: { status: tx.status },
    })
    return next.write(tx.id)
  })
  s.tx = { id: tx.id, saleId: sale.saleId, ident: card, cardMode: false }
  hooks.at(put ? 'update.outcome' : 'create.outcome')
  hooks.at(next.point)
  return { txId: tx.id, next: written }
}

/** create/PUT → preTransaction: the card balance comes off, `due` becomes missing_sum. */
export async function applyCardFlow(ctx: CheckoutContext, s: Session): Promise<boolean> {
  const { journal, client, hooks } = ctx
  await ctx.ready()
  const sale = s.sale!
  const card = s.card!.number
  s.loyalty ??= { method: 'loyalty', amount: sale.total, settle: 0 }
  const loyalty = s.loyalty
  const ensured = await ensureTransaction(ctx, s, sale, card, loyalty, 'apply', {
    write: (id) => writeIntent(journal, sale.saleId, loyalty, 'pretransaction', id),
    point: 'pretransaction.intent',
  })
  if (ensured === null) return false
  const { txId, next: intentId } = ensured
  s.busy = busy('pretransaction', BUSY_KEYS.applyCard)
  publishSoon(ctx)
  let missingSum: number
  let application: CardApplication
  try {
    const pre = await client.transactions.preTransaction(txId)
    missingSum = pre.missing_sum
    application = splitCardApplication(fiscalAmounts(sale).goodsByRate, sale.total, pre)
  } catch (error) {
    journal.recordPaymentOutcome({
      intentId,
      status: 'failed',
      transactionId: txId,
      detail: { error: errorOf(error).messageKey },
    })
    hooks.at('pretransaction.outcome')
    // The card mode of the transaction is unknown now; the next attempt PUTs it afresh.
    if (s.tx) s.tx.ident = null
    fail(s, errorOf(error), failActionsOf(s, 'apply'))
    return false
  }
  hooks.at('pretransaction.called')
  const fromCard = sale.total - missingSum
  journal.atomically(() => {
    journal.recordPaymentOutcome({
      intentId,
      status: 'done',
      transactionId: txId,
      detail: { missingSum, fromCard, bonus: application.bonusTotal },
    })
    if (application.bonus.length > 0)
      journal.recordBonusDiscount({ saleId: sale.saleId, intentId, lines: application.bonus })
  })
  hooks.at('pretransaction.outcome')
  s.tx!.cardMode = true
  // The card pays its cash balance (a voucher redemption); the bonus is a discount, not a payment.
  s.loyalty.settle = application.fromCashBalance
  s.applied = { fromCard, missingSum }
  moveTo(s, 'card-applied')
  s.busy = null
  ctx.logger.log('info', 'checkout.card-applied', { saleId: sale.saleId, fromCard, missingSum })
  return true
}

/** A payment of what is due: the card part (if applied) and `kind` go through one start. */
export async function payFlow(
  ctx: CheckoutContext,
  s: Session,
  kind: PartMethod,
  tendered: number | undefined,
): Promise<void> {
  const sale = s.sale!
  if (s.applied && s.tx?.cardMode) {
    const parts: Part[] = []
    if (s.applied.fromCard > 0) parts.push(s.loyalty!)
    const due = s.applied.missingSum
    if (due > 0)
      parts.push({
        method: kind,
        amount: due,
        settle: due,
        ...(kind === 'cash' ? { tendered: tendered ?? due } : {}),
      })
    await ctx.ready()
    const open = announceStart(ctx, sale, s.tx.id, kind, parts)
    ctx.hooks.at('start.intent')
    return sendStart(ctx, s, sale, open, kind)
  }
  const part: Part = {
    method: kind,
    amount: sale.total,
    settle: sale.total,
    ...(kind === 'cash' ? { tendered: tendered ?? sale.total } : {}),
  }
  const card = cardNumber(s)
  if (kind === 'cash' && card === null) return cashFlow(ctx, s, sale, part)
  await ctx.ready()
  const ensured = await ensureTransaction(ctx, s, sale, card, part, kind, {
    write: (txId) => announceStart(ctx, sale, txId, kind, [part]),
    point: 'start.intent',
  })
  if (ensured === null) return
  return sendStart(ctx, s, sale, ensured.next, kind)
}

/** Cash without a card: no API call. Intent, drawer, outcome. */
async function cashFlow(ctx: CheckoutContext, s: Session, sale: SaleRecord, part: Part): Promise<void> {
  const { journal } = ctx
  // The drawer opens for the cash: its intent is on disk first (the one barrier of a cash sale).
  // The TSE's `finishing` row shares that commit (prepareSigning).
  const intentId = journal.atomically(
    () => {
      const id = writeIntent(journal, sale.saleId, part, 'tender', undefined, { settle: part.settle })
      prepareSigning(ctx, s, sale)
      return id
    },
    { durable: true },
  )
  ctx.hooks.at('tender.intent')
  startSigning(ctx, s, sale)
  // Training money is play money: the drawer stays shut (docs/fiscal-tse.md "Training mode").
  const drawer = journal.training.isTrainingSale(sale.saleId) ? 'not-needed' : await openDrawer(ctx, s, sale)
  // The tender's outcome commits with the completion: nothing external is left between them.
  await finish(ctx, s, sale, [], drawer, {
    before: () =>
      journal.recordPaymentOutcome({
        intentId,
        status: 'settled',
        amount: part.settle,
        detail: { drawer },
      }),
    points: ['tender.outcome'],
  })
}
