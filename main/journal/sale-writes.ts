// The journal's sale writes: a sale frozen from the basket, the card bonus it redeemed, completion with
// the gapless receipt number, and abort. Each is one transaction (database.ts inTransaction); the rules
// they enforce are in docs/journal.md. Payment steps are in payment-writes.ts, stornos in
// storno-writes.ts.
import { AppFailure } from '../../common/result'
import { bonusDiscountInput, insertBonus } from './bonus'
import { depositLinks } from './deposits'
import { freezeFiscal } from './completion-fiscal'
import { inTransaction } from './database'
import { insertSale } from './insert-sale'
import { writeVatContext } from './vat-context'
import { nextReceiptNo } from './number-series'
import type { Journal } from './journal'
import { conflict, parse, type JournalCore } from './journal-core'
import { abortedProcessInput, beginSaleInput, type BegunSale } from './types'

type SaleWrites = Pick<
  Journal,
  'beginSale' | 'recordBonusDiscount' | 'completeSale' | 'abortSale' | 'recordAbortedProcess'
>

export function saleWrites(core: JournalCore): SaleWrites {
  const { db, stmt, append, now, logger, saleOrThrow, openSale, openSaleHead } = core

  /** Validates a frozen basket's lines and inserts the sale with them; the caller's transaction. */
  function insertBegun(input: BegunSale, startedAt?: string): number {
    input.lines.forEach((l, i) => {
      // A discounted line holds its total after the discount (line_discounts keeps the reduction).
      const reduction = l.discount?.amount ?? 0
      if (l.kind === 'piece' && l.total !== l.quantity * l.unitPrice - reduction)
        throw AppFailure.of(
          'VALIDATION',
          'journal.error.lineTotal',
          `Line ${i + 1}: ${l.quantity} × ${l.unitPrice} − ${reduction} is not ${l.total}`,
          { line: i + 1 },
        )
      if (l.total < 0 && l.kind !== 'piece')
        throw AppFailure.of('VALIDATION', 'journal.error.lineTotal', `Line ${i + 1}: negative total`, {
          line: i + 1,
        })
    })
    // A deposit line keeps the number of the bottle line it follows (main/journal/deposits.ts).
    const links = depositLinks(input.lines)
    const lines = input.lines.map(({ lineId: _lineId, depositFor: _depositFor, ...l }, i) => ({
      ...l,
      lineNo: i + 1,
      ...(links[i] ? { depositForLineNo: links[i] } : {}),
    }))
    const saleId = insertSale(core, 'sale', input.sellerId, lines, null, null, startedAt)
    if (input.consumption) writeVatContext(core.stmt, saleId, now(), [], null, input.consumption)
    return saleId
  }

  const insertAbort = (saleId: number, reason: string): void => {
    stmt('INSERT INTO sale_aborts (sale_id, reason, at) VALUES (?, ?, ?)').run(saleId, reason, now())
  }

  return {
    beginSale(raw) {
      return saleOrThrow(inTransaction(db, () => insertBegun(parse(beginSaleInput, raw, 'sale'))))
    },

    recordAbortedProcess(raw) {
      const { reason, startedAt, ...input } = parse(abortedProcessInput, raw, 'aborted process')
      const at = now()
      const began = startedAt === undefined ? at : new Date(startedAt).toISOString()
      return inTransaction(db, () => {
        const saleId = insertBegun(input, began < at ? began : at)
        insertAbort(saleId, reason)
        return saleOrThrow(saleId)
      })
    },

    recordBonusDiscount(input) {
      const data = parse(bonusDiscountInput, input, 'bonus discount')
      const at = now()
      inTransaction(db, () => {
        openSaleHead(data.saleId)
        insertBonus(append, at, data)
      })
      return { at }
    },

    completeSale(saleId) {
      const completed = inTransaction(db, () => {
        const sale = saleOrThrow(saleId)
        if (sale.status === 'completed')
          throw conflict('alreadyCompleted', `Sale ${saleId} already has receipt number ${sale.receiptNo}`, {
            saleId,
            receiptNo: sale.receiptNo ?? 0,
          })
        if (sale.status === 'aborted')
          throw conflict('saleFinished', `Sale ${saleId} was aborted`, { saleId, status: 'aborted' })
        if (sale.payments.some((p) => p.openIntentIds.length > 0))
          throw conflict('paymentInFlight', `Sale ${saleId} has a payment step without outcome`, { saleId })
        if (sale.paid !== sale.total)
          throw conflict('notFullyPaid', `Sale ${saleId}: ${sale.paid} of ${sale.total} cents paid`, {
            saleId,
            paid: sale.paid,
            total: sale.total,
          })
        const receiptNo = nextReceiptNo(stmt, core.floors)
        const completionId = append(
          'INSERT INTO sale_completions (sale_id, receipt_no, completed_at, kind, seller_id, total) VALUES (?, ?, ?, ?, ?, ?)',
          saleId,
          receiptNo,
          now(),
          sale.kind,
          sale.sellerId,
          sale.total,
        )
        // VAT per rate and the settled amount per payment type are frozen with the receipt number, so
        // reports sum two small tables instead of replaying lines and payment steps.
        const insertVat = stmt(
          'INSERT INTO completion_vat (completion_id, rate, gross, net, vat) VALUES (?, ?, ?, ?, ?)',
        )
        for (const v of sale.vat) insertVat.run(completionId, v.rate, v.gross, v.net, v.vat)
        const byMethod = new Map<string, { amount: number; count: number }>()
        for (const p of sale.payments.filter((p) => p.settled !== 0)) {
          const m = byMethod.get(p.method) ?? { amount: 0, count: 0 }
          byMethod.set(p.method, { amount: m.amount + p.settled, count: m.count + 1 })
        }
        const insert = stmt(
          'INSERT INTO completion_payments (completion_id, method, amount, count) VALUES (?, ?, ?, ?)',
        )
        for (const [method, m] of byMethod) insert.run(completionId, method, m.amount, m.count)
        freezeFiscal(stmt, completionId, sale)
        return saleOrThrow(saleId)
      })
      logger.log('info', 'journal.sale-completed', {
        saleId,
        receiptNo: completed.receiptNo,
        total: completed.total,
        kind: completed.kind,
      })
      return completed
    },

    abortSale(saleId, reason) {
      const why = reason.trim()
      if (why === '')
        throw AppFailure.of('VALIDATION', 'journal.error.reasonRequired', 'An abort needs a reason')
      return inTransaction(db, () => {
        const sale = openSale(saleId)
        if (sale.payments.some((p) => p.openIntentIds.length > 0))
          throw conflict('paymentInFlight', `Sale ${saleId} has a payment step without outcome`, { saleId })
        if (sale.paid !== 0)
          throw conflict(
            'abortWithPayments',
            `Sale ${saleId} holds ${sale.paid} cents of payments; reverse them first`,
            { saleId, paid: sale.paid },
          )
        insertAbort(saleId, why.slice(0, 200))
        return saleOrThrow(saleId)
      })
    },
  }
}
