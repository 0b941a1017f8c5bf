// One café sale through the real app: Im Haus switched on, a Latte Macchiato (19 % in-house instead of
// 7 %) and a Kaffeegedeck (split 2,32 € coffee at 19 % + 2,58 € cake at 7 %), paid cash. The journal, the
// receipt, the TSE processData, X and Z and the DSFinV-K export all carry the same rates and split
// (docs/vat-rates.md).
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RegisterView } from '../../../common/basket'
import type { CheckoutView } from '../../../common/checkout'
import { fiscalAmounts, processDataOf } from '../../../common/fiscal-amounts'
import type { PeriodReportView } from '../../../common/journal'
import { exportDsfinvk } from '../../../main/fiscal-export/dsfinvk/export'
import { checkDsfinvk } from '../../helpers/dsfinvk-check'
import { MASTER } from '../../helpers/fiscal-day'
import { call, login, pastDrawerBusy } from '../../helpers/sales'
import { createTestApp, type TestApp } from '../../helpers/test-app'

let t: TestApp | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
})

type Printed = { report: PeriodReportView }

describe('a café sale with Im Haus and a Kaffeegedeck', () => {
  it('journals the in-house rates and the combo split, and every report and export follows them', async () => {
    t = await createTestApp()
    await login(t.app, 'anna', '1111')
    await call(t.app, 'basket.addProduct', { productId: 'latte-macchiato' })
    const away = await call<RegisterView>(t.app, 'register.view')
    expect(away.basket?.vat).toEqual([{ rate: 7, gross: 380, net: 355, vat: 25 }])
    await call(t.app, 'basket.setConsumption', { consumption: 'inhouse' })
    const view = await call<RegisterView>(t.app, 'basket.addProduct', { productId: 'kaffeegedeck' })
    expect(view.basket).toMatchObject({ consumption: 'inhouse', total: 870 })
    expect(view.basket?.vat).toEqual([
      { rate: 19, gross: 612, net: 514, vat: 98 },
      { rate: 7, gross: 258, net: 241, vat: 17 },
    ])

    const paid = await call<CheckoutView>(t.app, 'checkout.payCash', { tendered: 1000 })
    await t.app.checkout.idle()
    const result = paid.result ?? (await call<CheckoutView>(t.app, 'checkout.view')).result
    expect(result).not.toBeNull()
    // The paid sale's receipt: Verzehr Im Haus, the combo marked * with its split under it, VAT table.
    const receipt = result!.receipt
    expect(receipt.meta).toContainEqual({ label: 'Verzehr', value: 'Im Haus' })
    expect(receipt.items.find((i) => i.name === 'Kaffeegedeck')).toMatchObject({
      total: 490,
      vatLetter: '*',
      note: 'davon Kaffee 2,32 A, Gedeckter Apfelkuchen (Stück) 2,58 B',
    })
    expect(receipt.vat.map((r) => [r.rate, r.gross, r.vat])).toEqual([
      [19, 612, 98],
      [7, 258, 17],
    ])

    // The journal: consumption and components with the sale; the TSE's processData from the same lines.
    const sale = t.app.journal.sale(result!.saleId)!
    expect(sale.consumption).toBe('inhouse')
    expect(sale.lines.map((l) => [l.productId, l.vatRate])).toEqual([
      ['latte-macchiato', 19],
      ['kaffeegedeck', 7],
    ])
    expect(sale.lines[1].components?.map((c) => [c.productId, c.vatRate, c.amount])).toEqual([
      ['kaffee', 19, 232],
      ['apfelkuchen', 7, 258],
    ])
    const amounts = fiscalAmounts({
      lines: sale.lines,
      payments: sale.payments.map((p) => ({ method: p.method, amount: p.settled })),
    })
    expect(processDataOf(amounts)).toBe('Beleg^6.12_2.58_0.00_0.00_0.00^8.70:Bar')

    // X: the VAT per rate the completion froze.
    const x = await call<Printed>(t.app, 'report.x', {})
    expect(x.report.vat.map((v) => [v.rate, v.gross])).toEqual([
      [19, 612],
      [7, 258],
    ])

    // A storno takes the sale's consumption and split, negated; Z nets to zero per rate.
    await login(t.app, 'chefin', '9999')
    pastDrawerBusy(t.clock)
    await call(t.app, 'storno.execute', { saleId: sale.saleId, reason: 'Kunde wollte doch nicht' })
    const storno = t.app.journal.sales({}).find((s) => s.kind === 'storno')!
    const stornoSale = t.app.journal.sale(storno.saleId)!
    expect(stornoSale.consumption).toBe('inhouse')
    expect(stornoSale.lines[1].components?.map((c) => c.amount)).toEqual([-232, -258])
    expect(stornoSale.vat.map((v) => [v.rate, v.gross])).toEqual([
      [19, -612],
      [7, -258],
    ])
    pastDrawerBusy(t.clock)
    const z = await call<Printed>(t.app, 'report.z', { denominations: [] })
    expect(z.report.vat.map((v) => [v.rate, v.gross])).toEqual([
      [19, 0],
      [7, 0],
    ])

    // DSFinV-K: INHAUS 1, the combo is one Bonpos with a Bonpos_USt row per key and its parts as subitems.
    const out = join(t.dataDir, 'export.zip')
    await exportDsfinvk({ dataDir: t.dataDir, range: { fromZ: 1, toZ: 1 }, out, master: MASTER })
    const check = await checkDsfinvk(out)
    expect(check.errors).toEqual([])
    const bon = String(result!.receiptNo)
    const lines = check.files.get('lines.csv')!.filter((r) => r.BON_ID === bon)
    expect(lines.map((l) => [l.POS_ZEILE, l.ARTIKELTEXT, l.INHAUS])).toEqual([
      ['1', 'Latte Macchiato', '1'],
      ['2', 'Kaffeegedeck', '1'],
    ])
    const vat = check.files.get('lines_vat.csv')!.filter((r) => r.BON_ID === bon)
    expect(vat.map((r) => [r.POS_ZEILE, r.UST_SCHLUESSEL, r.POS_BRUTTO])).toEqual([
      ['1', '1', '3,80000'],
      ['2', '1', '2,32000'],
      ['2', '2', '2,58000'],
    ])
    const subitems = check.files.get('subitems.csv')!.filter((r) => r.BON_ID === bon)
    expect(
      subitems.map((r) => [
        r.POS_ZEILE,
        r.ZI_ART_NR,
        r.ZI_MENGE,
        r.ZI_UST_SCHLUESSEL,
        r.ZI_BASISPREIS_BRUTTO,
      ]),
    ).toEqual([
      ['2', 'kaffee', '1,000', '1', '2,32000'],
      ['2', 'apfelkuchen', '1,000', '2', '2,58000'],
    ])
    const bonVat = check.files.get('transactions_vat.csv')!.filter((r) => r.BON_ID === bon)
    expect(bonVat.map((r) => [r.UST_SCHLUESSEL, r.BON_BRUTTO, r.BON_UST])).toEqual([
      ['1', '6,12000', '0,98000'],
      ['2', '2,58000', '0,17000'],
    ])
  }, 30_000)
})
