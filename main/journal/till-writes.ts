// The journal's till writes: cash movements (with the drawer's limit), receipts and their copies, print
// outcomes, and the Z report that closes a period. Each is one transaction (database.ts inTransaction).
import { addCents, multiplyCents, sumCents } from '../../common/money'
import { AppFailure } from '../../common/result'
import { inTransaction } from './database'
import type { Journal } from './journal'
import { conflict, notFound, parse, type JournalCore } from './journal-core'
import { nextZNo } from './number-series'
import { readReceipt, withMaskedApiLines } from './read-sales'
import { currentBounds, periodReport, unfinishedCount } from './reports'
import { cashMovementInput, countedCashInput, printOutcomeInput, receiptInput, type ZReport } from './types'

type TillWrites = Pick<Journal, 'recordCashMovement' | 'recordReceipt' | 'recordPrintOutcome' | 'zReport'>

export function tillWrites(
  core: JournalCore,
  /** Refuses a Z while the journal's integrity findings are not acknowledged (integrity.ts). */
  guards: { beforeClosing(): void } = { beforeClosing: () => undefined },
): TillWrites {
  const { db, stmt, append, now, logger, saleMustExist } = core
  return {
    recordCashMovement(raw) {
      const input = parse(cashMovementInput, raw, 'cash movement')
      return inTransaction(db, () => {
        if (input.saleId !== undefined) saleMustExist(input.saleId)
        if (input.kind === 'cash_out') {
          // NexoPOS's rule (https://github.com/Blair2004/NexoPOS, cash register "cash out"): the drawer cannot pay out more than it should hold.
          const expected = periodReport(stmt, currentBounds(stmt), now()).cash.expected
          if (input.amount > expected)
            throw conflict(
              'insufficientCash',
              `Cash out ${input.amount} exceeds the expected drawer content ${expected}`,
              { amount: input.amount, expected },
            )
        }
        const at = now()
        const movementId = append(
          'INSERT INTO cash_movements (kind, amount, reason, business_case, seller_id, sale_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          input.kind,
          input.amount,
          input.reason,
          input.businessCase ?? null,
          input.sellerId ?? null,
          input.saleId ?? null,
          at,
        )
        return { movementId, at }
      })
    },

    recordReceipt(raw) {
      const input = parse(receiptInput, raw, 'receipt')
      return inTransaction(db, () => {
        let { saleId, closingId } = input
        let copyNo: number | undefined
        if (input.copyOf !== undefined) {
          if (input.kind !== 'copy')
            throw AppFailure.of(
              'VALIDATION',
              'journal.error.copyKind',
              `Only a copy refers to another receipt`,
            )
          const original = readReceipt(stmt, input.copyOf)
          if (!original)
            throw notFound('unknownReceipt', `No receipt ${input.copyOf}`, { receiptId: input.copyOf })
          if (
            (saleId ?? original.saleId) !== original.saleId ||
            (closingId ?? original.closingId) !== original.closingId
          )
            throw AppFailure.of(
              'VALIDATION',
              'journal.error.copyMismatch',
              `A copy belongs to its original's sale and closing`,
            )
          // A copy of a copy is a copy of the original: one count per original.
          if (original.copyOf !== undefined)
            throw AppFailure.of(
              'VALIDATION',
              'journal.error.copyOfCopy',
              `Receipt ${input.copyOf} is itself a copy`,
            )
          saleId = original.saleId
          closingId = original.closingId
          copyNo =
            Number(
              (
                stmt('SELECT COUNT(*) AS n FROM receipts WHERE copy_of = ?').get(input.copyOf) as {
                  n: number
                }
              ).n,
            ) + 1
        }
        const needsSale =
          input.kind === 'sale' ||
          input.kind === 'storno' ||
          (input.kind === 'copy' && input.copyOf === undefined)
        if (needsSale && saleId === undefined)
          throw AppFailure.of(
            'VALIDATION',
            'journal.error.receiptSale',
            `A ${input.kind} receipt needs its sale`,
          )
        if (saleId !== undefined) saleMustExist(saleId)
        if (
          input.kind === 'z' &&
          (closingId === undefined || !stmt('SELECT 1 FROM closings WHERE id = ?').get(closingId))
        )
          throw notFound('unknownClosing', 'A Z receipt needs its closing', {
            closingId: closingId ?? 0,
          })
        const at = now()
        const receiptId = append(
          'INSERT INTO receipts (sale_id, closing_id, copy_of, kind, document, at) VALUES (?, ?, ?, ?, ?, ?)',
          saleId ?? null,
          closingId ?? null,
          input.copyOf ?? null,
          input.kind,
          // The journal keeps no full card number, whoever built the document (common/receipt/api-lines.ts).
          JSON.stringify(withMaskedApiLines(input.document)),
          at,
        )
        return copyNo === undefined ? { receiptId, at } : { receiptId, at, copyNo }
      })
    },

    recordPrintOutcome(raw) {
      const input = parse(printOutcomeInput, raw, 'print outcome')
      return inTransaction(db, () => {
        if (!stmt('SELECT 1 FROM receipts WHERE id = ?').get(input.receiptId))
          throw notFound('unknownReceipt', `No receipt ${input.receiptId}`, { receiptId: input.receiptId })
        const at = now()
        stmt(
          'INSERT INTO print_outcomes (receipt_id, status, detail, at, reached) VALUES (?, ?, ?, ?, ?)',
        ).run(
          input.receiptId,
          input.status,
          input.detail ?? null,
          at,
          input.status === 'failed' ? (input.reached ?? 'maybe') : null,
        )
        return { at }
      })
    },

    zReport(raw) {
      const counted = parse(countedCashInput, raw, 'counted cash')
      guards.beforeClosing()
      const report = inTransaction(
        db,
        (): ZReport => {
          const bounds = currentBounds(stmt)
          const open = unfinishedCount(stmt, bounds)
          if (open > 0)
            throw conflict(
              'unfinishedSales',
              `${open} sale(s) are not finished; complete or abort them before the Z report`,
              { count: open },
            )
          const at = now()
          const period = periodReport(stmt, bounds, at)
          const zNumber = nextZNo(stmt, core.floors)
          const denominations = [...counted.denominations]
            .sort((a, b) => b.value - a.value)
            .map((d) => ({ ...d, amount: multiplyCents(d.value, d.count, 'counted cash') }))
          const countedTotal = sumCents(
            denominations.map((d) => d.amount),
            'counted cash',
          )
          const body = {
            kind: 'Z' as const,
            ...period,
            zNumber,
            counted: { denominations, total: countedTotal },
            difference: addCents(countedTotal, -period.cash.expected, 'cash difference'),
          }
          const closingId = append(
            `INSERT INTO closings (z_no, at, last_sale_id, last_completion_id, last_abort_id, last_cash_movement_id, last_receipt_id, expected_cash, counted_cash, difference, report)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            zNumber,
            at,
            bounds.upTo.sale,
            bounds.upTo.completion,
            bounds.upTo.abort,
            bounds.upTo.cash,
            bounds.upTo.receipt,
            period.cash.expected,
            countedTotal,
            body.difference,
            JSON.stringify(body),
          )
          const insert = stmt('INSERT INTO closing_denominations (closing_id, value, count) VALUES (?, ?, ?)')
          for (const d of denominations) insert.run(closingId, d.value, d.count)
          return { ...body, closingId }
          // A Z report's number is printed and final: it is on disk before it is shown.
        },
        { durable: true },
      )
      logger.log('info', 'journal.z-report', {
        zNumber: report.zNumber,
        total: report.total,
        difference: report.difference,
      })
      return report
    },
  }
}
