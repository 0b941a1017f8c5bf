import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { failureOf, line, openCashTender, payCard, payCash, rawDb, tempDir, testJournal } from './helpers'
import type { Journal } from '../../../main/journal'
import { manualClock } from '../../../common/ports'

let tmp: ReturnType<typeof tempDir>
let journal: Journal

beforeEach(() => {
  tmp = tempDir()
  journal = testJournal(tmp.dir).journal
})
afterEach(() => {
  journal.close()
  tmp.cleanup()
})

describe('a sale from basket to receipt number', () => {
  it('freezes the lines with the VAT per rate and gets receipt number 1 when fully paid', () => {
    const sale = journal.beginSale({
      sellerId: 'anna',
      lines: [line('weizenbroetchen', 3, 55, 7), line('kaffee', 1, 260, 19)],
    })
    expect(sale).toMatchObject({ status: 'open', total: 425, kind: 'sale' })
    // 1,65 € at 7 %: VAT extracted from the rate's sum (11 ct), not per line (3 × 4 ct).
    expect(sale.vat).toEqual([
      { rate: 19, gross: 260, net: 218, vat: 42 },
      { rate: 7, gross: 165, net: 154, vat: 11 },
    ])
    payCash(journal, sale.saleId, 425, 500)
    const done = journal.completeSale(sale.saleId)
    expect(done).toMatchObject({ status: 'completed', receiptNo: 1, paid: 425 })
    expect(done.payments[0]).toMatchObject({
      method: 'cash',
      amount: 425,
      tendered: 500,
      settled: 425,
      openIntentIds: [],
    })
    expect(done.lines.map((l) => [l.lineNo, l.productId, l.quantity, l.total])).toEqual([
      [1, 'weizenbroetchen', 3, 165],
      [2, 'kaffee', 1, 260],
    ])
  })

  it('keeps the secuconnect transaction id of every card step', () => {
    const sale = journal.beginSale({ sellerId: 'anna', lines: [line('cappuccino', 2, 340, 19)] })
    payCard(journal, sale.saleId, 680, 'STX_ABC')
    const done = journal.completeSale(sale.saleId)
    expect(done.payments[0].transactionId).toBe('STX_ABC')
    expect(done.payments[0].steps.map((s) => [s.step, s.outcome?.status])).toEqual([
      ['create', 'done'],
      ['start', 'settled'],
    ])
  })

  it('splits a sale over card and cash', () => {
    const sale = journal.beginSale({ sellerId: 'anna', lines: [line('schwarzwaelder', 4, 420, 7)] })
    payCard(journal, sale.saleId, 1000)
    payCash(journal, sale.saleId, 680)
    expect(journal.completeSale(sale.saleId).paid).toBe(1680)
  })

  it('refuses to complete a sale that is not paid exactly, and keeps the number free', () => {
    const sale = journal.beginSale({ sellerId: 'anna', lines: [line('croissant', 1, 160, 7)] })
    expect(failureOf(() => journal.completeSale(sale.saleId))).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'journal.error.notFullyPaid',
    })
    payCash(journal, sale.saleId, 100)
    expect(failureOf(() => journal.completeSale(sale.saleId)).params).toMatchObject({ paid: 100, total: 160 })
    payCash(journal, sale.saleId, 60)
    expect(journal.completeSale(sale.saleId).receiptNo).toBe(1)
  })

  it('refuses to complete while a payment step has no outcome', () => {
    const sale = journal.beginSale({ sellerId: 'anna', lines: [line('croissant', 1, 160, 7)] })
    journal.recordPaymentIntent({
      saleId: sale.saleId,
      method: 'card',
      amount: 160,
      step: 'start',
      transactionId: 'STX_1',
    })
    expect(failureOf(() => journal.completeSale(sale.saleId))).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'journal.error.paymentInFlight',
    })
  })

  it('never gives a sale a second receipt number', () => {
    const sale = journal.beginSale({ sellerId: 'anna', lines: [line('croissant', 1, 160, 7)] })
    payCash(journal, sale.saleId, 160)
    journal.completeSale(sale.saleId)
    expect(failureOf(() => journal.completeSale(sale.saleId))).toMatchObject({
      messageKey: 'journal.error.alreadyCompleted',
      params: { receiptNo: 1 },
    })
    expect(journal.sale(sale.saleId)?.receiptNo).toBe(1)
  })

  it('counts a declined card attempt as nothing and a reversed charge as given back', () => {
    const sale = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1, 260, 19)] })
    const declined = journal.recordPaymentIntent({
      saleId: sale.saleId,
      method: 'card',
      amount: 260,
      step: 'start',
    })
    journal.recordPaymentOutcome({
      intentId: declined.intentId,
      status: 'declined',
      detail: { reason: 'insufficient funds' },
    })
    const charged = payCard(journal, sale.saleId, 260)
    const cancel = journal.recordPaymentIntent({
      saleId: sale.saleId,
      paymentId: charged,
      step: 'cancel',
      transactionId: `STX_${sale.saleId}`,
    })
    const after = journal.recordPaymentOutcome({ intentId: cancel.intentId, status: 'reversed' })
    expect(after.settled).toBe(0)
    expect(journal.sale(sale.saleId)?.paid).toBe(0)
    payCash(journal, sale.saleId, 260)
    expect(journal.completeSale(sale.saleId).payments.map((p) => [p.method, p.settled])).toEqual([
      ['card', 0],
      ['card', 0],
      ['cash', 260],
    ])
  })

  it('accepts exactly one outcome per intent', () => {
    const sale = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1, 260, 19)] })
    const { intentId } = openCashTender(journal, sale.saleId, 260)
    journal.recordPaymentOutcome({ intentId, status: 'settled' })
    expect(failureOf(() => journal.recordPaymentOutcome({ intentId, status: 'settled' }))).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'journal.error.outcomeExists',
    })
    expect(journal.sale(sale.saleId)?.paid).toBe(260)
  })

  it('refuses settled amounts against the payment direction and reversals beyond what was settled', () => {
    const sale = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 2, 260, 19)] })
    const charged = journal.recordPaymentIntent({
      saleId: sale.saleId,
      method: 'card',
      amount: 520,
      step: 'start',
    })
    expect(
      failureOf(() =>
        journal.recordPaymentOutcome({ intentId: charged.intentId, status: 'settled', amount: -520 }),
      ),
    ).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'journal.error.outcomeAmount',
    })
    journal.recordPaymentOutcome({ intentId: charged.intentId, status: 'settled', amount: 300 })
    const cancel = journal.recordPaymentIntent({
      saleId: sale.saleId,
      paymentId: charged.paymentId,
      step: 'cancel',
    })
    expect(
      failureOf(() =>
        journal.recordPaymentOutcome({ intentId: cancel.intentId, status: 'reversed', amount: 301 }),
      ),
    ).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'journal.error.reverseExceedsSettled',
      params: { settled: 300 },
    })
    // The refused outcome left the intent open: the real answer can still be recorded.
    expect(
      journal.recordPaymentOutcome({ intentId: cancel.intentId, status: 'reversed', amount: 300 }).settled,
    ).toBe(0)
  })

  it('aborts an unpaid sale without a receipt number, but not one holding money', () => {
    const paid = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1, 260, 19)] })
    payCash(journal, paid.saleId, 260)
    expect(failureOf(() => journal.abortSale(paid.saleId, 'customer left'))).toMatchObject({
      messageKey: 'journal.error.abortWithPayments',
    })
    const unpaid = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1, 260, 19)] })
    expect(journal.abortSale(unpaid.saleId, 'customer left')).toMatchObject({ status: 'aborted' })
    expect(
      failureOf(() =>
        journal.recordPaymentIntent({ saleId: unpaid.saleId, method: 'cash', amount: 260, step: 'tender' }),
      ),
    ).toMatchObject({
      messageKey: 'journal.error.saleFinished',
    })
    expect(failureOf(() => journal.abortSale(unpaid.saleId, '  '))).toMatchObject({
      messageKey: 'journal.error.reasonRequired',
    })
  })

  it('refuses a storno or cash movement reason over 200 characters; an aborted process keeps its first 200', () => {
    const sale = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1, 260, 19)] })
    payCash(journal, sale.saleId, 260)
    journal.completeSale(sale.saleId)
    const long = 'x'.repeat(201)
    expect(
      failureOf(() => journal.recordStorno({ originalSaleId: sale.saleId, sellerId: 'anna', reason: long })),
    ).toMatchObject({ code: 'VALIDATION' })
    expect(
      failureOf(() => journal.recordCashMovement({ kind: 'cash_in', amount: 100, reason: long })),
    ).toMatchObject({ code: 'VALIDATION' })
    // A reason the till writes itself (an emptied basket, a crash's leftover) is never refused.
    const aborted = journal.recordAbortedProcess({ sellerId: 'Kasse', lines: [], reason: long })
    expect(aborted).toMatchObject({ status: 'aborted', lines: [], total: 0 })
    const db = rawDb(tmp.dir)
    const row = db.prepare('SELECT reason FROM sale_aborts WHERE sale_id = ?').get(aborted.saleId) as {
      reason: string
    }
    db.close()
    expect(row.reason).toBe('x'.repeat(200))
  })

  it('an aborted process starts when it began; a start after now (another clock) is taken as now, a malformed one refused', () => {
    const other = tempDir()
    const { journal: j, clock } = testJournal(other.dir, manualClock(Date.UTC(2026, 11, 5, 9, 0, 0)))
    const at = new Date(clock.now()).toISOString()
    const abortedAt = (startedAt: string) =>
      j.recordAbortedProcess({
        sellerId: 'Kasse',
        lines: [],
        reason: 'basket emptied at the till',
        startedAt,
      })
    expect(abortedAt('2026-12-05T08:12:30.000Z').startedAt).toBe('2026-12-05T08:12:30.000Z')
    // An offset is understood and stored as UTC like every other time of the journal.
    expect(abortedAt('2026-12-05T09:58:00+01:00').startedAt).toBe('2026-12-05T08:58:00.000Z')
    expect(abortedAt('2026-12-05T09:00:05.000Z').startedAt).toBe(at)
    expect(failureOf(() => abortedAt('yesterday'))).toMatchObject({ code: 'VALIDATION' })
    j.close()
    other.cleanup()
  })

  it('rejects bad input with a message key and writes nothing', () => {
    expect(failureOf(() => journal.beginSale({ sellerId: 'anna', lines: [] }))).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'journal.error.invalidInput',
    })
    expect(
      failureOf(() =>
        journal.beginSale({ sellerId: 'anna', lines: [{ ...line('kaffee', 2, 260, 19), total: 500 }] }),
      ),
    ).toMatchObject({
      messageKey: 'journal.error.lineTotal',
    })
    expect(
      failureOf(() =>
        journal.beginSale({
          sellerId: 'anna',
          lines: [{ ...line('kaffee', 1, 260, 19), vatRate: 16 as 19 }],
        }),
      ),
    ).toMatchObject({
      code: 'VALIDATION',
    })
    const sale = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1, 260, 19)] })
    expect(
      failureOf(() =>
        journal.recordPaymentIntent({ saleId: sale.saleId, method: 'cash', amount: -260, step: 'tender' }),
      ),
    ).toMatchObject({
      messageKey: 'journal.error.paymentSign',
    })
    expect(
      failureOf(() => journal.recordPaymentIntent({ saleId: sale.saleId, step: 'tender' })),
    ).toMatchObject({ messageKey: 'journal.error.paymentMethodAmount' })
    expect(
      failureOf(() =>
        journal.recordPaymentIntent({ saleId: 999, method: 'cash', amount: 1, step: 'tender' }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' })
    expect(journal.sales()).toHaveLength(1)
    expect(journal.sale(sale.saleId)?.payments).toEqual([])
  })
})

