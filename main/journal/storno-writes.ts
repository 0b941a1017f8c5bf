// The journal's stornos: a whole storno (the original's lines negated) and a partial storno (Retoure:
// chosen lines, each at most as often as it was sold minus earlier returns). Only a completed sale can
// be cancelled; each write is one transaction (database.ts inTransaction), rules in docs/journal.md.
import { AppFailure } from '../../common/result'
import { inTransaction } from './database'
import { insertSale } from './insert-sale'
import type { Journal } from './journal'
import { conflict, parse, type JournalCore } from './journal-core'
import { stornoInput, partialStornoInput, type SaleRecord } from './types'

type StornoWrites = Pick<Journal, 'recordStorno' | 'recordPartialStorno' | 'returnedQuantities'>

export function stornoWrites(core: JournalCore): StornoWrites {
  const { db, stmt, saleOrThrow } = core

  /** The stornos of a sale that were not aborted (full or partial), oldest first. */
  const stornosOf = (saleId: number): SaleRecord[] =>
    (
      stmt(
        'SELECT id FROM sales WHERE original_sale_id = ? AND id NOT IN (SELECT sale_id FROM sale_aborts) ORDER BY id',
      ).all(saleId) as { id: number }[]
    ).map((r) => saleOrThrow(Number(r.id)))

  /** A storno line keeps its original's line number, so returns add up per original line. */
  const returnedOf = (stornos: SaleRecord[]): Map<number, number> => {
    const returned = new Map<number, number>()
    for (const s of stornos)
      for (const l of s.lines) returned.set(l.lineNo, (returned.get(l.lineNo) ?? 0) - l.quantity)
    return returned
  }

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
        const returned = returnedOf(earlier)
        const seen = new Set<number>()
        const lines = input.lines.map(({ lineNo, quantity }) => {
          const line = original.lines.find((l) => l.lineNo === lineNo)
          if (!line || seen.has(lineNo))
            throw AppFailure.of(
              'VALIDATION',
              'journal.error.returnLine',
              `Sale ${original.saleId} has no line ${lineNo} to return`,
              { lineNo },
            )
          seen.add(lineNo)
          const left = line.quantity - (returned.get(lineNo) ?? 0)
          if (quantity > left)
            throw conflict(
              'overReturn',
              `Line ${lineNo} (${line.name}): ${quantity} to return, ${left} of ${line.quantity} left`,
              { lineNo, quantity, left },
            )
          // A line that is not a plain piece line (weighed, free price, discounted) goes back only whole:
          // its total is not quantity × price, so a part of it has no exact amount.
          const whole = quantity === line.quantity
          if (!whole && (line.kind !== 'piece' || line.discount !== undefined))
            throw conflict('returnWholeLine', `Line ${lineNo} (${line.name}) can only be returned whole`, {
              lineNo,
            })
          const total = whole ? line.total : quantity * line.unitPrice
          return { ...line, quantity: -quantity, total: -total }
        })
        return insertSale(core, 'storno', input.sellerId, lines, original.saleId, input.reason)
      })
      return saleOrThrow(saleId)
    },

    returnedQuantities(saleId) {
      return returnedOf(stornosOf(saleId))
    },
  }
}
