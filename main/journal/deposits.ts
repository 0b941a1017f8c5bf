// Deposit lines (Pfand) in the journal (table line_deposits, migration 90): which line of a sale is a
// deposit and which article line it follows. The basket links a deposit to its bottle by the basket's
// line id; the journal keeps line numbers, so the link is resolved once when the sale is frozen. A
// storno line keeps its original's number, so a storno's deposit points at the same article line.
import type { StatementSync } from 'node:sqlite'
import { AppFailure } from '../../common/result'
import type { SaleLine } from './types'

type Stmt = (sql: string) => StatementSync

/** What beginSale gets per line: the basket's own line id and the line id of the bottle a deposit follows. */
interface LinkedInput {
  lineId?: string
  deposit?: boolean
  depositFor?: string
}

/**
 * The line number (1-based) of the article each deposit line follows, or null for a deposit on its own
 * (empties brought back, Leergut). A basket without line ids (older callers) puts a deposit right after
 * its bottle (docs/touch-ui.md, "Deposit"), so the line before it is the bottle.
 */
export function depositLinks(lines: readonly LinkedInput[]): (number | null | undefined)[] {
  const byId = new Map<string, number>()
  lines.forEach((l, i) => {
    if (l.lineId !== undefined) byId.set(l.lineId, i + 1)
  })
  return lines.map((l, i) => {
    if (!l.deposit) return undefined
    if (l.depositFor === undefined) return null
    const linked = byId.get(l.depositFor) ?? (byId.size === 0 && i > 0 && !lines[i - 1].deposit ? i : null)
    if (linked === null || linked === i + 1 || lines[linked - 1].deposit)
      throw AppFailure.of(
        'VALIDATION',
        'journal.error.depositArticle',
        `Line ${i + 1}: the deposit follows no article line of this sale`,
        { line: i + 1 },
      )
    return linked
  })
}

/** One line_deposits row per deposit line of a sale just inserted. */
export function insertDeposits(stmt: Stmt, saleId: number, lines: readonly SaleLine[]): void {
  const insert = stmt('INSERT INTO line_deposits (sale_id, line_no, for_line_no) VALUES (?, ?, ?)')
  for (const l of lines) if (l.deposit) insert.run(saleId, l.lineNo, l.depositForLineNo ?? null)
}

/** The deposit lines of a sale: line number → the article line it follows (null: on its own). */
export function readDeposits(stmt: Stmt, saleId: number): Map<number, number | null> {
  const rows = stmt('SELECT line_no, for_line_no FROM line_deposits WHERE sale_id = ?').all(saleId) as {
    line_no: number
    for_line_no: number | null
  }[]
  return new Map(rows.map((r) => [Number(r.line_no), r.for_line_no === null ? null : Number(r.for_line_no)]))
}
