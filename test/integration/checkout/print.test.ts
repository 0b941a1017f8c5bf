// Receipts and the print policy: a printer failure never blocks or loses the sale, the receipt waits
// for a reprint (a copy); "ask" waits for the customer's answer, "never" prints nothing.
import { afterEach, describe, expect, it } from 'vitest'
import { checkoutApp, type CheckoutTestApp } from './helpers'

let t: CheckoutTestApp
afterEach(async () => t?.dispose())

const paper = (t: CheckoutTestApp): string[] =>
  t.app.devices.virtual.printer!.decoded().lines.map((l) => l.text)
const prints = (t: CheckoutTestApp, saleId: number) =>
  t.app.journal.sale(saleId)!.receipts[0].prints.map((p) => p.status)

describe('printer failures', () => {
  it('paper out before the job: the sale is paid and journaled, the receipt waits; printed as the original (no KOPIE) after the paper is in', async () => {
    t = await checkoutApp({ receipt: { policy: 'always' } })
    const printer = t.app.devices.virtual.printer!
    printer.emulator.set({ paperOut: true })
    await t.basket([{ productId: 'kaffee' }])
    const paid = await t.run('checkout.payCash', { tendered: 500 })
    expect(paid).toMatchObject({ phase: 'paid', actions: ['reprint', 'print-later'] })
    expect(paid.result).toMatchObject({
      print: 'failed',
      printErrorKey: 'status.state.paper-out',
      change: 240,
      drawer: 'opened',
      receiptNo: 1,
    })
    const saleId = paid.result!.saleId
    expect(t.app.journal.sale(saleId)).toMatchObject({ status: 'completed', receiptNo: 1 })
    expect(prints(t, saleId)).toEqual(['failed'])
    expect(t.app.journal.sale(saleId)!.receipts[0].prints[0]).toMatchObject({ reached: 'nothing' })
    expect(paper(t)).toEqual([])

    printer.emulator.set({ paperOut: false })
    const again = await t.run('checkout.receipt', { print: true })
    expect(again.result).toMatchObject({ print: 'printed', printErrorKey: null })
    expect(again.actions).toEqual([])
    expect(prints(t, saleId)).toEqual(['failed', 'printed'])
    expect(paper(t).some((l) => l.includes('KOPIE'))).toBe(false)
    expect(paper(t).some((l) => l.includes('Kaffee'))).toBe(true)
    // The only receipt on paper: the original, once.
    expect(paper(t).filter((l) => l.includes('Kaffee'))).toHaveLength(1)
  })

  it('paper running out mid-receipt: "möglicherweise unvollständig gedruckt"; the reprint is a KOPIE', async () => {
    t = await checkoutApp({ receipt: { policy: 'always' } })
    const printer = t.app.devices.virtual.printer!
    printer.emulator.set({ paperOutAfterLines: 4 })
    await t.basket([{ productId: 'kaffee' }])
    const paid = await t.run('checkout.payCash', {})
    expect(paid.result).toMatchObject({ print: 'failed', printErrorKey: 'device.printer.maybePartial' })
    expect(t.app.journal.sale(paid.result!.saleId)!.receipts[0].prints[0]).toMatchObject({ reached: 'maybe' })
    printer.emulator.clearHeld()
    printer.emulator.set({ paperOut: false })
    const again = await t.run('checkout.receipt', { print: true })
    expect(again.result).toMatchObject({ print: 'printed' })
    expect(paper(t).some((l) => l.includes('KOPIE'))).toBe(true)
  })

  it('paper running out mid-receipt: failed, and "print later" leaves it for a reprint from the journal', async () => {
    t = await checkoutApp({ receipt: { policy: 'always' } })
    t.app.devices.virtual.printer!.emulator.set({ paperOutAfterLines: 4 })
    await t.basket([{ productId: 'kaffee' }])
    const paid = await t.run('checkout.payCash', {})
    expect(paid.result).toMatchObject({ print: 'failed', printErrorKey: 'device.printer.maybePartial' })
    const later = await t.run('checkout.receipt', { print: false })
    expect(later.result).toMatchObject({ print: 'none' })
    expect(prints(t, paid.result!.saleId)).toEqual(['failed'])
    // The next sale is not held up by the printer.
    expect(await t.run('checkout.done')).toMatchObject({ phase: 'open', result: null })
  })
})

