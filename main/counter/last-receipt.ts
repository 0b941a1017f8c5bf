// The "Bon" key: the last paid sale's receipt stays printable until the next sale is paid, so the receipt
// policy "ask" costs no modal question and no tap when the customer wants none. Printing it later is
// the original (same idempotency key as at the till) when it never reached paper, otherwise a copy.
// When the next sale is paid while the receipt still waits, that receipt is recorded as declined.
import type { CheckoutView } from '../../common/checkout'
import type { LastReceiptView } from '../../common/counter'
import type { Logger } from '../../common/ports'
import type { Printer } from '../../hardware/types'
import type { EventBus } from '../ipc/event-bus'
import type { Journal } from '../journal'
import { printKeptReceipt } from '../receipts/print-receipt'

const PRINT_THREW_KEY = 'checkout.error.internal'

export function createLastReceipt(deps: {
  journal: Journal
  printer: () => Printer
  events: EventBus
  logger: Logger
}) {
  const { journal, events, logger } = deps
  let last: LastReceiptView | null = null
  // The receipt still waits for the customer's answer ("asking"): the journal holds no print outcome
  // yet. Declined by policy "never", by the customer, or printed: it has one, none is added.
  let undecided = false

  const publish = () => events.publish('counter.lastReceipt', last)

  function statusOf(print: NonNullable<CheckoutView['result']>['print']): LastReceiptView['print'] {
    if (print === 'printed') return 'printed'
    if (print === 'failed') return 'failed'
    return 'waiting'
  }

  function onCheckout(view: CheckoutView): void {
    const result = view.phase === 'paid' ? view.result : null
    if (!result) return
    if (last && last.saleId !== result.saleId && last.print === 'waiting' && undecided) {
      try {
        journal.recordPrintOutcome({ receiptId: last.receiptId, status: 'declined', detail: 'not asked for' })
      } catch (error) {
        logger.log('error', 'counter.declined-not-recorded', {
          receiptId: last.receiptId,
          error: String(error),
        })
      }
    }
    // policy "never" and "declined": nothing waits, but the key may still print it on request.
    const next: LastReceiptView = {
      saleId: result.saleId,
      receiptId: result.receiptId,
      receiptNo: result.receiptNo,
      total: result.total,
      print: statusOf(result.print),
      printErrorKey: result.printErrorKey,
    }
    undecided = result.print === 'asking'
    if (JSON.stringify(next) === JSON.stringify(last)) return
    last = next
    publish()
  }

  async function printLast(): Promise<LastReceiptView | null> {
    if (!last) return null
    const current = last
    const receipt = journal.receipt(current.receiptId)
    if (!receipt) return current
    const onPaper = receipt.prints.some((p) => p.status === 'printed' || p.status === 'failed')
    let result
    if (!onPaper) {
      result = await printKeptReceipt(
        { journal, printer: deps.printer(), logger },
        { receiptId: current.receiptId, document: receipt.document },
        PRINT_THREW_KEY,
      )
    } else {
      const document = { ...receipt.document, copy: true }
      const copy = journal.recordReceipt({ kind: 'copy', copyOf: current.receiptId, document })
      result = await printKeptReceipt(
        { journal, printer: deps.printer(), logger },
        { receiptId: copy.receiptId, document, copyNo: copy.copyNo ?? 1 },
        PRINT_THREW_KEY,
      )
    }
    if (last?.saleId === current.saleId) {
      last = { ...current, print: result.print, printErrorKey: result.printErrorKey }
      publish()
      events.publish('journal.changed', { kind: 'print', saleId: current.saleId })
    }
    return last
  }

  const off = events.subscribe((message) => {
    if (message.type === 'checkout.changed') onCheckout(message.payload)
  })

  return { view: () => last, printLast, close: off }
}
