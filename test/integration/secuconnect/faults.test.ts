// Injected faults: what the client does about each. start/* and cancel are never sent twice; an
// unknown outcome is settled by reading the transaction back.
import { afterEach, describe, expect, it } from 'vitest'
import {
  SecuconnectApiError,
  SecuconnectBadResponseError,
  SecuconnectNetworkError,
  SecuconnectTimeoutError,
  type SmartTransaction,
} from '../../../main/secuconnect'
import { basket796, GIFT_CARD, pair, startHarness, type Harness } from './harness'

let h: Harness
afterEach(async () => h?.close())

// Short real timeouts: hang faults hold the answer forever, so these bound each test.
// Generous enough that a loaded CI machine does not trip them on ordinary calls.
const timeouts = { readMs: 800, writeMs: 800, startMs: 1200 }

async function paidScenario(): Promise<{ tx: SmartTransaction; startPath: string }> {
  h = await startHarness({ client: { timeouts } })
  await pair(h.client)
  const tx = await h.client.transactions.create(basket796(GIFT_CARD))
  await h.client.transactions.preTransaction(tx.id)
  return { tx, startPath: `/api/v2/Smart/Transactions/${tx.id}/start/cash` }
}

const posts = (h: Harness, path: string): number =>
  h.sim.requests().filter((r) => r.method === 'POST' && r.path === path).length
const gets = (h: Harness, id: string): number =>
  h.sim.requests().filter((r) => r.method === 'GET' && r.path === `/api/v2/Smart/Transactions/${id}`).length

describe('reads and plain writes', () => {
  it('added latency below the timeout is just slower', async () => {
    h = await startHarness({ client: { timeouts } })
    await pair(h.client)
    h.sim.injectFault({ path: '/api/v2/Smart/Transactions', method: 'GET', kind: 'latency', ms: 100 })
    await expect(h.client.transactions.list()).resolves.toMatchObject({ count: 0 })
  })

  it('latency past the read timeout is a SecuconnectTimeoutError', async () => {
    h = await startHarness({ client: { timeouts } })
    await pair(h.client)
    h.sim.injectFault({ path: '/api/v2/Smart/Transactions', method: 'GET', kind: 'latency', ms: 2000 })
    const error = await h.client.transactions.list().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecuconnectTimeoutError)
    expect(error).toMatchObject({ timeoutMs: 800 })
  })

  it('HTTP 503 is a SecuconnectApiError carrying the payload; create is not retried', async () => {
    h = await startHarness({ client: { timeouts } })
    await pair(h.client)
    h.sim.injectFault({ path: '/api/v2/Smart/Transactions', method: 'POST', kind: 'status', status: 503 })
    const error = await h.client.transactions.create(basket796()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecuconnectApiError)
    expect(error).toMatchObject({
      status: 503,
      error: 'ProductInternalException',
      code: 1001,
      supportId: expect.stringMatching(/^[0-9a-f]{32}$/),
    })
    expect(posts(h, '/api/v2/Smart/Transactions')).toBe(1)
    expect(h.sim.transactions()).toHaveLength(0)
  })

  it('a connection reset is a SecuconnectNetworkError', async () => {
    h = await startHarness({ client: { timeouts } })
    await pair(h.client)
    h.sim.injectFault({ path: '/api/v2/Loyalty/MerchantCards', kind: 'reset' })
    await expect(h.client.merchantCards.findByCardNumber(GIFT_CARD)).rejects.toBeInstanceOf(
      SecuconnectNetworkError,
    )
  })

  it('malformed JSON is a SecuconnectBadResponseError', async () => {
    h = await startHarness({ client: { timeouts } })
    await pair(h.client)
    const tx = await h.client.transactions.create(basket796())
    h.sim.injectFault({ path: '/api/v2/Smart/Transactions/*', method: 'GET', kind: 'malformed' })
    await expect(h.client.transactions.get(tx.id)).rejects.toBeInstanceOf(SecuconnectBadResponseError)
  })

  it('a hung read is cut off by the read timeout', async () => {
    h = await startHarness({ client: { timeouts } })
    await pair(h.client)
    h.sim.injectFault({ path: '/api/v2/Smart/Transactions', method: 'GET', kind: 'hang' })
    await expect(h.client.transactions.list()).rejects.toBeInstanceOf(SecuconnectTimeoutError)
  })
})

