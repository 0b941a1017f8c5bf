// Builds the receipt document of a completed sale or storno from what the journal holds. The same
// document is printed, previewed on screen and kept in the journal (receipt rows are immutable), so a
// reprint is this document again with `copy: true`.
import { maskApiReceiptLines, type ApiReceiptLine } from '../../common/receipt/api-lines'
import type { ReceiptDocument } from '../../common/receipt/model'
import type { VatBreakdownRow } from '../../common/basket'
import type { AppConfig } from '../../common/config'
import type { Locale } from '../../common/ipc/contract'
import { COMBO_LETTER, paymentLabel, RECEIPT_WORDS, VAT_LETTER } from './labels'
import { dateTimeFormat, numberFormat } from '../../common/intl-formats'

export interface ReceiptSale {
  kind: 'sale' | 'storno'
  /** A storno that takes some goods back (partial storno): "RÜCKGABE", the original bon stands. */
  partialReturn?: true
  receiptNo: number
  /** ISO time the sale completed. */
  completedAt: string
  sellerName: string
  lines: {
    name: string
    quantity: number
    unitPrice: number
    total: number
    vatRate: number
    weightGrams?: number
    /** The line's discount; `total` is already reduced by it (a storno line: negated, so raised). */
    discount?: { kind: 'percent' | 'amount'; value: number; amount: number; reason: string }
    kind?: string
    /** A combo line's parts with their cents of `total` and rate (printed as "davon …" under it). */
    components?: { name: string; vatRate: number; amount: number }[]
  }[]
  /** Im Haus / Außer Haus, when recorded: printed in the head (it decides the rate of drinks). */
  consumption?: 'inhouse' | 'takeaway'
  /** Redeemed loyalty bonus per VAT rate (a discount; negative on a storno). */
  bonus?: { vatRate: number; amount: number }[]
  vat: VatBreakdownRow[]
  total: number
  payments: { method: 'cash' | 'loyalty' | 'terminal' | string; amount: number; tendered?: number }[]
  /** The secuconnect receipt lines of the sale's card transaction, printed as they come. */
  apiLines: ApiReceiptLine[]
  /** Storno: the receipt number it cancels. */
  originalReceiptNo?: number
}

export interface ReceiptContext {
  shop: AppConfig['shop']
  tillId: string
  locale: Locale
  timeZone?: string
}

/** Date and time as the receipt prints them, in the shop's zone. */
export function localTime(iso: string, locale: Locale, timeZone: string): string {
  return dateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(iso))
}

function weightNote(grams: number, unitPrice: number, locale: Locale): string {
  const kg = numberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    minimumFractionDigits: 3,
    maximumFractionDigits: 3,
  }).format(grams / 1000)
  const perKg = numberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(unitPrice / 100)
  return `${kg} kg × ${perKg} €/kg`
}

/**
 * A combo's VAT split under its line: "davon Kaffee 1,20 A, Apfelkuchen 2,80 B" (the parts after any
 * discount, adding up to the line's total; the VAT table sums them per rate).
 */
function comboNote(
  parts: readonly { name: string; vatRate: number; amount: number }[],
  prefix: string,
  locale: Locale,
): string {
  const fmt = numberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })
  return `${prefix} ${parts.map((c) => `${c.name} ${fmt.format(c.amount / 100)} ${VAT_LETTER[c.vatRate] ?? ''}`).join(', ')}`
}

/** Shop name, address and tax ids: the head of every receipt and report. */
export function shopHeader(shop: AppConfig['shop']): string[] {
  return [
    shop.name,
    ...shop.address,
    ...(shop.taxNumber ? [`St.-Nr. ${shop.taxNumber}`] : []),
    ...(shop.vatId ? [`USt-IdNr. ${shop.vatId}`] : []),
  ]
}

