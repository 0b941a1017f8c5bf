// The bakery scenario by touch alone: 3 Brötchen, 1 Kaffee to go, 2 bottles of water with deposit,
// 20 % staff discount on the sale, 20 € given; later one bottle comes back (Pfandrücknahme) on its own
// receipt. Every line stays in view; the figures are checked on screen, on the printed receipt and in
// the journal.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  basketTotal,
  invoke,
  openReturnDialog,
  paidSummary,
  screenshot,
  textOf,
  tillSession,
  typePin,
} from './harness'

const till = tillSession({ seller: ['Anna', '1111'] })
let page: Page
let errors: string[]

beforeAll(() => {
  ;({ page, errors } = till)
})

const favourite = (name: string) =>
  page.getByRole('tabpanel').getByRole('button', { name: new RegExp(`^${name}\\s`) })
const rows = async () =>
  (await page.getByRole('list', { name: 'Positionen' }).getByRole('listitem').allTextContents()).map((r) =>
    r.replace(/\u00a0/g, ' ').replace(/bearbeiten$/, ''),
  )

interface SaleDetail {
  total: number
  lines: { name: string; quantity: number; total: number }[]
  receipts: { kind: string; document: { items: { name: string; total: number }[] } }[]
}
async function sale(receiptNo: number): Promise<SaleDetail & { saleId: number }> {
  const list = await invoke<{ ok: boolean; value: { saleId: number; receiptNo?: number }[] }>(
    page,
    'journal.sales',
    {},
  )
  const saleId = list.ok ? list.value.find((s) => s.receiptNo === receiptNo)!.saleId : 0
  const detail = await invoke<{ ok: boolean; value: SaleDetail }>(page, 'journal.sale', { saleId })
  return { ...(detail.ok ? detail.value : ({} as SaleDetail)), saleId }
}

