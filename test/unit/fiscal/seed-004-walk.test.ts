// The secuconnect "Spend Bonus Balance" example (basket 7,96 €, card with 2,00 € cash balance and
// 0,20 € bonus; preTransaction answers missing_sum 576 and bonus lines −15 @ 7 %, −5 @ 19 %) walked
// through every figure the till derives from it: receipt lines, VAT table, processData, fiskaly
// amounts, X and Z. The bonus is a discount in the goods' rates; the cash balance is a voucher
// redemption (a payment); a top-up is a voucher sale outside turnover (docs/fiscal-export.md).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fiscalAmounts, fiskalyReceiptAmounts, processDataOf } from '../../../common/fiscal-amounts'
import { splitCardApplication } from '../../../main/checkout/card-application'
import { appConfig } from '../../../common/config'
import { fiskalyReceipt, type FiscalAmounts, type Vorgangstyp } from '../../../common/fiscal/process-data'
import { manualClock, silentLogger } from '../../../common/ports'
import { createFiscalService, fiscalSaleOf } from '../../../main/fiscal/lifecycle'
import { recordingTse } from '../../fakes/recording-tse'
import type { Journal, SaleLineInput } from '../../../main/journal'
import { buildReportReceipt } from '../../../main/receipts/report-receipt'
import { receiptSaleFromJournal } from '../../../main/receipts/from-journal'
import { buildSaleReceipt } from '../../../main/receipts/sale-receipt'
import { failureOf, payCash, tempDir, testJournal } from '../journal/helpers'

const SEED_004_LINES: SaleLineInput[] = [
  { productId: '30037', name: 'Sandwich Romano', quantity: 1, unitPrice: 349, total: 349, vatRate: 7 },
  {
    productId: '30200',
    name: 'Fruit salad, small bowl',
    quantity: 1,
    unitPrice: 249,
    total: 249,
    vatRate: 7,
  },
  {
    productId: '51',
    name: 'Water, mildly sprinkling, 0.25 ltr.',
    quantity: 2,
    unitPrice: 99,
    total: 198,
    vatRate: 19,
  },
]
const SEED_004_PRE = {
  missing_sum: 576,
  bonus_products: [
    { id: 4, articleNumber: '111000007', ean: '', quantity: 1, priceOne: -15, tax: 7, desc: 'Bonus VAT 7%' },
    { id: 5, articleNumber: '111000019', ean: '', quantity: 1, priceOne: -5, tax: 19, desc: 'Bonus VAT 19%' },
  ],
}
const ctx = {
  shop: { name: 'Bäckerei Test', address: ['Hauptstr. 1', '12345 Teststadt'], footer: [] },
  tillId: 'KASSE-1',
  locale: 'de' as const,
}

let tmp: ReturnType<typeof tempDir>
let journal: Journal
beforeEach(() => {
  tmp = tempDir()
  ;({ journal } = testJournal(tmp.dir))
})
afterEach(() => {
  journal.close()
  tmp.cleanup()
})

/** The checkout's journal writes for a card applied via preTransaction, then card balance + cash. */
function payWithCardApplied(saleId: number, total: number, cash = true) {
  const sale = journal.sale(saleId)!
  const app = splitCardApplication(fiscalAmounts(sale).goodsByRate, total, SEED_004_PRE)
  const created = journal.recordPaymentIntent({ saleId, method: 'loyalty', amount: total, step: 'create' })
  journal.recordPaymentOutcome({ intentId: created.intentId, status: 'done', transactionId: 'STX_1' })
  const pre = journal.recordPaymentIntent({ saleId, paymentId: created.paymentId, step: 'pretransaction' })
  journal.recordPaymentOutcome({ intentId: pre.intentId, status: 'done', transactionId: 'STX_1' })
  journal.recordBonusDiscount({ saleId, intentId: pre.intentId, lines: app.bonus })
  if (!cash) return { app, created }
  const start = journal.recordPaymentIntent({ saleId, paymentId: created.paymentId, step: 'start' })
  journal.recordPaymentOutcome({ intentId: start.intentId, status: 'settled', amount: app.fromCashBalance })
  payCash(journal, saleId, SEED_004_PRE.missing_sum)
  return { app, created }
}

