// Cash movements, X and Z through app.dispatch against the embedded simulator and the virtual devices.
import { afterEach, describe, expect, it } from 'vitest'
import type { CashSummaryView, PeriodReportView, StornoResultView } from '../../../common/journal'
import type { ReceiptDocument } from '../../../common/receipt/model'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import {
  call,
  cardSale,
  cashSale,
  failure,
  line,
  login,
  paperLines,
  pastDrawerBusy,
} from '../../helpers/sales'

let t: TestApp
afterEach(async () => t?.dispose())

type Printed = {
  report: PeriodReportView & { closingId?: number }
  receiptId: number
  receipt: ReceiptDocument
  print: string
  printErrorKey: string | null
}

const printedText = () => paperLines(t.app)
const nextMoment = () => pastDrawerBusy(t.clock)

/** Counted cash as the counting sheet sends it. */
const count = (amounts: Record<number, number>) =>
  Object.entries(amounts).map(([value, c]) => ({ value: Number(value), count: c }))

describe('cash movements', () => {
  it('books opening float, cash in and cash out with a reason; the drawer opens and each opening is logged', async () => {
    t = await createTestApp()
    await login(t.app, 'chefin', '9999')
    const drawer = t.app.devices.virtual.drawer!
    const kicks = drawer.kicks

    const float = await call<CashSummaryView & { drawer?: string }>(t.app, 'cash.movement', {
      kind: 'opening_float',
      amount: 10_000,
      reason: 'Wechselgeld',
    })
    expect(float).toMatchObject({
      openingFloat: 10_000,
      expected: 10_000,
      drawerOpenings: 1,
      drawer: 'opened',
    })
    nextMoment()
    await call(t.app, 'cash.movement', { kind: 'cash_in', amount: 500, reason: 'Münzrollen von der Bank' })
    nextMoment()
    const out = await call<CashSummaryView>(t.app, 'cash.movement', {
      kind: 'cash_out',
      amount: 300,
      reason: 'Milch gekauft',
      businessCase: 'Auszahlung',
    })
    expect(out).toMatchObject({
      openingFloat: 10_000,
      cashIn: 500,
      cashOut: 300,
      expected: 10_200,
      drawerOpenings: 3,
    })
    expect(drawer.kicks).toBe(kicks + 3)
    await expect(call(t.app, 'cash.summary')).resolves.toEqual({
      openingFloat: 10_000,
      cashSales: 0,
      cashIn: 500,
      cashOut: 300,
      expected: 10_200,
      drawerOpenings: 3,
    })

    nextMoment()
    expect(
      await failure(t.app, 'cash.movement', { kind: 'cash_out', amount: 20_000, reason: 'zu viel' }),
    ).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'journal.error.insufficientCash',
    })
    expect(await failure(t.app, 'cash.movement', { kind: 'cash_in', amount: 0, reason: 'x' })).toMatchObject({
      code: 'VALIDATION',
    })
  })

  it('is for managers: a seller needs a manager PIN; a drawer fault is reported, the movement kept', async () => {
    t = await createTestApp()
    await login(t.app, 'ben', '2222')
    expect(
      await failure(t.app, 'cash.movement', { kind: 'cash_in', amount: 100, reason: 'x' }),
    ).toMatchObject({ code: 'FORBIDDEN', messageKey: 'seller.error.managerRequired' })
    expect(await failure(t.app, 'drawer.open', { reason: 'Wechselgeld tauschen' })).toMatchObject({
      code: 'FORBIDDEN',
      messageKey: 'seller.error.managerRequired',
    })
    expect(
      await failure(t.app, 'drawer.open', { reason: 'Wechselgeld tauschen', managerPin: '1111' }),
    ).toMatchObject({ messageKey: 'seller.error.wrongPin' })
    await expect(
      call(t.app, 'drawer.open', { reason: 'Wechselgeld tauschen', managerPin: '9999' }),
    ).resolves.toEqual({ opened: true, messageKey: null })

    nextMoment()
    t.app.devices.virtual.drawer!.unplug()
    const moved = await call<CashSummaryView & { drawer?: string; drawerMessageKey?: string | null }>(
      t.app,
      'cash.movement',
      {
        kind: 'cash_in',
        amount: 100,
        reason: 'Trinkgeldkasse',
        managerPin: '9999',
      },
    )
    expect(moved).toMatchObject({
      cashIn: 100,
      drawer: 'failed',
      drawerMessageKey: 'status.state.disconnected',
    })
    // Both openings (the no-sale one and the failed one) are in the log.
    expect(moved.drawerOpenings).toBe(2)
  })
})

