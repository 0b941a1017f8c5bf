// The checkout behind common/ipc/checkout-contract.ts: one state machine per seller's basket (phases in
// common/checkout.ts, diagram in docs/checkout.md). Every external step is journaled before it leaves
// (intent) and after it returns (outcome); a start whose answer was lost is read back, never repeated.
//
// Commands that talk to secuconnect, the drawer or the printer return the `working` view at once and
// finish in the background; each step is published as `checkout.changed`, so the UI never waits on a
// call and a reloaded renderer picks the sale up where it stands. Only one step runs at a time.
import type { AppConfig } from '../../common/config'
import type {
  CheckoutAction,
  CheckoutPhase,
  CheckoutResult,
  CheckoutView,
  PaymentKind,
} from '../../common/checkout'
import type { Clock, Logger } from '../../common/ports'
import { AppFailure } from '../../common/result'
import type { DeviceManager } from '../../hardware/manager/device-manager'
import type { EventBus } from '../ipc/event-bus'
import type { Journal, SaleRecord } from '../journal'
import type { RegisterService } from '../register/register-service'
import { nextPrint, printKeptReceipt } from '../receipts/print-receipt'
import { kickDrawer } from '../devices/kick-drawer'
import {
  isUnknownOutcome,
  SecuconnectApiError,
  SecuconnectError,
  type SecuconnectClient,
  type SmartTransaction,
} from '../secuconnect'
import { splitCardApplication, type CardApplication } from './card-application'
import { fiscalAmounts } from '../../common/fiscal-amounts'
import { cardViewOf, identUsable, lookupCard, MAX_PIN_FAILURES, refusalKey, type AttachedCard } from './card'
import { completeSale, type CompleteDeps, type CompletionExtras } from './complete'
import { conflict, errorOf, viewError, type ViewError } from './errors'
import { noHooks, type CheckoutHooks, type CheckoutPoint } from './hooks'
import { BUSY_KEYS, CARD_KEYS, ERROR_KEYS } from './messages'
import { recoverOnce, type RecoveryReport } from './recovery'
import { smartDraft } from './smart-basket'
import {
  closeLocalSteps,
  closeStart,
  openStartsOf,
  startKind,
  START_METHOD,
  startVerdict,
  writeIntent,
  writeStartIntents,
  type OpenStart,
  type Part,
  type PartMethod,
} from './start-steps'

/** What tests may tune: the crash hooks and how fast unknown outcomes are read back. */
export interface CheckoutTuning {
  hooks?: CheckoutHooks
  /** Pause between read-backs of an unknown payment outcome; default 3 s. */
  reconcileEveryMs?: number
  /** Pause between recovery passes while a recovered sale is undecided; default 10 s. */
  recoveryRetryMs?: number
  /**
   * How long after its start an open terminal payment may still be running (the terminal answers
   * within the start timeout); default start timeout + 60 s.
   */
  terminalPatienceMs?: number
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
}

type Busy = NonNullable<CheckoutView['busy']>

interface Session {
  sellerId: string
  phase: CheckoutPhase
  card: AttachedCard | null
  /** The journal's sale from the first payment step until it is completed or aborted. */
  sale: SaleRecord | null
  /** The card's payment row of the current sale (opened by applyCard). */
  loyalty: Part | null
  /** preTransaction's answer for the current sale. */
  applied: { fromCard: number; missingSum: number } | null
  /** The Smart Transaction of this basket; reused (PUT) by the next sale attempt until paid. */
  tx: { id: string; saleId: number; ident: string | null; cardMode: boolean } | null
  busy: Busy | null
  error: ViewError | null
  failActions: CheckoutAction[]
  /** A start whose outcome is unknown, read back until it is known. */
  pending: OpenStart | null
  result: CheckoutResult | null
  /** The card went with the paid transaction: its balance is read again for the result. */
  cardUsed: boolean
}

const busy = (step: string, messageKey: string): Busy => ({ step, messageKey, cancellable: false })
const BUSY_FOR: Record<PartMethod, Busy> = {
  cash: busy('start', BUSY_KEYS.cash),
  terminal: busy('start', BUSY_KEYS.terminal),
  loyalty: busy('start', BUSY_KEYS.loyalty),
}

export type CheckoutService = ReturnType<typeof createCheckoutService>

