// Every TSE transaction the till starts ends up in the DSFinV-K export with a bon: a basket emptied
// before payment and a transaction a crash left open are cancelled (AVBelegabbruch) and journaled as
// aborted bons, so an auditor who lays the TSE's transaction numbers beside transactions_tse.csv finds
// no gap. Demo mode: the embedded TSE simulator over HTTP.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { exportClosing } from '../../helpers/dsfinvk-export'
import { call, login } from '../../helpers/sales'
import { checkoutApp, type CheckoutTestApp } from '../checkout/helpers'
import { STAMMKUNDE } from '../checkout/fixtures'

let t: CheckoutTestApp | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
})

/** The aborted bons of the journal with the TSE record that claims each. */
function abortedBons(app: CheckoutTestApp['app']) {
  return app.journal.tse
    .all()
    .filter((r) => r.state === 'cancelled' && r.saleId !== null)
    .map((r) => ({ record: r, sale: app.journal.sale(r.saleId!)! }))
}

describe('aborted processes have their bon', () => {
  it('a cleared basket becomes an AVBelegabbruch bon with the lines it had, claimed by its cancelled TSE transaction', async () => {
    t = await checkoutApp()
    await t.basket([{ productId: 'kaffee', quantity: 2 }, { productId: 'wasser' }])
    await t.app.fiscal.settled()
    await t.send('basket.clear')
    await t.app.fiscal.settled()
    const [bon, ...more] = abortedBons(t.app)
    expect(more).toEqual([])
    expect(bon!.record.processData).toBe('AVBelegabbruch^0.00_0.00_0.00_0.00_0.00^')
    expect(bon!.sale).toMatchObject({ status: 'aborted', sellerId: 'anna', paid: 0 })
    expect(bon!.sale.receiptNo).toBeUndefined()
    expect(bon!.sale.lines.map((l) => [l.productId, l.quantity])).toEqual([
      ['kaffee', 2],
      ['wasser', 1],
    ])
    // Started and cancelled: the same TSE transaction, no other left unclaimed.
    const rows = t.app.journal.tse.all()
    expect(rows.map((r) => [r.state, r.txId])).toEqual([
      ['started', bon!.record.txId],
      ['cancelled', bon!.record.txId],
    ])
  })

  it('the bon commits with its cancelled record: when the record cannot be written neither is kept, and the read-back writes both', async () => {
    t = await checkoutApp()
    await t.basket([{ productId: 'kaffee' }])
    await t.app.fiscal.settled()
    const tseJournal = t.app.journal.tse
    const record = tseJournal.record.bind(tseJournal)
    let refused = 0
    tseJournal.record = (input) => {
      if (input.state !== 'cancelled') return record(input)
      refused++
      tseJournal.record = record
      throw new Error('disk I/O error')
    }
    await t.send('basket.clear')
    await vi.waitFor(() => expect(refused).toBe(1), { timeout: 3000 })
    expect(t.app.journal.sale(1)).toBeUndefined()
    // The cancellation did reach the TSE; the read-back (after 1 s) records it with its bon.
    await vi.waitFor(() => expect(abortedBons(t!.app)).toHaveLength(1), { timeout: 5000 })
    const [bon] = abortedBons(t.app)
    expect(bon!.sale.lines.map((l) => l.productId)).toEqual(['kaffee'])
    expect(t.app.journal.tse.all().filter((r) => r.state === 'cancelled')).toHaveLength(1)
  })

  it('lines the journal refuses do not keep the cancellation out: the bon goes without them, the record is written', async () => {
    t = await checkoutApp()
    await t.basket([{ productId: 'kaffee' }])
    await t.app.fiscal.settled()
    const journal = t.app.journal
    const write = journal.recordAbortedProcess.bind(journal)
    journal.recordAbortedProcess = (input) => {
      if (input.lines.length > 0) throw new Error('line refused')
      return write(input)
    }
    await t.send('basket.clear')
    await t.app.fiscal.settled()
    const [bon, ...more] = abortedBons(t.app)
    expect(more).toEqual([])
    expect(bon!.sale).toMatchObject({ status: 'aborted', sellerId: 'anna', lines: [] })
    expect(bon!.record.processData).toMatch(/^AVBelegabbruch\^/)
  })

  it('a basket emptied by voiding its last line: the bon keeps the line it had before it was emptied', async () => {
    t = await checkoutApp()
    await t.basket([{ productId: 'kaffee' }])
    await t.app.fiscal.settled()
    const lineId = (await t.send<{ basket: { lines: { lineId: string }[] } }>('register.view')).basket
      .lines[0]!.lineId
    await t.send('basket.voidLine', { lineId })
    await t.app.fiscal.settled()
    const [bon] = abortedBons(t.app)
    expect(bon!.sale.lines.map((l) => l.productId)).toEqual(['kaffee'])
    expect(bon!.sale.status).toBe('aborted')
  })

  it('a transaction a crash left ACTIVE is cancelled on start and journaled as a bon without lines, the till as its operator, starting when the transaction did', async () => {
    t = await checkoutApp()
    const tse = t.app.fiscalDevice.tse!
    await tse.start('44444444-4444-4444-8444-444444444444')
    // The till comes back a while after the crash: the TSE's clock has seconds.
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    const report = await t.app.fiscal.recover()
    expect(report.cancelled).toEqual(['44444444-4444-4444-8444-444444444444'])
    const [bon, ...more] = abortedBons(t.app)
    expect(more).toEqual([])
    expect(bon!.record.txId).toBe('44444444-4444-4444-8444-444444444444')
    expect(bon!.sale).toMatchObject({ status: 'aborted', sellerId: 'Kasse', lines: [], total: 0 })
    // The bon starts when its process did (the TSE transaction's start), not when it was written.
    expect(bon!.sale.startedAt).toBe(bon!.record.startTime)
    expect(Date.parse(bon!.record.endTime!) - Date.parse(bon!.sale.startedAt)).toBeGreaterThanOrEqual(1_000)
  })

  it("a day with a sale, a cleared basket, a cancelled card payment and a crash's leftover: every TSE transaction number is in transactions_tse.csv, each with its bon", async () => {
    t = await checkoutApp()
    const app = t.app
    // A paid sale.
    await t.basket([{ productId: 'kaffee', quantity: 2 }])
    expect((await t.run('checkout.payCash', { tendered: 2000 })).phase).toBe('paid')
    await t.run('checkout.done')
    // A basket rung up and cleared.
    await t.basket([{ productId: 'wasser', quantity: 3 }])
    await app.fiscal.settled()
    await t.send('basket.clear')
    // A card payment cancelled at the till, then the basket cleared.
    await t.basket([{ productId: 'kaffee' }])
    await t.run('card.attach', { cardNumber: STAMMKUNDE })
    await t.run('checkout.applyCard')
    expect((await t.run('checkout.cancel')).phase).toBe('open')
    await app.fiscal.settled()
    await t.send('basket.clear')
    // A transaction only the TSE knows (its start's answer was lost in a crash).
    await app.fiscalDevice.tse!.start('55555555-5555-4555-8555-555555555555')
    await app.fiscal.recover()
    await app.fiscal.settled()
    await app.checkout.idle()

    await login(app, 'chefin', '9999')
    await call(app, 'report.z', { denominations: [] })
    const { check, errors } = await exportClosing(app)
    expect(errors).toEqual([])

    const atTse = [...app.fiscalDevice.simulator!.store.tss.values()]
      .flatMap((tss) => [...tss.txs.values()])
      .filter((tx) => tx.clientId !== undefined && tx.state !== 'ACTIVE')
      .map((tx) => tx.number)
      .sort((a, b) => a - b)
    // The sale, the cleared basket, the cancelled payment's bon, the basket cleared after it, the
    // leftover, and the Z's head anchor (exported with the closing): nothing is left open.
    expect(atTse).toHaveLength(6)
    const tseRows = check.files.get('transactions_tse.csv')!
    const exported = tseRows.map((r) => Number(r.TSE_TANR)).sort((a, b) => a - b)
    const bonsOfTse = new Set(tseRows.map((r) => r.BON_ID))
    expect(exported).toEqual(atTse)
    const bons = check.files.get('transactions.csv')!
    const typeOf = new Map(bons.map((b) => [b.BON_ID, b.BON_TYP]))
    for (const id of bonsOfTse) expect(typeOf.has(id)).toBe(true)
    expect(bons.filter((b) => b.BON_TYP === 'AVBelegabbruch')).toHaveLength(4)
  })
})
