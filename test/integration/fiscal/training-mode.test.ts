// Training mode end to end through the app (demo mode: the embedded TSE simulator): the manager's
// switch is journaled with the manager, a sale made while it is on is signed as AVTraining without
// payment, takes cash only and opens no drawer, its receipt says TRAINING, X and Z leave it out, and
// the DSFinV-K export lists it as BON_TYP AVTraining outside the closing's sums.
import { afterEach, describe, expect, it } from 'vitest'
import { exportClosing } from '../../helpers/dsfinvk-export'
import { STAMMKUNDE } from '../../helpers/sales'
import { rawDb } from '../../unit/journal/helpers'
import { checkoutApp, type CheckoutTestApp } from '../checkout/helpers'

let t: CheckoutTestApp | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
})

describe('training mode', () => {
  it('a manager switches it on (journaled with the manager); a seller cannot', async () => {
    t = await checkoutApp()
    await expect(t.send('fiscal.training', { on: true, managerPin: '1111' })).rejects.toThrow()
    const on = await t.send<{ training: { on: boolean; by: string | null } }>('fiscal.training', {
      on: true,
      managerPin: '9999',
    })
    expect(on.training).toMatchObject({ on: true, by: 'chefin' })
    const view = await t.send<{ training: { on: boolean } }>('fiscal.view')
    expect(view.training.on).toBe(true)
    await t.send('fiscal.training', { on: false, managerPin: '9999' })
    const db = rawDb(t.dataDir)
    expect(db.prepare('SELECT on_off, manager_id FROM training_switches ORDER BY id').all()).toEqual([
      { on_off: 1, manager_id: 'chefin' },
      { on_off: 0, manager_id: 'chefin' },
    ])
    db.close()
  })

  it('a training sale: AVTraining without payment, cash only (no terminal, no card), no drawer, TRAINING on the receipt, outside X and Z (listed apart there) and the DSFinV-K sums', async () => {
    t = await checkoutApp({ fiscal: { timeouts: { txMs: 1000 } } })
    // A real sale first, so X has something to keep.
    await t.basket([{ productId: 'kaffee' }])
    const real = await t.run('checkout.payCash', { tendered: 500 })
    expect(real.phase).toBe('paid')
    await t.send('checkout.done')
    const before = t.app.journal.xReport()

    await t.send('fiscal.training', { on: true, managerPin: '9999' })
    await t.basket([{ productId: 'kaffee', quantity: 2 }])
    await expect(t.send('checkout.payTerminal')).rejects.toThrow(/checkout.error.trainingCashOnly/)
    // A customer card is no way around it: no balance, bonus or card payment in training.
    await t.run('card.attach', { cardNumber: STAMMKUNDE })
    await expect(t.send('checkout.applyCard')).rejects.toThrow(/checkout.error.trainingCashOnly/)
    await expect(t.send('checkout.payCash', { tendered: 1000 })).rejects.toThrow(
      /checkout.error.trainingCashOnly/,
    )
    await t.send('card.detach')
    const paid = await t.run('checkout.payCash', { tendered: 1000 })
    expect(paid.phase).toBe('paid')
    const result = paid.result!
    expect(result.drawer).toBe('not-needed')
    expect(result.receipt.training).toBe('TRAINING – kein Verkauf, nicht im Umsatz')
    expect(t.app.journal.training.isTrainingSale(result.saleId)).toBe(true)
    // The back office's list marks it; the real sale has no mark.
    expect(t.app.journal.sale(result.saleId)!.training).toBe(true)
    expect(t.app.journal.sale(real.result!.saleId)!).not.toHaveProperty('training')

    const record = t.app.journal.tse.finalForSale(result.saleId)!
    expect(record).toMatchObject({ state: 'finished', training: true })
    expect(record.processData).toMatch(/^AVTraining\^\d+\.\d{2}_0\.00_0\.00_0\.00_0\.00\^$/)
    expect(result.receipt.qr).toContain(';AVTraining^')

    // X leaves the training sale out: totals, VAT, payments and the expected cash are unchanged.
    const x = t.app.journal.xReport()
    expect(x.total).toBe(before.total)
    expect(x.vat).toEqual(before.vat)
    expect(x.payments).toEqual(before.payments)
    expect(x.cash.expected).toBe(before.cash.expected)
    expect(x.receiptCount).toBe(before.receiptCount)
    // Listed apart, so the receipt numbers add up: the range holds the real sale and the training one.
    expect(before.training).toEqual({ count: 0, total: 0 })
    expect(x.training).toEqual({ count: 1, total: 520 })
    expect(x.lastReceiptNo! - x.firstReceiptNo! + 1).toBe(x.receiptCount + x.stornoCount + x.training!.count)

    // Its storno is training too: signed AVTraining, marked on the receipt, X unchanged.
    await t.send('checkout.done')
    await t.send('seller.login', { sellerId: 'chefin', pin: '9999' })
    const storno = await t.send<{ stornoSaleId: number; receipt: { training?: string } }>('storno.execute', {
      saleId: result.saleId,
      reason: 'Übung',
    })
    expect(storno.receipt.training).toBe('TRAINING – kein Verkauf, nicht im Umsatz')
    expect(t.app.journal.tse.finalForSale(storno.stornoSaleId)!.processData).toMatch(/^AVTraining\^-/)
    expect(t.app.journal.xReport().total).toBe(before.total)
    expect(t.app.journal.xReport().training).toEqual({ count: 2, total: 0 })

    // Z and the DSFinV-K export: the training bon is there as AVTraining, without payment.
    await t.send('fiscal.training', { on: false, managerPin: '9999' })
    await t.send('checkout.done')
    await t.send('seller.login', { sellerId: 'chefin', pin: '9999' })
    const z = await t.send<{ report: { total: number; training?: { count: number } } }>('report.z', {
      denominations: [],
    })
    expect(z.report.total).toBe(before.total)
    expect(z.report.training).toEqual({ count: 2, total: 0 })
    const { check, errors } = await exportClosing(t.app)
    expect(errors).toEqual([])
    const bon = check.files.get('transactions.csv')!.find((r) => r.BON_ID === String(result.receiptNo))!
    expect(bon.BON_TYP).toBe('AVTraining')
    expect(check.files.get('datapayment.csv')!.some((r) => r.BON_ID === bon.BON_ID)).toBe(false)
    const closing = check.files.get('cashpointclosing.csv')![0]!
    // Nothing was counted at this Z: the difference is the real sale's cash alone (2,60), so the
    // training bon's 5,20 is in no sum: payments = real sale + difference = 0.
    const comma = (cents: number) => (cents / 100).toFixed(2).replace('.', ',')
    const difference = check.files.get('transactions.csv')!.find((r) => r.BON_ID === 'Z-1')!
    expect(difference.UMS_BRUTTO).toBe(comma(-before.cash.expected))
    expect(closing.Z_SE_ZAHLUNGEN).toBe('0,00')
    const tse = check.files.get('transactions_tse.csv')!.find((r) => r.BON_ID === bon.BON_ID)!
    expect(tse.TSE_VORGANGSDATEN).toBe(record.processData)
  }, 30_000)
})