describe('seed 004: bonus 0,20 €, card cash balance 2,00 €, 5,76 € cash', () => {
  it('splits the card application into bonus per rate and a 2,00 € voucher redemption', () => {
    const app = splitCardApplication(
      new Map([
        [7, 598],
        [19, 198],
      ]),
      796,
      SEED_004_PRE,
    )
    expect(app).toEqual({
      bonus: [
        { vatRate: 7, amount: 15 },
        { vatRate: 19, amount: 5 },
      ],
      bonusTotal: 20,
      fromCashBalance: 200,
    })
  })

  it('books every figure: sale, receipt lines, VAT table, processData, fiskaly amounts (as the TSE lifecycle signs them), X and Z', async () => {
    const begun = journal.beginSale({ sellerId: 'anna', lines: SEED_004_LINES })
    expect(begun.total).toBe(796)
    payWithCardApplied(begun.saleId, 796)
    const sale = journal.completeSale(begun.saleId)

    // The sale: 7,76 € after the bonus; VAT on 1,93 € @ 19 % and 5,83 € @ 7 %.
    expect(sale.total).toBe(776)
    expect(sale.paid).toBe(776)
    expect(journal.sales({ limit: 10 }).find((x) => x.saleId === sale.saleId)?.total).toBe(776)
    expect(sale.bonus).toEqual([
      { vatRate: 7, amount: 15 },
      { vatRate: 19, amount: 5 },
    ])
    expect(sale.vat).toEqual([
      { rate: 19, gross: 193, net: 162, vat: 31 },
      { rate: 7, gross: 583, net: 545, vat: 38 },
    ])

    // The receipt: three goods lines, two bonus lines in their rates, total 7,76, card 2,00 + cash 5,76.
    const doc = buildSaleReceipt(receiptSaleFromJournal(sale, 'Anna', []), ctx)
    expect(doc.items.map((i) => [i.name, i.total, i.vatRate])).toEqual([
      ['Sandwich Romano', 349, 7],
      ['Fruit salad, small bowl', 249, 7],
      ['Water, mildly sprinkling, 0.25 ltr.', 198, 19],
      ['Bonus Kundenkarte 7 %', -15, 7],
      ['Bonus Kundenkarte 19 %', -5, 19],
    ])
    expect(doc.items.reduce((s, i) => s + i.total, 0)).toBe(doc.total?.amount)
    expect(doc.total?.amount).toBe(776)
    expect(doc.vat.map((v) => [v.rate, v.gross, v.net, v.vat])).toEqual([
      [19, 193, 162, 31],
      [7, 583, 545, 38],
    ])
    expect(doc.payments).toEqual([
      { label: 'Kundenkarte', amount: 200 },
      { label: 'Bar', amount: 576 },
    ])

    // TSE: goods in their slots after the bonus, the redemption negative in slot 5, money 5,76 Bar.
    const amounts = fiscalAmounts({
      lines: sale.lines,
      bonus: sale.bonus ?? [],
      payments: sale.payments.map((p) => ({ method: p.method, amount: p.settled })),
    })
    expect(processDataOf(amounts)).toBe('Beleg^1.93_5.83_0.00_0.00_-2.00^5.76:Bar')
    expect(fiskalyReceiptAmounts(amounts)).toEqual({
      amounts_per_vat_rate: [
        { vat_rate: 'NORMAL', amount: '1.93' },
        { vat_rate: 'REDUCED_1', amount: '5.83' },
        { vat_rate: 'NULL', amount: '-2.00' },
      ],
      amounts_per_payment_type: [{ payment_type: 'CASH', amount: '5.76' }],
    })

    // What the counter's TSE lifecycle signs for this sale (main/fiscal/lifecycle.ts from the journal's
    // sale) is the same: processData on the record, and the body the fiskaly client PUTs.
    const asked: { typ: Vorgangstyp; amounts: FiscalAmounts }[] = []
    const fiscal = createFiscalService({
      config: appConfig.parse({ demo: true }),
      journal,
      tse: recordingTse(({ typ, amounts }) => asked.push({ typ, amounts })),
      clock: manualClock(Date.parse('2026-03-02T08:00:00Z')),
      logger: silentLogger,
    })
    const signed = await fiscal.finishSale(fiscalSaleOf(journal.sale(sale.saleId)!, 'anna'))
    await fiscal.close()
    expect(signed.signed).toBe(true)
    expect(signed.record.processData).toBe('Beleg^1.93_5.83_0.00_0.00_-2.00^5.76:Bar')
    expect(asked).toHaveLength(1)
    expect(fiskalyReceipt(asked[0]!.typ, asked[0]!.amounts)).toEqual({
      receipt_type: 'RECEIPT',
      ...fiskalyReceiptAmounts(amounts),
    })
    expect(journal.tse.finalForSale(sale.saleId)?.processData).toBe(
      'Beleg^1.93_5.83_0.00_0.00_-2.00^5.76:Bar',
    )

    // X: VAT on 7,76 €, the card balance a payment, bonus and vouchers listed apart.
    const x = journal.xReport()
    expect(x.vat).toEqual(sale.vat)
    expect(x.total).toBe(776)
    expect(x.payments).toEqual([
      { method: 'cash', amount: 576, count: 1 },
      { method: 'loyalty', amount: 200, count: 1 },
    ])
    expect(x.fiscal).toEqual({ bonus: 20, vouchersSold: 0, vouchersRedeemed: 200, turnover: 776 })
    expect(x.cash.cashSales).toBe(576)

    const z = journal.zReport({ denominations: [] })
    expect(z.vat).toEqual(x.vat)
    expect(z.fiscal).toEqual(x.fiscal)
    const paper = buildReportReceipt({ report: z, byName: 'Chef', sellerNames: {} }, ctx)
    const rows = paper.apiLines.flatMap((l) =>
      l.type === 'name-value' ? [[l.value.name, l.value.value]] : [],
    )
    expect(rows).toEqual(
      expect.arrayContaining([
        ['Umsatz ohne Aufladungen', '7,76 €'],
        ['Bonus eingelöst (Rabatt)', '-0,20 €'],
        ['Kartenaufladungen (nicht steuerbar)', '0,00 €'],
        ['Kartenguthaben eingelöst', '2,00 €'],
      ]),
    )
    expect(paper.vat.map((v) => v.gross)).toEqual([193, 583])
  })

  it('a top-up is a voucher sale: no VAT row, slot 5 / NULL, outside turnover, listed apart', () => {
    const begun = journal.beginSale({
      sellerId: 'anna',
      lines: [
        {
          productId: 'topup-20',
          name: 'Kartenaufladung',
          kind: 'topup',
          quantity: 1,
          unitPrice: 2000,
          total: 2000,
          vatRate: 0,
        },
        { productId: 'kaffee', name: 'Kaffee', quantity: 1, unitPrice: 280, total: 280, vatRate: 19 },
      ],
    })
    payCash(journal, begun.saleId, 2280)
    const sale = journal.completeSale(begun.saleId)
    expect(sale.vat).toEqual([{ rate: 19, gross: 280, net: 235, vat: 45 }])
    const amounts = fiscalAmounts({ lines: sale.lines, payments: [{ method: 'cash', amount: 2280 }] })
    expect(processDataOf(amounts)).toBe('Beleg^2.80_0.00_0.00_0.00_20.00^22.80:Bar')
    expect(fiskalyReceiptAmounts(amounts).amounts_per_vat_rate).toEqual([
      { vat_rate: 'NORMAL', amount: '2.80' },
      { vat_rate: 'NULL', amount: '20.00' },
    ])
    const doc = buildSaleReceipt(receiptSaleFromJournal(sale, 'Anna', []), ctx)
    expect(doc.footer[0]).toBe('Guthabenaufladung – nicht steuerbar (Mehrzweckgutschein)')
    const x = journal.xReport()
    expect(x.total).toBe(2280)
    expect(x.vat).toEqual([{ rate: 19, gross: 280, net: 235, vat: 45 }])
    expect(x.fiscal).toEqual({ bonus: 0, vouchersSold: 2000, vouchersRedeemed: 0, turnover: 280 })
  })

  it('a card applied and then dropped (its payment never settled) reduces nothing', () => {
    const begun = journal.beginSale({ sellerId: 'anna', lines: SEED_004_LINES })
    payWithCardApplied(begun.saleId, 796, false)
    expect(journal.sale(begun.saleId)!.total).toBe(796)
    payCash(journal, begun.saleId, 796)
    const sale = journal.completeSale(begun.saleId)
    expect(sale.bonus).toBeUndefined()
    expect(sale.vat.map((v) => v.gross)).toEqual([198, 598])
    expect(journal.xReport().fiscal?.bonus).toBe(0)
  })

  it('a storno carries the bonus negated, so X nets to zero in every rate', () => {
    const begun = journal.beginSale({ sellerId: 'anna', lines: SEED_004_LINES })
    payWithCardApplied(begun.saleId, 796)
    journal.completeSale(begun.saleId)
    const storno = journal.recordStorno({ originalSaleId: begun.saleId, sellerId: 'anna', reason: 'Irrtum' })
    expect(storno.total).toBe(-776)
    expect(storno.bonus).toEqual([
      { vatRate: 7, amount: -15 },
      { vatRate: 19, amount: -5 },
    ])
    const refund = journal.recordPaymentIntent({
      saleId: storno.saleId,
      method: 'loyalty',
      amount: -200,
      step: 'cancel',
    })
    journal.recordPaymentOutcome({ intentId: refund.intentId, status: 'settled' })
    payCash(journal, storno.saleId, -576)
    journal.completeSale(storno.saleId)
    const x = journal.xReport()
    expect(x.vat.every((v) => v.gross === 0 && v.vat === 0)).toBe(true)
    expect(x.fiscal).toEqual({ bonus: 0, vouchersSold: 0, vouchersRedeemed: 0, turnover: 0 })
  })

  it('refuses an API bonus that cannot be booked (unknown rate, positive, above the goods)', () => {
    const goods = new Map([[7, 100]])
    const bad = (p: { priceOne: number; tax: number }) =>
      failureOf(() =>
        splitCardApplication(goods, 100, {
          missing_sum: 0,
          bonus_products: [{ id: 1, quantity: 1, desc: 'Bonus', ...p }],
        } as never),
      )
    expect(bad({ priceOne: -5, tax: 16 }).messageKey).toBe('checkout.error.bonusInvalid')
    expect(bad({ priceOne: 5, tax: 7 }).messageKey).toBe('checkout.error.bonusInvalid')
    expect(bad({ priceOne: -101, tax: 7 }).messageKey).toBe('checkout.error.bonusInvalid')
  })
})
