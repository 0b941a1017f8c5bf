// Unknown outcomes: when the answer to a start is lost, the checkout reads the transaction back
// (phase "reconciling") and never starts it a second time, whatever the cashier presses.
import { afterEach, describe, expect, it } from 'vitest'
import type { CheckoutView } from '../../../common/checkout'
import { appConfig } from '../../../common/config'
import { createTestApp } from '../../helpers/test-app'
import { BASKET_796, checkoutApp, STAMMKUNDE, type CheckoutTestApp } from './helpers'

let t: CheckoutTestApp
afterEach(async () => t?.dispose())

const READS = {
  path: '/api/v2/Smart/Transactions/*',
  method: 'GET',
  kind: 'status',
  status: 503,
  persistent: true,
} as const

describe('reconciling', () => {
  it(
    'a start whose answer is lost is read back until known, and a second pay command only reads again',
    { timeout: 15_000 },
    async () => {
      t = await checkoutApp({ receipt: { policy: 'never' } })
      await t.basket(BASKET_796)
      await t.run('card.attach', { cardNumber: STAMMKUNDE })
      await t.run('checkout.applyCard')
      // The start takes effect, the connection drops before the answer, and reading back fails too.
      t.sim.injectFault({
        path: '/api/v2/Smart/Transactions/*/start/cash',
        method: 'POST',
        kind: 'reset',
        afterEffect: true,
      })
      t.sim.injectFault(READS)
      const phases: string[] = []
      t.app.events.subscribe((m) => void (m.type === 'checkout.changed' && phases.push(m.payload.phase)))

      await t.send('checkout.payCash', {})
      await expect
        .poll(async () => (await t.view()).phase, { timeout: 8000, interval: 100 })
        .toBe('reconciling')
      const waiting = await t.view()
      expect(waiting).toMatchObject({
        busy: { messageKey: 'checkout.busy.reconciling' },
        error: { messageKey: 'checkout.error.unknownOutcome' },
        fromCard: 220,
        due: 576,
      })
      const [tx] = t.sim.transactions()
      expect(tx).toMatchObject({ status: 'ok', starts: 1 })
      // The intents are written, their outcome is not: the journal says "in flight".
      expect(t.app.journal.unfinished().sales.map((u) => u.state)).toEqual(['in-flight'])

      // The cashier presses "cash" again: main reads back instead of paying twice.
      const again = await t.send<CheckoutView>('checkout.payCash', {})
      expect(['reconciling']).toContain(again.phase)
      await expect(t.send('checkout.cancel')).rejects.toThrow(/checkout\.error\.(wrongPhase|busy)/)
      await expect(t.send('basket.clear')).rejects.toThrow('register.error.paymentRunning')

      t.sim.clearFaults()
      await expect.poll(async () => (await t.view()).phase, { timeout: 5000, interval: 50 }).toBe('paid')
      await t.app.checkout.idle()
      const paid = await t.view()
      expect(paid.result).toMatchObject({
        payments: [
          { kind: 'loyalty', amount: 200 },
          { kind: 'cash', amount: 576 },
        ],
        drawer: 'opened',
      })
      expect(t.sim.transaction(tx.id)).toMatchObject({ starts: 1 })
      expect(t.sim.requests().filter((r) => r.path.endsWith('/start/cash'))).toHaveLength(1)
      expect(phases).toContain('reconciling')
      expect(t.app.journal.unfinished().sales).toEqual([])
      expect(t.app.journal.sales().filter((s) => s.status === 'completed')).toHaveLength(1)
    },
  )

  it('a start that provably did not happen (read back: not paid) fails cleanly and may be tried again', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    await t.basket(BASKET_796)
    await t.run('card.attach', { cardNumber: STAMMKUNDE })
    t.sim.injectFault({ path: '/api/v2/Smart/Transactions/*/start/cash', method: 'POST', kind: 'reset' })
    const failed = await t.run('checkout.payCash', {})
    expect(failed).toMatchObject({
      phase: 'failed',
      error: { messageKey: 'checkout.error.network' },
      actions: ['retry', 'remove-card', 'cancel'],
    })
    const sale = t.app.journal.sale(failed.saleId!)!
    expect(sale.payments[0].steps.map((s) => [s.step, s.outcome?.status])).toEqual([
      ['create', 'done'],
      ['start', 'failed'],
    ])
    const paid = await t.run('checkout.payCash', {})
    expect(paid.result).toMatchObject({ payments: [{ kind: 'cash', amount: 796 }] })
    expect(t.sim.transactions().map((x) => x.starts)).toEqual([1])
  })

  it('a create that fails moves no money: failed, retry creates it', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    await t.basket([{ productId: 'kaffee' }])
    t.sim.injectFault({ path: '/api/v2/Smart/Transactions', method: 'POST', kind: 'status', status: 503 })
    const failed = await t.run('checkout.payTerminal')
    expect(failed).toMatchObject({
      phase: 'failed',
      error: { messageKey: 'checkout.error.apiUnavailable' },
      actions: ['pay-cash', 'retry', 'cancel'],
    })
    const paid = await t.run('checkout.payTerminal')
    expect(paid.result).toMatchObject({ payments: [{ kind: 'terminal', amount: 260 }] })
  })
})

