// Recovery on start (docs/checkout.md "Recovery"): every sale the journal lists as unfinished is brought
// to an end — payments in flight are read back from secuconnect and recorded as they really went, paid
// sales are completed with their receipt, unpaid ones are aborted. Nothing is paid again: a start is
// only ever read back. What cannot be decided yet (API unreachable, terminal still working) is tried
// again later until it can, within bounded patience: past it the sale goes to the "Klärung nötig" list
// (clarify.ts) for a manager, never silently one way.
import type { Clock, Logger } from '../../common/ports'
import type { ApiReceiptLine } from '../../common/receipt/api-lines'
import type { SaleRecord } from '../journal'
import type { SecuconnectClient, SmartTransaction } from '../secuconnect'
import { flagForClarification } from './clarify'
import type { FiscalService } from '../fiscal/lifecycle'
import { completeSale, recordSaleReceipt, type CompleteDeps } from './complete'
import { signUnsigned } from './sign-late'
import { closeLocalSteps, closeStart, openStartsOf, startVerdict, type StartPatience } from './start-steps'

export interface RecoveryReport {
  completed: number[]
  aborted: number[]
  /** Still undecided (API unreachable, terminal still working); retried in the background. */
  pending: number[]
  /** Completed sales that lacked their receipt and got it now. */
  receipts: number[]
  /** Sales on the "Klärung nötig" list: recovery must not decide them alone, a manager has to look. */
  attention: number[]
}

export interface RecoveryDeps extends CompleteDeps {
  client: SecuconnectClient
  clock: Clock
  logger: Logger
  /** How long after its intent a start may still take effect, and when an undecidable one is handed over. */
  patience: StartPatience
  /** The TSE: a paid sale recovery completes is signed first if it never was (sign-late.ts). */
  fiscal?: FiscalService | undefined
  /**
   * A sale a live checkout session is paying belongs to that session: recovery that runs late (it waits
   * for the API login) or again (retry passes) must not settle or complete it under the session's feet.
   */
  inProgress?: (saleId: number) => boolean
}

/** How many of the newest sales are checked for a missing receipt (a crash between completion and receipt). */
const RECEIPT_SWEEP = 50

/** The API's receipt lines of the start that paid the sale, read back; none when it cannot be read. */
async function apiLinesOf(
  deps: RecoveryDeps,
  sale: SaleRecord,
  known: Map<string, SmartTransaction>,
): Promise<ApiReceiptLine[]> {
  const settledStart = sale.payments
    .flatMap((p) => p.steps)
    .find((s) => s.step === 'start' && s.outcome?.status === 'settled')
  const txId = settledStart?.outcome?.transactionId ?? settledStart?.transactionId
  if (!txId) return []
  const tx = known.get(txId) ?? (await deps.client.transactions.get(txId).catch(() => null))
  if (!tx)
    deps.logger.log('warn', 'checkout.recovery-receipt-without-api-lines', { saleId: sale.saleId, txId })
  return tx?.receipt ?? []
}

/**
 * Records outcomes for the open intents of one sale. true: the sale was handed over to a manager
 * (its payment cannot be decided within the patience).
 */
async function settleOpenIntents(
  deps: RecoveryDeps,
  sale: SaleRecord,
  known: Map<string, SmartTransaction>,
): Promise<boolean> {
  const { journal } = deps
  closeLocalSteps(journal, sale, { recovered: true })
  for (const open of openStartsOf(journal.sale(sale.saleId)?.payments ?? [])) {
    const waited = deps.clock.now() - open.startedAt
    let tx: SmartTransaction
    try {
      tx = (await deps.client.transactions.reconcile(open.txId, 'paid')).transaction
    } catch (error) {
      deps.logger.log('warn', 'checkout.recovery-read-failed', {
        saleId: sale.saleId,
        txId: open.txId,
        error: String(error),
      })
      if (waited < deps.patience.clarifyAfterMs) continue
      flagForClarification(deps, sale, 'the transaction could not be read back', open, null)
      return true
    }
    known.set(tx.id, tx)
    const verdict = startVerdict(tx, open.startedAt, deps.clock.now(), deps.patience)
    if (verdict === 'wait') continue
    if (verdict === 'clarify') {
      flagForClarification(deps, sale, `the transaction stayed in status "${tx.status}"`, open, tx.status)
      return true
    }
    closeStart(journal, open, verdict, tx, { recovered: true })
    deps.logger.log('info', 'checkout.recovered-start', { saleId: sale.saleId, txId: tx.id, verdict })
  }
  return false
}

async function finishSale(
  deps: RecoveryDeps,
  saleId: number,
  known: Map<string, SmartTransaction>,
  report: RecoveryReport,
): Promise<void> {
  const sale = deps.journal.sale(saleId)
  if (!sale || sale.status !== 'open') return
  if (sale.payments.some((p) => p.openIntentIds.length > 0)) {
    report.pending.push(saleId)
  } else if (sale.paid === sale.total) {
    const apiLines = await apiLinesOf(deps, sale, known)
    await signUnsigned(deps, saleId)
    completeSale(deps, saleId, apiLines)
    report.completed.push(saleId)
  } else if (sale.paid === 0) {
    deps.journal.abortSale(saleId, 'recovered after restart: not paid')
    report.aborted.push(saleId)
  } else {
    flagForClarification(deps, sale, 'part of the sale is paid and nothing is in flight', null, null)
    report.attention.push(saleId)
  }
}

/** One pass over the journal's unfinished sales; storno sales belong to the back office and are left to it. */
export async function recoverOnce(deps: RecoveryDeps): Promise<RecoveryReport> {
  const report: RecoveryReport = { completed: [], aborted: [], pending: [], receipts: [], attention: [] }
  const known = new Map<string, SmartTransaction>()
  for (const { sale } of deps.journal.unfinished().sales) {
    if (sale.kind !== 'sale' || deps.inProgress?.(sale.saleId)) continue
    try {
      // Listed for a manager: recovery leaves it to the decision.
      if (deps.journal.clarifications.openFor(sale.saleId) || (await settleOpenIntents(deps, sale, known))) {
        report.attention.push(sale.saleId)
        continue
      }
      await finishSale(deps, sale.saleId, known, report)
    } catch (error) {
      deps.logger.log('error', 'checkout.recovery-failed', { saleId: sale.saleId, error: String(error) })
      report.pending.push(sale.saleId)
    }
  }
  for (const summary of deps.journal.sales({ limit: RECEIPT_SWEEP })) {
    // A live session keeps the receipt of the sale it completed once the TSE has signed (finish-steps.ts).
    if (summary.kind !== 'sale' || summary.status !== 'completed' || deps.inProgress?.(summary.saleId))
      continue
    const sale = deps.journal.sale(summary.saleId)
    if (!sale || sale.receipts.some((r) => r.kind === 'sale')) continue
    const apiLines = await apiLinesOf(deps, sale, known)
    await signUnsigned(deps, sale.saleId)
    recordSaleReceipt(deps, sale, apiLines)
    report.receipts.push(sale.saleId)
  }
  if (Object.values(report).some((list) => list.length > 0))
    deps.logger.log('info', 'checkout.recovered', { ...report })
  return report
}