describe('done when: a busy bakery sale by touch', () => {
  it('sells 3 Brötchen, Kaffee, 2 waters with deposit and 20 % staff discount, paid with 20 €', async () => {
    const pad = 'Tasten für Menge und PLU'
    await typePin(page, pad, '3')
    await favourite('Weizenbrötchen').tap()
    await favourite('Kaffee').tap()
    await typePin(page, pad, '2')
    await favourite('Mineralwasser 0,5 l').tap()
    // The deposit follows the bottles at once; every line is on screen.
    await expect
      .poll(rows)
      .toEqual([
        '3 × Weizenbrötchen 1,65 € ',
        '1 × Kaffee 2,60 € ',
        '2 × Mineralwasser 0,5 l 3,60 € ',
        '2 × Pfand Einweg 0,50 € ',
      ])
    for (const item of await page.getByRole('listitem').all()) expect(await item.isVisible()).toBe(true)
    expect(await basketTotal(page)).toBe('8,35 €')

    // 20 % staff discount on the whole sale: at the limit, no manager needed.
    await page.getByRole('complementary', { name: 'Warenkorb' }).getByRole('button', { name: 'Rabatt' }).tap()
    const dialog = page.getByRole('dialog', { name: 'Rabatt auf den ganzen Verkauf' })
    await dialog.getByRole('button', { name: 'Personal' }).tap()
    await typePin(page, 'Ziffern des Rabatts', '20')
    await screenshot(page, 'done-when-discount-1024x768')
    await dialog.getByRole('button', { name: 'Rabatt geben' }).tap()
    await expect.poll(() => dialog.count()).toBe(0)
    await expect.poll(() => basketTotal(page)).toBe('6,78 €')
    expect(await rows()).toEqual([
      '3 × Weizenbrötchen −20 % 1,32 € ',
      '1 × Kaffee −20 % 2,08 € ',
      '2 × Mineralwasser 0,5 l −20 % 2,88 € ',
      '2 × Pfand Einweg 0,50 € ',
    ])
    expect((await page.locator('.sale-discount').textContent())?.replace(/\u00a0/g, ' ')).toBe(
      'Rabatt Personal 20 %−1,57 €',
    )
    await screenshot(page, 'done-when-basket-1024x768')

    await page.getByRole('button', { name: 'Bar', exact: true }).tap()
    await page.getByRole('dialog', { name: 'Barzahlung' }).getByRole('button', { name: '20,00 €' }).tap()
    const paid = paidSummary(page)
    await paid.waitFor()
    await expect.poll(() => textOf(page, 'Rückgeld')).toBe('13,22 €')
    const vat = paid.getByRole('table', { name: 'Mehrwertsteuer' })
    expect((await vat.getByRole('row').allTextContents()).map((r) => r.replace(/\u00a0/g, ' '))).toEqual([
      'MwSt.NettoSteuerBrutto',
      '19 %4,59 €0,87 €5,46 €',
      '7 %1,23 €0,09 €1,32 €',
    ])
    expect(await paid.getByText('Beleg-Nr. 1').count()).toBe(1)

    // The customer wants the receipt: one tap on Bon, and the paper shows each discount.
    await paid.getByRole('button', { name: 'Bon drucken (Beleg-Nr. 1)' }).tap()
    await expect
      .poll(async () => {
        const view = await invoke<{ ok: boolean; value: { paper: { text: string }[] } }>(page, 'demo.view')
        return view.ok ? (view.value.paper.at(-1)?.text ?? '') : ''
      })
      .toContain('Rabatt Personal 20 %')
    const view = await invoke<{ ok: boolean; value: { paper: { text: string }[] } }>(page, 'demo.view')
    const paper = view.ok ? view.value.paper.at(-1)!.text : ''
    for (const text of ['Weizenbrötchen', '1,65', '-0,33', '-0,52', '-0,72', 'Pfand Einweg', '6,78', '13,22'])
      expect(paper).toContain(text)

    const first = await sale(1)
    expect(first.total).toBe(678)
    expect(first.lines.map((l) => [l.name, l.quantity, l.total])).toEqual([
      ['Weizenbrötchen', 3, 132],
      ['Kaffee', 1, 208],
      ['Mineralwasser 0,5 l', 2, 288],
      ['Pfand Einweg', 2, 50],
    ])
    expect(first.receipts[0].document.items.map((i) => [i.name, i.total])).toEqual([
      ['Weizenbrötchen', 165],
      ['  Rabatt Personal 20 %', -33],
      ['Kaffee', 260],
      ['  Rabatt Personal 20 %', -52],
      ['Mineralwasser 0,5 l', 360],
      ['  Rabatt Personal 20 %', -72],
      ['Pfand Einweg', 50],
    ])
  })

  it('takes one bottle back on a later receipt and pays the deposit out in cash', async () => {
    await page.getByRole('button', { name: 'Pfandrücknahme' }).tap()
    const dialog = page.getByRole('dialog', { name: 'Pfandrücknahme: 1 Behälter' })
    await screenshot(page, 'done-when-deposit-return-1024x768')
    await dialog.getByRole('button', { name: /^Pfand Einweg/ }).tap()
    await expect.poll(rows).toEqual(['-1 × Pfand Einweg -0,25 € '])
    await expect.poll(() => basketTotal(page)).toBe('-0,25 €')
    await page.getByRole('button', { name: 'Bar', exact: true }).tap()
    await page.getByRole('dialog', { name: 'Barzahlung' }).getByRole('button', { name: 'Auszahlen' }).tap()
    const paid = paidSummary(page)
    await paid.waitFor()
    expect(
      (await paid.locator('.sum-table > div').allTextContents()).map((r) => r.replace(/\u00a0/g, ' ')),
    ).toEqual(['Summe-0,25 €', 'Bar-0,25 €'])
    expect(await paid.getByText('Beleg-Nr. 2').count()).toBe(1)
    const second = await sale(2)
    expect(second.total).toBe(-25)
    expect(second.lines.map((l) => [l.name, l.quantity, l.total])).toEqual([['Pfand Einweg', -1, -25]])
    expect(errors).toEqual([])
  })

  it("shows the day's sales per article in the back office and exports them as CSV", async () => {
    await page
      .getByRole('navigation', { name: 'Bereiche' })
      .getByRole('button', { name: 'Belege & Kasse' })
      .tap()
    await page.getByRole('tab', { name: 'Artikel' }).tap()
    const table = page.getByRole('table', { name: 'Verkauf je Artikel' })
    await table.waitFor()
    const body = (await table.locator('tbody tr').allTextContents()).map((r) => r.replace(/\u00a0/g, ' '))
    // The returned bottle's deposit subtracts: 2 sold, 1 back.
    expect(body.map((r) => r.replace(/\d+ Uhr: \d+( · )?/g, ''))).toEqual([
      'Weizenbrötchen31,32 €☆',
      'Mineralwasser 0,5 l22,88 €☆',
      'Kaffee12,08 €☆',
      'Pfand Einweg10,25 €☆',
    ])
    await screenshot(page, 'done-when-articles-1024x768')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV exportieren' }).tap(),
    ])
    const { readFileSync } = await import('node:fs')
    const csv = readFileSync((await download.path())!, 'utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n')
    expect(download.suggestedFilename()).toMatch(/^artikel-\d{4}-\d{2}-\d{2}\.csv$/)
    expect(csv[0].split(';').slice(0, 5)).toEqual(['Datum', 'Artikel-ID', 'Artikel', 'Menge', 'Umsatz EUR'])
    expect(csv[1].split(';').slice(1, 5)).toEqual(['weizenbroetchen', 'Weizenbrötchen', '3', '1,32'])

    // The back office sets the favourites page: ☆ on Kaffee, then Weizenbrötchen; the sale screen follows.
    await table.getByRole('button', { name: 'Kaffee als Favorit' }).tap()
    await expect
      .poll(() => table.getByRole('button', { name: 'Kaffee als Favorit' }).getAttribute('aria-pressed'))
      .toBe('true')
    await table.getByRole('button', { name: 'Weizenbrötchen als Favorit' }).tap()
    await page.getByRole('button', { name: 'Weizenbrötchen aus den Favoriten nehmen' }).waitFor()
    await page.getByRole('navigation', { name: 'Bereiche' }).getByRole('button', { name: 'Verkauf' }).tap()
    await page.getByRole('tab', { name: 'Favoriten' }).tap()
    await expect
      .poll(async () =>
        (await page.getByRole('tabpanel').getByRole('button').allTextContents()).map(
          (t) => t.split(/\s\d/)[0],
        ),
      )
      .toEqual(['Kaffee', 'Weizenbrötchen'])
    expect(errors).toEqual([])
  })

  it('returns one bottle of the first receipt in the back office (Positionen zurücknehmen, manager PIN)', async () => {
    const dialog = await openReturnDialog(page, 1)
    const confirm = dialog.getByRole('button', { name: 'Zurücknehmen', exact: true })
    await dialog.getByRole('button', { name: 'Eins mehr von Pfand Einweg zurücknehmen' }).tap()
    await dialog.getByRole('button', { name: 'Ware zurückgebracht' }).tap()
    // Anna is no manager: the manager's PIN confirms this one action.
    await typePin(page, 'PIN-Eingabe', '9999')
    await screenshot(page, 'done-when-partial-return-1024x768')
    await confirm.tap()
    const done = page.getByRole('dialog', { name: 'Rückgabe-Bon 3 erstellt' })
    await done.waitFor()
    expect((await done.textContent())!.replace(/\u00a0/g, ' ')).toContain('Bar auszahlen: 0,25 €')
    const paper = await done
      .getByRole('figure', { name: 'Rückgabe-Bon 3' })
      .getByTestId('receipt-paper')
      .innerText()
    // A return of some goods: the original bon stands, so the paper says RÜCKGABE, not STORNO.
    expect(paper).toContain('RÜCKGABE')
    expect(paper).not.toContain('STORNO')
    expect(paper).toContain('Pfand Einweg')
    expect(paper).not.toContain('Mineralwasser')
    await done.getByRole('button', { name: 'Fertig' }).tap()

    const first = await sale(1)
    const storno = await sale(3)
    expect(storno.total).toBe(-25)
    expect(storno.lines.map((l) => [l.name, l.quantity, l.total])).toEqual([['Pfand Einweg', -1, -25]])
    expect((storno as unknown as { originalSaleId: number }).originalSaleId).toBe(first.saleId)
    expect(errors).toEqual([])
  })
})
