// The fiscal view of one sale: what is turnover in which VAT rate, what is a voucher movement and what
// is money. One pure function feeds the receipt's VAT table, the X/Z sums, the TSE's processData and
// fiskaly's `amounts_per_vat_rate` / `amounts_per_payment_type`, and the DSFinV-K export, so they
// cannot disagree (docs/fiscal-export.md).
//
// The law behind the three card effects (docs/fiscal-export.md, "Bonus, Kundenkarte, Aufladung"):
// - redeemed bonus = a price reduction in the goods' own VAT rates (§ 3 Abs. 13 S. 2 UStG; DSFinV-K
//   GV_TYP "Rabatt"); the secuconnect API splits it per rate in `bonus_products`;
// - the card's cash balance = redemption of a multi-purpose voucher (§ 3 Abs. 15 UStG; GV_TYP
//   "MehrzweckgutscheinEinloesung"): a means of payment, the goods keep their full VAT base;
// - a top-up = sale of a multi-purpose voucher ("MehrzweckgutscheinKauf"): not taxable, DSFinV-K VAT
//   key 5, TSE slot 5 / fiskaly NULL; not turnover.
// processData follows the DSFinV-K Anhang I grammar (`Beleg^<19>_<7>_<§24/3>_<§24/1>_<0>^<amt>:Bar…`);
// a voucher redemption goes into slot 5 as a negative amount (fiskaltrust's signed sample
// `Beleg^7.00_0.00_0.00_0.00_-150.00^-143.00:Bar`, github.com/fiskaltrust/interface-doc,
// doc/appendix-de-kassensichv/examples/vouchers.md).
import { z } from 'zod'
import { vatPortions } from './combo'
import { fiskalyReceipt, processData, type FiskalyReceipt, type Vorgangstyp } from './fiscal/process-data'

/** Payment methods that are not money: the card's cash balance is a voucher redemption. */
export const VOUCHER_METHODS: readonly string[] = ['loyalty']
export const CASH_METHOD = 'cash'

export const fiscalSaleInput = z.object({
  lines: z.array(
    z.object({
      total: z.number().int(),
      vatRate: z.number(),
      kind: z.string().optional(),
      /** A combo line's components: its total is split over their rates (common/combo.ts). */
      components: z.array(z.object({ vatRate: z.number(), weight: z.number().int() })).optional(),
    }),
  ),
  /** Redeemed bonus per VAT rate, positive for a sale (a storno carries it negated). */
  bonus: z.array(z.object({ vatRate: z.number(), amount: z.number().int() })).default([]),
  /** Settled amounts per payment method (cash net of change). */
  payments: z.array(z.object({ method: z.string(), amount: z.number().int() })),
})
export type FiscalSaleInput = z.input<typeof fiscalSaleInput>

export interface RateAmount {
  rate: number
  gross: number
  net: number
  vat: number
}

export interface FiscalAmounts {
  /** Turnover per VAT rate after the bonus, top-ups excluded: the receipt's VAT table. */
  vat: RateAmount[]
  /** Goods per rate before the bonus (DSFinV-K "Umsatz" lines). */
  goodsByRate: Map<number, number>
  /** Bonus per rate as a positive reduction (DSFinV-K "Rabatt", negative there). */
  bonusByRate: Map<number, number>
  /** Top-ups sold: MehrzweckgutscheinKauf, not taxable. */
  vouchersSold: number
  /** Card cash balance spent: MehrzweckgutscheinEinloesung, a payment. */
  vouchersRedeemed: number
  /** What the customer owes: goods after bonus + top-ups (= the sum of all payments). */
  total: number
  /** Money only: Bar and Unbar (the card's cash balance is no money payment). */
  cash: number
  nonCash: number
  /** processData slots 1–5 in cents: 19 %, 7 %, § 24 Nr. 3, § 24 Nr. 1, 0 %/not taxable. */
  slots: [number, number, number, number, number]
}

/** VAT contained in a gross amount, rounded half up (the rule of common/money.ts). */
function vatOf(gross: number, rate: number): number {
  if (rate === 0) return 0
  const net = (gross * 100) / (100 + rate)
  return Math.sign(gross) * Math.round(Math.abs(gross - net))
}

const RATE_ORDER = [19, 7, 0]
const SLOT_OF_RATE: Record<number, number> = { 19: 0, 7: 1, 0: 4 }

export function fiscalAmounts(input: FiscalSaleInput): FiscalAmounts {
  const sale = fiscalSaleInput.parse(input)
  const goodsByRate = new Map<number, number>()
  let vouchersSold = 0
  for (const l of sale.lines) {
    if (l.kind === 'topup') vouchersSold += l.total
    else
      for (const part of vatPortions(l))
        goodsByRate.set(part.vatRate, (goodsByRate.get(part.vatRate) ?? 0) + part.total)
  }
  const bonusByRate = new Map<number, number>()
  for (const b of sale.bonus) bonusByRate.set(b.vatRate, (bonusByRate.get(b.vatRate) ?? 0) + b.amount)
  const rates = [...new Set([...goodsByRate.keys(), ...bonusByRate.keys()])].sort(
    (a, b) => (RATE_ORDER.indexOf(a) + 1 || 99) - (RATE_ORDER.indexOf(b) + 1 || 99),
  )
  const vat = rates.map((rate) => {
    const gross = (goodsByRate.get(rate) ?? 0) - (bonusByRate.get(rate) ?? 0)
    const tax = vatOf(gross, rate)
    return { rate, gross, net: gross - tax, vat: tax }
  })
  let vouchersRedeemed = 0
  let cash = 0
  let nonCash = 0
  for (const p of sale.payments) {
    if (VOUCHER_METHODS.includes(p.method)) vouchersRedeemed += p.amount
    else if (p.method === CASH_METHOD) cash += p.amount
    else nonCash += p.amount
  }
  const slots: [number, number, number, number, number] = [0, 0, 0, 0, 0]
  for (const row of vat) {
    const slot = SLOT_OF_RATE[row.rate]
    if (slot === undefined) throw new Error(`VAT rate ${row.rate} % has no processData slot`)
    slots[slot] += row.gross
  }
  slots[4] += vouchersSold - vouchersRedeemed
  return {
    vat,
    goodsByRate,
    bonusByRate,
    vouchersSold,
    vouchersRedeemed,
    total: vat.reduce((s, r) => s + r.gross, 0) + vouchersSold,
    cash,
    nonCash,
    slots,
  }
}

/** `Kassenbeleg-V1` processData: all five slots, payments per Bar/Unbar, empty when none (full voucher). */
export function processDataOf(amounts: FiscalAmounts, vorgangstyp: Vorgangstyp = 'Beleg'): string {
  return processData(vorgangstyp, tseAmountsOf(amounts))
}

/** The five slots and the money, as the TSE port signs them (common/fiscal/process-data.ts). */
export function tseAmountsOf(amounts: FiscalAmounts): {
  grossBySlot: readonly number[]
  cash: number
  nonCash: number
} {
  return { grossBySlot: amounts.slots, cash: amounts.cash, nonCash: amounts.nonCash }
}

/** fiskaly SIGN DE v2 `standard_v1.receipt` amounts (https://developer.fiskaly.com/sign-de/api-v2). */
export function fiskalyReceiptAmounts(amounts: FiscalAmounts): Omit<FiskalyReceipt, 'receipt_type'> {
  const { amounts_per_vat_rate, amounts_per_payment_type } = fiskalyReceipt('Beleg', tseAmountsOf(amounts))
  return { amounts_per_vat_rate, amounts_per_payment_type }
}
