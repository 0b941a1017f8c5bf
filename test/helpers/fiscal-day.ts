// A bakery day written through the journal's own API (as the checkout and back office write it), for
// the DSFinV-K tests: cash and card sales, the seed 004 card sale with bonus and card balance, a
// top-up, a storno, an abort, opening float, cash in/out and a Z with a counted difference.
import type { Clock } from '../../common/ports'
import { expect } from 'vitest'
import type { DsfinvkMaster } from '../../main/fiscal-export/dsfinvk/export'
import type { Journal, SaleLineInput, ZReport } from '../../main/journal'
import { cents, type Csv } from './dsfinvk-check'

export const line = (
  productId: string,
  quantity: number,
  unitPrice: number,
  vatRate: 0 | 7 | 19,
  extra: Partial<SaleLineInput> = {},
): SaleLineInput => ({
  productId,
  name: productId,
  quantity,
  unitPrice,
  total: quantity * unitPrice,
  vatRate,
  ...extra,
})

export function payCash(journal: Journal, saleId: number, amount: number) {
  const { intentId } = journal.recordPaymentIntent({
    saleId,
    method: 'cash',
    amount,
    tendered: amount,
    step: 'tender',
  })
  journal.recordPaymentOutcome({ intentId, status: 'settled' })
}

export function payTerminal(journal: Journal, saleId: number, amount: number) {
  const c = journal.recordPaymentIntent({ saleId, method: 'terminal', amount, step: 'create' })
  journal.recordPaymentOutcome({ intentId: c.intentId, status: 'done', transactionId: `STX_${saleId}` })
  const s = journal.recordPaymentIntent({
    saleId,
    paymentId: c.paymentId,
    step: 'start',
    transactionId: `STX_${saleId}`,
  })
  journal.recordPaymentOutcome({ intentId: s.intentId, status: 'settled' })
}

/** The checkout's writes for a card applied with `bonus` per rate, its cash balance `fromBalance`, rest cash. */
export function payWithCard(
  journal: Journal,
  saleId: number,
  total: number,
  bonus: { vatRate: 0 | 7 | 19; amount: number }[],
  fromBalance: number,
) {
  const c = journal.recordPaymentIntent({ saleId, method: 'loyalty', amount: total, step: 'create' })
  journal.recordPaymentOutcome({ intentId: c.intentId, status: 'done', transactionId: `STX_${saleId}` })
  const pre = journal.recordPaymentIntent({ saleId, paymentId: c.paymentId, step: 'pretransaction' })
  journal.recordPaymentOutcome({ intentId: pre.intentId, status: 'done' })
  if (bonus.length > 0) journal.recordBonusDiscount({ saleId, intentId: pre.intentId, lines: bonus })
  const start = journal.recordPaymentIntent({ saleId, paymentId: c.paymentId, step: 'start' })
  if (fromBalance > 0)
    journal.recordPaymentOutcome({ intentId: start.intentId, status: 'settled', amount: fromBalance })
  else journal.recordPaymentOutcome({ intentId: start.intentId, status: 'done' })
  const rest = total - bonus.reduce((s, b) => s + b.amount, 0) - fromBalance
  if (rest !== 0) payCash(journal, saleId, rest)
}

export function stornoAll(journal: Journal, originalSaleId: number) {
  const original = journal.sale(originalSaleId)!
  const storno = journal.recordStorno({ originalSaleId, sellerId: 'anna', reason: 'Fehlbuchung' })
  for (const p of original.payments.filter((x) => x.settled !== 0)) {
    const i = journal.recordPaymentIntent({
      saleId: storno.saleId,
      method: p.method,
      amount: -p.settled,
      step: 'refund',
    })
    journal.recordPaymentOutcome({ intentId: i.intentId, status: 'settled' })
  }
  return journal.completeSale(storno.saleId)
}

