// The STORNO receipt of a completed storno or partial return (docs/backoffice.md, "Storno" step 5):
// kept in the journal first, then printed; the paper may fail, the storno stays.
import { sumCents } from '../../common/money'
import type { StornoResultView } from '../../common/journal'
import type { ApiReceiptLine } from '../../common/receipt/api-lines'
import { CASH, type SaleRecord } from '../journal'
import { receiptSaleFromJournal } from '../receipts/from-journal'
import { buildSaleReceipt } from '../receipts/sale-receipt'
import type { Backoffice } from './context'

export function createStornoReceipt(bo: Backoffice) {
  const { journal } = bo.deps

  /** Receipt of a completed storno: kept first, then printed; the paper may fail, the storno stays. */
  return async function finish(
    original: SaleRecord,
    stornoId: number,
    apiLines: ApiReceiptLine[],
    drawer: StornoResultView['drawer'],
  ): Promise<StornoResultView> {
    const storno = bo.sale(stornoId)
    const document = buildSaleReceipt(
      {
        ...receiptSaleFromJournal(storno, bo.sellerName(storno.sellerId), apiLines),
        ...(original.receiptNo === undefined ? {} : { originalReceiptNo: original.receiptNo }),
      },
      bo.receiptContext(),
      bo.deps.fiscalPart ? { fiscal: bo.deps.fiscalPart(stornoId) } : {},
    )
    const { receiptId } = journal.recordReceipt({ kind: 'storno', saleId: stornoId, document })
    bo.changed('storno', stornoId)
    const printed = await bo.print({ receiptId, document })
    bo.changed('print', stornoId)
    const refunded = (cash: boolean) =>
      sumCents(
        storno.payments.filter((p) => (p.method === CASH) === cash).map((p) => -p.settled),
        'refund',
      )
    return {
      stornoSaleId: stornoId,
      receiptNo: storno.receiptNo ?? 0,
      receiptId,
      receipt: document,
      cashRefund: refunded(true),
      cardRefund: refunded(false),
      print: printed.print,
      drawer,
    }
  }
}