describe('storno', () => {
  function completedSale() {
    const sale = journal.beginSale({
      sellerId: 'anna',
      lines: [line('kaesekuchen', 2, 320, 7), line('kaffee', 1, 260, 19)],
    })
    payCash(journal, sale.saleId, 900)
    return journal.completeSale(sale.saleId)
  }

  it('is a new sale with the lines negated, refunded by negative payments, numbered in the same series', () => {
    const original = completedSale()
    const storno = journal.recordStorno({
      originalSaleId: original.saleId,
      sellerId: 'ben',
      reason: 'wrong cake',
    })
    expect(storno).toMatchObject({
      kind: 'storno',
      status: 'open',
      total: -900,
      originalSaleId: original.saleId,
      reason: 'wrong cake',
      sellerId: 'ben',
    })
    expect(storno.lines.map((l) => [l.quantity, l.total])).toEqual([
      [-2, -640],
      [-1, -260],
    ])
    expect(storno.vat).toEqual(
      original.vat.map((v) => ({ rate: v.rate, gross: -v.gross, net: -v.net, vat: -v.vat })),
    )
    payCash(journal, storno.saleId, -900)
    expect(journal.completeSale(storno.saleId).receiptNo).toBe(2)
    // The original is untouched; it only gains the reference to its storno.
    const after = journal.sale(original.saleId)
    expect({ ...after, stornoSaleId: undefined }).toEqual({ ...original, stornoSaleId: undefined })
    expect(after?.stornoSaleId).toBe(storno.saleId)
  })

  it('cancels a sale once, never a storno, never an open sale', () => {
    const original = completedSale()
    const storno = journal.recordStorno({
      originalSaleId: original.saleId,
      sellerId: 'ben',
      reason: 'wrong cake',
    })
    expect(
      failureOf(() =>
        journal.recordStorno({ originalSaleId: original.saleId, sellerId: 'ben', reason: 'again' }),
      ),
    ).toMatchObject({
      messageKey: 'journal.error.alreadyStornoed',
    })
    expect(
      failureOf(() => journal.recordStorno({ originalSaleId: storno.saleId, sellerId: 'ben', reason: 'x' })),
    ).toMatchObject({
      messageKey: 'journal.error.stornoNotAllowed',
    })
    const open = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1, 260, 19)] })
    expect(
      failureOf(() => journal.recordStorno({ originalSaleId: open.saleId, sellerId: 'ben', reason: 'x' })),
    ).toMatchObject({
      messageKey: 'journal.error.stornoNotAllowed',
    })
  })

  it('can be retried after an aborted storno attempt', () => {
    const original = completedSale()
    const first = journal.recordStorno({
      originalSaleId: original.saleId,
      sellerId: 'ben',
      reason: 'wrong cake',
    })
    journal.abortSale(first.saleId, 'card cancel failed, try again')
    const second = journal.recordStorno({
      originalSaleId: original.saleId,
      sellerId: 'ben',
      reason: 'wrong cake',
    })
    expect(journal.sale(original.saleId)?.stornoSaleId).toBe(second.saleId)
  })
})

