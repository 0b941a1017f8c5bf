// Storno end to end through app.dispatch: demo config, embedded simulator, virtual printer and drawer.
import { afterEach, describe, expect, it } from 'vitest'
import type { ReceiptView, StornoResultView } from '../../../common/journal'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import {
  call,
  cardSale,
  cashSale,
  failure,
  login,
  paperLines,
  pastDrawerBusy,
  recordEvents,
  STAMMKUNDE,
  terminalSale,
} from '../../helpers/sales'

let t: TestApp
afterEach(async () => t?.dispose())

const printedText = () => paperLines(t.app)
const cardBalances = (card: string) => {
  const c = t.app.api.simulator!.card(card) as { cash_balance: number; bonus_balance: number }
  return { cash: c.cash_balance, bonus: c.bonus_balance }
}
const nextMoment = () => pastDrawerBusy(t.clock)

describe('storno of a cash sale', () => {
  it('books a negative storno sale, pays the cash out through the drawer and prints a STORNO receipt', async () => {
    t = await createTestApp()
    const events = recordEvents(t.app)
    const original = cashSale(t.app, { tendered: 1000 })
    await login(t.app, 'chefin', '9999')
    const kicks = t.app.devices.virtual.drawer!.kicks

    const result = await call<StornoResultView>(t.app, 'storno.execute', {
      saleId: original.saleId,
      reason: 'Kunde hat storniert',
    })

    expect(result).toMatchObject({
      receiptNo: original.receiptNo! + 1,
      cashRefund: 796,
      cardRefund: 0,
      print: 'printed',
      drawer: 'opened',
    })
    expect(t.app.devices.virtual.drawer!.kicks).toBe(kicks + 1)
    const storno = t.app.journal.sale(result.stornoSaleId)!
    expect(storno).toMatchObject({
      kind: 'storno',
      status: 'completed',
      total: -796,
      paid: -796,
      originalSaleId: original.saleId,
      sellerId: 'chefin',
      reason: 'Kunde hat storniert',
    })
    expect(storno.lines.map((l) => [l.quantity, l.total])).toEqual([
      [-1, -349],
      [-1, -249],
      [-2, -198],
    ])
    expect(storno.payments).toMatchObject([
      {
        method: 'cash',
        amount: -796,
        settled: -796,
        steps: [{ step: 'refund', outcome: { status: 'settled' } }],
      },
    ])
    // The original is untouched except for the link to its storno.
    expect({ ...t.app.journal.sale(original.saleId)!, stornoSaleId: undefined }).toEqual({
      ...original,
      stornoSaleId: undefined,
    })
    expect(t.app.journal.sale(original.saleId)!.stornoSaleId).toBe(result.stornoSaleId)
    // The opening is logged with its reason; the X report counts it and the cash taken back.
    expect(t.app.journal.xReport().cash).toMatchObject({ cashSales: 0, drawerOpenings: 1 })

    expect(result.receipt).toMatchObject({
      title: 'STORNO',
      total: { amount: -796 },
      payments: [{ label: 'Bar', amount: -796 }],
    })
    expect(result.receipt.meta).toContainEqual({
      label: 'Storno zu Beleg',
      value: String(original.receiptNo),
    })
    expect(result.receipt.items.map((i) => i.total)).toEqual([-349, -249, -198])
    const paper = printedText()
    expect(paper.some((l) => l.includes('STORNO'))).toBe(true)
    expect(paper.some((l) => l.includes(`Storno zu Beleg`) && l.includes(String(original.receiptNo)))).toBe(
      true,
    )
    expect(paper.some((l) => l.includes('-7,96'))).toBe(true)
    // Kept in the journal with its print outcome.
    expect(storno.receipts).toMatchObject([
      { kind: 'storno', receiptId: result.receiptId, prints: [{ status: 'printed' }] },
    ])
    expect(events.filter((e) => e.type === 'journal.changed').map((e) => e.payload)).toContainEqual({
      kind: 'storno',
      saleId: result.stornoSaleId,
    })
  })

  it('refuses a second storno of the same sale and a storno of a storno, with clear keys', async () => {
    t = await createTestApp()
    const original = cashSale(t.app)
    await login(t.app, 'chefin', '9999')
    const { stornoSaleId } = await call<StornoResultView>(t.app, 'storno.execute', {
      saleId: original.saleId,
      reason: 'falsch gebucht',
    })
    nextMoment()
    expect(
      await failure(t.app, 'storno.execute', { saleId: original.saleId, reason: 'nochmal' }),
    ).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'journal.error.alreadyStornoed',
      params: { receiptNo: original.receiptNo! + 1 },
    })
    expect(await failure(t.app, 'storno.execute', { saleId: stornoSaleId, reason: 'zurück' })).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'backoffice.error.stornoOfStorno',
    })
    expect(await failure(t.app, 'storno.execute', { saleId: 999, reason: 'x' })).toMatchObject({
      code: 'NOT_FOUND',
      messageKey: 'journal.error.unknownSale',
    })
    const open = t.app.journal.beginSale({
      sellerId: 'anna',
      lines: [{ productId: 'b', name: 'Brezel', quantity: 1, unitPrice: 80, total: 80, vatRate: 7 }],
    })
    expect(await failure(t.app, 'storno.execute', { saleId: open.saleId, reason: 'x' })).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'journal.error.stornoNotAllowed',
    })
  })

  it('keeps the storno when the printer fails; the receipt waits and prints as the original, then as a copy', async () => {
    t = await createTestApp()
    const original = cashSale(t.app)
    await login(t.app, 'chefin', '9999')
    t.app.devices.virtual.printer!.emulator.set({ paperOut: true })
    const result = await call<StornoResultView>(t.app, 'storno.execute', {
      saleId: original.saleId,
      reason: 'Papier leer',
    })
    expect(result.print).toBe('failed')
    expect(t.app.journal.sale(result.stornoSaleId)).toMatchObject({
      status: 'completed',
      receipts: [{ kind: 'storno', prints: [{ status: 'failed' }] }],
    })

    t.app.devices.virtual.printer!.emulator.set({ paperOut: false })
    t.app.devices.virtual.printer!.emulator.clearRecording()
    // Paper out before the job: nothing reached the printer, so the storno receipt prints as the original.
    const again = await call<{ print: string; receipt: ReceiptView }>(t.app, 'receipt.reprint', {
      receiptId: result.receiptId,
    })
    expect(again.print).toBe('printed')
    expect(again.receipt).toMatchObject({ receiptId: result.receiptId, kind: 'storno' })
    expect(printedText().some((l) => l.includes('KOPIE'))).toBe(false)
    expect(printedText().some((l) => l.includes('STORNO') || l.includes('Storno'))).toBe(true)
    // Now it is on paper: the next reprint is a copy.
    const copy = await call<{ print: string }>(t.app, 'receipt.reprint', { receiptId: result.receiptId })
    expect(copy.print).toBe('printed')
    expect(printedText().filter((l) => l.includes('KOPIE')).length).toBeGreaterThan(0)
  })
})

