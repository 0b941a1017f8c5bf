// The Smart Transaction a sale sends to secuconnect: the frozen sale lines as basket products, the sum,
// the card ident, and a reference back to the journal's sale (transactionRef) so a transaction can be
// matched to its sale in SecuOffice and in the simulator's state.
import { priceComponents } from '../../common/combo'
import type { SaleRecord } from '../journal'
import type { BasketProductInput, SmartTransactionDraft } from '../secuconnect'

export interface DraftOptions {
  tillId: string
  /** The card's number as ident, or null (terminal only, cash with a transaction). */
  card: string | null
  contractId?: string
  demo: boolean
}

/**
 * Weight and price-label lines go as one piece at their line total: the API's basket knows whole
 * quantities only (secuconnect-java-sdk SmartTransactionsBasketProduct), and quantity × priceOne must equal
 * the line total. A combo line (Kaffeegedeck) goes as one product per part at the part's rate and cents
 * (common/combo.ts), so the bonus the API gives per rate (`bonus_products`) falls on the same split as
 * the till's VAT; the parts' ids follow the line number (line × 1000 + part), apart from every plain line's.
 */
export function basketProducts(sale: Pick<SaleRecord, 'lines'>): BasketProductInput[] {
  return sale.lines.flatMap((l): BasketProductInput[] => {
    if (l.components && l.components.length > 0)
      return priceComponents(l.total, l.components).map((c, i) => ({
        id: l.lineNo * 1000 + i + 1,
        desc: `${l.name}: ${c.name}`,
        quantity: 1,
        priceOne: c.amount,
        tax: c.vatRate,
      }))
    const piece = l.kind === 'piece'
    return [
      {
        id: l.lineNo,
        desc: l.name,
        quantity: piece ? l.quantity : 1,
        priceOne: piece ? l.unitPrice : l.total,
        tax: l.vatRate,
        ...(l.ean ? { ean: l.ean } : {}),
        ...(l.articleNumber ? { articleNumber: l.articleNumber } : {}),
      },
    ]
  })
}

export const transactionRef = (tillId: string, saleId: number): string => `tresen/${tillId}/sale/${saleId}`

/**
 * The full DTO: create and PUT send the same (a PUT replaces everything; secuconnect docs:
 * Update_the_Smart_Transaction).
 */
export function smartDraft(
  sale: Pick<SaleRecord, 'saleId' | 'lines' | 'total'>,
  options: DraftOptions,
): SmartTransactionDraft {
  return {
    basket: { products: basketProducts(sale) },
    basket_info: { sum: sale.total, currency: 'EUR' },
    idents: options.card ? [{ type: 'card', value: options.card }] : [],
    transactionRef: transactionRef(options.tillId, sale.saleId),
    ...(options.contractId ? { contract: { id: options.contractId } } : {}),
    ...(options.demo ? { is_demo: true } : {}),
  }
}