export function createCheckoutService(deps: CheckoutDeps) {
  const { config, journal, client, devices, register, events, clock, logger } = deps
  const hooks = deps.hooks ?? noHooks
  const completeDeps: CompleteDeps = { journal, config, hooks }
  const reconcileEveryMs = deps.reconcileEveryMs ?? 3_000
  const recoveryRetryMs = deps.recoveryRetryMs ?? 10_000
  const terminalPatienceMs = deps.terminalPatienceMs ?? config.secuconnect.timeouts.startMs + 60_000
  const sessions = new Map<string, Session>()
  /** The step running now; commands are refused while it runs (one till, one customer at a time). */
  let running: Promise<void> | null = null
  /** Background work that must finish before close (card refresh after a sale). */
  const background = new Set<Promise<unknown>>()
  const timers = new Set<ReturnType<typeof setTimeout>>()
  let closed = false

  const ready = () => deps.apiReady.catch(() => {})

  // ---- sessions and the view -------------------------------------------------------------------

  const fresh = (sellerId: string): Session => ({
    sellerId,
    phase: 'open',
    card: null,
    sale: null,
    loyalty: null,
    applied: null,
    tx: null,
    busy: null,
    error: null,
    failActions: [],
    pending: null,
    result: null,
    cardUsed: false,
  })

  const activeSellerId = (): string | null => register.view().activeSellerId

  /** The active seller's session; CONFLICT (register.error.noSeller) when nobody is logged in. */
  function activeSession(): Session {
    const sellerId = register.active().sellerId
    let s = sessions.get(sellerId)
    if (!s) sessions.set(sellerId, (s = fresh(sellerId)))
    return s
  }

  function actionsOf(s: Session, due: number): CheckoutAction[] {
    switch (s.phase) {
      case 'open':
        return s.card ? ['remove-card'] : []
      case 'card-applied':
        return [...(due > 0 ? (['pay-cash', 'pay-terminal'] as const) : []), 'cancel', 'remove-card']
      case 'failed':
        return s.failActions
      case 'paid':
        return s.result?.print === 'failed' ? ['reprint', 'print-later'] : []
      default:
        return []
    }
  }

  function viewOf(s: Session | undefined, sellerId: string | null): CheckoutView {
    const basketTotal = sellerId === null ? 0 : (register.view().basket?.total ?? 0)
    const phase = s?.phase ?? 'open'
    const total = s?.result?.total ?? s?.sale?.total ?? basketTotal
    const fromCard = s?.result
      ? s.result.payments.filter((p) => p.kind === 'loyalty').reduce((sum, p) => sum + p.amount, 0)
      : (s?.applied?.fromCard ?? 0)
    const due = phase === 'paid' ? 0 : total - fromCard
    return {
      phase,
      sellerId,
      saleId: s?.sale?.saleId ?? s?.result?.saleId ?? null,
      total,
      fromCard,
      due,
      card: s?.card ? cardViewOf(s.card) : null,
      busy: s?.busy ?? null,
      error: s?.error ?? null,
      actions: s ? actionsOf(s, due) : [],
      result: s?.result ?? null,
    }
  }

  function view(): CheckoutView {
    const sellerId = activeSellerId()
    return viewOf(sellerId === null ? undefined : sessions.get(sellerId), sellerId)
  }

  const publish = (): void => events.publish('checkout.changed', view())

  // ---- running steps -------------------------------------------------------------------------

  function guardIdle(): void {
    if (running) throw conflict(ERROR_KEYS.busy, 'Another checkout step is still running')
  }

  /** Runs `work` in the background; the command returns the view showing it at once. */
  function launch(s: Session, phase: CheckoutPhase, shown: Busy, work: () => Promise<void>): CheckoutView {
    s.phase = phase
    s.busy = shown
    // While reconciling the error says why the sale waits; it stays until the outcome is known.
    if (phase !== 'reconciling') s.error = null
    const job = work()
      .catch((error: unknown) => unexpected(s, error))
      .finally(() => {
        if (running === job) running = null
        publish()
      })
    running = job
    publish()
    return view()
  }

  /**
   * A step threw (journal or device bug, disk full). What the journal holds decides what is safe: a sale
   * that already holds settled money is never paid again (recovery on the next start completes it); a
   * finished one releases the basket.
   */
  function unexpected(s: Session, error: unknown): void {
    logger.log('error', 'checkout.step-failed', {
      sellerId: s.sellerId,
      saleId: s.sale?.saleId ?? null,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    })
    let kept = s.sale ? journal.sale(s.sale.saleId) : undefined
    if (kept?.status === 'open') {
      // Steps cut short by the throw: local ones get their outcome, a start is read back, never resent.
      closeLocalSteps(journal, kept, { error: 'step threw' })
      kept = journal.sale(kept.saleId)!
      const [open] = openStartsOf(kept.payments)
      if (open) {
        return startReconciling(s, open, startKind(open))
      }
    }
    if (kept && kept.status !== 'open') {
      s.sale = null
      s.applied = null
      s.loyalty = null
      register.unlockPayment()
      if (kept.status === 'completed' && register.view().activeSellerId === s.sellerId) register.clearActive()
    }
    fail(s, errorOf(error), s.sale && kept?.paid === 0 ? ['retry', 'cancel'] : [])
  }

  function fail(s: Session, error: ViewError, actions: CheckoutAction[]): void {
    s.phase = 'failed'
    s.busy = null
    s.error = error
    s.failActions = actions
  }

  /** After a failed payment step: what the cashier may do next ("retry" = the same command again). */
  function failActions(s: Session, kind: PartMethod | 'apply'): CheckoutAction[] {
    const instead: CheckoutAction[] = kind === 'cash' ? ['retry'] : ['pay-cash', 'retry']
    return [...instead, ...(s.card ? (['remove-card'] as const) : []), 'cancel']
  }

  // ---- the sale ------------------------------------------------------------------------------

  /** Freezes the basket as the journal's sale at the first payment step and locks it until the end. */
  function beginSale(s: Session): SaleRecord {
    if (s.sale) return s.sale
    const basket = register.active().view()
    if (basket.lines.length === 0) throw conflict(ERROR_KEYS.emptyBasket, 'The basket is empty')
    if (basket.total <= 0) throw conflict(ERROR_KEYS.nothingToPay, 'Nothing to pay', { total: basket.total })
    const sale = journal.beginSale({
      sellerId: s.sellerId,
      lines: basket.lines.map(({ lineId: _lineId, ...line }) => line),
    })
    register.lockForPayment(s.sellerId)
    s.sale = sale
    s.loyalty = null
    s.applied = null
    hooks.at('sale.begun')
    logger.log('info', 'checkout.sale-begun', {
      saleId: sale.saleId,
      sellerId: s.sellerId,
      total: sale.total,
    })
    return sale
  }

  /** Ends a begun sale that moved no money (cancel, card removed): aborted, basket editable again. */
  function abandonSale(s: Session, reason: string): void {
    if (!s.sale) return
    journal.abortSale(s.sale.saleId, reason)
    logger.log('info', 'checkout.sale-aborted', { saleId: s.sale.saleId, reason })
    s.sale = null
    s.loyalty = null
    s.applied = null
    if (s.tx) s.tx.cardMode = false
    register.unlockPayment()
  }

  const hasTopUp = (sale: { lines: readonly { kind: string; ean?: string }[] }): boolean =>
    sale.lines.some(
      (l) => l.kind === 'topup' || (l.ean !== undefined && config.secuconnect.topUpEans.includes(l.ean)),
    )

  const cardNumber = (s: Session): string | null => (identUsable(s.card) ? s.card.number : null)

  // ---- secuconnect steps ---------------------------------------------------------------------

  /**
   * The sale's Smart Transaction with `card` as ident: reused when it already is that, otherwise
   * created, or PUT when the basket has one from an earlier attempt (a PUT also drops card mode).
   * The step is journaled on `part`'s payment row; `next` writes the intent of the step that follows,
   * in the same commit as the create's outcome (nothing external happens between them).
   * null: failed, the session says why.
   */
  async function ensureTransaction<T>(
    s: Session,
    sale: SaleRecord,
    card: string | null,
    part: Part,
    failKind: PartMethod | 'apply',
    next: { write: (txId: string) => T; point: CheckoutPoint },
  ): Promise<{ txId: string; next: T } | null> {
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
    publish()
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
      fail(s, errorOf(error), failActions(s, failKind))
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
  async function applyCardFlow(s: Session): Promise<boolean> {
    await ready()
    const sale = s.sale!
    const card = s.card!.number
    s.loyalty ??= { method: 'loyalty', amount: sale.total, settle: 0 }
    const loyalty = s.loyalty
    const ensured = await ensureTransaction(s, sale, card, loyalty, 'apply', {
      write: (id) => writeIntent(journal, sale.saleId, loyalty, 'pretransaction', id),
      point: 'pretransaction.intent',
    })
    if (ensured === null) return false
    const { txId, next: intentId } = ensured
    s.busy = busy('pretransaction', BUSY_KEYS.applyCard)
    publish()
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
      fail(s, errorOf(error), failActions(s, 'apply'))
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
    s.phase = 'card-applied'
    s.busy = null
    logger.log('info', 'checkout.card-applied', { saleId: sale.saleId, fromCard, missingSum })
    return true
  }

  /** A payment of what is due: the card part (if applied) and `kind` go through one start. */
  async function payFlow(s: Session, kind: PartMethod, tendered: number | undefined): Promise<void> {
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
      await ready()
      const open = announceStart(sale, s.tx.id, kind, parts)
      hooks.at('start.intent')
      return sendStart(s, sale, open, kind)
    }
    const part: Part = {
      method: kind,
      amount: sale.total,
      settle: sale.total,
      ...(kind === 'cash' ? { tendered: tendered ?? sale.total } : {}),
    }
    const card = cardNumber(s)
    if (kind === 'cash' && card === null) return cashFlow(s, sale, part)
    await ready()
    const ensured = await ensureTransaction(s, sale, card, part, kind, {
      write: (txId) => announceStart(sale, txId, kind, [part]),
      point: 'start.intent',
    })
    if (ensured === null) return
    return sendStart(s, sale, ensured.next, kind)
  }

  /** Cash without a card: no API call. Intent, drawer, outcome. */
  async function cashFlow(s: Session, sale: SaleRecord, part: Part): Promise<void> {
    const intentId = writeIntent(journal, sale.saleId, part, 'tender', undefined, { settle: part.settle })
    hooks.at('tender.intent')
    const drawer = await openDrawer(s, sale)
    // The tender's outcome commits with the completion: nothing external is left between them.
    await finish(s, sale, [], drawer, {
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

  /** Journals the intents of a start (its point is passed by the caller once they are committed). */
  function announceStart(sale: SaleRecord, txId: string, kind: PartMethod, parts: Part[]): OpenStart {
    return writeStartIntents(journal, sale.saleId, txId, START_METHOD[kind], parts, clock.now())
  }

  /** Sends a start whose intents are journaled. */
  async function sendStart(s: Session, sale: SaleRecord, open: OpenStart, kind: PartMethod): Promise<void> {
    s.busy = BUSY_FOR[kind]
    publish()
    let tx: SmartTransaction
    try {
      tx = await client.transactions.start(open.txId, open.method)
    } catch (error) {
      return startFailed(s, sale, open, kind, error)
    }
    hooks.at('start.called')
    return startAnswered(s, sale, open, kind, tx)
  }

  async function startAnswered(
    s: Session,
    sale: SaleRecord,
    open: OpenStart,
    kind: PartMethod,
    tx: SmartTransaction,
  ): Promise<void> {
    const verdict = startVerdict(tx, open.method, open.startedAt, clock.now(), terminalPatienceMs)
    if (verdict === 'wait') return startReconciling(s, open, kind)
    closeStart(journal, open, verdict, tx)
    hooks.at('start.outcome')
    if (verdict === 'settled') {
      s.cardUsed = tx.idents.some((i) => i.type === 'card' && i.value === s.card?.number)
      const drawer = open.intents.some((i) => i.part.method === 'cash')
        ? await openDrawer(s, sale)
        : 'not-needed'
      return finish(s, sale, tx.receipt, drawer)
    }
    // Declined or not done: nothing was booked; the transaction keeps its card mode for the next try.
    const error =
      verdict === 'declined'
        ? viewError('DEVICE', ERROR_KEYS.declined, 'The terminal declined the payment')
        : viewError('API', ERROR_KEYS.notApplied, `The payment did not happen (transaction ${tx.status})`, {
            status: tx.status,
          })
    fail(s, error, failActions(s, kind))
  }

  async function startFailed(
    s: Session,
    sale: SaleRecord,
    open: OpenStart,
    kind: PartMethod,
    error: unknown,
  ): Promise<void> {
    const outcome = error instanceof SecuconnectError ? error.outcome : undefined
    if (outcome?.effect === 'unknown' || (outcome === undefined && isUnknownOutcome(error)))
      return startReconciling(s, open, kind)
    // "Paying twice" (1003) means the transaction may already be paid: look before calling it failed.
    if (outcome === undefined && error instanceof SecuconnectApiError && error.code === 1003) {
      const read = await client.transactions.reconcile(open.txId, 'paid').catch(() => null)
      if (read === null) return startReconciling(s, open, kind)
      if (read.applied) return startAnswered(s, sale, open, kind, read.transaction)
    }
    const status = outcome?.transaction?.status === 'failed' ? 'declined' : 'failed'
    closeStart(journal, open, status, outcome?.transaction, { error: errorOf(error).messageKey })
    hooks.at('start.outcome')
    fail(s, errorOf(error), failActions(s, kind))
  }

  // ---- unknown outcome: read back, never pay again -------------------------------------------

  function startReconciling(s: Session, open: OpenStart, kind: PartMethod): void {
    s.phase = 'reconciling'
    s.pending = open
    s.busy = busy('reconcile', BUSY_KEYS.reconciling)
    s.error = viewError(
      'NETWORK',
      ERROR_KEYS.unknownOutcome,
      `The outcome of ${open.method} is unknown; reading transaction ${open.txId} back`,
    )
    s.failActions = failActions(s, kind)
    logger.log('warn', 'checkout.reconciling', {
      saleId: s.sale?.saleId ?? null,
      txId: open.txId,
      method: open.method,
    })
    schedule(() => readBack(s), reconcileEveryMs)
  }

  function schedule(fn: () => void, ms: number): void {
    if (closed) return
    const timer = setTimeout(() => {
      timers.delete(timer)
      fn()
    }, ms)
    timers.add(timer)
  }

  /** One read-back of the pending start; runs as a step, so commands wait for it. */
  function readBack(s: Session): void {
    if (closed || s.phase !== 'reconciling' || !s.pending) return
    if (running) return schedule(() => readBack(s), reconcileEveryMs)
    const open = s.pending
    const kind = startKind(open)
    launch(s, 'reconciling', busy('reconcile', BUSY_KEYS.reconciling), async () => {
      let tx: SmartTransaction
      try {
        tx = (await client.transactions.reconcile(open.txId, 'paid')).transaction
      } catch (error) {
        s.error = errorOf(error)
        schedule(() => readBack(s), reconcileEveryMs)
        return
      }
      if (startVerdict(tx, open.method, open.startedAt, clock.now(), terminalPatienceMs) === 'wait') {
        schedule(() => readBack(s), reconcileEveryMs)
        return
      }
      s.pending = null
      s.error = null
      await startAnswered(s, s.sale!, open, kind, tx)
    })
  }

  // ---- drawer, completion, receipt -----------------------------------------------------------

  /** Kicks the drawer for a cash payment; its opening is journaled with the sale's completion. */
  async function openDrawer(s: Session, sale: SaleRecord): Promise<CheckoutResult['drawer']> {
    s.busy = busy('drawer', BUSY_KEYS.drawer)
    publish()
    const { opened } = await kickDrawer(
      devices.drawer,
      `cash sale ${sale.saleId}`,
      logger,
      ERROR_KEYS.internal,
    )
    hooks.at('drawer.opened')
    return opened ? 'opened' : 'failed'
  }

  /**
   * Completes the sale, keeps its receipt, and (in the same commit) the drawer opening, the caller's
   * last outcome and the declined print of policy "never": one fsync instead of up to five.
   */
  async function finish(
    s: Session,
    begun: SaleRecord,
    apiLines: SmartTransaction['receipt'],
    drawer: CheckoutResult['drawer'],
    last: Pick<CompletionExtras, 'before' | 'points'> = {},
  ): Promise<void> {
    const policy = config.receipt.policy
    const { saleId } = begun
    const { sale, receiptId, document } = completeSale(completeDeps, saleId, apiLines, {
      before: () => {
        last.before?.()
        if (drawer === 'opened')
          journal.recordCashMovement({
            kind: 'drawer_open',
            reason: 'sale',
            saleId,
            sellerId: begun.sellerId,
          })
      },
      ...(last.points ? { points: last.points } : {}),
      ...(policy === 'never'
        ? {
            after: ({ receiptId: id }) =>
              journal.recordPrintOutcome({
                receiptId: id,
                status: 'declined',
                detail: 'receipt policy: never',
              }),
            afterPoints: ['print.outcome'],
          }
        : {}),
    })
    logger.log('info', 'checkout.paid', { saleId, receiptNo: sale.receiptNo, total: sale.total })
    register.unlockPayment()
    if (register.view().activeSellerId === s.sellerId) register.clearActive()
    const settled = sale.payments.filter((p) => p.settled !== 0)
    const cash = settled.find((p) => p.method === 'cash')
    s.result = {
      saleId,
      receiptId,
      receiptNo: sale.receiptNo!,
      total: sale.total,
      payments: settled.map((p) => ({ kind: p.method as PaymentKind, amount: p.settled })),
      tendered: cash?.tendered ?? null,
      change: cash?.tendered !== undefined ? cash.tendered - cash.settled : 0,
      card: s.cardUsed && s.card ? cardViewOf(s.card) : null,
      receipt: document,
      print: policy === 'ask' ? 'asking' : 'none',
      printErrorKey: null,
      drawer,
    }
    s.sale = null
    s.loyalty = null
    s.applied = null
    s.pending = null
    s.tx = null
    s.phase = 'paid'
    s.error = null
    s.busy = policy === 'always' ? busy('print', BUSY_KEYS.printing) : null
    publish()
    if (policy === 'always') await print(s, false)
    if (s.cardUsed && s.card) track(refreshCard(s, s.card))
  }

  /**
   * Prints the sale's receipt, or after a failure that may have put part of it on paper a copy (the
   * printer never resends a job under the same key). A failure is recorded and shown, never thrown.
   */
  async function print(s: Session, copy: boolean): Promise<void> {
    const result = s.result!
    s.busy = busy('print', BUSY_KEYS.printing)
    publish()
    const printer = devices.printer
    const prints =
      journal.sale(result.saleId)?.receipts.find((r) => r.receiptId === result.receiptId)?.prints ?? []
    // Only a receipt that (possibly) reached the paper becomes a copy; one the printer never got (paper
    // out before the job, connection refused) is printed as the original.
    const next = copy ? nextPrint(prints) : ({ copy: false, attempt: 0 } as const)
    const printed = await printKeptReceipt(
      { journal, printer, logger },
      {
        receiptId: result.receiptId,
        document: result.receipt,
        ...(next.copy ? { copyNo: prints.length } : next.attempt > 0 ? { attempt: next.attempt } : {}),
      },
      ERROR_KEYS.internal,
    )
    result.print = printed.print
    result.printErrorKey = printed.printErrorKey
    hooks.at('print.outcome')
    s.busy = null
  }

  function track(job: Promise<unknown>): void {
    background.add(job)
    void job.finally(() => background.delete(job))
  }

  /** The card's balance after the sale, for the paid screen; off the payment's critical path. */
  async function refreshCard(s: Session, card: AttachedCard): Promise<void> {
    try {
      const merchantCard = await client.merchantCards.findByCardNumber(card.number)
      if (!merchantCard) return
      card.merchantCard = merchantCard
      if (s.result && s.card === card) s.result.card = cardViewOf(card)
      publish()
    } catch (error) {
      logger.log('warn', 'checkout.card-refresh-failed', { error: String(error) })
    }
  }

  // ---- commands ------------------------------------------------------------------------------

  /** A new customer: the paid screen closes (a receipt still asked about counts as declined). */
  function done(s: Session): void {
    if (s.result?.print === 'asking') {
      journal.recordPrintOutcome({
        receiptId: s.result.receiptId,
        status: 'declined',
        detail: 'not asked for',
      })
    }
    sessions.set(s.sellerId, fresh(s.sellerId))
  }

  /** The card may change while no card balance is applied and no payment runs. */
  function cardChangeable(s: Session): Session {
    if (s.applied || s.phase === 'reconciling' || s.phase === 'working' || s.phase === 'paid') {
      throw conflict(ERROR_KEYS.saleInProgress, 'The card is in use for this sale; cancel it first', {
        phase: s.phase,
      })
    }
    return s
  }

  function attachableSession(): Session {
    guardIdle()
    const s = activeSession()
    // A card scanned on the paid screen belongs to the next customer.
    if (s.phase === 'paid') done(s)
    return cardChangeable(activeSession())
  }

  function attach(number: string): CheckoutView {
    const s = attachableSession()
    const resume = s.phase
    return launch(s, 'working', busy('card', BUSY_KEYS.card), async () => {
      await ready()
      try {
        s.card = await lookupCard(client, number)
      } catch (error) {
        s.phase = resume
        s.busy = null
        const cause = errorOf(error)
        s.error = viewError(cause.code, CARD_KEYS.lookupFailed, `Card lookup failed: ${cause.message}`)
        return
      }
      s.phase = resume
      s.busy = null
      const refusal = refusalKey(s.card)
      // Unknown or locked: shown and refused, the sale stays open and goes on without the card.
      if (refusal === CARD_KEYS.unknown || refusal === CARD_KEYS.locked)
        s.error = viewError('CONFLICT', refusal, `Card refused (${refusal})`)
      logger.log('info', 'checkout.card-attached', { card: cardViewOf(s.card).masked, refusal })
    })
  }

  function verifyPin(pin: string): CheckoutView {
    guardIdle()
    const s = cardChangeable(activeSession())
    const card = s.card
    if (!card) throw conflict(CARD_KEYS.none, 'No card attached')
    if (!card.needsPin || card.pinVerified) return view()
    if (card.pinFailures >= MAX_PIN_FAILURES)
      throw conflict(CARD_KEYS.pinTooManyAttempts, 'Too many wrong PINs for this card')
    const resume = s.phase
    return launch(s, 'working', busy('pin', BUSY_KEYS.pin), async () => {
      await ready()
      let ok: boolean
      try {
        ok = await client.merchantCards.checkPasscode(card.number, Number(pin))
      } catch (error) {
        s.phase = resume
        s.busy = null
        s.error = errorOf(error)
        return
      }
      s.phase = resume
      s.busy = null
      if (ok) card.pinVerified = true
      else {
        card.pinFailures += 1
        const left = MAX_PIN_FAILURES - card.pinFailures
        s.error =
          left > 0
            ? viewError('FORBIDDEN', CARD_KEYS.wrongPin, 'Wrong PIN', { attemptsLeft: left })
            : viewError('FORBIDDEN', CARD_KEYS.pinTooManyAttempts, 'Too many wrong PINs')
      }
      logger.log('info', 'checkout.pin-checked', { ok, failures: card.pinFailures })
    })
  }

  function detach(): CheckoutView {
    guardIdle()
    const s = activeSession()
    if (s.phase === 'paid' || s.phase === 'reconciling')
      throw conflict(ERROR_KEYS.wrongPhase, `No card change while ${s.phase}`, { phase: s.phase })
    // The card's balance was applied to this sale: that attempt ends, the basket stays.
    if (s.applied) abandonSale(s, 'card removed at the till')
    s.card = null
    s.error = null
    if (s.phase === 'card-applied' || (s.phase === 'failed' && !s.sale)) s.phase = 'open'
    if (s.phase === 'failed') s.failActions = s.failActions.filter((a) => a !== 'remove-card')
    publish()
    return view()
  }

  /** Checks common to every payment command; begins the sale. `tendered` is checked against what is due. */
  function payable(s: Session, needsCardToPay: boolean, tendered?: number): SaleRecord {
    if (s.phase === 'paid')
      throw conflict(ERROR_KEYS.wrongPhase, 'This sale is paid; start the next one', { phase: s.phase })
    // Every part of a payment settles in one step, so money on a begun sale means a step broke after
    // it: never pay again, the next start's recovery completes it.
    if (s.sale && journal.sale(s.sale.saleId)?.paid !== 0) {
      throw AppFailure.of(
        'INTERNAL',
        ERROR_KEYS.internal,
        `Sale ${s.sale.saleId} already holds settled money`,
        {
          saleId: s.sale.saleId,
        },
      )
    }
    if (needsCardToPay) {
      if (!s.card) throw conflict(CARD_KEYS.none, 'No card attached')
      const refusal = refusalKey(s.card)
      if (refusal) throw conflict(refusal, `The card cannot pay (${refusal})`)
    }
    const basket = s.sale ?? register.active().view()
    if (!s.applied && hasTopUp(basket) && cardNumber(s) === null)
      throw conflict(ERROR_KEYS.topupNeedsCard, 'A top-up needs a card')
    const due = s.applied ? s.applied.missingSum : basket.total
    if (tendered !== undefined && tendered < due) {
      throw AppFailure.of(
        'VALIDATION',
        ERROR_KEYS.tenderedTooLow,
        `Tendered ${tendered} is less than the ${due} due`,
        { due, tendered },
      )
    }
    return beginSale(s)
  }

  /** In `reconciling` a payment command only reads the transaction back again: it never pays twice. */
  function readBackNow(s: Session): CheckoutView {
    readBack(s)
    return view()
  }

  function applyCard(): CheckoutView {
    guardIdle()
    const s = activeSession()
    if (s.phase === 'reconciling') return readBackNow(s)
    if (s.phase === 'card-applied') return view()
    payable(s, true)
    return launch(
      s,
      'working',
      busy('transaction', BUSY_KEYS.transaction),
      async () => void (await applyCardFlow(s)),
    )
  }

  function pay(kind: PartMethod, tendered?: number): CheckoutView {
    guardIdle()
    const s = activeSession()
    if (s.phase === 'reconciling') return readBackNow(s)
    if (kind === 'loyalty') {
      const due = s.applied ? s.applied.missingSum : null
      if (due !== null && due > 0)
        throw conflict(
          ERROR_KEYS.dueNotZero,
          'The card does not cover the sale; pay the rest in cash or on the terminal',
          { due },
        )
    }
    payable(s, kind === 'loyalty' && !s.applied, kind === 'cash' ? tendered : undefined)
    return launch(s, 'working', BUSY_FOR[kind], async () => {
      // payLoyalty straight from the open basket: apply the card first, pay only if it covers everything.
      if (kind === 'loyalty' && !s.applied && !(await applyCardFlow(s))) return
      if (kind === 'loyalty' && s.applied!.missingSum > 0) return
      await payFlow(s, kind, tendered)
    })
  }

  function cancel(): CheckoutView {
    guardIdle()
    const s = activeSession()
    if (s.phase === 'paid' || s.phase === 'reconciling')
      throw conflict(ERROR_KEYS.wrongPhase, `Cannot cancel while ${s.phase}`, { phase: s.phase })
    abandonSale(s, 'cancelled at the till')
    s.phase = 'open'
    s.error = null
    s.busy = null
    publish()
    return view()
  }

  function receiptChoice(printIt: boolean): CheckoutView {
    guardIdle()
    const s = activeSession()
    const result = s.result
    if (s.phase !== 'paid' || !result)
      throw conflict(ERROR_KEYS.wrongPhase, 'No paid sale to print', { phase: s.phase })
    if (!printIt) {
      if (result.print === 'asking')
        journal.recordPrintOutcome({
          receiptId: result.receiptId,
          status: 'declined',
          detail: 'customer declined',
        })
      // After a failure "print later": the receipt waits in the journal for a reprint.
      result.print =
        result.print === 'asking' ? 'declined' : result.print === 'failed' ? 'none' : result.print
      publish()
      return view()
    }
    const copy = result.print !== 'asking'
    return launch(s, 'paid', busy('print', BUSY_KEYS.printing), () => print(s, copy))
  }

  function finishSale(): CheckoutView {
    guardIdle()
    const s = activeSession()
    if (s.phase === 'paid') done(s)
    else if (s.sale)
      throw conflict(ERROR_KEYS.saleInProgress, 'A sale is in progress; pay or cancel it first', {
        phase: s.phase,
      })
    else {
      s.error = null
      s.phase = 'open'
    }
    publish()
    return view()
  }

  // ---- recovery on start ---------------------------------------------------------------------

  async function recover(): Promise<RecoveryReport> {
    await ready()
    const report = await recoverOnce({ ...completeDeps, client, clock, logger, terminalPatienceMs })
    if (report.pending.length > 0) schedule(() => track(recover()), recoveryRetryMs)
    return report
  }
  const recovery = recover().catch((error: unknown) => {
    logger.log('error', 'checkout.recovery-crashed', { error: String(error) })
    return { completed: [], aborted: [], pending: [], receipts: [], attention: [] } satisfies RecoveryReport
  })

  // The checkout view's total follows the basket while the sale is open.
  const offRegister = events.subscribe((message) => {
    if (message.type === 'register.changed') publish()
  })

  return {
    /** What recovery on start did (resolves after its first pass). */
    recovery,
    view,
    /** A card scanned on any scanner: attached like a typed one; refused quietly while a step runs. */
    onCardScanned(number: string): void {
      try {
        attach(number)
      } catch (error) {
        logger.log('info', 'checkout.card-scan-ignored', { reason: errorOf(error).messageKey })
      }
    },
    /** Resolves when no step runs (tests, shutdown). */
    async idle(): Promise<void> {
      while (running || background.size > 0) await Promise.allSettled([running, ...background])
    },
    async close(): Promise<void> {
      closed = true
      offRegister()
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      await recovery
      await Promise.allSettled([running, ...background])
    },
    handlers: {
      'checkout.view': () => view(),
      'card.attach': ({ cardNumber }: { cardNumber: string }) => attach(cardNumber),
      'card.detach': () => detach(),
      'card.verifyPin': ({ pin }: { pin: string }) => verifyPin(pin),
      'checkout.applyCard': () => applyCard(),
      'checkout.payCash': ({ tendered }: { tendered?: number }) => pay('cash', tendered),
      'checkout.payTerminal': () => pay('terminal'),
      'checkout.payLoyalty': () => pay('loyalty'),
      'checkout.cancel': () => cancel(),
      'checkout.receipt': ({ print: printIt }: { print: boolean }) => receiptChoice(printIt),
      'checkout.done': () => finishSale(),
    },
  }
}