describe('a step that throws (journal or device bug)', () => {
  it('after the start took effect: the sale is read back and completed, never started twice', async () => {
    let armed = true
    t = await checkoutApp(
      { receipt: { policy: 'never' } },
      {
        hooks: {
          at(point) {
            if (point === 'start.called' && armed) {
              armed = false
              throw new Error('simulated bug between the answer and its outcome')
            }
          },
        },
      },
    )
    await t.basket(BASKET_796)
    await t.run('card.attach', { cardNumber: STAMMKUNDE })
    await t.run('checkout.applyCard')
    await t.send('checkout.payCash', {})
    await expect.poll(async () => (await t.view()).phase, { timeout: 5000, interval: 50 }).toBe('paid')
    await t.app.checkout.idle()
    expect((await t.view()).result).toMatchObject({
      payments: [
        { kind: 'loyalty', amount: 200 },
        { kind: 'cash', amount: 576 },
      ],
    })
    expect(t.sim.transactions().map((x) => x.starts)).toEqual([1])
    expect(t.app.journal.unfinished().sales).toEqual([])
    expect(t.logger.entries.some((e) => e.event === 'checkout.step-failed')).toBe(true)
  })

  it('after completion: the basket is released, no second payment is possible, the receipt is kept at once by a recovery pass', async () => {
    t = await checkoutApp(
      { receipt: { policy: 'never' } },
      {
        hooks: {
          at(point) {
            if (point === 'sale.completed') throw new Error('simulated bug after completion')
          },
        },
      },
    )
    await t.basket([{ productId: 'kaffee' }])
    const failed = await t.run('checkout.payCash', {})
    expect(failed).toMatchObject({
      phase: 'failed',
      actions: [],
      error: { messageKey: 'checkout.error.internal' },
    })
    const [sale] = t.app.journal.sales()
    expect(sale).toMatchObject({ status: 'completed', receiptNo: 1 })
    // The sale completes while the TSE signs and keeps its receipt after: the bug came between the two.
    // The session let go of the sale, and a recovery pass kept the receipt, without a restart.
    await t.app.checkout.idle()
    const kept = t.app.journal.sale(sale.saleId)!
    expect(kept.receipts).toHaveLength(1)
    expect(kept.receipts[0].document.fiscal).toBeDefined()
    expect(t.logger.entries.filter((e) => e.event === 'checkout.recovered')).toHaveLength(1)
    expect((await t.send<{ basket: { lines: unknown[] } }>('register.view')).basket.lines).toEqual([])
    await expect(t.send('checkout.payCash', {})).rejects.toThrow('checkout.error.emptyBasket')

    await t.app.close()
    const again = await createTestApp({ dataDir: t.dataDir, config: appConfig.parse({ demo: true }) })
    try {
      expect(await again.app.checkout.recovery).toMatchObject({ receipts: [], completed: [], aborted: [] })
      expect(again.app.journal.sale(sale.saleId)!.receipts).toHaveLength(1)
    } finally {
      await again.dispose()
    }
  })

  it('a completed sale without its receipt (journal of an earlier version) gets it on the next start', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    await t.basket([{ productId: 'kaffee' }])
    expect(await t.run('checkout.payCash', {})).toMatchObject({ phase: 'paid' })
    // Earlier versions committed completion and receipt separately; a crash between left this state.
    const journal = t.app.journal
    const first = journal.sale(1)!
    const begun = journal.beginSale({ sellerId: first.sellerId, lines: first.lines })
    const { intentId } = journal.recordPaymentIntent({
      saleId: begun.saleId,
      method: 'cash',
      amount: begun.total,
      step: 'tender',
      detail: {},
    })
    journal.recordPaymentOutcome({ intentId, status: 'settled', amount: begun.total, detail: {} })
    journal.completeSale(begun.saleId)
    expect(journal.sale(begun.saleId)!.receipts).toEqual([])

    await t.app.close()
    const again = await createTestApp({ dataDir: t.dataDir, config: appConfig.parse({ demo: true }) })
    try {
      expect(await again.app.checkout.recovery).toMatchObject({
        receipts: [begun.saleId],
        completed: [],
        aborted: [],
      })
      expect(again.app.journal.sale(begun.saleId)!.receipts).toHaveLength(1)
    } finally {
      await again.dispose()
    }
  })
})
