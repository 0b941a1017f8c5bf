// The journal side of a secuconnect start: one intent per payment part before the call (the card part
// and the cash or terminal part go through the same start), one outcome each after it. The same
// verdict decides a start whose answer was lost, at run time (phase "reconciling") and on restart.
import type { Journal, PaymentRecord, SaleRecord } from '../journal'
import type { SmartTransaction, StartMethod } from '../secuconnect'

export type PartMethod = 'cash' | 'terminal' | 'loyalty'

export const START_METHOD: Record<PartMethod, StartMethod> = {
  cash: 'cash',
  terminal: 'cashless',
  loyalty: 'loyalty',
}

/** One payment row of the journal and what it moves when its step settles. */
export interface Part {
  /** Set by the payment's first intent. */
  paymentId?: number
  method: PartMethod
  /** The amount the payment row is opened with. */
  amount: number
  /** What this part settles (the card part: what preTransaction took off). */
  settle: number
  /** Cash: what the customer handed over. */
  tendered?: number
}

export interface OpenStart {
  txId: string
  method: StartMethod
  intents: { part: Part; intentId: number }[]
  /** Epoch ms the first intent was written (patience for a terminal still working). */
  startedAt: number
}

/** The part a start was for besides the card (cash or terminal); loyalty when the card paid alone. */
export const startKind = (open: OpenStart): PartMethod =>
  open.intents.find((i) => i.part.method !== 'loyalty')?.part.method ?? 'loyalty'

/** Writes a step's intent, opening the part's payment row on its first step. */
export function writeIntent(
  journal: Journal,
  saleId: number,
  part: Part,
  step: string,
  transactionId: string | undefined,
  detail: Record<string, string | number | boolean | null> = {},
): number {
  const { paymentId, intentId } = journal.recordPaymentIntent({
    saleId,
    ...(part.paymentId !== undefined
      ? { paymentId: part.paymentId }
      : {
          method: part.method,
          amount: part.amount,
          ...(part.tendered !== undefined ? { tendered: part.tendered } : {}),
        }),
    step,
    ...(transactionId ? { transactionId } : {}),
    detail,
  })
  part.paymentId = paymentId
  return intentId
}

export function writeStartIntents(
  journal: Journal,
  saleId: number,
  txId: string,
  method: StartMethod,
  parts: Part[],
  now: number,
): OpenStart {
  // All parts' intents in one commit: the start is one call, so it is either announced or not. It
  // moves money, so the commit is durable before the call leaves.
  return journal.atomically(
    () => ({
      txId,
      method,
      intents: parts.map((part) => ({
        part,
        intentId: writeIntent(journal, saleId, part, 'start', txId, { via: method, settle: part.settle }),
      })),
      startedAt: now,
    }),
    { durable: true },
  )
}

/** `clarify`: the transaction stayed undecidable past the patience; a manager decides (clarify.ts). */
export type StartVerdict = 'settled' | 'declined' | 'failed' | 'wait' | 'clarify'

/** How long after its intent a start may still change the transaction it was sent for. */
export interface StartPatience {
  /**
   * An open transaction (`created`/`processing`) counts as "not paid" only this long after the start's
   * intent: the client gives a start up after its timeout, so a start sent before the crash has
   * reached the API and taken effect by then, or never will. Default: start timeout + 60 s.
   */
  notPaidAfterMs: number
  /** A status that says neither paid nor not paid (unknown, approved, pending) or an API that cannot be
   *  read: after this long since the intent the sale goes to the "Klärung nötig" list. */
  clarifyAfterMs: number
}

/**
 * What a transaction read back says about a start whose intent was written at `startedAt`. An open
 * transaction is "not paid" only once no start sent before can still arrive (docs/checkout.md
 * "Recovery: when is a start not paid"); until then it is waited for, for every payment method.
 */
