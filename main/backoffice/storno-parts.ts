// What a storno owes and where it stands: the refunds per payment type and transaction (exactly what
// the original settled, sign turned), the open storno of a sale, and the journal rows of its steps.
// storno.ts runs the storno with these.
import { AppFailure } from '../../common/result'
import { CASH, type PaymentRecord, type SaleRecord } from '../journal'
import type { ApiReceiptLine } from '../../common/receipt/api-lines'
import type { SmartTransaction } from '../secuconnect'
import type { Backoffice } from './context'

/** What one payment type (on one secuconnect transaction) gives back; amounts are negative. */
export interface RefundPart {
  method: string
  amount: number
  transactionId?: string
}

/**
 * The refunds a storno owes, per payment type and transaction: exactly what the original settled, with
 * the sign turned. A card payment without a transaction id could not be given back: refused up front.
 */
export function refundParts(original: SaleRecord): RefundPart[] {
  const parts = new Map<string, RefundPart>()
  for (const p of original.payments) {
    if (p.settled === 0) continue
    const tx = p.transactionId
    if (p.method !== CASH && tx === undefined)
      throw AppFailure.of(
        'CONFLICT',
        'backoffice.error.stornoUnsupportedPayment',
        `Payment ${p.paymentId} (${p.method}) has no transaction to cancel`,
        {
          method: p.method,
        },
      )
    const key = `${p.method}|${tx ?? ''}`
    const part = parts.get(key) ?? {
      method: p.method,
      amount: 0,
      ...(tx === undefined ? {} : { transactionId: tx }),
    }
    part.amount -= p.settled
    parts.set(key, part)
  }
  return [...parts.values()].filter((p) => p.amount !== 0)
}

/** A storno sale of `original` that is neither completed nor aborted: an attempt to resume. */
export function openStornoOf(bo: Backoffice, original: SaleRecord): SaleRecord | undefined {
  if (original.stornoSaleId === undefined) return undefined
  const storno = bo.deps.journal.sale(original.stornoSaleId)
  // A partial storno (partial-return.ts) is resumed by its own path, never by the full storno's refund.
  return storno?.status === 'open' && storno.partialReturn !== true ? storno : undefined
}

export function canStorno(bo: Backoffice, sale: SaleRecord): boolean {
  return (
    sale.kind === 'sale' &&
    sale.status === 'completed' &&
    (sale.stornoSaleId === undefined || openStornoOf(bo, sale) !== undefined)
  )
}

export const transactionsOf = (parts: RefundPart[]): string[] => [
  ...new Set(parts.flatMap((p) => (p.transactionId === undefined ? [] : [p.transactionId]))),
]

export const paymentOf = (sale: SaleRecord, part: RefundPart): PaymentRecord | undefined =>
  sale.payments.find((p) => p.method === part.method && p.transactionId === part.transactionId)

export const cancelSteps = (sale: SaleRecord, tx: string) =>
  sale.payments.flatMap((payment) =>
    payment.steps
      .filter((s) => s.step === 'cancel' && s.transactionId === tx)
      .map((step) => ({ payment, step })),
  )

/** Reads a cancel back; the answer decides, a failed read leaves the step open for the next attempt. */
export async function readCancelBack(
  bo: Backoffice,
  tx: string,
): Promise<{ applied: boolean; transaction: SmartTransaction }> {
  const { client, logger } = bo.deps
  try {
    return await client.transactions.reconcile(tx, 'cancelled')
  } catch (error) {
    logger.log('warn', 'storno.reconcile-failed', { transactionId: tx, error: String(error) })
    throw AppFailure.of(
      'TIMEOUT',
      'backoffice.error.cancelUnknown',
      'The card cancellation could not be confirmed yet; try the storno again',
    )
  }
}

/** The STORNO lines secuconnect keeps on a cancelled transaction, for a storno resumed after its cancel. */
export async function apiLinesOf(bo: Backoffice, tx: string): Promise<ApiReceiptLine[]> {
  const { client, logger } = bo.deps
  try {
    return (await client.transactions.get(tx)).receipt
  } catch (error) {
    logger.log('warn', 'storno.api-lines-unavailable', { transactionId: tx, error: String(error) })
    return []
  }
}
