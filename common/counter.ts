// The counter's helpers around the sale: the favourites page, the last sale's receipt key ("Bon") and the
// sales-per-article report. JSON-safe, integer cents.
import { z } from 'zod'
import { cents } from './cents'

/** The favourites page: product ids in tile order, and where the list comes from. */
export const favouritesView = z.object({
  productIds: z.array(z.string()),
  /**
   * headoffice: the shop's list from the head office's master data; backoffice: the till's own list;
   * catalogue: products marked in the catalogue; sales: most sold of the last days; fallback: no sales yet.
   */
  source: z.enum(['headoffice', 'backoffice', 'catalogue', 'sales', 'fallback']),
})

/** The back office's own favourites list (tile order); empty: back to the catalogue or the best sellers. */
export const setFavouritesInput = z
  .object({ productIds: z.array(z.string().min(1).max(64)).max(40) })
  .strict()
export type FavouritesView = z.infer<typeof favouritesView>

/**
 * The last paid sale's receipt, for the "Bon" key: it stays until the next sale is paid (policy "ask"
 * asks no modal question). `printed`: nothing left to do.
 */
export const lastReceiptView = z.object({
  saleId: z.number().int(),
  receiptId: z.number().int(),
  receiptNo: z.number().int(),
  total: cents,
  print: z.enum(['waiting', 'printed', 'failed']),
  printErrorKey: z.string().nullable(),
})
export type LastReceiptView = z.infer<typeof lastReceiptView>

export const articleSalesInput = z
  .object({
    /** Local calendar day "YYYY-MM-DD"; today when absent. */
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
  .strict()

export const articleSalesRow = z.object({
  productId: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  total: cents,
  /** Quantity per local hour 0–23. */
  byHour: z.array(z.number().int()).length(24),
})
export const articleSalesReport = z.object({
  date: z.string(),
  rows: z.array(articleSalesRow),
  /** The same report as CSV (semicolon-separated, decimal comma, as German spreadsheets read it). */
  csv: z.string(),
})
export type ArticleSalesReport = z.infer<typeof articleSalesReport>
