// The fixed words of a receipt, per language. The receipt speaks the till's configured language; the
// API's own lines (secuconnect) are German whatever we choose.
import type { Locale } from '../../common/ipc/contract'

export interface ReceiptWords {
  receiptNo: string
  date: string
  till: string
  seller: string
  total: string
  cash: string
  change: string
  loyalty: string
  terminal: string
  given: string
  copy: string
  storno: string
  stornoOf: string
  /** A return of some goods (partial storno): its title and the line naming its original. */
  goodsBack: string
  goodsBackOf: string
  vat: string
  net: string
  gross: string
  rate: string
  weight: string
  noTse: string
  discount: string
  bonus: string
  topupNotTaxable: string
  /** Im Haus / Außer Haus on the receipt (it decides the rate of drinks). */
  consumption: string
  inhouse: string
  takeaway: string
  /** Before a combo's parts: "davon Kaffee 1,20 A, …". */
  comboOf: string
}

export const RECEIPT_WORDS: Record<Locale, ReceiptWords> = {
  de: {
    receiptNo: 'Beleg-Nr.',
    date: 'Datum',
    till: 'Kasse',
    seller: 'Es bediente Sie',
    total: 'SUMME EUR',
    cash: 'Bar',
    change: 'Rückgeld',
    loyalty: 'Kundenkarte',
    terminal: 'Kartenzahlung',
    given: 'Gegeben',
    copy: 'KOPIE',
    discount: 'Rabatt',
    storno: 'STORNO',
    stornoOf: 'Storno zu Beleg',
    goodsBack: 'RÜCKGABE',
    goodsBackOf: 'Rückgabe zu Beleg',
    vat: 'MwSt',
    net: 'Netto',
    gross: 'Brutto',
    rate: 'Satz',
    weight: 'kg',
    noTse: 'TSE: nicht angeschlossen',
    bonus: 'Bonus Kundenkarte',
    topupNotTaxable: 'Guthabenaufladung – nicht steuerbar (Mehrzweckgutschein)',
    consumption: 'Verzehr',
    inhouse: 'Im Haus',
    takeaway: 'Außer Haus',
    comboOf: 'davon',
  },
  en: {
    receiptNo: 'Receipt no.',
    date: 'Date',
    till: 'Till',
    seller: 'Served by',
    total: 'TOTAL EUR',
    cash: 'Cash',
    change: 'Change',
    loyalty: 'Loyalty card',
    terminal: 'Card payment',
    given: 'Given',
    copy: 'COPY',
    discount: 'Discount',
    storno: 'VOID',
    stornoOf: 'Void of receipt',
    goodsBack: 'RETURN',
    goodsBackOf: 'Return of receipt',
    vat: 'VAT',
    net: 'Net',
    gross: 'Gross',
    rate: 'Rate',
    weight: 'kg',
    noTse: 'TSE: not connected',
    bonus: 'Loyalty bonus',
    topupNotTaxable: 'Card top-up – not taxable (multi-purpose voucher)',
    consumption: 'Consumption',
    inhouse: 'Eat in',
    takeaway: 'Take away',
    comboOf: 'of which',
  },
}

/** VAT letters printed next to each line and in the VAT table: A 19 %, B 7 %, C 0 %. */
export const VAT_LETTER: Record<number, string> = { 19: 'A', 7: 'B', 0: 'C' }
/** The letter of a combo line, whose parts carry their own letters in the note under it. */
export const COMBO_LETTER = '*'

/** The till's word for a payment type on receipts and reports; an unknown type prints as it is stored. */
export function paymentLabel(method: string, words: ReceiptWords): string {
  return method === 'cash'
    ? words.cash
    : method === 'loyalty'
      ? words.loyalty
      : method === 'terminal'
        ? words.terminal
        : method
}

/** The fixed words of the X and Z reports (main/receipts/report-receipt.ts). */
export interface ReportWords {
  xTitle: string
  zTitle: string
  zNo: string
  periodStart: string
  periodEnd: string
  firstReport: string
  by: string
  receipts: string
  receiptCount: string
  stornoCount: string
  abortedCount: string
  trainingCount: string
  notInTakings: string
  total: string
  turnover: string
  sales: string
  stornos: string
  cashSection: string
  openingFloat: string
  cashSales: string
  cashIn: string
  cashOut: string
  expected: string
  counted: string
  difference: string
  drawerOpenings: string
  fiscalSection: string
  turnoverNet: string
  bonus: string
  vouchersSold: string
  vouchersRedeemed: string
  countSection: string
  sellersSection: string
  xFooter: string
}

export const REPORT_WORDS: Record<Locale, ReportWords> = {
  de: {
    xTitle: 'X-BERICHT',
    zTitle: 'Z-BON (Tagesabschluss)',
    zNo: 'Z-Nr.',
    periodStart: 'Zeitraum ab',
    periodEnd: 'Erstellt',
    firstReport: 'erster Abschluss',
    by: 'Erstellt von',
    receipts: 'Belege Nr.',
    receiptCount: 'Anzahl Belege',
    stornoCount: 'Stornos',
    abortedCount: 'Abbrüche',
    trainingCount: 'Training-Belege',
    notInTakings: 'nicht im Umsatz',
    total: 'UMSATZ EUR',
    turnover: 'Umsatz',
    sales: 'Verkäufe',
    stornos: 'Stornos',
    cashSection: 'Kassenbestand',
    openingFloat: 'Anfangsbestand',
    cashSales: 'Bareinnahmen',
    cashIn: 'Einlagen',
    cashOut: 'Entnahmen',
    expected: 'SOLL-Bestand',
    counted: 'IST-Bestand (gezählt)',
    difference: 'Differenz',
    drawerOpenings: 'Schubladenöffnungen',
    fiscalSection: 'Gutscheine und Rabatte',
    turnoverNet: 'Umsatz ohne Aufladungen',
    bonus: 'Bonus eingelöst (Rabatt)',
    vouchersSold: 'Kartenaufladungen (nicht steuerbar)',
    vouchersRedeemed: 'Kartenguthaben eingelöst',
    countSection: 'Zählprotokoll',
    sellersSection: 'Verkäufer',
    xFooter: 'Zwischenbericht – keine Nullstellung',
  },
  en: {
    xTitle: 'X REPORT',
    zTitle: 'Z REPORT (day closing)',
    zNo: 'Z no.',
    periodStart: 'Period from',
    periodEnd: 'Created',
    firstReport: 'first closing',
    by: 'Created by',
    receipts: 'Receipt nos.',
    receiptCount: 'Receipts',
    stornoCount: 'Voids',
    abortedCount: 'Aborted',
    trainingCount: 'Training receipts',
    notInTakings: 'not in the takings',
    total: 'TURNOVER EUR',
    turnover: 'Turnover',
    sales: 'Sales',
    stornos: 'Voids',
    cashSection: 'Cash in drawer',
    openingFloat: 'Opening float',
    cashSales: 'Cash takings',
    cashIn: 'Cash in',
    cashOut: 'Cash out',
    expected: 'Expected',
    counted: 'Counted',
    difference: 'Difference',
    drawerOpenings: 'Drawer openings',
    fiscalSection: 'Vouchers and discounts',
    turnoverNet: 'Turnover without top-ups',
    bonus: 'Bonus redeemed (discount)',
    vouchersSold: 'Card top-ups (not taxable)',
    vouchersRedeemed: 'Card balance redeemed',
    countSection: 'Cash count',
    sellersSection: 'Sellers',
    xFooter: 'Interim report – no reset',
  },
}
