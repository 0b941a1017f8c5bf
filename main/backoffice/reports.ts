// X and Z reports behind the contract. Both are receipts kept in the journal (kind x / z) and printed
// from the common receipt model; X changes nothing, Z closes the period with the counted cash.
import type { PeriodReportView } from '../../common/journal'
import type { ReceiptDocument } from '../../common/receipt/model'
import type { PeriodReport, ZReport } from '../journal'
import { buildReportReceipt } from '../receipts/report-receipt'
import type { Backoffice } from './context'

export interface PrintedReport {
  report: PeriodReportView
  receiptId: number
  receipt: ReceiptDocument
  print: 'printed' | 'failed' | 'none'
  printErrorKey: string | null
}

export function createReports(bo: Backoffice) {
  const { journal, config, logger, zSafeguards } = bo.deps
  const sellerNames = Object.fromEntries(config.sellers.map((s) => [s.id, s.name]))
  const document = (report: PeriodReport | ZReport, byName: string) =>
    buildReportReceipt({ report, byName, sellerNames }, bo.receiptContext())

  return {
    async x(input: { print: boolean }): Promise<PrintedReport> {
      const seller = bo.seller()
      const report = journal.xReport()
      const receipt = document(report, seller.name)
      const { receiptId } = journal.recordReceipt({ kind: 'x', document: receipt })
      if (!input.print) {
        // Looked at on screen only: say so, so it is not listed as waiting for the printer.
        journal.recordPrintOutcome({ receiptId, status: 'declined' })
        bo.changed('print')
        return { report, receiptId, receipt, print: 'none', printErrorKey: null }
      }
      const printed = await bo.print({ receiptId, document: receipt })
      bo.changed('print')
      return { report, receiptId, receipt, ...printed }
    },

    async z(input: {
      denominations: { value: number; count: number }[]
      managerPin?: string
    }): Promise<PrintedReport> {
      const manager = bo.manager(input.managerPin)
      const report = journal.zReport({ denominations: input.denominations })
      logger.log('info', 'report.z', {
        zNumber: report.zNumber,
        difference: report.difference,
        by: manager.id,
      })
      const receipt = document(report, manager.name)
      const { receiptId } = journal.recordReceipt({
        kind: 'z',
        closingId: report.closingId,
        document: receipt,
      })
      bo.changed('closing')
      const printed = await bo.print({ receiptId, document: receipt })
      bo.changed('print')
      // Never undoes or fails the closing: a TSE or backup failure is journaled and logged there.
      if (zSafeguards) await zSafeguards.afterClosing(report)
      return { report, receiptId, receipt, ...printed }
    },

    zList(input: { limit: number }): PeriodReportView[] {
      bo.seller()
      return journal.closings(input.limit)
    },
  }
}
