// The paper of an X or Z report, built from the journal's report through the common receipt model, so
// the printer and the back office's preview show the same lines. The model's fixed parts carry what
// they mean everywhere (meta: numbers and period; total; payments: totals per payment type; vat: the
// VAT table); the report's other sections (turnover, cash, count, sellers) are label/value lines with
// captioned separators in the model's free line list.
import { formatAmount } from '../../common/money'
import type { ApiReceiptLine } from '../../common/receipt/api-lines'
import type { ReceiptDocument } from '../../common/receipt/model'
import type { PeriodReport, ZReport } from '../journal'
import { paymentLabel, RECEIPT_WORDS, REPORT_WORDS, VAT_LETTER } from './labels'
import { localTime, shopHeader, type ReceiptContext } from './sale-receipt'

export interface ReportReceiptInput {
  report: PeriodReport | ZReport
  /** Who asked for it (printed as "Erstellt von"). */
  byName: string
  /** Seller id → name for the per-seller section; unknown ids print as they are. */
  sellerNames: Record<string, string>
}

const euro = (cents: number): string => `${formatAmount(cents)} €`
const section = (caption: string): ApiReceiptLine => ({ type: 'separator', value: { caption } })
const row = (name: string, value: string, important = false): ApiReceiptLine => ({
  type: 'name-value',
  value: { name, value, ...(important ? { decoration: ['important'] } : {}) },
})

const isZ = (report: PeriodReport | ZReport): report is ZReport => report.kind === 'Z'

export function buildReportReceipt(input: ReportReceiptInput, ctx: ReceiptContext): ReceiptDocument {
  const { report } = input
  const words = RECEIPT_WORDS[ctx.locale]
  const w = REPORT_WORDS[ctx.locale]
  const timeZone = ctx.timeZone ?? 'Europe/Berlin'
  const time = (iso: string) => localTime(iso, ctx.locale, timeZone)
  const z = isZ(report) ? report : null

  const receiptRange =
    report.firstReceiptNo === null
      ? '—'
      : `${report.firstReceiptNo} – ${report.lastReceiptNo ?? report.firstReceiptNo}`
  const meta = [
    ...(z ? [{ label: w.zNo, value: String(z.zNumber) }] : []),
    { label: w.periodStart, value: report.periodStart === null ? w.firstReport : time(report.periodStart) },
    { label: w.periodEnd, value: time(report.periodEnd) },
    { label: words.till, value: ctx.tillId },
    { label: w.by, value: input.byName },
    { label: w.receipts, value: receiptRange },
    { label: w.receiptCount, value: String(report.receiptCount) },
    { label: w.stornoCount, value: String(report.stornoCount) },
    { label: w.abortedCount, value: String(report.abortedCount) },
    // Training receipts have numbers in the range above but are in no sum: listed, the range adds up.
    ...(report.training
      ? [
          {
            label: w.trainingCount,
            value:
              report.training.count === 0
                ? '0'
                : `${report.training.count} (${euro(report.training.total)}, ${w.notInTakings})`,
          },
        ]
      : []),
  ]

  const { cash } = report
  const lines: ApiReceiptLine[] = [
    section(w.turnover),
    row(w.sales, euro(report.salesTotal)),
    row(`${w.stornos} (${report.stornoCount})`, euro(report.stornoTotal)),
    ...(report.fiscal
      ? [
          section(w.fiscalSection),
          row(w.turnoverNet, euro(report.fiscal.turnover), true),
          row(w.bonus, euro(-report.fiscal.bonus)),
          row(w.vouchersSold, euro(report.fiscal.vouchersSold)),
          row(w.vouchersRedeemed, euro(report.fiscal.vouchersRedeemed)),
        ]
      : []),
    section(w.cashSection),
    row(w.openingFloat, euro(cash.openingFloat)),
    row(w.cashSales, euro(cash.cashSales)),
    row(w.cashIn, euro(cash.cashIn)),
    row(w.cashOut, euro(-cash.cashOut)),
    row(w.expected, euro(cash.expected), true),
    ...(z ? [row(w.counted, euro(z.counted.total), true), row(w.difference, euro(z.difference), true)] : []),
    row(w.drawerOpenings, String(cash.drawerOpenings)),
    ...(z && z.counted.denominations.some((d) => d.count > 0)
      ? [
          section(w.countSection),
          ...z.counted.denominations
            .filter((d) => d.count > 0)
            .map((d) => row(`${d.count} × ${euro(d.value)}`, euro(d.amount))),
        ]
      : []),
    ...(report.sellers.length > 0
      ? [
          section(w.sellersSection),
          ...report.sellers.map((s) =>
            row(
              `${input.sellerNames[s.sellerId] ?? s.sellerId} (${s.receiptCount}/${s.stornoCount})`,
              euro(s.total),
            ),
          ),
        ]
      : []),
  ]

  return {
    header: shopHeader(ctx.shop),
    title: z ? w.zTitle : w.xTitle,
    meta,
    items: [],
    total: { label: w.total, amount: report.total },
    vat: report.vat.map((r) => ({
      letter: VAT_LETTER[r.rate] ?? '',
      rate: r.rate,
      gross: r.gross,
      net: r.net,
      vat: r.vat,
    })),
    payments: report.payments.map((p) => ({
      label: `${paymentLabel(p.method, words)} (${p.count})`,
      amount: p.amount,
    })),
    apiLines: lines,
    footer: z ? [words.noTse] : [w.xFooter],
    copy: false,
    labels: { copy: words.copy, vat: words.vat, net: words.net, gross: words.gross, rate: words.rate },
  }
}
