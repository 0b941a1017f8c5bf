// Printing a receipt the journal already keeps (storno, X, Z, copy). The journal row exists before the
// printer is asked, so a printer failure only leaves the receipt waiting for a reprint; nothing is lost.
import type { Logger } from '../../common/ports'
import type { Printer } from '../../hardware/types'
import type { Journal } from '../journal'
import { printReceipt, type PrintReceiptRequest } from '../receipts/print-receipt'

export interface PrintResult {
  print: 'printed' | 'failed'
  printErrorKey: string | null
}

export async function printKept(
  deps: { journal: Journal; printer: Printer; logger: Logger },
  request: PrintReceiptRequest,
): Promise<PrintResult> {
  try {
    const outcome = await printReceipt(deps, request)
    if (outcome.status === 'failed') return { print: 'failed', printErrorKey: outcome.messageKey }
    // 'duplicate': this very job (same idempotency key) already went to the printer.
    return { print: 'printed', printErrorKey: null }
  } catch (error) {
    // A driver that throws instead of answering: record it like any failed print, keep going.
    deps.logger.log('error', 'receipt.print-threw', { receiptId: request.receiptId, error: String(error) })
    try {
      deps.journal.recordPrintOutcome({ receiptId: request.receiptId, status: 'failed', detail: String(error).slice(0, 500) })
    } catch (recordError) {
      deps.logger.log('error', 'receipt.print-outcome-not-recorded', { receiptId: request.receiptId, error: String(recordError) })
    }
    return { print: 'failed', printErrorKey: 'backoffice.error.printFailed' }
  }
}
