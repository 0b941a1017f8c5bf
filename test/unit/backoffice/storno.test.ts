// The storno's refund plan, and its recovery on start: a storno interrupted while its card cancel was
// on the wire gets the answer from secuconnect, never a second cancel. Real journal, real simulator.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createEventBus } from '../../../main/ipc/event-bus'
import { createBackoffice } from '../../../main/backoffice/context'
import { createStorno } from '../../../main/backoffice/storno'
import { refundParts } from '../../../main/backoffice/storno-parts'
import { createVirtualPrinter } from '../../../hardware/virtual/printer'
import { VirtualDrawer } from '../../../hardware/virtual/drawer'
import { demoConfig } from '../../../common/config'
import { AppFailure } from '../../../common/result'
import type { Journal, SaleRecord } from '../../../main/journal'
import {
  basket796,
  pair,
  startHarness,
  STAMMKUNDE,
  type Harness,
} from '../../integration/secuconnect/harness'
import { line, payCash, tempDir, testJournal } from '../journal/helpers'

let tmp: ReturnType<typeof tempDir>
let journal: Journal
let h: Harness

beforeEach(async () => {
  tmp = tempDir()
  h = await startHarness()
  ;({ journal } = testJournal(tmp.dir, h.clock))
})
afterEach(async () => {
  journal.close()
  tmp.cleanup()
  await h.close()
})

function storno() {
  const bo = createBackoffice({
    config: demoConfig(),
    journal,
    client: h.client,
    devices: { printer: createVirtualPrinter(), drawer: new VirtualDrawer() },
    register: { view: () => ({ activeSellerId: 'chefin' }), authorizeManager: () => demoConfig().sellers[2] },
    events: createEventBus(h.logger),
    clock: h.clock,
    logger: h.logger,
    locale: () => 'de',
  })
  return createStorno(bo)
}

/** The Stammkunde 7,96 sale: 2,20 from the card, 5,76 cash, one start/cash. */
async function cardSale(): Promise<{ sale: SaleRecord; tx: string }> {
  await pair(h.client)
  const created = await h.client.transactions.create(basket796(STAMMKUNDE))
  await h.client.transactions.preTransaction(created.id)
  await h.client.transactions.startCash(created.id)
  const sale = journal.beginSale({
    sellerId: 'anna',
    lines: [line('a', 1, 349, 7), line('b', 1, 249, 7), line('c', 2, 99, 19)],
  })
  for (const [method, amount] of [
    ['loyalty', 220],
    ['cash', 576],
  ] as const) {
    const { intentId } = journal.recordPaymentIntent({
      saleId: sale.saleId,
      method,
      amount,
      step: 'start',
      transactionId: created.id,
    })
    journal.recordPaymentOutcome({ intentId, status: 'settled', transactionId: created.id })
  }
  return { sale: journal.completeSale(sale.saleId), tx: created.id }
}

/** What a crash right after sending the cancel leaves behind: the storno, its cancel intent, no outcome. */
function interruptedStorno(sale: SaleRecord, tx: string): number {
  const s = journal.recordStorno({ originalSaleId: sale.saleId, sellerId: 'chefin', reason: 'Absturz' })
  journal.recordPaymentIntent({
    saleId: s.saleId,
    method: 'loyalty',
    amount: -220,
    step: 'cancel',
    transactionId: tx,
  })
  return s.saleId
}

describe('refund plan', () => {
  it('gives back what each payment type settled, per transaction, with the sign turned', async () => {
    const { sale, tx } = await cardSale()
    expect(refundParts(sale)).toEqual([
      { method: 'loyalty', amount: -220, transactionId: tx },
      { method: 'cash', amount: -576, transactionId: tx },
    ])
    const cash = journal.beginSale({ sellerId: 'anna', lines: [line('brezel', 3, 80, 7)] })
    payCash(journal, cash.saleId, 100)
    payCash(journal, cash.saleId, 140)
    expect(refundParts(journal.completeSale(cash.saleId))).toEqual([{ method: 'cash', amount: -240 }])
  })

  it('refuses a card payment that has no transaction to cancel', () => {
    const sale = journal.beginSale({ sellerId: 'anna', lines: [line('brot', 1, 350, 7)] })
    const { intentId } = journal.recordPaymentIntent({
      saleId: sale.saleId,
      method: 'terminal',
      amount: 350,
      step: 'start',
    })
    journal.recordPaymentOutcome({ intentId, status: 'settled' })
    const completed = journal.completeSale(sale.saleId)
    let error: unknown
    try {
      refundParts(completed)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppFailure)
    expect((error as AppFailure).error).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'backoffice.error.stornoUnsupportedPayment',
      params: { method: 'terminal' },
    })
  })
})

describe('recovery on start', () => {
  it('records a cancel that went through as settled and leaves the storno for a manager to finish', async () => {
    const { sale, tx } = await cardSale()
    const stornoId = interruptedStorno(sale, tx)
    await h.client.transactions.cancel(tx) // reached secuconnect just before the crash

    await storno().recover()

    const s = journal.sale(stornoId)!
    expect(s).toMatchObject({ status: 'open', paid: -220 })
    expect(s.payments[0].steps).toMatchObject([
      { step: 'cancel', outcome: { status: 'settled', amount: -220 } },
    ])
    expect(h.sim.transaction(tx)).toMatchObject({ status: 'cancelled', cancels: 1 })
    expect(h.logger.entries.some((e) => e.event === 'storno.recover-open')).toBe(true)
  })

  it('drops a storno whose cancel never arrived: nothing moved, it can simply be repeated', async () => {
    const { sale, tx } = await cardSale()
    const stornoId = interruptedStorno(sale, tx)

    await storno().recover()

    expect(journal.sale(stornoId)).toMatchObject({ status: 'aborted', paid: 0 })
    expect(journal.sale(stornoId)!.payments[0].steps[0].outcome).toMatchObject({ status: 'failed' })
    expect(h.sim.transaction(tx)).toMatchObject({ status: 'ok', cancels: 0 })
    expect(journal.sale(sale.saleId)!.stornoSaleId).toBeUndefined()
  })

  it('leaves the step open when secuconnect cannot be read, and never sends a cancel itself', async () => {
    const { sale, tx } = await cardSale()
    const stornoId = interruptedStorno(sale, tx)
    h.sim.injectFault({
      path: '/api/v2/Smart/Transactions/*',
      method: 'GET',
      kind: 'status',
      status: 503,
      persistent: true,
    })

    await storno().recover()

    expect(journal.sale(stornoId)).toMatchObject({ status: 'open' })
    expect(journal.sale(stornoId)!.payments[0].openIntentIds).toHaveLength(1)
    expect(h.sim.requests().filter((r) => r.path.endsWith('/cancel'))).toHaveLength(0)
  })
})