describe('start/cash with an unknown outcome', () => {
  it('reset after the effect: reconciled by GET, returned as paid, charged once', async () => {
    const { tx, startPath } = await paidScenario()
    h.sim.injectFault({ path: startPath, kind: 'reset', afterEffect: true })
    const paid = await h.client.transactions.startCash(tx.id)
    expect(paid.status).toBe('ok')
    expect(paid.receipt.length).toBeGreaterThan(0)
    expect(posts(h, startPath)).toBe(1)
    expect(gets(h, tx.id)).toBe(1)
    expect(h.sim.transaction(tx.id)).toMatchObject({ starts: 1 })
    expect(h.sim.card(GIFT_CARD)).toMatchObject({ cash_balance: 0 })
    expect(h.logger.entries.map((e) => e.event)).toContain('secuconnect.reconciled')
  })

  it.each([
    ['hang after the effect, past the client timeout', { kind: 'hang', afterEffect: true }],
    ['HTTP 502 after the effect', { kind: 'status', status: 502, afterEffect: true }],
    ['malformed answer (the effect is applied, then the body is cut)', { kind: 'malformed' }],
  ] as const)('%s: reconciled, returned as paid, charged once', async (_name, fault) => {
    const { tx, startPath } = await paidScenario()
    h.sim.injectFault({ path: startPath, ...fault })
    await expect(h.client.transactions.startCash(tx.id)).resolves.toMatchObject({
      status: 'ok',
      payment_method: 'cash',
    })
    expect(posts(h, startPath)).toBe(1)
    expect(h.sim.transaction(tx.id)).toMatchObject({ starts: 1 })
  })

  it('reset before the effect: throws the network error marked not-applied, nothing charged; a deliberate retry then pays once', async () => {
    const { tx, startPath } = await paidScenario()
    h.sim.injectFault({ path: startPath, kind: 'reset' })
    const error = await h.client.transactions.startCash(tx.id).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecuconnectNetworkError)
    expect((error as SecuconnectNetworkError).outcome).toMatchObject({
      effect: 'not-applied',
      transaction: { id: tx.id, status: 'processing' },
    })
    expect(posts(h, startPath)).toBe(1)
    expect(h.sim.transaction(tx.id)).toMatchObject({ starts: 0 })
    expect(h.sim.card(GIFT_CARD)).toMatchObject({ cash_balance: 500 })

    await expect(h.client.transactions.startCash(tx.id)).resolves.toMatchObject({ status: 'ok' })
    expect(h.sim.transaction(tx.id)).toMatchObject({ starts: 1 })
  })

  it('hang before the effect: SecuconnectTimeoutError marked not-applied', async () => {
    const { tx, startPath } = await paidScenario()
    h.sim.injectFault({ path: startPath, kind: 'hang' })
    const error = await h.client.transactions.startCash(tx.id).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecuconnectTimeoutError)
    expect(error).toMatchObject({ timeoutMs: 1200, outcome: { effect: 'not-applied' } })
    expect(posts(h, startPath)).toBe(1)
    expect(h.sim.transaction(tx.id)).toMatchObject({ starts: 0 })
  })

  it('when the read-back fails too, the error says the outcome is unknown (three reads, no second start)', async () => {
    const { tx, startPath } = await paidScenario()
    h.sim.injectFault({ path: startPath, kind: 'status', status: 503, afterEffect: true })
    h.sim.injectFault({
      path: `/api/v2/Smart/Transactions/${tx.id}`,
      method: 'GET',
      kind: 'reset',
      persistent: true,
    })
    const error = await h.client.transactions.startCash(tx.id).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecuconnectApiError)
    expect(error).toMatchObject({ status: 503, outcome: { effect: 'unknown' } })
    expect(posts(h, startPath)).toBe(1)
    expect(gets(h, tx.id)).toBe(3)
    // The caller can settle it later, once the network is back.
    h.sim.clearFaults()
    await expect(h.client.transactions.reconcile(tx.id, 'paid')).resolves.toMatchObject({
      applied: true,
      transaction: { status: 'ok' },
    })
  })

  it('reconcile: false throws at once without reading back', async () => {
    const { tx, startPath } = await paidScenario()
    h.sim.injectFault({ path: startPath, kind: 'reset', afterEffect: true })
    const error = await h.client.transactions.startCash(tx.id, { reconcile: false }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecuconnectNetworkError)
    expect((error as SecuconnectNetworkError).outcome).toBeUndefined()
    expect(gets(h, tx.id)).toBe(0)
  })

  it('a 4xx is a definite answer: no read-back, no retry', async () => {
    const { tx, startPath } = await paidScenario()
    await h.client.transactions.startCash(tx.id)
    const error = await h.client.transactions.startCash(tx.id).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecuconnectApiError)
    expect(error).toMatchObject({ status: 400, error: 'ProductNotAllowedException', code: 1003 })
    expect(posts(h, startPath)).toBe(2)
    expect(gets(h, tx.id)).toBe(0)
    expect(h.sim.transaction(tx.id)).toMatchObject({ starts: 1 })
  })
})

describe('start/cashless and cancel', () => {
  it('cashless timing out while the transaction is still open stays unknown: the terminal may still be working [I]', async () => {
    h = await startHarness({ client: { timeouts } })
    await pair(h.client)
    const tx = await h.client.transactions.create(basket796())
    const path = `/api/v2/Smart/Transactions/${tx.id}/start/cashless`
    h.sim.injectFault({ path, kind: 'hang' })
    const error = await h.client.transactions.startCashless(tx.id).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecuconnectTimeoutError)
    expect(error).toMatchObject({ outcome: { effect: 'unknown', transaction: { status: 'created' } } })
    expect(posts(h, path)).toBe(1)
  })

  it('cancel reset after the effect: reconciled as cancelled, the card reversed once', async () => {
    const { tx } = await paidScenario()
    await h.client.transactions.startCash(tx.id)
    expect(h.sim.card(GIFT_CARD)).toMatchObject({ cash_balance: 0 })
    const cancelPath = `/api/v2/Smart/Transactions/${tx.id}/cancel`
    h.sim.injectFault({ path: cancelPath, kind: 'reset', afterEffect: true })
    await expect(h.client.transactions.cancel(tx.id)).resolves.toMatchObject({ status: 'cancelled' })
    expect(posts(h, cancelPath)).toBe(1)
    expect(h.sim.transaction(tx.id)).toMatchObject({ cancels: 1 })
    expect(h.sim.card(GIFT_CARD)).toMatchObject({ cash_balance: 500 })
  })

  it('cancel failing before the effect is marked not-applied', async () => {
    const { tx } = await paidScenario()
    await h.client.transactions.startCash(tx.id)
    h.sim.injectFault({ path: `/api/v2/Smart/Transactions/${tx.id}/cancel`, kind: 'status', status: 500 })
    const error = await h.client.transactions.cancel(tx.id).catch((e: unknown) => e)
    expect(error).toMatchObject({
      status: 500,
      outcome: { effect: 'not-applied', transaction: { status: 'ok' } },
    })
    expect(h.sim.transaction(tx.id)).toMatchObject({ cancels: 0 })
  })
})
