// The lines of a partial storno (Retoure, docs/backoffice.md "Partial storno"): what a return of some
// pieces of some lines books, computed by main from the original sale and the returns before it.
// - A line goes back at most as often as it was sold, across all returns (journal.error.overReturn).
// - A bottle's deposit follows it: returning n bottles returns n of the deposit line that came with
//   them, as far as that deposit has not been paid back already (say, as empties). The deposit line
//   picked on its own is the empties case (Leergut) and can be returned without its article.
// - A piece line, discounted or not, can go back in part; a weighed or free-price line only whole; a
//   card top-up (a voucher loaded at secuconnect) never in part: only a whole storno cancels it there.
// - Pro rata rounding (proRataRefund): after n of q pieces have gone back in any number of steps, the
//   refunds add up to floor(total × n / q) cents — each step whole cents, never more than the share paid,
//   and all q pieces together give back exactly the line's total.
import { conflict } from './journal-core'
import { AppFailure } from '../../common/result'
import type { SaleLine, SaleRecord } from './types'

export interface ReturnRequest {
  lineNo: number
  quantity: number
}

/**
 * Cents to pay back for `k` more pieces of a line sold `sold` times for `total` cents (after its
 * discount), `returnedBefore` pieces of which went back before for `refundedBefore` cents. The cumulative
 * refund after n pieces is floor(total × n / sold); a step is the difference. Exact in doubles: total ≤
 * 10^9 cents per row (common/money.ts) times n ≤ 10^6 stays below 2^53.
 */
export function proRataRefund(
  total: number,
  sold: number,
  returnedBefore: number,
  refundedBefore: number,
  k: number,
): number {
  const after = returnedBefore + k
  if (!(sold > 0 && total >= 0 && k > 0 && after <= sold))
    throw new Error(`pro rata refund of ${k} after ${returnedBefore} of ${sold} (total ${total})`)
  const due = after === sold ? total : Math.floor((total * after) / sold)
  // Never below 0: a return booked before this rule could have given back more than its share.
  return Math.max(0, due - refundedBefore)
}

/** Pieces and cents (both positive) that went back per original line number. */
export function returnedSoFar(
  stornos: readonly SaleRecord[],
): Map<number, { pieces: number; cents: number }> {
  const out = new Map<number, { pieces: number; cents: number }>()
  for (const s of stornos)
    for (const l of s.lines) {
      const r = out.get(l.lineNo) ?? { pieces: 0, cents: 0 }
      out.set(l.lineNo, { pieces: r.pieces - l.quantity, cents: r.cents - l.total })
    }
  return out
}

const invalidLine = (saleId: number, lineNo: number) =>
  AppFailure.of('VALIDATION', 'journal.error.returnLine', `Sale ${saleId} has no line ${lineNo} to return`, {
    lineNo,
  })

/** The storno lines (negative quantities and totals, original line numbers) a return request books. */
export function returnLines(
  original: SaleRecord,
  earlier: readonly SaleRecord[],
  request: readonly ReturnRequest[],
): SaleLine[] {
  const byNo = new Map(original.lines.map((l) => [l.lineNo, l]))
  const asked = new Map<number, number>()
  for (const { lineNo, quantity } of request) {
    if (!byNo.has(lineNo) || asked.has(lineNo)) throw invalidLine(original.saleId, lineNo)
    asked.set(lineNo, quantity)
  }
  const before = returnedSoFar(earlier)
  const done = (lineNo: number) => before.get(lineNo) ?? { pieces: 0, cents: 0 }
  // A returned-deposit line (negative) has nothing to take back.
  const left = (line: SaleLine) => Math.max(0, line.quantity - done(line.lineNo).pieces)
  // Deposits that follow the bottles asked for, per deposit line.
  const following = new Map<number, number>()
  for (const line of original.lines)
    if (line.deposit && line.depositForLineNo !== undefined)
      following.set(line.lineNo, asked.get(line.depositForLineNo) ?? 0)

  const out: SaleLine[] = []
  for (const line of original.lines) {
    const own = asked.get(line.lineNo) ?? 0
    if (own > left(line))
      throw conflict(
        'overReturn',
        `Line ${line.lineNo} (${line.name}): ${own} to return, ${left(line)} of ${line.quantity} left`,
        { lineNo: line.lineNo, quantity: own, left: left(line) },
      )
    // Empties asked for count first; the deposit of returned bottles follows as far as some is left.
    const quantity = own + Math.min(following.get(line.lineNo) ?? 0, left(line) - own)
    if (quantity === 0) continue
    if (line.kind === 'topup')
      throw conflict('returnTopup', `Line ${line.lineNo} (${line.name}) is a card top-up`, {
        lineNo: line.lineNo,
      })
    const whole = quantity === line.quantity
    if (!whole && line.kind !== 'piece')
      throw conflict('returnWholeLine', `Line ${line.lineNo} (${line.name}) can only be returned whole`, {
        lineNo: line.lineNo,
      })
    const { pieces, cents } = done(line.lineNo)
    const refund =
      line.kind === 'piece' ? proRataRefund(line.total, line.quantity, pieces, cents, quantity) : line.total
    // The part of the discount that stays with the returned pieces: their price before it minus the refund.
    const reduction = line.discount ? quantity * line.unitPrice - refund : 0
    const { discount: _discount, ...plain } = line
    out.push({
      ...plain,
      quantity: -quantity,
      total: -refund,
      ...(line.discount && reduction > 0 ? { discount: { ...line.discount, amount: reduction } } : {}),
    })
  }
  return out
}