describe('receipts and print status', () => {
  it('stores the receipt document and every print outcome; unprinted receipts are listed for retry', () => {
    const sale = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1, 260, 19)] })
    payCash(journal, sale.saleId, 260)
    journal.completeSale(sale.saleId)
    const document = {
      title: 'Beleg 1',
      items: [{ name: 'Kaffee', quantity: 1, unitPrice: 260, total: 260, vatRate: 19 }],
      total: { label: 'Summe', amount: 260 },
    }
    const { receiptId } = journal.recordReceipt({ kind: 'sale', saleId: sale.saleId, document })
    expect(journal.unfinished().unprintedReceipts).toEqual([
      expect.objectContaining({ receiptId, saleId: sale.saleId, kind: 'sale' }),
    ])
    journal.recordPrintOutcome({ receiptId, status: 'failed', detail: 'paper-out' })
    journal.recordPrintOutcome({ receiptId, status: 'printed' })
    const stored = journal.sale(sale.saleId)?.receipts[0]
    expect(stored?.document).toMatchObject({
      title: 'Beleg 1',
      copy: false,
      items: [expect.objectContaining({ name: 'Kaffee' })],
    })
    expect(stored?.prints.map((p) => p.status)).toEqual(['failed', 'printed'])
    expect(journal.unfinished().unprintedReceipts).toEqual([])
  })

  it('rejects a receipt without its sale, an invalid document and an unknown receipt', () => {
    expect(failureOf(() => journal.recordReceipt({ kind: 'sale', document: {} }))).toMatchObject({
      messageKey: 'journal.error.receiptSale',
    })
    expect(
      failureOf(() => journal.recordReceipt({ kind: 'x', document: { items: 'none' } as never })),
    ).toMatchObject({ code: 'VALIDATION' })
    expect(failureOf(() => journal.recordReceipt({ kind: 'z', closingId: 5, document: {} }))).toMatchObject({
      messageKey: 'journal.error.unknownClosing',
    })
    expect(failureOf(() => journal.recordPrintOutcome({ receiptId: 42, status: 'printed' }))).toMatchObject({
      messageKey: 'journal.error.unknownReceipt',
    })
  })
})

