// Deposit lines and returns in the DSFinV-K export (docs/fiscal-export.md, "Business cases"): the
// journal marks deposit lines (line_deposits) and the stornos that take goods back line by line
// (sale_returns), both from migration 90; older journals have neither and book every line as Umsatz.
import type { GvTyp } from './value-lists'
import type { ReaderContext } from './closing-reader'

type Row = Record<string, unknown>

const inList = (ids: number[]) => ids.map(() => '?').join(',')

/**
 * GV_TYP of a deposit line (docs/fiscal-export.md): deposit charged → Pfand; paid back (empties, or
 * the deposit of a returned bottle) → PfandRueckzahlung. A whole storno mirrors the receipt it cancels,
 * so its lines keep the original's business case with the amount negated.
 */
export function depositCase(total: number, wholeStorno: boolean): GvTyp {
  const charged = wholeStorno ? total <= 0 : total >= 0
  return charged ? 'Pfand' : 'PfandRueckzahlung'
}

/** Per sale id: the line numbers that are deposits (line_deposits). */
export function depositsOf(ctx: ReaderContext, saleIds: number[]): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>()
  if (!ctx.hasDeposits || saleIds.length === 0) return out
  const rows = ctx.db
    .prepare(`SELECT sale_id, line_no FROM line_deposits WHERE sale_id IN (${inList(saleIds)})`)
    .all(...saleIds) as Row[]
  for (const r of rows) {
    const set = out.get(Number(r.sale_id)) ?? new Set<number>()
    set.add(Number(r.line_no))
    out.set(Number(r.sale_id), set)
  }
  return out
}

/** The storno sales among `saleIds` that are returns of goods (partial stornos), not whole stornos. */
export function returnsOf(ctx: ReaderContext, saleIds: number[]): Set<number> {
  if (!ctx.hasDeposits || saleIds.length === 0) return new Set()
  const rows = ctx.db
    .prepare(`SELECT sale_id FROM sale_returns WHERE sale_id IN (${inList(saleIds)})`)
    .all(...saleIds) as Row[]
  return new Set(rows.map((r) => Number(r.sale_id)))
}