describe('print policy', () => {
  it('ask: the paid screen asks; "no" records the refusal, "yes" prints', async () => {
    t = await checkoutApp({ receipt: { policy: 'ask' } })
    await t.basket([{ productId: 'kaffee' }])
    const asked = await t.run('checkout.payCash', {})
    expect(asked.result).toMatchObject({ print: 'asking' })
    expect(t.app.journal.unfinished().unprintedReceipts.map((r) => r.saleId)).toEqual([asked.result!.saleId])
    const declined = await t.run('checkout.receipt', { print: false })
    expect(declined.result).toMatchObject({ print: 'declined' })
    expect(prints(t, asked.result!.saleId)).toEqual(['declined'])
    expect(paper(t)).toEqual([])

    await t.run('checkout.done')
    await t.basket([{ productId: 'sandwich-romano' }])
    const second = await t.run('checkout.payCash', {})
    expect(second.result).toMatchObject({ print: 'asking', receiptNo: 2 })
    const printed = await t.run('checkout.receipt', { print: true })
    expect(printed.result).toMatchObject({ print: 'printed' })
    expect(paper(t).some((l) => l.includes('Sandwich Romano'))).toBe(true)
    expect(paper(t).some((l) => l.includes('KOPIE'))).toBe(false)
  })

  it('ask: the receipt stays printable (Bon key) until the next sale is paid, then counts as declined', async () => {
    t = await checkoutApp({ receipt: { policy: 'ask' } })
    await t.basket([{ productId: 'kaffee' }])
    const asked = await t.run('checkout.payCash', {})
    await t.run('checkout.done')
    expect(prints(t, asked.result!.saleId)).toEqual([])
    await t.basket([{ productId: 'kaffee' }])
    const next = await t.run('checkout.payCash', {})
    expect(prints(t, asked.result!.saleId)).toEqual(['declined'])
    expect(t.app.journal.unfinished().unprintedReceipts.map((r) => r.saleId)).toEqual([next.result!.saleId])
  })

  it('a receipt that already has its print outcome gets no second "declined" when the next sale is paid', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    await t.basket([{ productId: 'kaffee' }])
    const first = await t.run('checkout.payCash', {})
    expect(prints(t, first.result!.saleId)).toEqual(['declined'])
    await t.run('checkout.done')
    await t.basket([{ productId: 'kaffee' }])
    await t.run('checkout.payCash', {})
    expect(prints(t, first.result!.saleId)).toEqual(['declined'])

    // Declined by the customer on the paid screen ("ask"): the same.
    await t.dispose()
    t = await checkoutApp({ receipt: { policy: 'ask' } })
    await t.basket([{ productId: 'kaffee' }])
    const asked = await t.run('checkout.payCash', {})
    await t.run('checkout.receipt', { print: false })
    await t.run('checkout.done')
    await t.basket([{ productId: 'kaffee' }])
    await t.run('checkout.payCash', {})
    expect(prints(t, asked.result!.saleId)).toEqual(['declined'])
  })

  it('ask: the Bon key prints the last sale after the next one started, as the original', async () => {
    t = await checkoutApp({ receipt: { policy: 'ask' } })
    await t.basket([{ productId: 'kaffee' }])
    const asked = await t.run('checkout.payCash', {})
    // The next customer's first article closes the paid sale without a tap on "next customer".
    await t.basket([{ productId: 'kaffee' }])
    expect((await t.run('checkout.view')).phase).toBe('open')
    const printed = await t.app.dispatch('counter.printLast', {})
    expect(printed).toMatchObject({ ok: true, value: { saleId: asked.result!.saleId, print: 'printed' } })
    expect(prints(t, asked.result!.saleId)).toEqual(['printed'])
    expect(paper(t).some((l) => l.includes('KOPIE'))).toBe(false)
  })

  it('never: nothing printed, receipt kept; printed on request as the original (none was on paper)', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    await t.basket([{ productId: 'kaffee' }])
    const paid = await t.run('checkout.payCash', {})
    expect(paid.result).toMatchObject({ print: 'none' })
    expect(paper(t)).toEqual([])
    expect(t.app.journal.sale(paid.result!.saleId)!.receipts[0].document).toEqual(paid.result!.receipt)
    const asked = await t.run('checkout.receipt', { print: true })
    expect(asked.result).toMatchObject({ print: 'printed' })
    expect(paper(t).some((l) => l.includes('KOPIE'))).toBe(false)
    expect(paper(t).some((l) => l.includes('Kaffee'))).toBe(true)
  })

  it('the policy follows the live config (settings change it in place)', async () => {
    t = await checkoutApp({ receipt: { policy: 'never' } })
    t.app.config.receipt.policy = 'always'
    await t.basket([{ productId: 'kaffee' }])
    expect((await t.run('checkout.payCash', {})).result).toMatchObject({ print: 'printed' })
  })
})
