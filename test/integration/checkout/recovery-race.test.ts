// Recovery on start waits for the API login and the TSE's own recovery; a cashier who pays before it
// runs owns that sale. Recovery must leave a sale a live session is paying alone: before, it settled the
// session's tender itself and the session's completion then failed with "outcome exists" (nothing
// printed) or "sale finished".
import { afterEach, describe, expect, it } from 'vitest'
import { appConfig } from '../../../common/config'
import type { CheckoutView } from '../../../common/checkout'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import { call, login, paperLines } from '../../helpers/sales'
import { SEED_CATALOGUE } from './fixtures'

let t: TestApp | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
})

describe('recovery on start and a sale paid before it ran', () => {
  it('leaves the live sale to its session: paid once, completed, receipt printed', async () => {
    t = await createTestApp({
      config: appConfig.parse({ demo: true, catalog: SEED_CATALOGUE, receipt: { policy: 'always' } }),
    })
    // No wait for t.app.checkout.recovery: the cashier is faster than the TSE's start-up.
    await login(t.app, 'anna', '1111')
    await call(t.app, 'basket.addProduct', { productId: 'sandwich-romano', quantity: 1 })
    await call(t.app, 'checkout.payCash', { tendered: 100_000 })
    await t.app.checkout.idle()
    const report = await t.app.checkout.recovery
    const view = await call<CheckoutView>(t.app, 'checkout.view')
    expect(view.error).toBeNull()
    expect(view.phase).toBe('paid')
    const saleId = view.result!.saleId
    expect([...report.completed, ...report.pending, ...report.aborted, ...report.attention]).not.toContain(
      saleId,
    )
    const sale = t.app.journal.sale(saleId)!
    expect(sale.status).toBe('completed')
    const outcomes = sale.payments.flatMap((p) => p.steps.map((s) => s.outcome?.detail))
    expect(outcomes).toHaveLength(1)
    expect(outcomes[0]).not.toHaveProperty('recovered')
    expect(paperLines(t.app).some((l) => l.includes('Sandwich Romano'))).toBe(true)
  }, 20_000)
})
