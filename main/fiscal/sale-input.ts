// What the TSE signs for a sale: its lines, redeemed bonus and payments, turned into the five
// processData slots and the money by the one fiscal function (common/fiscal-amounts.ts) that also
// feeds the receipt, X/Z and the DSFinV-K export, so they cannot disagree.
import { fiscalAmounts, type FiscalSaleInput as AmountsInput } from '../../common/fiscal-amounts'
import type { FiscalAmounts, Vorgangstyp } from '../../common/fiscal/process-data'

/** A sale as the TSE signs it (the input of common/fiscal-amounts.ts plus who and how). */
export interface FiscalSaleInput extends AmountsInput {
  sellerId?: string
  saleId: number
  typ?: Vorgangstyp
  training?: boolean
}

/**
 * A paid sale as the TSE sees it: lines, bonus and the money kept per payment. The step that just
 * succeeded has its outcome journaled with the completion, so an in-flight payment counts its amount.
 */
export function fiscalSaleOf(
  sale: {
    saleId: number
    lines: readonly {
      total: number
      vatRate: number
      kind?: string
      components?: readonly { vatRate: number; weight: number }[]
    }[]
    bonus?: readonly { vatRate: number; amount: number }[]
    payments: readonly { method: string; amount: number; settled: number; openIntentIds: readonly number[] }[]
  },
  sellerId?: string,
): FiscalSaleInput {
  return {
    saleId: sale.saleId,
    ...(sellerId !== undefined ? { sellerId } : {}),
    lines: sale.lines.map((l) => ({
      total: l.total,
      vatRate: l.vatRate,
      ...(l.kind ? { kind: l.kind } : {}),
      // A combo's parts: its total is split over their rates (common/combo.ts), as on the receipt.
      ...(l.components
        ? { components: l.components.map((c) => ({ vatRate: c.vatRate, weight: c.weight })) }
        : {}),
    })),
    bonus: (sale.bonus ?? []).map((b) => ({ vatRate: b.vatRate, amount: b.amount })),
    payments: sale.payments.map((p) => ({
      method: p.method,
      amount: p.openIntentIds.length > 0 && p.settled === 0 ? p.amount : p.settled,
    })),
  }
}

/** The slots and money of a sale; a training sale carries no payment (DSFinV-K AVTraining). */
export function tseAmountsOfSale(input: FiscalSaleInput): FiscalAmounts {
  const training = input.training || input.typ === 'AVTraining'
  // The same figures as the receipt, X/Z and DSFinV-K: goods after the bonus per slot, top-ups and
  // the card balance (voucher sold / redeemed) in slot 5, money per Bar/Unbar.
  const amounts = fiscalAmounts(input)
  // Training: no payment may occur in the record (DSFinV-K AVTraining).
  const pays = training ? { cash: 0, nonCash: 0 } : { cash: amounts.cash, nonCash: amounts.nonCash }
  return { grossBySlot: amounts.slots, ...pays }
}
