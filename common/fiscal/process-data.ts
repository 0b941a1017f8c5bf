// processData of a `Kassenbeleg-V1` TSE transaction (DSFinV-K Anhang I; grammar as published at
// https://tse-support.gastro-mis.de/support/solutions/articles/36000170276-processtype-und-processdata)
// and the same amounts in fiskaly SIGN DE v2's `schema.standard_v1.receipt`
// (https://developer.fiskaly.com/sign-de/receipt-data). Integer cents in, strings out; pure TS.
//
//   <Vorgangstyp> ^ <19 %>_<7 %>_<§ 24 Nr. 3>_<§ 24 Nr. 1>_<0 %> ^ <amount>:<Bar|Unbar>[_…]
//
// All five slots always, two decimals with '.', payments summed per Bar/Unbar and net of change.

/** DSFinV-K Vorgangstyp (BON_TYP) values a till connected to a TSE may use. */
export type Vorgangstyp =
  | 'Beleg'
  | 'AVTransfer'
  | 'AVBestellung'
  | 'AVTraining'
  | 'AVBelegabbruch'
  | 'AVSachbezug'
  | 'AVSonstige'
  | 'AVRechnung'

/** fiskaly's VAT slot names, in processData order (19, 7, § 24 Nr. 3, § 24 Nr. 1, 0 / not taxable). */
export const FISKALY_VAT_SLOTS = ['NORMAL', 'REDUCED_1', 'SPECIAL_RATE_1', 'SPECIAL_RATE_2', 'NULL'] as const
export type FiskalyVatRate = (typeof FISKALY_VAT_SLOTS)[number]

/** fiskaly `receipt_type` for each Vorgangstyp (https://developer.fiskaly.com/dsfinvk/process_types_business_transaction_types). */
export const RECEIPT_TYPE: Record<Vorgangstyp, string> = {
  Beleg: 'RECEIPT',
  AVTraining: 'TRAINING',
  AVTransfer: 'TRANSFER',
  AVBestellung: 'ORDER',
  AVBelegabbruch: 'CANCELLATION',
  AVSachbezug: 'BENEFIT_IN_KIND',
  AVRechnung: 'INVOICE',
  AVSonstige: 'OTHER',
}

/** What one signed process amounts to: gross per VAT slot and money kept per Bar/Unbar. */
export interface FiscalAmounts {
  /** Gross cents per slot, in processData order; length 5. */
  grossBySlot: readonly number[]
  /** Cash kept (given minus change; negative for a payout), cents. */
  cash: number
  /** Money not in cash (terminal), cents; the card's cash balance is a voucher redemption in slot 5
   * (common/fiscal-amounts.ts, which computes these figures for a sale). */
  nonCash: number
}

/** "1.35", "-50.00": two decimals, '.' as decimal point, no thousands separator. */
export function eur(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`amount must be integer cents, got ${cents}`)
  const abs = Math.abs(cents)
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

export function processData(typ: Vorgangstyp, amounts: FiscalAmounts): string {
  if (amounts.grossBySlot.length !== 5) throw new RangeError('processData needs exactly five VAT slots')
  const pays: string[] = []
  if (amounts.cash !== 0) pays.push(`${eur(amounts.cash)}:Bar`)
  if (amounts.nonCash !== 0) pays.push(`${eur(amounts.nonCash)}:Unbar`)
  return `${typ}^${amounts.grossBySlot.map(eur).join('_')}^${pays.join('_')}`
}

export interface FiskalyReceipt {
  receipt_type: string
  amounts_per_vat_rate: { vat_rate: FiskalyVatRate; amount: string }[]
  amounts_per_payment_type: { payment_type: 'CASH' | 'NON_CASH'; amount: string }[]
}

/**
 * The same process as fiskaly's `standard_v1.receipt`, from which fiskaly derives the identical
 * processData: only non-zero slots and payments are listed (unused slots become "0.00").
 */
export function fiskalyReceipt(typ: Vorgangstyp, amounts: FiscalAmounts): FiskalyReceipt {
  return {
    receipt_type: RECEIPT_TYPE[typ],
    amounts_per_vat_rate: amounts.grossBySlot.flatMap((c, i) =>
      c === 0 ? [] : [{ vat_rate: FISKALY_VAT_SLOTS[i], amount: eur(c) }],
    ),
    amounts_per_payment_type: [
      ...(amounts.cash !== 0 ? [{ payment_type: 'CASH' as const, amount: eur(amounts.cash) }] : []),
      ...(amounts.nonCash !== 0 ? [{ payment_type: 'NON_CASH' as const, amount: eur(amounts.nonCash) }] : []),
    ],
  }
}

const AMOUNT = /^-?\d+(\.\d{1,5})?$/

/** fiskaly amount string → cents (the simulator rebuilds processData from a receipt with this). */
export function centsOf(amount: string): number {
  if (!AMOUNT.test(amount)) throw new RangeError(`not an amount: ${JSON.stringify(amount)}`)
  const neg = amount.startsWith('-')
  const [whole, frac = ''] = amount.replace('-', '').split('.')
  const cents = Number(whole) * 100 + Number((frac + '00').slice(0, 2))
  if (Number((frac + '00').slice(2) || '0') !== 0)
    throw new RangeError(`amount has fractions of a cent: ${amount}`)
  return neg ? -cents : cents
}

/** The processData fiskaly derives from a `standard_v1.receipt` (inverse of fiskalyReceipt). */
export function processDataOfFiskaly(receipt: FiskalyReceipt): string {
  const typ = (Object.keys(RECEIPT_TYPE) as Vorgangstyp[]).find(
    (k) => RECEIPT_TYPE[k] === receipt.receipt_type,
  )
  if (!typ) throw new RangeError(`unknown receipt_type ${receipt.receipt_type}`)
  const slots = [0, 0, 0, 0, 0]
  for (const a of receipt.amounts_per_vat_rate)
    slots[FISKALY_VAT_SLOTS.indexOf(a.vat_rate)] += centsOf(a.amount)
  let cash = 0
  let nonCash = 0
  for (const p of receipt.amounts_per_payment_type) {
    if (p.payment_type === 'CASH') cash += centsOf(p.amount)
    else nonCash += centsOf(p.amount)
  }
  return processData(typ, { grossBySlot: slots, cash, nonCash })
}
