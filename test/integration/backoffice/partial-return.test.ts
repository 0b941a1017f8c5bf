// Partial storno (Positionen zurücknehmen) end to end through app.dispatch: demo config, embedded
// simulator, virtual printer and drawer. The sale: Roggenbrot 349, Croissant 249, 2 × Brötchen 99.
import { afterEach, describe, expect, it } from 'vitest'
import type { StornoResultView } from '../../../common/journal'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import { call, cardSale, cashSale, failure, login, paperLines, pastDrawerBusy } from '../../helpers/sales'

let t: TestApp
afterEach(async () => t?.dispose())

const brotchenLine = (saleId: number) => t.app.journal.sale(saleId)!.lines.find((l) => l.quantity === 2)!

describe('partial storno of a past receipt', () => {
  it('returns one of two rolls: a storno sale with only that line negated, cash paid out, STORNO receipt', async () => {
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
    // The STORNO receipt names the original receipt and lists only the returned line.
    const paper = paperLines(t.app).join('\n')
    expect(paper).toContain('STORNO')
    expect(paper).toContain(String(original.receiptNo))
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
})