describe('X and Z reports', () => {
  it('X at any time resets nothing; Z compares counted with expected cash, is printed and kept', async () => {
    t = await createTestApp()
    await login(t.app, 'chefin', '9999')
    await call(t.app, 'cash.movement', { kind: 'opening_float', amount: 10_000, reason: 'Wechselgeld' })
    const cash = cashSale(t.app, { tendered: 1000 })
    const { sale: card } = await cardSale(t.app, { sellerId: 'ben' })
    cashSale(t.app, { lines: [line('Brezel', 3, 80, 7)] })
    nextMoment()
    await call<StornoResultView>(t.app, 'storno.execute', { saleId: cash.saleId, reason: 'falscher Artikel' })
    nextMoment()
    await call(t.app, 'cash.movement', {
      kind: 'cash_out',
      amount: 1_000,
      reason: 'Bank',
      businessCase: 'Geldtransit',
    })

    await login(t.app, 'anna', '1111')
    const x = await call<Printed>(t.app, 'report.x', { print: true })
    // 10 000 float + (796 − 796 storno + 576 card sale's cash + 240) − 1 000 out
    expect(x.report).toMatchObject({
      kind: 'X',
      receiptCount: 3,
      stornoCount: 1,
      salesTotal: 796 * 2 + 240,
      stornoTotal: -796,
      total: 796 + 240,
      cash: {
        openingFloat: 10_000,
        cashSales: 576 + 240,
        cashOut: 1_000,
        expected: 10_000 + 576 + 240 - 1_000,
      },
    })
    expect(x.report.payments).toEqual(
      expect.arrayContaining([
        { method: 'cash', amount: 576 + 240, count: 4 },
        { method: 'loyalty', amount: 220, count: 1 },
      ]),
    )
    expect(x.report.vat.map((v) => v.rate)).toEqual([19, 7])
    expect(x.print).toBe('printed')
    expect(printedText().some((l) => l.includes('X-BERICHT'))).toBe(true)
    // Nothing was reset: a second X says the same.
    const again = await call<Printed>(t.app, 'report.x', {})
    expect({ ...again.report, periodEnd: '' }).toEqual({ ...x.report, periodEnd: '' })
    expect(again.print).toBe('none')
    // Looked at on screen only: not listed as waiting for the printer.
    expect(t.app.journal.unfinished().unprintedReceipts.filter((r) => r.kind === 'x')).toEqual([])

    // Counted: 2 € short of the expected 98,16 €.
    expect(x.report.cash.expected).toBe(9_816)
    expect(
      await failure(t.app, 'report.z', {
        denominations: count({ 5000: 1, 2000: 2, 500: 1, 100: 1, 10: 1, 5: 1, 1: 1 }),
      }),
    ).toMatchObject({
      code: 'FORBIDDEN',
      messageKey: 'seller.error.managerRequired',
    })
    const z = await call<Printed>(t.app, 'report.z', {
      denominations: count({ 5000: 1, 2000: 2, 500: 1, 100: 1, 10: 1, 5: 1, 1: 1 }),
      managerPin: '9999',
    })
    expect(z.report).toMatchObject({
      kind: 'Z',
      zNumber: 1,
      counted: { total: 9_616 },
      difference: -200,
      stornoCount: 1,
      cash: { expected: 9_816 },
    })
    expect(z.report.counted!.denominations).toContainEqual({ value: 2000, count: 2, amount: 4000 })
    expect(z.print).toBe('printed')
    const paper = printedText()
    expect(paper.some((l) => l.includes('Z-BON'))).toBe(true)
    expect(paper.some((l) => l.includes('Differenz') && l.includes('-2,00'))).toBe(true)
    expect(z.receipt.meta).toContainEqual({ label: 'Z-Nr.', value: '1' })
    // Kept in the journal: the closing and its receipt.
    expect(t.app.journal.closing(1)).toMatchObject({ zNumber: 1, difference: -200 })
    expect(t.app.journal.receipt(z.receiptId)).toMatchObject({
      kind: 'z',
      closingId: z.report.closingId,
      prints: [{ status: 'printed' }],
    })

    // The next period starts empty.
    const after = await call<Printed>(t.app, 'report.x', {})
    expect(after.report).toMatchObject({ receiptCount: 0, stornoCount: 0, total: 0, cash: { expected: 0 } })
    expect(card.receiptNo).toBe(2)
  })

  it('numbers Z reports without gaps, lists them newest first, and refuses a Z while a sale is open', async () => {
    t = await createTestApp()
    await login(t.app, 'chefin', '9999')
    cashSale(t.app)
    const first = await call<Printed>(t.app, 'report.z', {
      denominations: count({ 500: 1, 200: 1, 50: 1, 20: 2, 5: 1, 1: 1 }),
    })
    expect(first.report).toMatchObject({ zNumber: 1, difference: 0 })

    const open = t.app.journal.beginSale({ sellerId: 'anna', lines: [line('Kaffee', 1, 250, 19)] })
    expect(await failure(t.app, 'report.z', { denominations: [] })).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'journal.error.unfinishedSales',
    })
    t.app.journal.abortSale(open.saleId, 'Kunde gegangen')
    expect(await failure(t.app, 'report.z', { denominations: [{ value: 300, count: 1 }] })).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'journal.error.invalidInput',
    })

    const second = await call<Printed>(t.app, 'report.z', { denominations: [] })
    const third = await call<Printed>(t.app, 'report.z', { denominations: [] })
    expect([second.report.zNumber, third.report.zNumber]).toEqual([2, 3])
    expect(second.report).toMatchObject({ abortedCount: 1, receiptCount: 0 })

    const list = await call<PeriodReportView[]>(t.app, 'report.zList', {})
    expect(list.map((r) => r.zNumber)).toEqual([3, 2, 1])
    expect(list[2]).toMatchObject({ receiptCount: 1, total: 796 })
    await expect(call<PeriodReportView[]>(t.app, 'report.zList', { limit: 1 })).resolves.toHaveLength(1)
  })

  it('prints the report in English when the till speaks English', async () => {
    t = await createTestApp()
    await call(t.app, 'app.setLocale', { locale: 'en' })
    await login(t.app, 'chefin', '9999')
    const z = await call<Printed>(t.app, 'report.z', { denominations: [] })
    expect(z.receipt.title).toContain('Z REPORT')
    expect(printedText().some((l) => l.includes('Z REPORT'))).toBe(true)
  })
})
