// The "Klärung nötig" list from the checkout's side: a sale whose payment recovery cannot decide (a
// status the client does not know, an API that stays unreadable, money on a sale with nothing in
// flight) is listed for a manager instead of being decided silently either way. The manager checks
// the transaction (SecuOffice, the terminal's slip) and decides: "paid" settles the open steps and
// completes the sale, "not paid" records them as failed and aborts the sale. Both are journaled with
// the manager and a reason, in the same commit as the completion or abort. A completed sale is then
// signed by the TSE if it never was (sign-late.ts) and keeps its receipt; a crash between leaves that
// to recovery's receipt sweep.
import type { Logger } from '../../common/ports'
import { AppFailure } from '../../common/result'
import type { Clarification } from '../journal/clarifications'
import type { SaleRecord } from '../journal'
import type { FiscalService } from '../fiscal/lifecycle'
import { recordSaleReceipt, type CompleteDeps } from './complete'
import { signUnsigned } from './sign-late'
import { ERROR_KEYS } from './messages'
import { closeLocalSteps, closeStart, openStartsOf, type OpenStart } from './start-steps'

export interface ClarifyDeps extends CompleteDeps {
  logger: Logger
  /** The TSE that signs a sale decided as paid, if it never was signed. */
  fiscal?: FiscalService | undefined
}

/** Puts the sale on the list (once); what is known goes with it for the manager. */
export function flagForClarification(
  deps: ClarifyDeps,
  sale: SaleRecord,
  reason: string,
  open: OpenStart | null,
  lastStatus: string | null,
): Clarification {
  const entry = deps.journal.clarifications.flag({
    saleId: sale.saleId,
    reason,
    transactionId: open?.txId ?? sale.payments.find((p) => p.transactionId)?.transactionId ?? null,
    known: {
      total: sale.total,
      paid: sale.paid,
      method: open?.method ?? null,
      lastStatus,
      startedAt: open ? new Date(open.startedAt).toISOString() : null,
    },
  })
  deps.logger.log('error', 'checkout.needs-clarification', {
    saleId: sale.saleId,
    reason,
    txId: entry.transactionId,
  })
  return entry
}

export interface ClarifyDecision {
  saleId: number
  decision: 'paid' | 'not-paid'
  managerId: string
  reason: string
}

/** Applies a manager's decision; returns the completed (signed, with its receipt) or aborted sale. */
export async function decideClarification(deps: ClarifyDeps, input: ClarifyDecision): Promise<SaleRecord> {
  const { journal } = deps
  const detail = { decidedBy: input.managerId, reason: input.reason }
  const decided = journal.clarifications.decide(input, () => {
    const sale = journal.sale(input.saleId)!
    closeLocalSteps(journal, sale, detail)
    for (const open of openStartsOf(journal.sale(input.saleId)!.payments))
      closeStart(journal, open, input.decision === 'paid' ? 'settled' : 'failed', undefined, detail)
    const now = journal.sale(input.saleId)!
    if (input.decision === 'paid') {
      if (now.paid !== now.total)
        throw AppFailure.of(
          'CONFLICT',
          ERROR_KEYS.clarifyAmountsDiffer,
          `Sale ${now.saleId}: settled ${now.paid} of ${now.total} cents`,
          { saleId: now.saleId, paid: now.paid, total: now.total },
        )
      return journal.completeSale(now.saleId)
    }
    if (now.paid !== 0)
      throw AppFailure.of(
        'CONFLICT',
        ERROR_KEYS.clarifyHoldsMoney,
        `Sale ${now.saleId} holds ${now.paid} cents of settled payments`,
        { saleId: now.saleId, paid: now.paid },
      )
    return journal.abortSale(now.saleId, `not paid (decided by ${input.managerId}: ${input.reason})`)
  })
  deps.logger.log('info', 'checkout.clarified', { saleId: input.saleId, decision: input.decision })
  if (decided.status !== 'completed') return decided
  await signUnsigned(deps, decided.saleId)
  return recordSaleReceipt(deps, decided, []).sale
}