describe('storno of a card sale', () => {
  it('cancels the secuconnect transaction once, restores the card balance and pays the cash part out', async () => {
    t = await createTestApp()
    const sim = t.app.api.simulator!
    await t.app.api.ready
    const before = cardBalances(STAMMKUNDE)
    const { sale, transactionId, fromCard, cash } = await cardSale(t.app)
    expect({ fromCard, cash }).toEqual({ fromCard: 220, cash: 576 })
    expect(cardBalances(STAMMKUNDE)).not.toEqual(before)
    await login(t.app, 'chefin', '9999')

    const result = await call<StornoResultView>(t.app, 'storno.execute', {
      saleId: sale.saleId,
      reason: 'Reklamation',
    })

    expect(result).toMatchObject({ cardRefund: 220, cashRefund: 576, drawer: 'opened', print: 'printed' })
    expect(sim.transaction(transactionId)).toMatchObject({ status: 'cancelled', cancels: 1 })
    expect(cardBalances(STAMMKUNDE)).toEqual(before)
    const storno = t.app.journal.sale(result.stornoSaleId)!
    expect(storno.payments).toMatchObject([
      {
        method: 'loyalty',
        amount: -220,
        settled: -220,
        transactionId,
        steps: [{ step: 'cancel', outcome: { status: 'settled' } }],
      },
      {
        method: 'cash',
        amount: -576,
        settled: -576,
        steps: [{ step: 'refund', outcome: { status: 'settled' } }],
      },
    ])
    // The API's STORNO lines are on the storno receipt and on paper.
    const apiTexts = result.receipt.apiLines.map((l) => JSON.stringify(l))
    expect(apiTexts.some((l) => l.includes('STORNO'))).toBe(true)
    expect(apiTexts.some((l) => l.includes('Stornierter Betrag'))).toBe(true)
    expect(printedText().some((l) => l.includes('Stornierter Betrag'))).toBe(true)
    expect(result.receipt.payments).toEqual([
      { label: 'Kundenkarte', amount: -220 },
      { label: 'Bar', amount: -576 },
    ])
  })

  it('cancels a terminal payment without opening the drawer', async () => {
    t = await createTestApp()
    const { sale, transactionId } = await terminalSale(t.app)
    await login(t.app, 'chefin', '9999')
    const kicks = t.app.devices.virtual.drawer!.kicks
    const result = await call<StornoResultView>(t.app, 'storno.execute', {
      saleId: sale.saleId,
      reason: 'Doppelt bezahlt',
    })
    expect(result).toMatchObject({ cardRefund: 796, cashRefund: 0, drawer: 'not-needed' })
    expect(t.app.devices.virtual.drawer!.kicks).toBe(kicks)
    expect(t.app.api.simulator!.transaction(transactionId)).toMatchObject({ status: 'cancelled', cancels: 1 })
  })

  it('never sends a cancel twice: an unknown outcome is read back on the next attempt', async () => {
    t = await createTestApp()
    const sim = t.app.api.simulator!
    const { sale, transactionId } = await cardSale(t.app)
    await login(t.app, 'chefin', '9999')
    // The cancel happens, the answer is lost, and reading the transaction back fails too.
    sim.injectFault({ path: '/api/v2/Smart/Transactions/*/cancel', kind: 'reset', afterEffect: true })
    sim.injectFault({
      path: '/api/v2/Smart/Transactions/*',
      method: 'GET',
      kind: 'status',
      status: 503,
      times: 3,
    })

    expect(await failure(t.app, 'storno.execute', { saleId: sale.saleId, reason: 'Netz weg' })).toMatchObject(
      { messageKey: 'backoffice.error.cancelUnknown' },
    )
    const pending = t.app.journal.sale(t.app.journal.sale(sale.saleId)!.stornoSaleId!)!
    expect(pending).toMatchObject({ status: 'open', paid: 0 })
    expect(pending.payments[0].openIntentIds).toHaveLength(1)
    expect(sim.transaction(transactionId)).toMatchObject({ status: 'cancelled', cancels: 1 })
    // Still resumable: the detail view offers the storno again.
    await expect(call(t.app, 'journal.sale', { saleId: sale.saleId })).resolves.toMatchObject({
      canStorno: true,
    })

    sim.clearFaults()
    const result = await call<StornoResultView>(t.app, 'storno.execute', {
      saleId: sale.saleId,
      reason: 'Netz wieder da',
    })
    expect(result).toMatchObject({ stornoSaleId: pending.saleId, cardRefund: 220, cashRefund: 576 })
    expect(sim.transaction(transactionId)).toMatchObject({ status: 'cancelled', cancels: 1 })
    expect(sim.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/cancel'))).toHaveLength(1)
    expect(result.receipt.apiLines.some((l) => JSON.stringify(l).includes('STORNO'))).toBe(true)
  })

  it('drops the storno attempt when secuconnect refuses the cancel; nothing is refunded and no number is used', async () => {
    t = await createTestApp()
    const sim = t.app.api.simulator!
    const { sale } = await cardSale(t.app)
    // The bonus collected by the sale was spent since: the simulator cannot take it back (code 1007).
    sim.updateCard(STAMMKUNDE, { bonus_balance: 0 })
    await login(t.app, 'chefin', '9999')
    const kicks = t.app.devices.virtual.drawer!.kicks

    expect(await failure(t.app, 'storno.execute', { saleId: sale.saleId, reason: 'zu spät' })).toMatchObject({
      code: 'API',
      messageKey: 'backoffice.error.cancelRefused',
    })
    expect(t.app.devices.virtual.drawer!.kicks).toBe(kicks)
    const summaries = t.app.journal.sales()
    expect(summaries.find((s) => s.kind === 'storno')).toMatchObject({ status: 'aborted' })
    await expect(call(t.app, 'journal.sale', { saleId: sale.saleId })).resolves.toMatchObject({
      canStorno: true,
    })
    // The next sale takes the next number: the refused storno used none.
    expect(cashSale(t.app).receiptNo).toBe(sale.receiptNo! + 1)
  })
})

describe('who may storno', () => {
  it('needs a manager: by role, or with a manager PIN for this one action', async () => {
    t = await createTestApp()
    const first = cashSale(t.app)
    const second = cashSale(t.app)
    expect(await failure(t.app, 'storno.execute', { saleId: first.saleId, reason: 'x' })).toMatchObject({
      code: 'FORBIDDEN',
      messageKey: 'seller.error.managerRequired',
    })
    await login(t.app, 'anna', '1111')
    expect(await failure(t.app, 'storno.execute', { saleId: first.saleId, reason: 'x' })).toMatchObject({
      code: 'FORBIDDEN',
      messageKey: 'seller.error.managerRequired',
    })
    expect(
      await failure(t.app, 'storno.execute', { saleId: first.saleId, reason: 'x', managerPin: '2222' }),
    ).toMatchObject({ code: 'FORBIDDEN', messageKey: 'seller.error.wrongPin' })
    expect(t.app.journal.sale(first.saleId)!.stornoSaleId).toBeUndefined()

    const byPin = await call<StornoResultView>(t.app, 'storno.execute', {
      saleId: first.saleId,
      reason: 'Chefin war da',
      managerPin: '9999',
    })
    expect(t.app.journal.sale(byPin.stornoSaleId)!.sellerId).toBe('chefin')
    // The PIN authorised one action; Anna is still the active seller and still no manager.
    expect(t.app.journal.sale(first.saleId)!.stornoSaleId).toBe(byPin.stornoSaleId)
    nextMoment()
    expect(await failure(t.app, 'storno.execute', { saleId: second.saleId, reason: 'x' })).toMatchObject({
      messageKey: 'seller.error.managerRequired',
    })
  })
})
