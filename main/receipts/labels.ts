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
  vat: string
  net: string
  gross: string
  rate: string
  weight: string
  noTse: string
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
    storno: 'STORNO',
    stornoOf: 'Storno zu Beleg',
    vat: 'MwSt',
    net: 'Netto',
    gross: 'Brutto',
    rate: 'Satz',
    weight: 'kg',
    noTse: 'TSE: nicht angeschlossen',
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
    storno: 'VOID',
    stornoOf: 'Void of receipt',
    vat: 'VAT',
    net: 'Net',
    gross: 'Gross',
    rate: 'Rate',
    weight: 'kg',
    noTse: 'TSE: not connected',
  },
}

/** VAT letters printed next to each line and in the VAT table: A 19 %, B 7 %, C 0 %. */
export const VAT_LETTER: Record<number, string> = { 19: 'A', 7: 'B', 0: 'C' }
