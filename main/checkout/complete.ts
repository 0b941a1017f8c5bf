// Completing a paid sale: the receipt number (journal), then the receipt document built from what the
// journal froze and kept with the sale. Shared by the checkout and by recovery on start, so a sale
// finished after a crash gets exactly the receipt it would have got.
import type { AppConfig } from '../../common/config'
import type { ApiReceiptLine } from '../../common/receipt/api-lines'
import type { ReceiptDocument } from '../../common/receipt/model'
import type { Journal, SaleRecord } from '../journal'
import { receiptSaleFromJournal } from '../receipts/from-journal'
import { buildSaleReceipt } from '../receipts/sale-receipt'
import type { CheckoutHooks } from './hooks'

export interface Completed {
  sale: SaleRecord
  receiptId: number
  document: ReceiptDocument
}

export interface CompleteDeps {
  journal: Journal
  config: AppConfig
  hooks: CheckoutHooks
}

export function sellerName(config: AppConfig, sellerId: string): string {
  return config.sellers.find((s) => s.id === sellerId)?.name ?? sellerId
}

/** The sale's receipt as it prints: built from the journal's completed sale and the API's lines. */
export function saleReceiptDocument(
  config: AppConfig,
  sale: SaleRecord,
  apiLines: ApiReceiptLine[],
): ReceiptDocument {
  return buildSaleReceipt(receiptSaleFromJournal(sale, sellerName(config, sale.sellerId), apiLines), {
    shop: config.shop,
    tillId: config.tillId,
    locale: config.locale,
  })
}

/** Keeps the receipt of a completed sale (once: a sale that already has one is returned as it is). */
export function recordSaleReceipt(
  deps: CompleteDeps,
  sale: SaleRecord,
  apiLines: ApiReceiptLine[],
): Completed {
  const kept = sale.receipts.find((r) => r.kind === 'sale')
  if (kept) return { sale, receiptId: kept.receiptId, document: kept.document }
  const document = saleReceiptDocument(deps.config, sale, apiLines)
  const { receiptId } = deps.journal.recordReceipt({ kind: 'sale', saleId: sale.saleId, document })
  deps.hooks.at('receipt.recorded')
  return { sale, receiptId, document }
}

export function completeSale(deps: CompleteDeps, saleId: number, apiLines: ApiReceiptLine[]): Completed {
  const sale = deps.journal.completeSale(saleId)
  deps.hooks.at('sale.completed')
  return recordSaleReceipt(deps, sale, apiLines)
}
