// Sold quantities per article, read from completed sales (and stornos, whose negative lines subtract):
// the source of the favourites page and of the back office's "sales per article" report (the baking plan).
// Training sales sold nothing and are left out, as in X and Z.
import type { StatementSync } from 'node:sqlite'
import { TRAINING_SALES } from './training'

type Stmt = (sql: string) => StatementSync

export interface ArticleSaleRow {
  productId: string
  name: string
  /** Pieces for piece lines; weight, price and top-up lines count one each (as the basket does). */
  quantity: number
  /** Gross cents. */
  total: number
  /** Completion time (ISO, UTC). */
  at: string
}

/** Every completed line in [from, to) (ISO instants, UTC), oldest first. */
export function readArticleSales(stmt: Stmt, from: string, to: string): ArticleSaleRow[] {
  const rows = stmt(`
    SELECT l.product_id, l.name, l.kind, l.quantity, l.total, c.completed_at
    FROM sale_completions c JOIN sale_lines l ON l.sale_id = c.sale_id
    WHERE c.completed_at >= ? AND c.completed_at < ?
      AND c.sale_id NOT IN ${TRAINING_SALES}
    ORDER BY c.completed_at, l.sale_id, l.line_no`).all(from, to) as Record<string, unknown>[]
  return rows.map((r) => {
    const quantity = Number(r.quantity)
    const piece = r.kind === 'piece'
    return {
      productId: String(r.product_id),
      name: String(r.name),
      quantity: piece ? quantity : Math.sign(Number(r.total)) || 1,
      total: Number(r.total),
      at: String(r.completed_at),
    }
  })
}
