// German receipt lines in the exact shape and wording of the published examples (examples 002, 004) and the
// STORNO sample (docs/secuconnect.md). Every line is checked against the shared schema.
import { apiReceiptLine, type ApiReceiptLineInput } from '../common/receipt/api-lines'
import { formatAmount, type Cents } from '../common/money'

const eur = (cents: Cents): string => `${formatAmount(cents)} EUR`
const separator = (caption: string): ApiReceiptLineInput => ({ type: 'separator', value: { caption } })
const nameValue = (name: string, value: string): ApiReceiptLineInput => ({
  type: 'name-value',
  value: { name, value, decoration: [] },
})
const text = (t: string, decoration: string[] = []): ApiReceiptLineInput => ({
  type: 'textline',
  value: { text: t, decoration },
})
const space: ApiReceiptLineInput = { type: 'space' }
const amount = (cents: Cents): ApiReceiptLineInput => text(eur(cents), ['important'])

function checked(lines: ApiReceiptLineInput[]): ApiReceiptLineInput[] {
  for (const line of lines) apiReceiptLine.parse(line)
  return lines
}

export interface SaleSection {
  cardnumber: string
  taCode: string
  paidFromCard: Cents
  recorded: Cents
  /** null when the card group has no bonus programme: the line is left out, as in the gift-card example. */
  bonus: Cents | null
  balanceAfter: Cents
}

/**
 * The "Kundenkarte" block. [I] The examples differ in a trailing space after "Kartennummer:" and
 * "TA Code:" (002/003 have it, 004 does not); we follow 004 and the wording, without.
 */
export function saleReceipt(s: SaleSection): ApiReceiptLineInput[] {
  const lines = [
    separator('Kundenkarte'),
    nameValue('Kartennummer:', s.cardnumber),
    nameValue('TA Code:', s.taCode),
    space,
  ]
  if (s.paidFromCard > 0) lines.push(text('Zahlung über:'), amount(s.paidFromCard), space)
  lines.push(text('Umsatz erfasst:'), amount(s.recorded), space)
  if (s.bonus !== null) lines.push(text('Bonus:'), amount(s.bonus), space)
  lines.push(text('Aktuelles Guthaben'), amount(s.balanceAfter))
  return checked(lines)
}

/** The "Kundenkarte Aufladung" block (example 002); here the balance label has a colon, as published. */
export function topUpReceipt(
  cardnumber: string,
  taCode: string,
  loaded: Cents,
  balanceAfter: Cents,
): ApiReceiptLineInput[] {
  return checked([
    separator('Kundenkarte Aufladung'),
    nameValue('Kartennummer:', cardnumber),
    nameValue('TA Code:', taCode),
    space,
    text('Folgender Betrag'),
    text('wurde aufgeladen:'),
    amount(loaded),
    space,
    text('Aktuelles Guthaben:'),
    amount(balanceAfter),
  ])
}

export function stornoReceipt(
  cardnumber: string,
  taCode: string,
  cancelled: Cents,
  balanceAfter: Cents,
): ApiReceiptLineInput[] {
  return checked([
    separator('Kundenkarte'),
    text('STORNO', ['important', 'align-center']),
    nameValue('Kartennummer:', cardnumber),
    nameValue('TA Code:', taCode),
    space,
    text('Stornierter Betrag:'),
    amount(cancelled),
    space,
    text('Aktuelles Guthaben:'),
    amount(balanceAfter),
  ])
}

export interface TerminalSlip {
  copy: 'Kundenbeleg' | 'Händlerbeleg'
  merchant: string
  at: number
  receiptNumber: number
  terminalId: string
  amount: Cents
  accepted: boolean
}

/**
 * A SmartZVT-style card slip for start/cashless (secuconnect docs: Make_the_Payment_-_Payment_with_SmartZVT).
 * [I] The wording of a declined slip is ours.
 */
export function terminalReceipt(s: TerminalSlip): ApiReceiptLineInput[] {
  const d = new Date(s.at)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return checked([
    separator('Kartenzahlung'),
    text(`* * ${s.copy} * *`, ['align-center']),
    text(s.merchant, ['align-center']),
    nameValue('Datum:', `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`),
    nameValue('Uhrzeit:', `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`),
    nameValue('Beleg-Nr.', String(s.receiptNumber)),
    nameValue('Terminal-ID', s.terminalId),
    nameValue('Betrag EUR', formatAmount(s.amount)),
    space,
    text(s.accepted ? 'Karte akzeptiert' : 'Zahlung abgelehnt', ['align-center', 'important']),
  ])
}