describe('writes that commit as one', () => {
  /** A 2,60 € sale whose cash tender is announced, not settled yet. */
  const saleWithOpenTender = () => {
    const sale = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1, 260, 19)] })
    return { sale, intentId: openCashTender(journal, sale.saleId, 260).intentId }
  }

  it('commits a payment outcome, the completion and its receipt together', () => {
    const { sale, intentId } = saleWithOpenTender()
    const receiptNo = journal.atomically(() => {
      journal.recordPaymentOutcome({ intentId, status: 'settled', amount: 260, detail: {} })
      return journal.completeSale(sale.saleId).receiptNo
    })
    expect(receiptNo).toBe(1)
    expect(journal.sale(sale.saleId)).toMatchObject({ status: 'completed', paid: 260 })
  })

  it('undoes every write of the group when one throws, and numbers stay gapless', () => {
    const { sale, intentId } = saleWithOpenTender()
    expect(() =>
      journal.atomically(() => {
        journal.recordPaymentOutcome({ intentId, status: 'settled', amount: 260, detail: {} })
        journal.completeSale(sale.saleId)
        throw new Error('bug after completion')
      }),
    ).toThrow('bug after completion')
    const after = journal.sale(sale.saleId)!
    expect(after).toMatchObject({ status: 'open', paid: 0 })
    expect(after.receiptNo ?? null).toBeNull()
    expect(after.payments[0].openIntentIds).toEqual([intentId])
    // The rolled-back number is handed out again: no gap.
    journal.recordPaymentOutcome({ intentId, status: 'settled', amount: 260, detail: {} })
    expect(journal.completeSale(sale.saleId).receiptNo).toBe(1)
  })

  it('undoes only the inner write that throws and keeps the rest of the group', () => {
    const sale = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1, 260, 19)] })
    journal.atomically(() => {
      // Not fully paid: the journal refuses, and only that write is undone.
      expect(() => journal.completeSale(sale.saleId)).toThrow()
      payCash(journal, sale.saleId, 260, 260)
    })
    expect(journal.completeSale(sale.saleId)).toMatchObject({ status: 'completed', receiptNo: 1 })
  })

  it('refuses asynchronous work inside a group: its commit would come before the work', () => {
    expect(() => journal.atomically(() => Promise.resolve(1) as unknown as number)).toThrow(/synchronous/)
    // Nothing is left open: the next write commits normally.
    expect(journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1, 260, 19)] }).saleId).toBe(1)
  })
})
