// The journal's records as the back office shows them (common/journal.ts): the same fields, minus what
// only main needs (payment steps, product ids, EANs). JSON-safe: optional fields are left out, never
// undefined, so a view survives the trip over IPC unchanged.
import type { ReceiptView, SaleDetailView } from '../../common/journal'
import { compact } from './read-sales'
import type { ReceiptRecord, SaleRecord } from './types'

export function receiptView(r: ReceiptRecord): ReceiptView {
  return compact({
    receiptId: r.receiptId,
    kind: r.kind,
    at: r.at,
    document: r.document,
    copyOf: r.copyOf,
    prints: r.prints,
  })
}

/** `canStorno` comes from the caller: it depends on whether a storno attempt is under way. */
export function saleDetailView(sale: SaleRecord, canStorno: boolean): SaleDetailView {
  const { lines, payments, receipts, ...summary } = sale
  return compact({
    ...summary,
    lines: lines.map((l) => ({
      lineNo: l.lineNo,
      name: l.name,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      total: l.total,
      vatRate: l.vatRate,
    })),
    payments: payments.map((p) =>
      compact({
        paymentId: p.paymentId,
        method: p.method,
        amount: p.amount,
        settled: p.settled,
        transactionId: p.transactionId,
      }),
    ),
    receipts: receipts.map(receiptView),
    canStorno,
  })
}
