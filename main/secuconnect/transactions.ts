// Smart Transactions (docs/secuconnect.md). start/* and cancel are never repeated blindly: when
// their outcome is unknown (timeout, reset, 5xx, unreadable answer) the transaction is read back with
// GET and the call returns or throws according to its real status.
import { assertCents } from '../../common/money'
import type { Logger } from '../../common/ports'
import type { Api } from './api'
import type { Sleep } from './auth'
import { isUnknownOutcome, SecuconnectError, type ReconcileOutcome } from './errors'
import {
  listOf,
  preTransactionResult,
  smartTransaction,
  type PreTransactionResult,
  type SmartTransaction,
  type SmartTransactionDraft,
} from './models'

export type StartMethod = 'cash' | 'cashless' | 'loyalty'

export interface Timeouts {
  /** GET calls. */
  readMs: number
  /** create, PUT, preTransaction. */
  writeMs: number
  /**
   * start/* and cancel; start/cashless blocks until the terminal is done (secuconnect docs:
   * Make_the_Payment_-_Payment_with_SmartZVT), so ≥ 120 s in production.
   */
  startMs: number
}

export interface WriteOptions {
  signal?: AbortSignal
  /**
   * Default true: on an unknown outcome read the transaction back and return it if the effect
   * happened; otherwise throw the original error with `outcome` set. false: throw at once.
   */
  reconcile?: boolean
}

export interface ListQuery {
  q?: string
  count?: number
  offset?: number
  sort?: string
  fields?: string
}

export interface Transactions {
  create(draft: SmartTransactionDraft, opts?: { signal?: AbortSignal }): Promise<SmartTransaction>
  get(id: string, opts?: { signal?: AbortSignal }): Promise<SmartTransaction>
  list(
    query?: ListQuery,
    opts?: { signal?: AbortSignal },
  ): Promise<{ count: number; data: SmartTransaction[] }>
  /**
   * Full PUT; drops the preTransaction card mode ("this special mode is lost when you update", secuconnect
   * docs: Apply_the_Loyalty_Card_for_Payment_-_Reference_-_Integration_Guide_for_Loyalty_at_the_POS).
   */
  update(id: string, draft: SmartTransactionDraft, opts?: { signal?: AbortSignal }): Promise<SmartTransaction>
  preTransaction(id: string, opts?: { signal?: AbortSignal }): Promise<PreTransactionResult>
  start(id: string, method: StartMethod, opts?: WriteOptions): Promise<SmartTransaction>
  startCash(id: string, opts?: WriteOptions): Promise<SmartTransaction>
  startCashless(id: string, opts?: WriteOptions): Promise<SmartTransaction>
  startLoyalty(id: string, opts?: WriteOptions): Promise<SmartTransaction>
  cancel(id: string, opts?: WriteOptions): Promise<SmartTransaction>
  /**
   * Read the transaction and say whether a start (`expect: 'paid'`) or cancel (`'cancelled'`) took
   * effect; for a caller that got an `unknown` outcome and wants to look again later.
   */
  reconcile(
    id: string,
    expect: 'paid' | 'cancelled',
  ): Promise<{ applied: boolean; transaction: SmartTransaction }>
}

export interface TransactionsDeps {
  api: Api
  logger: Logger
  sleep: Sleep
  timeouts: Timeouts
}

const enc = encodeURIComponent
// Built once: zod compiles an object schema on its first parse, so a schema made per call compiles per call.
const transactionList = listOf(smartTransaction)

/**
 * The server rejects a sum that is not the basket total (secuconnect-java-sdk SmartTransactionsBasketInfo:
 * "it must equal the basket total"); catching it here names the bug.
 */
function checkDraft(draft: SmartTransactionDraft): void {
  const products = draft.basket?.products ?? []
  let total = 0
  for (const p of products) {
    assertCents(p.priceOne, `basket product ${p.id} priceOne`)
    if (!Number.isInteger(p.quantity)) throw new RangeError(`basket product ${p.id}: quantity must be whole`)
    total += p.quantity * p.priceOne
  }
  if (draft.basket_info) {
    assertCents(draft.basket_info.sum, 'basket_info.sum')
    if (products.length > 0 && draft.basket_info.sum !== total) {
      throw new RangeError(`basket_info.sum ${draft.basket_info.sum} is not the basket total ${total}`)
    }
  }
}

const STILL_OPEN = new Set(['created', 'processing'])

/**
 * The read-back shows the effect has not happened: may the caller try again (`not-applied`), or must it
 * look again later (`unknown`)? Cash and loyalty starts are booked synchronously, so an open
 * transaction means they did not happen; a terminal (cashless) may still be working after our
 * timeout [I].
 */
