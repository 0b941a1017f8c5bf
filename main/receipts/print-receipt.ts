// Prints a receipt kept in the journal and records what happened. The idempotency key is the receipt id
// (plus a copy number for reprints), so a retried call never prints the same original twice; a failed
// print leaves the receipt waiting for an explicit reprint, which is marked as a copy.
import type { Printer, PrintOutcome } from '../../hardware/types'
import type { ReceiptDocument } from '../../common/receipt/model'
import type { Logger } from '../../common/ports'
import type { Journal } from '../journal'

export interface PrintReceiptRequest {
  receiptId: number
  document: ReceiptDocument
  /** A reprint: marked "KOPIE" on paper, with its own idempotency key. */
  copyNo?: number
  /** Pulse the printer-driven drawer in the same job (cash sales). */
  openDrawer?: boolean
}

export async function printReceipt(deps: { journal: Journal; printer: Printer; logger: Logger }, request: PrintReceiptRequest): Promise<PrintOutcome> {
  const copy = request.copyNo !== undefined
  const key = copy ? `receipt-${request.receiptId}-copy-${request.copyNo}` : `receipt-${request.receiptId}`
  const outcome = await deps.printer.print({
    key,
    document: { ...request.document, copy },
    copy,
    ...(request.openDrawer ? { openDrawer: true } : {}),
  })
  if (outcome.status === 'printed') {
    deps.journal.recordPrintOutcome({ receiptId: request.receiptId, status: 'printed' })
  } else if (outcome.status === 'failed') {
    deps.journal.recordPrintOutcome({ receiptId: request.receiptId, status: 'failed', detail: `${outcome.state}: ${outcome.detail}`.slice(0, 500) })
    deps.logger.log('warn', 'receipt.print-failed', { receiptId: request.receiptId, state: outcome.state, detail: outcome.detail })
  }
  return outcome
}
