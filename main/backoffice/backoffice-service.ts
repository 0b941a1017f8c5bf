// The back office behind the contract (common/ipc/backoffice-contract.ts): the journal's sales and
// receipts, reprint, storno, cash movements, X and Z. Any logged-in seller may look and reprint;
// storno, cash movements, Z and a drawer opening without a sale need a manager (docs/backoffice.md).
import type { ReceiptView, SaleDetailView, SaleSummaryView } from '../../common/journal'
import { AppFailure } from '../../common/result'
import { localDate, receiptView, saleDetailView } from '../journal'
import { nextPrint } from '../receipts/print-receipt'
import { createBackoffice, type BackofficeDeps } from './context'
import { createCash } from './cash'
import { createReports } from './reports'
import { createIntegrity } from './integrity'
import { createStorno } from './storno'
import { canStorno } from './storno-parts'
import { createPartialReturn, type PartialReturnInput } from './partial-return'

export type { BackofficeDeps } from './context'

export function createBackofficeService(deps: BackofficeDeps) {
  const bo = createBackoffice(deps)
  const { journal } = deps
  const storno = createStorno(bo)
  const partialReturn = createPartialReturn(bo)
  const cash = createCash(bo)
  const reports = createReports(bo)
  const integrity = createIntegrity(bo)

  function receiptOrThrow(receiptId: number) {
    const receipt = journal.receipt(receiptId)
    if (!receipt)
      throw AppFailure.of('NOT_FOUND', 'journal.error.unknownReceipt', `No receipt ${receiptId}`, {
        receiptId,
      })
    return receipt
  }

  /**
   * A reprint is a receipt of its own (kind copy) pointing at the original, printed as "KOPIE" under its
   * own key — unless the original never reached the printer (paper out before the job, connection
   * refused): then it is printed as the original, which nobody has on paper yet.
   */
  async function reprint(receiptId: number) {
    bo.seller()
    const asked = receiptOrThrow(receiptId)
    const original = asked.copyOf === undefined ? asked : receiptOrThrow(asked.copyOf)
    const next = nextPrint(original.prints)
    if (!next.copy) {
      const printed = await bo.print({
        receiptId: original.receiptId,
        document: original.document,
        ...(next.attempt > 0 ? { attempt: next.attempt } : {}),
      })
      bo.changed('print', ...(original.saleId === undefined ? [] : [original.saleId]))
      return { receipt: receiptView(receiptOrThrow(original.receiptId)), ...printed }
    }
    const document = { ...original.document, copy: true }
    const copy = journal.recordReceipt({ kind: 'copy', copyOf: original.receiptId, document })
    const printed = await bo.print({ receiptId: copy.receiptId, document, copyNo: copy.copyNo ?? 1 })
    bo.changed('print', ...(original.saleId === undefined ? [] : [original.saleId]))
    return { receipt: receiptView(receiptOrThrow(copy.receiptId)), ...printed }
  }

  return {
    recover: () => storno.recover(),
    handlers: {
      'journal.sales': (input: { date?: string; search?: string; limit: number }): SaleSummaryView[] => {
        bo.seller()
        // Today's sales by default; a search without a date looks through every day.
        const search = input.search || undefined
        const date = input.date ?? (search ? undefined : localDate(deps.clock.now(), bo.timeZone))
        return journal.sales({ ...(date ? { date } : {}), ...(search ? { search } : {}), limit: input.limit })
      },
      'journal.sale': ({ saleId }: { saleId: number }): SaleDetailView => {
        bo.seller()
        const sale = bo.sale(saleId)
        return saleDetailView(sale, canStorno(bo, sale))
      },
      'receipt.reprint': ({
        receiptId,
      }: {
        receiptId: number
      }): Promise<{ receipt: ReceiptView; print: 'printed' | 'failed'; printErrorKey: string | null }> =>
        reprint(receiptId),
      'storno.execute': (input: { saleId: number; reason: string; managerPin?: string }) =>
        storno.execute(input),
      'storno.returnable': ({ saleId }: { saleId: number }) => partialReturn.returnable(saleId),
      'storno.partial': (input: PartialReturnInput) => partialReturn.execute(input),
      'storno.returnQuote': (input: { saleId: number; lines: PartialReturnInput['lines'] }) =>
        partialReturn.quote(input.saleId, input.lines),
      'cash.summary': () => cash.summary(),
      'cash.movement': (input: Parameters<typeof cash.movement>[0]) => cash.movement(input),
      'report.x': (input: { print: boolean }) => reports.x(input),
      'report.z': (input: Parameters<typeof reports.z>[0]) => reports.z(input),
      'report.zList': (input: { limit: number }) => reports.zList(input),
      'drawer.open': (input: { reason: string; managerPin?: string }) => cash.openNoSale(input),
      'integrity.status': () => integrity.status(),
      'integrity.verify': (input: { managerPin?: string }) => integrity.verify(input),
      'integrity.acknowledge': (input: { managerPin?: string }) => integrity.acknowledge(input),
    },
  }
}