function effectWhenNotApplied(action: string, status: string): ReconcileOutcome['effect'] {
  if (action === 'cancel') return status === 'ok' ? 'not-applied' : 'unknown'
  if (STILL_OPEN.has(status)) return action === 'start/cashless' ? 'unknown' : 'not-applied'
  return status === 'failed' ? 'not-applied' : 'unknown'
}

export function createTransactions(deps: TransactionsDeps): Transactions {
  const { api, timeouts } = deps
  const read = (id: string, signal?: AbortSignal): Promise<SmartTransaction> =>
    api.call({
      method: 'GET',
      path: `/Smart/Transactions/${enc(id)}`,
      schema: smartTransaction,
      timeoutMs: timeouts.readMs,
      signal,
    })

  /** The GET after an unknown outcome gets three tries: it is the only way to learn the truth. */
  async function readBack(id: string): Promise<SmartTransaction> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await read(id)
      } catch (error) {
        if (attempt === 3 || !isUnknownOutcome(error)) throw error
        await deps.sleep(500 * attempt)
      }
    }
  }

  async function reconcile(
    id: string,
    expect: 'paid' | 'cancelled',
  ): Promise<{ applied: boolean; transaction: SmartTransaction }> {
    const transaction = await readBack(id)
    const applied = transaction.status === (expect === 'paid' ? 'ok' : 'cancelled')
    return { applied, transaction }
  }

  async function guarded(
    id: string,
    action: string,
    expect: 'paid' | 'cancelled',
    opts: WriteOptions,
    timeoutMs: number,
    path: string,
  ): Promise<SmartTransaction> {
    try {
      return await api.call({
        method: 'POST',
        path,
        body: {},
        schema: smartTransaction,
        timeoutMs,
        signal: opts.signal,
      })
    } catch (error) {
      if (opts.reconcile === false || !isUnknownOutcome(error) || !(error instanceof SecuconnectError))
        throw error
      deps.logger.log('warn', 'secuconnect.reconcile', { id, action, cause: error.name })
      let result: Awaited<ReturnType<typeof reconcile>>
      try {
        result = await reconcile(id, expect)
      } catch (readError) {
        deps.logger.log('error', 'secuconnect.reconcile-failed', { id, action, cause: String(readError) })
        error.outcome = { effect: 'unknown' }
        throw error
      }
      deps.logger.log('info', 'secuconnect.reconciled', {
        id,
        action,
        status: result.transaction.status,
        applied: result.applied,
      })
      if (result.applied) return result.transaction
      error.outcome = {
        effect: effectWhenNotApplied(action, result.transaction.status),
        transaction: result.transaction,
      }
      throw error
    }
  }

  const start = (id: string, method: StartMethod, opts: WriteOptions = {}): Promise<SmartTransaction> =>
    guarded(
      id,
      `start/${method}`,
      'paid',
      opts,
      timeouts.startMs,
      `/Smart/Transactions/${enc(id)}/start/${method}`,
    )

  return {
    async create(draft, opts = {}) {
      checkDraft(draft)
      return api.call({
        method: 'POST',
        path: '/Smart/Transactions',
        body: draft,
        schema: smartTransaction,
        timeoutMs: timeouts.writeMs,
        signal: opts.signal,
      })
    },
    get: (id, opts = {}) => read(id, opts.signal),
    async list(query = {}, opts = {}) {
      const { q, count, offset, sort, fields } = query
      return api.call({
        method: 'GET',
        path: '/Smart/Transactions',
        query: { q, count, offset, sort, fields },
        schema: transactionList,
        timeoutMs: timeouts.readMs,
        signal: opts.signal,
      })
    },
    async update(id, draft, opts = {}) {
      checkDraft(draft)
      return api.call({
        method: 'PUT',
        path: `/Smart/Transactions/${enc(id)}`,
        body: draft,
        schema: smartTransaction,
        timeoutMs: timeouts.writeMs,
        signal: opts.signal,
      })
    },
    preTransaction: (id, opts = {}) =>
      api.call({
        method: 'POST',
        path: `/Smart/Transactions/${enc(id)}/preTransaction`,
        schema: preTransactionResult,
        timeoutMs: timeouts.writeMs,
        signal: opts.signal,
      }),
    start,
    startCash: (id, opts) => start(id, 'cash', opts),
    startCashless: (id, opts) => start(id, 'cashless', opts),
    startLoyalty: (id, opts) => start(id, 'loyalty', opts),
    cancel: (id, opts = {}) =>
      guarded(id, 'cancel', 'cancelled', opts, timeouts.startMs, `/Smart/Transactions/${enc(id)}/cancel`),
    reconcile,
  }
}
