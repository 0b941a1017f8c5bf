// Partial storno (Positionen zurücknehmen) end to end through app.dispatch: demo config, embedded
// simulator, virtual printer and drawer. The sale: Roggenbrot 349, Croissant 249, 2 × Brötchen 99.
import { afterEach, describe, expect, it } from 'vitest'
import type { StornoResultView } from '../../../common/journal'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import { call, cardSale, cashSale, failure, login, paperLines, pastDrawerBusy } from '../../helpers/sales'
import type { SaleLineInput } from '../../../main/journal'

let t: TestApp
afterEach(async () => t?.dispose())

const brotchenLine = (saleId: number) => t.app.journal.sale(saleId)!.lines.find((l) => l.quantity === 2)!

describe('partial storno of a past receipt', () => {
  it('returns one of two rolls: a storno sale with only that line negated, cash paid out, RÜCKGABE receipt', async () => {
    t = await createTestApp()
    const original = cashSale(t.app, { tendered: 1000 })
    await login(t.app, 'chefin', '9999')
    const before = t.app.journal.xReport()
    const kicks = t.app.devices.virtual.drawer!.kicks
    const line = brotchenLine(original.saleId)

    const result = await call<StornoResultView>(t.app, 'storno.partial', {
      saleId: original.saleId,
      lines: [{ lineNo: line.lineNo, quantity: 1 }],
      reason: 'Ware zurückgebracht',
    })

    expect(result).toMatchObject({ cashRefund: 99, cardRefund: 0, drawer: 'opened', print: 'printed' })
    expect(t.app.devices.virtual.drawer!.kicks).toBe(kicks + 1)
    const storno = t.app.journal.sale(result.stornoSaleId)!
    expect(storno).toMatchObject({
      kind: 'storno',
      status: 'completed',
      total: -99,
      paid: -99,
      originalSaleId: original.saleId,
    })
    expect(storno.lines.map((l) => [l.lineNo, l.name, l.quantity, l.total])).toEqual([
      [line.lineNo, line.name, -1, -99],
    ])
    // The receipt says RÜCKGABE (the original bon stands: no STORNO of it), names the original
    // receipt and lists only the returned line.
    expect(result.receipt.title).toBe('RÜCKGABE')
    expect(result.receipt.meta).toContainEqual({
      label: 'Rückgabe zu Beleg',
      value: String(original.receiptNo),
    })
    const paper = paperLines(t.app).join('\n')
    expect(paper).toContain('RÜCKGABE')
    expect(paper).not.toContain('STORNO')
    const document = JSON.stringify(result.receipt)
    expect(document).toContain(line.name)
    expect(document).not.toContain('Roggenbrot')
    // X report: the storno counts with its amount, the drawer holds 99 cents less.
    const after = t.app.journal.xReport()
    expect(after.stornoCount).toBe(before.stornoCount + 1)
    expect(after.stornoTotal).toBe(before.stornoTotal - 99)
    expect(after.total).toBe(before.total - 99)
    expect(after.cash.expected).toBe(before.cash.expected - 99)
  })

  it('refuses returning a line more often than it was sold, across several partial returns', async () => {
    t = await createTestApp()
    const original = cashSale(t.app)
    await login(t.app, 'chefin', '9999')
    const line = brotchenLine(original.saleId)
    const ret = (quantity: number) =>
      call<StornoResultView>(t.app, 'storno.partial', {
        saleId: original.saleId,
        lines: [{ lineNo: line.lineNo, quantity }],
        reason: 'zurück',
      })

    expect(
      await failure(t.app, 'storno.partial', {
        saleId: original.saleId,
        lines: [{ lineNo: line.lineNo, quantity: 3 }],
        reason: 'zu viel',
      }),
    ).toMatchObject({ code: 'CONFLICT', messageKey: 'journal.error.overReturn', params: { left: 2 } })
    await ret(1)
    pastDrawerBusy(t.clock)
    await ret(1)
    pastDrawerBusy(t.clock)
    expect(
      await failure(t.app, 'storno.partial', {
        saleId: original.saleId,
        lines: [{ lineNo: line.lineNo, quantity: 1 }],
        reason: 'noch eins',
      }),
    ).toMatchObject({ code: 'CONFLICT', messageKey: 'journal.error.overReturn', params: { left: 0 } })
    const returnable = await call<{ lines: { lineNo: number; sold: number; returned: number }[] }>(
      t.app,
      'storno.returnable',
      { saleId: original.saleId },
    )
    expect(returnable.lines.find((l) => l.lineNo === line.lineNo)).toMatchObject({ sold: 2, returned: 2 })
    // Two partial stornos of 99 cents each; nothing else was returned.
    expect(t.app.journal.xReport().stornoTotal).toBe(-198)
    // A whole storno after partial returns would give back more than was left: refused.
    expect(
      await failure(t.app, 'storno.execute', { saleId: original.saleId, reason: 'alles' }),
    ).toMatchObject({ code: 'CONFLICT', messageKey: 'journal.error.alreadyStornoed' })
  })

  it('needs a manager and refuses a card-paid receipt (the API cancels only whole transactions)', async () => {
    t = await createTestApp()
    const { sale: card } = await cardSale(t.app)
    await login(t.app, 'anna', '1111')
    const line = t.app.journal.sale(card.saleId)!.lines[0]
    expect(
      await failure(t.app, 'storno.partial', {
        saleId: card.saleId,
        lines: [{ lineNo: line.lineNo, quantity: 1 }],
        reason: 'x',
      }),
    ).toMatchObject({ code: 'FORBIDDEN', messageKey: 'seller.error.managerRequired' })
    expect(
      await failure(t.app, 'storno.partial', {
        saleId: card.saleId,
        lines: [{ lineNo: line.lineNo, quantity: 1 }],
        reason: 'x',
        managerPin: '9999',
      }),
    ).toMatchObject({ code: 'CONFLICT', messageKey: 'backoffice.error.partialCashOnly' })
    expect(t.app.journal.sale(card.saleId)!.stornoSaleId).toBeUndefined()
  })

  it('a returned bottle takes its deposit along, a discounted roll goes back pro rata, the drawer pays the sum', async () => {
    t = await createTestApp()
    const lines: SaleLineInput[] = [
      {
        productId: 'wasser',
        name: 'Mineralwasser 0,5 l',
        quantity: 2,
        unitPrice: 180,
        total: 360,
        vatRate: 19,
        lineId: 'w',
      },
      {
        productId: 'pfand-einweg',
        name: 'Pfand Einweg',
        quantity: 2,
        unitPrice: 25,
        total: 50,
        vatRate: 19,
        lineId: 'p',
        deposit: true,
        depositFor: 'w',
      },
      {
        productId: 'berliner',
        name: 'Berliner',
        quantity: 3,
        unitPrice: 160,
        total: 380,
        vatRate: 7,
        discount: {
          kind: 'amount',
          value: 100,
          amount: 100,
          reasonId: 'personal',
          reason: 'Personal',
          managerId: null,
          scope: 'line',
        },
      },
    ]
    const original = cashSale(t.app, { lines })
    await login(t.app, 'chefin', '9999')
    const returnable = await call<{
      lines: { lineNo: number; wholeOnly: boolean; deposit?: boolean; depositFor?: number | null }[]
    }>(t.app, 'storno.returnable', { saleId: original.saleId })
    expect(
      returnable.lines.map((l) => [l.lineNo, l.wholeOnly, l.deposit ?? false, l.depositFor ?? null]),
    ).toEqual([
      [1, false, false, null],
      [2, false, true, 1],
      [3, false, false, null],
    ])

    // The dialog shows main's figure before anything is booked.
    const salesBefore = t.app.journal.sales({ limit: 1000 }).length
    const quote = await call<{
      lines: { lineNo: number; quantity: number; refund: number }[]
      total: number
    }>(t.app, 'storno.returnQuote', {
      saleId: original.saleId,
      lines: [
        { lineNo: 1, quantity: 1 },
        { lineNo: 3, quantity: 1 },
      ],
    })
    expect(quote).toEqual({
      lines: [
        expect.objectContaining({ lineNo: 1, quantity: 1, refund: 180 }),
        expect.objectContaining({ lineNo: 2, quantity: 1, refund: 25 }),
        expect.objectContaining({ lineNo: 3, quantity: 1, refund: 126 }),
      ],
      total: 331,
    })
    expect(t.app.journal.sales({ limit: 1000 })).toHaveLength(salesBefore)

    const result = await call<StornoResultView>(t.app, 'storno.partial', {
      saleId: original.saleId,
      lines: [
        { lineNo: 1, quantity: 1 },
        { lineNo: 3, quantity: 1 },
      ],
      reason: 'Ware zurückgebracht',
    })
    // 1,80 € bottle + 0,25 € its deposit + 1,26 € (a third of 3,80 €, rounded down).
    expect(result).toMatchObject({ cashRefund: 180 + 25 + 126, drawer: 'opened' })
    const storno = t.app.journal.sale(result.stornoSaleId)!
    expect(storno.lines.map((l) => [l.lineNo, l.quantity, l.total])).toEqual([
      [1, -1, -180],
      [2, -1, -25],
      [3, -1, -126],
    ])
    expect(JSON.stringify(result.receipt)).toContain('Pfand Einweg')
    // Empties of the other bottle alone, then the last two rolls: exactly what was paid in all.
    pastDrawerBusy(t.clock)
    const empties = await call<StornoResultView>(t.app, 'storno.partial', {
      saleId: original.saleId,
      lines: [{ lineNo: 2, quantity: 1 }],
      reason: 'Leergut',
    })
    expect(empties.cashRefund).toBe(25)
    pastDrawerBusy(t.clock)
    const rest = await call<StornoResultView>(t.app, 'storno.partial', {
      saleId: original.saleId,
      lines: [
        { lineNo: 1, quantity: 1 },
        { lineNo: 3, quantity: 2 },
      ],
      reason: 'Rest',
    })
    // The last bottle goes back without deposit (already paid back as empties); rolls 1,27 + 1,27.
    expect(rest.cashRefund).toBe(180 + 254)
    expect(result.cashRefund + empties.cashRefund + rest.cashRefund).toBe(original.total)
  })

  it('a return interrupted during its payout is finished by the next return of that receipt', async () => {
    t = await createTestApp()
    const original = cashSale(t.app)
    await login(t.app, 'chefin', '9999')
    const line = brotchenLine(original.saleId)
    // The process stopped after the refund's intent was written: the return is open, its cash unknown.
    const open = t.app.journal.recordPartialStorno({
      originalSaleId: original.saleId,
      sellerId: 'chefin',
      reason: 'zurück',
      lines: [{ lineNo: line.lineNo, quantity: 1 }],
    })
    t.app.journal.recordPaymentIntent({ saleId: open.saleId, method: 'cash', amount: -99, step: 'refund' })
    const before = t.app.devices.virtual.drawer!.kicks

    const result = await call<StornoResultView>(t.app, 'storno.partial', {
      saleId: original.saleId,
      lines: [{ lineNo: line.lineNo, quantity: 1 }],
      reason: 'noch einmal',
    })
    // The open return is the one finished: its line, its amount, one payout through the drawer.
    expect(result).toMatchObject({ stornoSaleId: open.saleId, cashRefund: 99, drawer: 'opened' })
    expect(t.app.devices.virtual.drawer!.kicks).toBe(before + 1)
    expect(t.app.journal.sale(open.saleId)).toMatchObject({ status: 'completed', paid: -99, total: -99 })
    // The second roll is a further return after it.
    pastDrawerBusy(t.clock)
    const next = await call<StornoResultView>(t.app, 'storno.partial', {
      saleId: original.saleId,
      lines: [{ lineNo: line.lineNo, quantity: 1 }],
      reason: 'zweites',
    })
    expect(next.stornoSaleId).not.toBe(open.saleId)
    expect(next.cashRefund).toBe(99)
  })
})
