// The journal's stornos: a whole storno (the original's lines negated) and a partial storno (Retoure:
// chosen lines, each at most as often as it was sold minus earlier returns; amounts, deposits and
// discounted lines pro rata in returns.ts). Only a completed sale can
// be cancelled; each write is one transaction (database.ts inTransaction), rules in docs/journal.md.
import { inTransaction } from './database'
import { insertSale } from './insert-sale'
import type { Journal } from './journal'
import { conflict, parse, type JournalCore } from './journal-core'
import { returnedSoFar, returnLines } from './returns'
import { stornoInput, partialStornoInput, type SaleRecord } from './types'

type StornoWrites = Pick<
  Journal,
  'recordStorno' | 'recordPartialStorno' | 'returnedQuantities' | 'returnQuote'
>

export function stornoWrites(core: JournalCore): StornoWrites {
  const { db, stmt, now, saleOrThrow } = core

  /** The stornos of a sale that were not aborted (full or partial), oldest first. */
  const stornosOf = (saleId: number): SaleRecord[] =>
    (
      stmt(
        'SELECT id FROM sales WHERE original_sale_id = ? AND id NOT IN (SELECT sale_id FROM sale_aborts) ORDER BY id',
      ).all(saleId) as { id: number }[]
    ).map((r) => saleOrThrow(Number(r.id)))

  /** A storno line keeps its original's line number, so returns add up per original line. */
  const returnedOf = (stornos: SaleRecord[]): Map<number, number> =>
    new Map([...returnedSoFar(stornos)].map(([lineNo, r]) => [lineNo, r.pieces]))

  /** The sale a storno (whole or partial) refers to: only a completed sale can be cancelled. */
  const completedOriginal = (saleId: number) => {
    const original = saleOrThrow(saleId)
    if (original.kind !== 'sale' || original.status !== 'completed')
      throw conflict(
        'stornoNotAllowed',
        `Only a completed sale can be cancelled; sale ${original.saleId} is a ${original.status} ${original.kind}`,
        { saleId: original.saleId },
      )
    return original
  }

  return {
    recordStorno(raw) {
      const input = parse(stornoInput, raw, 'storno')
      const saleId = inTransaction(db, () => {
        const original = completedOriginal(input.originalSaleId)
        if (original.stornoSaleId !== undefined)
          throw conflict(
            'alreadyStornoed',
            `Sale ${original.saleId} is already cancelled by sale ${original.stornoSaleId}`,
            { saleId: original.saleId, stornoSaleId: original.stornoSaleId },
          )
        const lines = original.lines.map((l) => ({ ...l, quantity: -l.quantity, total: -l.total }))
        return insertSale(core, 'storno', input.sellerId, lines, original.saleId, input.reason)
      })
      return saleOrThrow(saleId)
    },
    recordPartialStorno(raw) {
      const input = parse(partialStornoInput, raw, 'partial storno')
      const saleId = inTransaction(db, () => {
        const original = completedOriginal(input.originalSaleId)
        const earlier = stornosOf(original.saleId)
        const open = earlier.find((s) => s.status === 'open')
        if (open)
          throw conflict('stornoOpen', `Storno ${open.saleId} of sale ${original.saleId} is not finished`, {
            saleId: original.saleId,
          })
        // Amounts, deposits that follow their bottles and the refused cases: main/journal/returns.ts.
        const lines = returnLines(original, earlier, input.lines)
        const id = insertSale(core, 'storno', input.sellerId, lines, original.saleId, input.reason)
        stmt('INSERT INTO sale_returns (sale_id, at) VALUES (?, ?)').run(id, now())
        return id
      })
      return saleOrThrow(saleId)
    },

    returnedQuantities(saleId) {
      return returnedOf(stornosOf(saleId))
    },

    returnQuote(raw) {
      const input = parse(partialStornoInput.pick({ originalSaleId: true, lines: true }), raw, 'return quote')
      const original = completedOriginal(input.originalSaleId)
      return returnLines(original, stornosOf(original.saleId), input.lines)
    },
  }
}