export function buildSaleReceipt(
  sale: ReceiptSale,
  ctx: ReceiptContext,
  options: {
    copy?: boolean
    /** The TSE block, QR code and training mark (main/fiscal/receipt-block.ts); "no TSE" when absent. */
    fiscal?: Pick<ReceiptDocument, 'fiscal' | 'qr' | 'training'>
  } = {},
): ReceiptDocument {
  const words = RECEIPT_WORDS[ctx.locale]
  const timeZone = ctx.timeZone ?? 'Europe/Berlin'
  const labelOf = (method: string): string => paymentLabel(method, words)
  const cash = sale.payments.find((p) => p.method === 'cash' && p.tendered !== undefined)
  const change =
    cash && cash.tendered !== undefined && cash.tendered > cash.amount ? cash.tendered - cash.amount : 0

  // A return of some goods leaves its original standing: RÜCKGABE, not STORNO.
  const [stornoTitle, originalLabel] = sale.partialReturn
    ? [words.goodsBack, words.goodsBackOf]
    : [words.storno, words.stornoOf]

  return {
    header: shopHeader(ctx.shop),
    ...(sale.kind === 'storno' ? { title: stornoTitle } : {}),
    meta: [
      { label: words.receiptNo, value: String(sale.receiptNo) },
      ...(sale.originalReceiptNo !== undefined
        ? [{ label: originalLabel, value: String(sale.originalReceiptNo) }]
        : []),
      { label: words.date, value: localTime(sale.completedAt, ctx.locale, timeZone) },
      { label: words.till, value: ctx.tillId },
      { label: words.seller, value: sale.sellerName },
      ...(sale.consumption ? [{ label: words.consumption, value: words[sale.consumption] }] : []),
    ],
    // A discounted line prints at its price before the discount, followed by its "Rabatt" line, so the
    // items still add up to the total and every discount is visible with its reason.
    items: [
      ...sale.lines.flatMap((l) => {
        const sign = l.total < 0 || l.quantity < 0 ? -1 : 1
        const reduction = l.discount ? sign * l.discount.amount : 0
        const letter = l.components?.length ? COMBO_LETTER : (VAT_LETTER[l.vatRate] ?? '')
        const item = {
          name: l.name,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          total: l.total + reduction,
          vatRate: l.vatRate,
          vatLetter: letter,
          ...(l.weightGrams !== undefined
            ? { note: weightNote(l.weightGrams, l.unitPrice, ctx.locale), weighed: true }
            : {}),
          ...(l.components?.length ? { note: comboNote(l.components, words.comboOf, ctx.locale) } : {}),
        }
        if (!l.discount) return [item]
        return [
          item,
          {
            name: `  ${words.discount} ${l.discount.reason}${l.discount.kind === 'percent' ? ` ${l.discount.value} %` : ''}`,
            quantity: 1,
            unitPrice: -reduction,
            total: -reduction,
            vatRate: l.vatRate,
            vatLetter: letter,
          },
        ]
      }),
      // The bonus is a discount in the goods' own rates: one line per rate, carrying that rate's letter.
      ...(sale.bonus ?? []).map((b) => ({
        name: `${words.bonus} ${b.vatRate} %`,
        quantity: 1,
        unitPrice: -b.amount,
        total: -b.amount,
        vatRate: b.vatRate,
        vatLetter: VAT_LETTER[b.vatRate] ?? '',
      })),
    ],
    total: { label: words.total, amount: sale.total },
    vat: sale.vat.map((r) => ({
      letter: VAT_LETTER[r.rate] ?? '',
      rate: r.rate,
      gross: r.gross,
      net: r.net,
      vat: r.vat,
    })),
    payments: sale.payments.flatMap((p) =>
      p.method === 'cash' && p.tendered !== undefined && p.tendered !== p.amount
        ? [{ label: `${words.cash} (${words.given})`, amount: p.tendered }]
        : [{ label: labelOf(p.method), amount: p.amount }],
    ),
    ...(change > 0 ? { change: { label: words.change, amount: change } } : {}),
    // Card numbers leave the API's lines here, before the document is kept, shown or printed.
    apiLines: maskApiReceiptLines(sale.apiLines),
    footer: [
      ...(sale.lines.some((l) => l.kind === 'topup') ? [words.topupNotTaxable] : []),
      ...ctx.shop.footer,
      ...(options.fiscal ? [] : [words.noTse]),
    ],
    ...(options.fiscal ?? {}),
    copy: options.copy ?? false,
    labels: { copy: words.copy, vat: words.vat, net: words.net, gross: words.gross, rate: words.rate },
  }
}