/** The fixed demo day of the golden export (times advance by the clock). */
export function demoDay(journal: Journal, clock: Clock & { advance(ms: number): void }) {
  const tick = () => clock.advance(7 * 60_000)
  journal.recordCashMovement({
    kind: 'opening_float',
    amount: 15000,
    reason: 'Wechselgeld',
    sellerId: 'anna',
  })
  tick()
  const a = journal.beginSale({
    sellerId: 'anna',
    lines: [
      line('weizenbroetchen', 6, 45, 7, { name: 'Weizenbrötchen', ean: '4000000000017' }),
      line('kaffee', 1, 280, 19, { name: 'Kaffee "groß"' }),
    ],
  })
  payCash(journal, a.saleId, a.total)
  journal.completeSale(a.saleId)
  tick()
  const b = journal.beginSale({
    sellerId: 'ben',
    lines: [line('bauernbrot', 1, 450, 7, { kind: 'weight', weightGrams: 1000, name: 'Bauernbrot; 1 kg' })],
  })
  payTerminal(journal, b.saleId, b.total)
  journal.completeSale(b.saleId)
  tick()
  // seed 004: 7,96 €, bonus 0,15 @ 7 % + 0,05 @ 19 %, card balance 2,00, cash 5,76.
  const c = journal.beginSale({
    sellerId: 'anna',
    lines: [line('sandwich', 1, 349, 7), line('obstsalat', 1, 249, 7), line('wasser', 2, 99, 19)],
  })
  payWithCard(
    journal,
    c.saleId,
    796,
    [
      { vatRate: 7, amount: 15 },
      { vatRate: 19, amount: 5 },
    ],
    200,
  )
  journal.completeSale(c.saleId)
  tick()
  const d = journal.beginSale({
    sellerId: 'ben',
    lines: [line('topup-20', 1, 2000, 0, { kind: 'topup', name: 'Kartenaufladung 20 €' })],
  })
  payCash(journal, d.saleId, 2000)
  journal.completeSale(d.saleId)
  tick()
  stornoAll(journal, a.saleId)
  tick()
  const e = journal.beginSale({ sellerId: 'anna', lines: [line('berliner', 2, 150, 7)] })
  journal.abortSale(e.saleId, 'Kunde gegangen')
  tick()
  journal.recordCashMovement({
    kind: 'cash_in',
    amount: 5000,
    reason: 'Wechselgeld von der Bank',
    businessCase: 'Geldtransit',
  })
  journal.recordCashMovement({
    kind: 'cash_out',
    amount: 1250,
    reason: 'Milch gekauft',
    businessCase: 'Auszahlung',
  })
  tick()
  const expected = journal.xReport().cash.expected
  // Counted 10 cents short: DifferenzSollIst −0,10.
  const short = expected - 10
  return journal.zReport({ denominations: [{ value: 1, count: short }] })
}

export const MASTER: DsfinvkMaster = {
  tillId: 'TRESEN-0001',
  shop: { name: 'Bäckerei Demo', address: ['Hauptstraße 1', '12345 Musterstadt'], taxNumber: '12/345/67890' },
  software: { brand: 'Tresen', version: '0.1.0' },
  timeZone: 'Europe/Berlin',
}

const sumWhere = (rows: Csv, col: string, pred: (r: Record<string, string>) => boolean) =>
  rows.filter(pred).reduce((s, r) => s + cents(r[col]!), 0)

/** The export's closing figures that must equal the Z report the till printed. */
export function expectSumsEqualZ(files: Map<string, Csv>, z: ZReport): void {
  const ofZ = (f: string) => (files.get(f) ?? []).filter((r) => r.Z_NR === String(z.zNumber))
  const bc = ofZ('businesscases.csv')
  const goods = (key: string) =>
    sumWhere(
      bc,
      'Z_UMS_BRUTTO',
      (r) =>
        r.UST_SCHLUESSEL === key && ['Umsatz', 'Rabatt', 'Pfand', 'PfandRueckzahlung'].includes(r.GV_TYP!),
    )
  const gv = (typ: string) => sumWhere(bc, 'Z_UMS_BRUTTO', (r) => r.GV_TYP === typ) + 0
  const vat = (rate: number) => z.vat.find((v) => v.rate === rate)
  expect(goods('1'), 'goods 19 %').toBe(vat(19)?.gross ?? 0)
  expect(goods('2'), 'goods 7 %').toBe(vat(7)?.gross ?? 0)
  expect(goods('6'), 'goods 0 %').toBe(vat(0)?.gross ?? 0)
  expect(
    sumWhere(bc, 'Z_UST', (r) => r.UST_SCHLUESSEL === '1'),
    'VAT 19 %',
  ).toBe(vat(19)?.vat ?? 0)
  expect(
    sumWhere(bc, 'Z_UST', (r) => r.UST_SCHLUESSEL === '2'),
    'VAT 7 %',
  ).toBe(vat(7)?.vat ?? 0)
  expect(0 - gv('Rabatt'), 'bonus').toBe(z.fiscal?.bonus ?? 0)
  expect(gv('MehrzweckgutscheinKauf'), 'top-ups').toBe(z.fiscal?.vouchersSold ?? 0)
  expect(0 - gv('MehrzweckgutscheinEinloesung'), 'card balance').toBe(z.fiscal?.vouchersRedeemed ?? 0)
  expect(gv('Anfangsbestand')).toBe(z.cash.openingFloat)
  expect(gv('DifferenzSollIst')).toBe(z.difference)
  const movedIn = [
    'Geldtransit',
    'Einzahlung',
    'Privateinlage',
    'Auszahlung',
    'Privatentnahme',
    'Lohnzahlung',
  ].reduce((s, t) => s + gv(t), 0)
  expect(movedIn, 'cash in − cash out').toBe(z.cash.cashIn - z.cash.cashOut)
  const pay = ofZ('payment.csv')
  const bar = sumWhere(pay, 'Z_ZAHLART_BETRAG', (r) => r.ZAHLART_TYP === 'Bar')
  expect(bar, 'Bar = counted cash − …').toBe(z.counted.total)
  const unbar = sumWhere(pay, 'Z_ZAHLART_BETRAG', (r) => r.ZAHLART_TYP === 'Unbar')
  expect(unbar).toBe(
    z.payments.filter((p) => p.method !== 'cash' && p.method !== 'loyalty').reduce((s, p) => s + p.amount, 0),
  )
  const closing = ofZ('cashpointclosing.csv')[0]!
  expect(cents(closing.Z_SE_BARZAHLUNGEN!)).toBe(bar)
}
