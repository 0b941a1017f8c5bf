// The journal's records as DSFinV-K transactions (Bonkopf with its lines, VAT and payments). One place
// decides every business case (docs/fiscal-export.md, "Geschäftsvorfälle"):
// - sale line → Umsatz (Pfand / PfandRueckzahlung for deposit lines), top-up → MehrzweckgutscheinKauf
//   (UST 5); redeemed bonus → Rabatt per VAT rate; card cash balance → MehrzweckgutscheinEinloesung
//   (UST 5, negative: the charge-item variant, so lines, processData and money payments agree);
// - cash → Bar, other money → Unbar, no money at all → Keine 0,00;
// - opening float → Anfangsbestand, cash in/out → their business case (default Geldtransit),
//   the counted difference of a Z → DifferenzSollIst, all UST 5 and paid Bar;
// - an aborted sale → BON_TYP AVBelegabbruch with its lines and no payment, outside the closing sums;
// - a storno → a Beleg with negated amounts, BON_STORNO 1 and a reference to the original;
// - a return of some goods (partial storno) → a Beleg with those lines negated, BON_STORNO 0 (the
//   original bon stands, it is not cancelled) and a reference `Retoure` to the original.
import { vatFromGross } from '../../../common/money'
import type { BonTyp, GvTyp, ZahlartTyp } from './value-lists'

export interface ExportLine {
  posZeile: number
  gvTyp: GvTyp
  text: string
  vatKey: number
  gross: number
  net: number
  vat: number
  /** Quantity in thousandths (MENGE, Accuracy 3). */
  quantity?: number
  /** Unit price in cents (STK_BR): per piece, or per kg for a weighed line. */
  unitPrice?: number
  /** EINHEIT: "Stück" or "kg". */
  unit?: string
  artNr?: string
  gtin?: string
  /** A line discount (counter's line_discounts): itemamounts base_amount / discount. */
  discount?: number
  /** lines.csv INHAUS: consumed in-house (1) or taken away (0); absent when the sale recorded none. */
  inHouse?: boolean
  /**
   * A further VAT key of a combo line (same POS_ZEILE): only its Bonpos_USt row (and itemamounts) is
   * written, the Bonpos itself once with the first key (./vat-context.ts).
   */
  vatShareOf?: boolean
  /** A combo line's parts (subitems.csv, Bonpos_Zusatzinfo). */
  subitems?: ExportSubitem[]
}

/** One part of a combo line, with its cents of the line (Bonpos_Zusatzinfo). */
export interface ExportSubitem {
  artNr: string
  name: string
  /** ZI_MENGE in thousandths (part quantity × line quantity). */
  quantity: number
  vatKey: number
  gross: number
  net: number
  vat: number
}

export interface ExportPayment {
  typ: ZahlartTyp
  name: string
  amount: number
}

export interface TseRow {
  tseSerial: string
  txNumber: number | null
  start: string | null
  end: string | null
  processType: string
  counter: number | null
  signature: string | null
  error: string | null
  processData: string | null
  /** The TSE's key, algorithm and time format as the signed record carries them (tse.csv). */
  publicKey: string | null
  sigAlgo: string | null
  timeFormat: string | null
}

export interface ExportTx {
  bonId: string
  bonNr: number
  bonTyp: BonTyp
  /** BON_STORNO: this bon cancels a whole earlier bon. A return of some goods is no storno of a bon. */
  storno: boolean
  start: string
  end: string
  sellerId: string
  lines: ExportLine[]
  payments: ExportPayment[]
  tse: TseRow[]
  /** references.csv: the bon this one cancels (`Storno`) or takes goods back from (`Retoure`). */
  reference?: { name: 'Storno' | 'Retoure'; bonId: string; zNo: number; date: string }
  note?: string
}

export const VAT_KEY_OF_RATE: Record<number, number> = { 19: 1, 7: 2, 0: 6 }
export const VOUCHER_KEY = 5

/** A line with its VAT part; the caller settles the rounding against the receipt's VAT per rate. */
export function line(
  posZeile: number,
  gvTyp: GvTyp,
  text: string,
  vatKey: number,
  rate: number,
  gross: number,
  extra: Partial<ExportLine> = {},
): ExportLine {
  const vat = vatFromGross(gross, rate)
  return { posZeile, gvTyp, text, vatKey, gross, net: gross - vat, vat, ...extra }
}

/**
 * Makes the lines' VAT per key add up to the receipt's VAT per rate (the receipt computes VAT on the
 * rate's sum, lines one by one): the difference, at most a cent per line, goes to the largest line.
 */
export function settleVat(lines: ExportLine[], receiptVatByKey: ReadonlyMap<number, number>): void {
  for (const [key, receiptVat] of receiptVatByKey) {
    const ofKey = lines.filter((l) => l.vatKey === key)
    if (ofKey.length === 0) continue
    const diff = receiptVat - ofKey.reduce((s, l) => s + l.vat, 0)
    if (diff === 0) continue
    const target = ofKey.reduce((a, b) => (Math.abs(b.gross) > Math.abs(a.gross) ? b : a))
    target.vat += diff
    target.net -= diff
  }
}

const PAYMENT_NAMES: Record<string, string> = {
  cash: 'Bar',
  terminal: 'Kartenzahlung',
  card: 'Kartenzahlung',
}

export function paymentOf(method: string, amount: number): ExportPayment | null {
  if (method === 'loyalty') return null
  if (method === 'cash') return { typ: 'Bar', name: 'Bar', amount }
  return { typ: 'Unbar', name: PAYMENT_NAMES[method] ?? method, amount }
}

const CASH_CASES: Record<string, GvTyp> = {
  Anfangsbestand: 'Anfangsbestand',
  Einzahlung: 'Einzahlung',
  Privateinlage: 'Privateinlage',
  Auszahlung: 'Auszahlung',
  Privatentnahme: 'Privatentnahme',
  Geldtransit: 'Geldtransit',
  Lohnzahlung: 'Lohnzahlung',
}

/** GV_TYP of a cash movement: its recorded business case, else by kind (float / transit). */
export function cashCase(kind: string, businessCase: string | null): GvTyp {
  if (kind === 'opening_float') return 'Anfangsbestand'
  return (businessCase ? CASH_CASES[businessCase] : undefined) ?? 'Geldtransit'
}

/** BON_TYP values whose transactions carry no payment and stay out of the closing's sums. */
export const NO_PAYMENT_TYPES: ReadonlySet<string> = new Set([
  'AVTraining',
  'AVBelegabbruch',
  'AVSachbezug',
  'AVBestellung',
])
