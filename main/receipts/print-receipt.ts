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
  /**
   * The original printed again after earlier attempts that never reached the printer (the printer keeps
   * a failed key's answer, so a new try needs a new key): `receipt-<id>-attempt-<n>`.
   */
  attempt?: number
  /** Pulse the printer-driven drawer in the same job (cash sales). */
  openDrawer?: boolean
}

export async function printReceipt(
  deps: { journal: Journal; printer: Printer; logger: Logger },
  request: PrintReceiptRequest,
): Promise<PrintOutcome> {
  const copy = request.copyNo !== undefined
  const key = copy
    ? `receipt-${request.receiptId}-copy-${request.copyNo}`
    : request.attempt
      ? `receipt-${request.receiptId}-attempt-${request.attempt}`
      : `receipt-${request.receiptId}`
  const outcome = await deps.printer.print({
    key,
    document: { ...request.document, copy },
    copy,
    ...(request.openDrawer ? { openDrawer: true } : {}),
  })
  if (outcome.status === 'printed') {
    deps.journal.recordPrintOutcome({ receiptId: request.receiptId, status: 'printed' })
  } else if (outcome.status === 'failed') {
    deps.journal.recordPrintOutcome({
      receiptId: request.receiptId,
      status: 'failed',
      detail: `${outcome.state}: ${outcome.detail}`.slice(0, 500),
      reached: outcome.reached ?? 'maybe',
    })
    deps.logger.log('warn', 'receipt.print-failed', {
      receiptId: request.receiptId,
      state: outcome.state,
      detail: outcome.detail,
    })
  }
  return outcome
}

/**
 * Whether a receipt may already be in a customer's hands, from its print history: printed, e-mailed, or
 * a failure that may have sent part of it (or that predates the record). A receipt with no recorded
 * outcome at all counts as "maybe" too (the app may have stopped while it printed). Only then does the
 * next print become a "KOPIE"; a receipt the printer never got (paper out before the job, connection
 * refused) or that the customer declined is still the original.
 */
export function mayBeOnPaper(prints: readonly { status: string; reached?: 'nothing' | 'maybe' }[]): boolean {
  if (prints.length === 0) return true
  return prints.some(
    (p) =>
      p.status === 'printed' || p.status === 'emailed' || (p.status === 'failed' && p.reached !== 'nothing'),
  )
}

/** How the next print of a kept receipt goes: the original under a fresh attempt key, or a copy. */
export function nextPrint(
  prints: readonly { status: string; reached?: 'nothing' | 'maybe' }[],
): { copy: false; attempt: number } | { copy: true } {
  if (mayBeOnPaper(prints)) return { copy: true }
  return { copy: false, attempt: prints.filter((p) => p.status === 'failed').length }
}

export interface PrintResult {
  print: 'printed' | 'failed'
  printErrorKey: string | null
}

/**
 * Prints a receipt the journal already keeps and never throws: a printer failure (or a driver that
 * throws instead of answering) is recorded and returned, so the receipt only waits for a reprint.
 * `fallbackKey` is the UI's message for a driver that threw.
 */
export async function printKeptReceipt(
  deps: { journal: Journal; printer: Printer; logger: Logger },
  request: PrintReceiptRequest,
  fallbackKey: string,
): Promise<PrintResult> {
  try {
    const outcome = await printReceipt(deps, request)
    if (outcome.status === 'failed') return { print: 'failed', printErrorKey: outcome.messageKey }
    // 'duplicate': this very job (same idempotency key) already went to the printer.
    return { print: 'printed', printErrorKey: null }
  } catch (error) {
    deps.logger.log('error', 'receipt.print-threw', { receiptId: request.receiptId, error: String(error) })
    try {
      deps.journal.recordPrintOutcome({
        receiptId: request.receiptId,
        status: 'failed',
        detail: String(error).slice(0, 500),
      })
    } catch (recordError) {
      deps.logger.log('error', 'receipt.print-outcome-not-recorded', {
        receiptId: request.receiptId,
        error: String(recordError),
      })
    }
    return { print: 'failed', printErrorKey: fallbackKey }
  }
}
