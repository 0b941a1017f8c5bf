// What decides a sale's VAT besides its lines: Im Haus / Außer Haus (sale_consumption) and the VAT shares
// of combo lines (sale_line_components), written with the sale and read back with it (schema version 80,
// docs/vat-rates.md). A storno takes its original's consumption and, per line, its components; their
// cents are always split again from the line's (negated, partial) total by the one rule of common/combo.ts.
import type { StatementSync } from 'node:sqlite'
import { priceComponents, type LineComponent } from '../../common/combo'
import type { Consumption } from '../../common/consumption'
import type { VatRate } from '../../common/catalog'
import type { SaleLine } from './types'

type Stmt = (sql: string) => StatementSync
type Row = Record<string, unknown>

/** Writes the sale's consumption (given, or its original's for a storno) and its combo lines' parts. */
export function writeVatContext(
  stmt: Stmt,
  saleId: number,
  at: string,
  lines: readonly Pick<SaleLine, 'lineNo' | 'total' | 'components'>[],
  originalSaleId: number | null,
  consumption?: Consumption,
): void {
  const where = consumption ?? (originalSaleId !== null ? readConsumption(stmt, originalSaleId) : undefined)
  if (where !== undefined)
    stmt('INSERT INTO sale_consumption (sale_id, consumption, at) VALUES (?, ?, ?)').run(saleId, where, at)
  const insert = stmt(`INSERT INTO sale_line_components
    (sale_id, line_no, component_no, product_id, name, quantity, vat_rate, weight, amount)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  for (const l of lines) {
    if (!l.components || l.components.length === 0) continue
    priceComponents(l.total, l.components).forEach((c, i) =>
      insert.run(saleId, l.lineNo, i + 1, c.productId, c.name, c.quantity, c.vatRate, c.weight, c.amount),
    )
  }
}

/** The sale's consumption; undefined for sales recorded without one. */
export function readConsumption(stmt: Stmt, saleId: number): Consumption | undefined {
  const row = stmt('SELECT consumption FROM sale_consumption WHERE sale_id = ?').get(saleId) as
    Row | undefined
  return row ? (String(row.consumption) as Consumption) : undefined
}

/** The combo lines' components of a sale, by line number, in their order. */
export function readComponents(stmt: Stmt, saleId: number): Map<number, LineComponent[]> {
  const rows = stmt(
    'SELECT * FROM sale_line_components WHERE sale_id = ? ORDER BY line_no, component_no',
  ).all(saleId) as Row[]
  const byLine = new Map<number, LineComponent[]>()
  for (const r of rows) {
    const lineNo = Number(r.line_no)
    const list = byLine.get(lineNo) ?? []
    list.push({
      productId: String(r.product_id),
      name: String(r.name),
      quantity: Number(r.quantity),
      vatRate: Number(r.vat_rate) as VatRate,
      weight: Number(r.weight),
      amount: Number(r.amount),
    })
    byLine.set(lineNo, list)
  }
  return byLine
}
