// Completing a paid sale: the receipt number (journal), then the receipt document built from what the
// journal froze and kept with the sale. Shared by the checkout and by recovery on start, so a sale
// finished after a crash gets exactly the receipt it would have got.
import type { AppConfig } from '../../common/config'
import type { ApiReceiptLine } from '../../common/receipt/api-lines'
import type { ReceiptDocument } from '../../common/receipt/model'
import type { Journal, SaleRecord } from '../journal'
import { receiptSaleFromJournal } from '../receipts/from-journal'
import { buildSaleReceipt } from '../receipts/sale-receipt'
import { tillSerialOf, tseKind } from '../../common/config/fiscal'
import { fiscalReceiptPart } from '../fiscal/receipt-block'
import type { CheckoutHooks, CheckoutPoint } from './hooks'

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

/** The sale's TSE block as the receipt prints it (journal's tse_records; main/fiscal/receipt-block.ts). */
export function fiscalPart(journal: Journal, config: AppConfig, saleId: number, locale = config.locale) {
  return fiscalReceiptPart(
    journal.tse.finalForSale(saleId),
    locale,
    tillSerialOf(config),
    tseKind(config) !== 'none',
    journal.training.isTrainingSale(saleId),
  )
}

export function sellerName(config: AppConfig, sellerId: string): string {
  return config.sellers.find((s) => s.id === sellerId)?.name ?? sellerId
}

/** The sale's receipt as it prints: built from the journal's completed sale and the API's lines. */
export function saleReceiptDocument(
  config: AppConfig,
  sale: SaleRecord,
  apiLines: ApiReceiptLine[],
  fiscal?: Pick<ReceiptDocument, 'fiscal' | 'qr' | 'training'>,
): ReceiptDocument {
  return buildSaleReceipt(
    receiptSaleFromJournal(sale, sellerName(config, sale.sellerId), apiLines),
    { shop: config.shop, tillId: config.tillId, locale: config.locale },
    fiscal ? { fiscal } : {},
  )
}

function keepReceipt(deps: CompleteDeps, sale: SaleRecord, apiLines: ApiReceiptLine[]): Completed {
  const kept = sale.receipts.find((r) => r.kind === 'sale')
  if (kept) return { sale, receiptId: kept.receiptId, document: kept.document }
  const document = saleReceiptDocument(
    deps.config,
    sale,
    apiLines,
    fiscalPart(deps.journal, deps.config, sale.saleId),
  )
  const { receiptId } = deps.journal.recordReceipt({ kind: 'sale', saleId: sale.saleId, document })
  return { sale, receiptId, document }
}

/** Journal writes that commit together with a completion or a receipt, and the points they reach. */
export interface CompletionExtras {
  /** The last step's outcome, the drawer opening: written before the completion. */
  before?: () => void
  /** Points reached by `before`'s writes, passed once the commit is made. */
  points?: CheckoutPoint[]
  /** Written after the receipt is kept (the declined print of policy "never"). */
  after?: (completed: Completed) => void
  afterPoints?: CheckoutPoint[]
}

function reach(deps: CompleteDeps, points: readonly CheckoutPoint[]): void {
  for (const point of points) deps.hooks.at(point)
}

/**
 * Completes a paid sale (its receipt number) in one commit with `before`'s writes; `recordSaleReceipt`
 * keeps its receipt once the TSE has signed. A crash between the two leaves a completed sale without
 * its receipt: recovery's receipt sweep keeps it on the next start (recovery.ts), with the signature
 * the TSE's recovery read back before it (docs/checkout.md "Recovery on start").
 */
export function completePaidSale(
  deps: CompleteDeps,
  saleId: number,
  extras: Pick<CompletionExtras, 'before' | 'points'> = {},
): SaleRecord {
  const sale = deps.journal.atomically(() => {
    extras.before?.()
    return deps.journal.completeSale(saleId)
  })
  reach(deps, [...(extras.points ?? []), 'sale.completed'])
  return sale
}

/**
 * Keeps the receipt of a completed sale in one commit with `after`'s writes (once: a sale that already
 * has one is returned as it is, and `after` is not written again).
 */
export function recordSaleReceipt(
  deps: CompleteDeps,
  sale: SaleRecord,
  apiLines: ApiReceiptLine[],
  extras: Pick<CompletionExtras, 'after' | 'afterPoints'> = {},
): Completed {
  if (sale.receipts.some((r) => r.kind === 'sale')) return keepReceipt(deps, sale, apiLines)
  const completed = deps.journal.atomically(() => {
    const done = keepReceipt(deps, sale, apiLines)
    extras.after?.(done)
    return done
  })
  reach(deps, ['receipt.recorded', ...(extras.afterPoints ?? [])])
  return completed
}

/**
 * Completes a paid sale and keeps its receipt in one commit, together with the writes the caller adds
 * (recovery and a manager's decision, where no TSE call is awaited between the two): they stand or
 * fall as one.
 */
export function completeSale(
  deps: CompleteDeps,
  saleId: number,
  apiLines: ApiReceiptLine[],
  extras: CompletionExtras = {},
): Completed {
  const completed = deps.journal.atomically(() => {
    extras.before?.()
    const done = keepReceipt(deps, deps.journal.completeSale(saleId), apiLines)
    extras.after?.(done)
    return done
  })
  reach(deps, [...(extras.points ?? []), 'sale.completed', 'receipt.recorded', ...(extras.afterPoints ?? [])])
  return completed
}