export function startVerdict(
  tx: SmartTransaction,
  startedAt: number,
  now: number,
  patience: StartPatience,
): StartVerdict {
  const waited = now - startedAt
  if (tx.status === 'ok') return 'settled'
  if (tx.status === 'failed') return 'declined'
  if (tx.status === 'cancelled' || tx.status === 'aborted') return 'failed'
  if (tx.status === 'created' || tx.status === 'processing')
    return waited >= patience.notPaidAfterMs ? 'failed' : 'wait'
  // approved/pending (on their way to ok) and statuses this client does not know: bounded patience.
  return waited >= patience.clarifyAfterMs ? 'clarify' : 'wait'
}

/** Records the start's outcome on every open intent (durably): settled parts move their `settle` amount. */
export function closeStart(
  journal: Journal,
  open: OpenStart,
  verdict: Exclude<StartVerdict, 'wait' | 'clarify'>,
  tx: SmartTransaction | undefined,
  detail: Record<string, string | number | boolean | null> = {},
  /** Written in the same durable commit after the outcomes (the TSE's `finishing` row of a paid sale). */
  also?: () => void,
): void {
  journal.atomically(
    () => {
      for (const { part, intentId } of open.intents) {
        // A card part that settles nothing (the card covered only bonus, a discount) took effect
        // without moving money: "done", which is what makes its bonus count (journal/bonus.ts).
        const status = verdict === 'settled' && part.settle === 0 ? 'done' : verdict
        journal.recordPaymentOutcome({
          intentId,
          status,
          ...(status === 'settled' ? { amount: part.settle } : {}),
          transactionId: tx?.id ?? open.txId,
          detail: {
            ...detail,
            ...(tx ? { status: tx.status } : {}),
            ...(tx?.trans_id ? { transId: tx.trans_id } : {}),
          },
        })
      }
      also?.()
    },
    { durable: true },
  )
}

/** Rebuilds the open start of a recovered sale from its journal rows (intent detail carries via/settle). */
export function openStartsOf(payments: PaymentRecord[]): OpenStart[] {
  const byTx = new Map<string, OpenStart>()
  for (const payment of payments) {
    for (const step of payment.steps) {
      if (step.outcome || step.step !== 'start' || !step.transactionId) continue
      const via = (step.detail?.via as StartMethod | undefined) ?? 'cash'
      const settle = typeof step.detail?.settle === 'number' ? step.detail.settle : payment.amount
      const open = byTx.get(step.transactionId) ?? {
        txId: step.transactionId,
        method: via,
        intents: [],
        startedAt: Date.parse(step.at),
      }
      open.intents.push({
        part: {
          paymentId: payment.paymentId,
          method: payment.method as PartMethod,
          amount: payment.amount,
          settle,
        },
        intentId: step.intentId,
      })
      byTx.set(step.transactionId, open)
    }
  }
  return [...byTx.values()]
}

const NO_MONEY_STEPS = new Set(['create', 'update', 'pretransaction'])

/**
 * Outcomes for the open intents whose truth is local, after a crash or a step that threw: a create,
 * PUT or preTransaction moves no money, so whatever happened the sale is not paid by it; a cash tender
 * is written when the cashier confirms the cash was handed over, so the money is in the till whether
 * or not the drawer opened. Open starts are left to the read-back.
 */
export function closeLocalSteps(
  journal: Journal,
  sale: SaleRecord,
  detail: Record<string, string | number | boolean>,
): void {
  journal.atomically(() => {
    for (const payment of sale.payments) {
      for (const step of payment.steps) {
        if (step.outcome) continue
        if (NO_MONEY_STEPS.has(step.step)) {
          journal.recordPaymentOutcome({
            intentId: step.intentId,
            status: 'failed',
            detail: { ...detail, reason: 'no money moves in this step' },
          })
        } else if (step.step === 'tender') {
          const settle = typeof step.detail?.settle === 'number' ? step.detail.settle : payment.amount
          journal.recordPaymentOutcome({ intentId: step.intentId, status: 'settled', amount: settle, detail })
        }
      }
    }
  })
}
