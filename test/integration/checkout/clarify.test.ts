// The "Klärung nötig" list: a payment whose outcome stays undecidable past the patience is handed to a
// manager (never decided silently), the till is freed, and the manager's decision is journaled.
import { afterEach, describe, expect, it } from 'vitest'
import type { ClarificationView } from '../../../common/journal'
import { noHooks } from '../../../main/checkout/hooks'
import { recoverOnce } from '../../../main/checkout/recovery'
import { BASKET_796, checkoutApp, type CheckoutTestApp } from './helpers'

let t: CheckoutTestApp | undefined
afterEach(async () => {
  t?.sim.clearFaults()
  await t?.dispose()
  t = undefined
})

/** A terminal sale whose start answer is lost and whose transaction cannot be read back. */
async function unreadableSale(app: CheckoutTestApp): Promise<number> {
  await app.basket(BASKET_796)
  app.sim.injectFault({ path: '/api/v2/Smart/Transactions/*/start/*', kind: 'reset' })
  app.sim.injectFault({
    method: 'GET',
    path: '/api/v2/Smart/Transactions/*',
    kind: 'status',
    status: 503,
    persistent: true,
  })
  const view = await app.run('checkout.payTerminal')
  expect(view).toMatchObject({ phase: 'reconciling', error: { messageKey: 'checkout.error.unknownOutcome' } })
  return view.saleId!
}

const waitFor = async (check: () => Promise<boolean>): Promise<void> => {
  const end = Date.now() + 5_000
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('Klärung nötig', () => {
  it('an unreadable payment stays reconciling within the patience, then goes to the list and frees the till', async () => {
    t = await checkoutApp({}, { startPatienceMs: 1_000, clarifyAfterMs: 60_000 })
    const saleId = await unreadableSale(t)
    t.clock.advance(59_000)
    await new Promise((r) => setTimeout(r, 300))
    expect((await t.view()).phase).toBe('reconciling')
    expect(await t.send<ClarificationView[]>('clarify.list')).toEqual([])

    t.clock.advance(1_000)
    await waitFor(async () => (await t!.view()).phase !== 'reconciling')
    const view = await t.view()
    expect(view).toMatchObject({
      phase: 'failed',
      actions: [],
      error: { messageKey: 'checkout.error.needsClarification', params: { saleId } },
    })
    // Neither completed nor aborted: the journal keeps it open, the list says what is known.
    expect(t.app.journal.sale(saleId)!.status).toBe('open')
    // The basket's TSE transaction is cancelled with the basket; its aborted bon keeps the lines
    // (docs/fiscal-tse.md "Every transaction has a bon"). A sale decided paid is signed on its own.
    await t.app.fiscal.settled()
    const cancelled = t.app.journal.tse.all().filter((r) => r.state === 'cancelled')
    expect(cancelled).toHaveLength(1)
    const bon = t.app.journal.sale(cancelled[0]!.saleId!)!
    expect(bon).toMatchObject({ status: 'aborted', total: 796 })
    expect(bon.saleId).not.toBe(saleId)
    const [entry] = await t.send<ClarificationView[]>('clarify.list')
    expect(entry).toMatchObject({
      saleId,
      reason: 'the transaction could not be read back',
      transactionId: expect.stringMatching(/^STX_/),
      known: { total: 796, paid: 0, method: 'cashless' },
      decision: null,
    })
    // The till serves the next customer.
    await t.send('checkout.done')
    expect((await t.view()).phase).toBe('open')
  })

  it('recovery waits within the patience, then lists a sale it cannot read back instead of deciding it', async () => {
    t = await checkoutApp({}, { startPatienceMs: 1_000, clarifyAfterMs: 600_000 })
    const saleId = await unreadableSale(t)
    const deps = {
      journal: t.app.journal,
      config: t.app.config,
      hooks: noHooks,
      logger: t.logger,
      clock: t.clock,
      client: t.app.api.client,
      patience: { notPaidAfterMs: 1_000, clarifyAfterMs: 5_000 },
    }
    t.clock.advance(4_000)
    expect(await recoverOnce(deps)).toMatchObject({ pending: [saleId], aborted: [], attention: [] })
    t.clock.advance(1_000)
    expect(await recoverOnce(deps)).toMatchObject({ pending: [], aborted: [], attention: [saleId] })
    expect(t.app.journal.clarifications.openFor(saleId)).toMatchObject({ saleId, decision: null })
    // Listed once; later passes leave it to the manager even when the API answers again.
    t.sim.clearFaults()
    expect(await recoverOnce(deps)).toMatchObject({ completed: [], aborted: [], attention: [saleId] })
    expect(await t.send<ClarificationView[]>('clarify.list')).toHaveLength(1)
    expect(t.app.journal.sale(saleId)!.status).toBe('open')
  })

  it('a manager decides "not paid" or "paid" with a reason; both are journaled with the manager, a paid one is signed by the TSE', async () => {
    t = await checkoutApp({}, { startPatienceMs: 1_000, clarifyAfterMs: 2_000 })
    const first = await unreadableSale(t)
    t.clock.advance(2_000)
    await waitFor(async () => (await t!.view()).phase === 'failed')
    await t.send('checkout.done')
    t.sim.clearFaults()

    // No reason, wrong PIN: refused, nothing decided.
    await expect(
      t.send('clarify.decide', { saleId: first, decision: 'not-paid', reason: ' ', managerPin: '9999' }),
    ).rejects.toThrow()
    await expect(
      t.send('clarify.decide', {
        saleId: first,
        decision: 'not-paid',
        reason: 'checked',
        managerPin: '0000',
      }),
    ).rejects.toThrow('seller.error.wrongPin')
    expect(t.app.journal.sale(first)!.status).toBe('open')

    expect(
      await t.send('clarify.decide', {
        saleId: first,
        decision: 'not-paid',
        reason: 'SecuOffice shows no payment',
        managerPin: '9999',
      }),
    ).toEqual({ saleId: first, status: 'aborted' })
    expect(t.app.journal.sale(first)!.status).toBe('aborted')
    const [decided] = await t.send<ClarificationView[]>('clarify.list')
    expect(decided!.decision).toMatchObject({
      decision: 'not-paid',
      managerId: expect.any(String),
      reason: 'SecuOffice shows no payment',
    })
    await expect(
      t.send('clarify.decide', { saleId: first, decision: 'paid', reason: 'again', managerPin: '9999' }),
    ).rejects.toThrow('journal.error.notToClarify')

    const second = await unreadableSale(t)
    t.clock.advance(2_000)
    await waitFor(async () => (await t!.view()).phase === 'failed')
    t.sim.clearFaults()
    expect(
      await t.send('clarify.decide', {
        saleId: second,
        decision: 'paid',
        reason: 'terminal slip shows 7,96 €',
        managerPin: '9999',
      }),
    ).toEqual({ saleId: second, status: 'completed' })
    const sale = t.app.journal.sale(second)!
    expect(sale).toMatchObject({ status: 'completed', paid: 796 })
    expect(sale.receiptNo).toBeGreaterThan(0)
    // Its basket's TSE transaction was cancelled with the basket; the decided sale is signed now, and
    // its receipt carries that signature instead of "TSE ausgefallen".
    const signed = t.app.journal.tse.finalForSale(second)!
    expect(signed).toMatchObject({ state: 'finished', processType: 'Kassenbeleg-V1' })
    const receipt = sale.receipts.find((r) => r.kind === 'sale')!
    expect(receipt.document.fiscal).toMatchObject({
      status: 'signed',
      fields: { signature: signed.signature },
    })
  })
})
