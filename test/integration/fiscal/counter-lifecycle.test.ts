// The TSE lifecycle at the counter through the real app (demo mode: embedded TSE simulator over HTTP):
// start at the first line, finish at payment, abort when the basket is cleared, the receipt's § 6
// fields and QR code, and a sale that goes on when the TSE is down.
import { afterEach, describe, expect, it } from 'vitest'
import { verifyQr } from '../../../main/fiscal/log-message'
import { checkoutApp, type CheckoutTestApp } from '../checkout/helpers'
import { STAMMKUNDE } from '../checkout/fixtures'

let t: CheckoutTestApp | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
})

const waitFor = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('TSE at the counter', () => {
  it('a cash sale is started at the first line, finished at payment; the receipt carries § 6 fields and a verifying QR', async () => {
    t = await checkoutApp({ fiscal: { timeouts: { txMs: 1000 } } })
    const tseSim = t.app.fiscalDevice.simulator!
    await t.basket([{ productId: 'kaffee', quantity: 2 }])
    // The start happens in the background after the first line, before any payment.
    await waitFor(() => tseSim.requests().some((r) => r.method === 'PUT' && /\/tx\//.test(r.path)))
    const view = await t.run('checkout.payCash', { tendered: 2000 })
    expect(view.phase).toBe('paid')
    const receipt = view.result!.receipt
    expect(receipt.fiscal?.status).toBe('signed')
    const f = receipt.fiscal!.fields!
    expect(f.tillSerial).toBe('TRESEN-kasse-1')
    expect(f.tseSerial).toMatch(/^[0-9a-f]{64}$/)
    expect(f.txNumber).toBe(1)
    expect(f.signatureCounter).toBe(2)
    expect(Date.parse(f.endTime!)).toBeGreaterThanOrEqual(Date.parse(f.startTime!))
    expect(receipt.qr).toMatch(/^V0;TRESEN-kasse-1;Kassenbeleg-V1;Beleg\^/)
    const check = verifyQr(receipt.qr!)
    expect(check.ok).toBe(true)
    expect(check.tseSerial).toBe(f.tseSerial)
    // processData = the printed amounts: gross per slot and cash kept (tendered minus change).
    expect(check.fields!.processData).toBe(
      `Beleg^${(view.result!.total / 100).toFixed(2)}_0.00_0.00_0.00_0.00^${(view.result!.total / 100).toFixed(2)}:Bar`,
    )
    expect(receipt.footer.join(' ')).not.toContain('nicht angeschlossen')
    const rec = t.app.journal.tse.finalForSale(view.result!.saleId)
    expect(rec).toMatchObject({ state: 'finished', processType: 'Kassenbeleg-V1', qrCode: receipt.qr })
  })

  it('a cleared basket is cancelled as AVBelegabbruch; a parked basket keeps its open transaction', async () => {
    t = await checkoutApp()
    await t.basket([{ productId: 'kaffee' }])
    await t.app.fiscal.settled()
    await t.send('seller.park')
    await t.app.fiscal.settled()
    expect(t.app.journal.tse.all().map((r) => r.state)).toEqual(['started'])
    await t.send('seller.login', { sellerId: 'anna', pin: '1111' })
    await t.send('basket.clear')
    await t.app.fiscal.settled()
    const rows = t.app.journal.tse.all()
    expect(rows.map((r) => r.state)).toEqual(['started', 'cancelled'])
    expect(rows[1].processData).toBe('AVBelegabbruch^0.00_0.00_0.00_0.00_0.00^')
    expect(rows[1].txId).toBe(rows[0].txId)
  })

  it('a sale the checkout aborts (payment cancelled) has its own cancelled TSE transaction; the retry is signed anew', async () => {
    t = await checkoutApp()
    await t.basket([{ productId: 'kaffee', quantity: 2 }])
    await t.run('card.attach', { cardNumber: STAMMKUNDE })
    const applied = await t.run('checkout.applyCard')
    const cancelled = await t.run('checkout.cancel')
    expect(cancelled.phase).toBe('open')
    expect(t.app.journal.sale(applied.saleId!)).toMatchObject({ status: 'aborted' })
    await t.app.fiscal.settled()
    // The aborted bon's AVBelegabbruch is linked to it, so the DSFinV-K export carries its TSE data.
    const aborted = t.app.journal.tse.all().filter((r) => r.saleId === applied.saleId)
    expect(aborted).toEqual([
      expect.objectContaining({ state: 'cancelled', processType: 'Kassenbeleg-V1', error: null }),
    ])
    expect(aborted[0]!.processData).toMatch(/^AVBelegabbruch\^/)

    const paid = await t.run('checkout.payCash', { tendered: 2000 })
    expect(paid.phase).toBe('paid')
    const signed = t.app.journal.tse.finalForSale(paid.result!.saleId)
    expect(signed).toMatchObject({ state: 'finished', processType: 'Kassenbeleg-V1' })
    expect(signed!.txId).not.toBe(aborted[0]!.txId)
  })

  it('TSE down: the sale completes within one timeout, the receipt says "TSE ausgefallen" with the reason, the outage is journaled', async () => {
    t = await checkoutApp({ fiscal: { timeouts: { txMs: 600 } } })
    const tseSim = t.app.fiscalDevice.simulator!
    tseSim.injectFault({ path: '/api/v2/tss/*/tx/*', kind: 'hang', persistent: true })
    await t.basket([{ productId: 'kaffee' }])
    const t0 = performance.now()
    const view = await t.run('checkout.payCash', { tendered: 500 })
    const waited = performance.now() - t0
    expect(view.phase).toBe('paid')
    expect(waited).toBeLessThan(600 + 400)
    const receipt = view.result!.receipt
    expect(receipt.fiscal?.status).toBe('failed')
    expect(receipt.fiscal?.note).toMatch(/^TSE ausgefallen: /)
    expect(receipt.qr).toBeUndefined()
    const rec = t.app.journal.tse.finalForSale(view.result!.saleId)!
    expect(rec.state).toBe('failed')
    expect(rec.error).toBeTruthy()
    expect(rec.signature).toBeNull()
    expect(t.app.journal.tse.openOutage()).toMatchObject({ event: 'begin' })
    // The next sale does not wait at all for a start that already failed.
    await t.send('checkout.done')
    await t.basket([{ productId: 'kaffee' }])
    await new Promise((r) => setTimeout(r, 700))
    const t1 = performance.now()
    const second = await t.run('checkout.payCash', { tendered: 500 })
    expect(second.phase).toBe('paid')
    expect(performance.now() - t1).toBeLessThan(300)
    // Back up: the next signed sale ends the outage.
    tseSim.clearFaults()
    await t.send('checkout.done')
    await t.basket([{ productId: 'kaffee' }])
    await t.app.fiscal.settled()
    const third = await t.run('checkout.payCash', { tendered: 500 })
    expect(third.result!.receipt.fiscal?.status).toBe('signed')
    expect(t.app.journal.tse.outages().map((o) => o.event)).toEqual(['begin', 'end'])
  })
})

describe('TSE in the back office', () => {
  it('a storno is a new signed Beleg with negative amounts; cash movements are signed in the 0 % slot', async () => {
    t = await checkoutApp()
    await t.basket([{ productId: 'kaffee' }])
    const sale = await t.run('checkout.payCash', { tendered: 1000 })
    await t.send('checkout.done')
    const total = sale.result!.total
    await t.send('seller.login', { sellerId: 'chefin', pin: '9999' })
    const storno = await t.send<{
      stornoSaleId: number
      receipt: { fiscal?: { status: string }; qr?: string }
    }>('storno.execute', { saleId: sale.result!.saleId, reason: 'falsch gebucht' })
    expect(storno.receipt.fiscal?.status).toBe('signed')
    const amount = (total / 100).toFixed(2)
    expect(verifyQr(storno.receipt.qr!)).toMatchObject({ ok: true })
    expect(verifyQr(storno.receipt.qr!).fields?.processData).toBe(
      `Beleg^-${amount}_0.00_0.00_0.00_0.00^-${amount}:Bar`,
    )

    await t.send('cash.movement', { kind: 'opening_float', amount: 10_000, reason: 'Wechselgeld' })
    t.clock.advance(5000)
    await t.send('cash.movement', {
      kind: 'cash_out',
      amount: 5000,
      reason: 'Bank',
      businessCase: 'Geldtransit',
    })
    const movements = t.app.journal.tse
      .all()
      .filter((r) => r.cashMovementId !== null && r.state === 'finished')
    expect(movements.map((r) => r.processData)).toEqual([
      'Beleg^0.00_0.00_0.00_0.00_100.00^100.00:Bar',
      'Beleg^0.00_0.00_0.00_0.00_-50.00^-50.00:Bar',
    ])
    expect(movements.every((r) => verifyQr(r.qrCode!).ok)).toBe(true)
  })
})

describe('TSE status and setup through the IPC contract', () => {
  it('fiscal.view and fiscal.status describe the demo simulator; an outage reaches fiscal.changed', async () => {
    t = await checkoutApp({ fiscal: { timeouts: { txMs: 500 } } })
    expect(await t.send('fiscal.view')).toEqual({
      kind: 'simulator',
      outage: null,
      training: { on: false, since: null, by: null },
    })
    const status = await t.send<Record<string, unknown>>('fiscal.status')
    expect(status).toMatchObject({
      kind: 'simulator',
      configured: true,
      state: 'INITIALIZED',
      tillSerial: 'TRESEN-kasse-1',
      clientSerial: 'TRESEN-kasse-1',
      clientState: 'REGISTERED',
      signatureAlgorithm: 'ecdsa-plain-SHA256',
      certificateExpired: false,
    })
    expect(status.serial).toMatch(/^[0-9a-f]{64}$/)
    const seen: unknown[] = []
    t.app.events.subscribe((m) => void (m.type === 'fiscal.changed' && seen.push(m.payload)))
    t.app.fiscalDevice.simulator!.injectFault({ path: '/api/v2/tss/*/tx/*', kind: 'status', status: 503 })
    await t.basket([{ productId: 'kaffee' }])
    await t.app.fiscal.settled()
    expect(seen).toEqual([
      {
        kind: 'simulator',
        outage: { since: expect.any(String), reason: expect.stringMatching(/503/) },
        training: { on: false, since: null, by: null },
      },
    ])
    // Setup is for a real fiskaly TSE only; the simulator is set up automatically.
    await t.send('seller.login', { sellerId: 'chefin', pin: '9999' })
    await expect(t.send('fiscal.setup', { action: 'createTss' })).rejects.toThrow(/fiscal.error.notFiskaly/)
  })
})
