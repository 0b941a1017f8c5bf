// Entering articles without the grid: PLU and quantity on the pad beside the grid, scanned EANs, refused
// scans with their reason as a toast, editing and voiding lines, clearing with undo; and a reload on the
// paid summary loses nothing.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  basketTotal,
  invoke,
  openLine,
  paidSummary,
  scanCode,
  screenshot,
  tapProduct,
  textOf,
  tillSession,
  typePin,
} from './harness'

const till = tillSession({ seller: ['Chefin', '9999'] })
let page: Page
let errors: string[]

beforeAll(() => {
  ;({ page, errors } = till)
})

const lineNames = (page: Page) =>
  page
    .getByRole('list', { name: 'Positionen' })
    .getByRole('listitem')
    .evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')))

describe('entering articles', () => {
  it('adds an article by PLU and uses typed digits as the quantity of the next product', async () => {
    const pad = 'Tasten für Menge und PLU'
    await typePin(page, pad, '601')
    expect(await textOf(page, 'Mengeneingabe')).toBe('601')
    await screenshot(page, 'sale-entry-plu')
    await page.getByRole('button', { name: 'PLU', exact: true }).tap()
    await page.getByRole('listitem', { name: 'Kaffee' }).waitFor()

    // "6 ×" then the product: six of it; the pad is empty again afterwards.
    await typePin(page, pad, '6')
    await page.getByRole('button', { name: 'Mal (Menge für den nächsten Artikel)' }).tap()
    expect(await textOf(page, 'Mengeneingabe')).toBe('6 ×')
    await tapProduct(page, 'Brötchen', 'Weizenbrötchen')
    await expect.poll(() => basketTotal(page)).toBe('5,90 €')
    expect(await page.getByRole('listitem', { name: 'Weizenbrötchen' }).textContent()).toMatch(/^6 ×/)
    expect(await textOf(page, 'Mengeneingabe')).toBe('Menge, dann Artikel')
    // "2 × 601 PLU": two more Kaffee on the same line.
    await typePin(page, pad, '2')
    await page.getByRole('button', { name: 'Mal (Menge für den nächsten Artikel)' }).tap()
    await typePin(page, pad, '601')
    expect(await textOf(page, 'Mengeneingabe')).toBe('2 × 601')
    await page.getByRole('button', { name: 'PLU', exact: true }).tap()
    await expect.poll(() => basketTotal(page)).toBe('11,10 €')
    expect(await page.getByRole('listitem', { name: 'Kaffee' }).textContent()).toMatch(/^3 ×/)
  })

  it('says which PLU does not exist', async () => {
    await typePin(page, 'Tasten für Menge und PLU', '999')
    await page.getByRole('button', { name: 'PLU', exact: true }).tap()
    await page.getByRole('alert').filter({ hasText: 'Kein Artikel mit PLU 999.' }).waitFor()
    await expect.poll(() => basketTotal(page)).toBe('11,10 €')
  })

  it('adds scanned EANs and shows why a scan was refused', async () => {
    await scanCode(page, '4260123450014')
    await page.getByRole('listitem', { name: 'Buttertoast 500 g' }).waitFor()
    await scanCode(page, '4006381333931')
    await page.getByRole('alert').filter({ hasText: 'Unbekannter Artikel 4006381333931.' }).waitFor()
    await screenshot(page, 'sale-entry-scan-refused')
    expect(await lineNames(page)).toEqual(['Kaffee', 'Weizenbrötchen', 'Buttertoast 500 g'])
  })

  it('weighs a loose article on the (virtual) scale: only its stable reading, priced by main', async () => {
    await tapProduct(page, 'Süßes Gebäck', 'Teegebäck lose')
    const dialog = page.getByRole('dialog', { name: 'Teegebäck lose wiegen' })
    await dialog.getByText('Es zählt nur das ruhige Gewicht der Waage.', { exact: false }).waitFor()
    // Nothing on the scale yet: refused with the scale's reason, nothing added.
    await dialog.getByRole('button', { name: 'Wiegen' }).tap()
    await dialog.getByRole('alert').filter({ hasText: 'Zu wenig auf der Waage' }).waitFor()
    await invoke(page, 'demo.scale', { grams: 237 })
    await screenshot(page, 'sale-entry-scale')
    await dialog.getByRole('button', { name: 'Wiegen' }).tap()
    await dialog.waitFor({ state: 'detached' })
    await expect
      .poll(() => lineNames(page))
      .toEqual(['Kaffee', 'Weizenbrötchen', 'Buttertoast 500 g', 'Teegebäck lose'])
    await (
      await openLine(page, 'Teegebäck lose')
    )
      .getByRole('button', { name: 'Teegebäck lose entfernen' })
      .tap()
    await expect.poll(() => lineNames(page)).toEqual(['Kaffee', 'Weizenbrötchen', 'Buttertoast 500 g'])
  })

  it('books a free price on the "Diverses" key at the chosen VAT rate, capped at the maximum', async () => {
    await page.getByRole('button', { name: 'Diverses', exact: true }).tap()
    const dialog = page.getByRole('dialog', { name: 'Diverses' })
    await dialog.getByRole('button', { name: 'Diverses 19 %' }).tap()
    await typePin(page, 'Betrag eingeben', '99999')
    await dialog.getByRole('button', { name: 'Hinzufügen' }).tap()
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'Der Betrag ist zu hoch (höchstens 50,00 €).' })
      .waitFor()
    for (let i = 0; i < 5; i++) await dialog.getByRole('button', { name: 'Letzte Ziffer löschen' }).tap()
    await typePin(page, 'Betrag eingeben', '350')
    await screenshot(page, 'sale-entry-free-price')
    await dialog.getByRole('button', { name: 'Hinzufügen' }).tap()
    await dialog.waitFor({ state: 'detached' })
    await expect
      .poll(() => lineNames(page))
      .toEqual(['Kaffee', 'Weizenbrötchen', 'Buttertoast 500 g', 'Diverses 19 %'])
    await (
      await openLine(page, 'Diverses 19 %')
    )
      .getByRole('button', { name: 'Diverses 19 % entfernen' })
      .tap()
    await expect.poll(() => lineNames(page)).toEqual(['Kaffee', 'Weizenbrötchen', 'Buttertoast 500 g'])
  })

  it('changes quantities, voids a line and clears the basket after the undo time', async () => {
    const editor = await openLine(page, 'Weizenbrötchen')
    await editor.getByRole('button', { name: 'Weizenbrötchen: eins weniger' }).tap()
    await expect.poll(() => textOf(page, 'Menge Weizenbrötchen')).toBe('5')
    await editor.getByRole('button', { name: 'Fertig' }).tap()
    await (await openLine(page, 'Kaffee')).getByRole('button', { name: 'Kaffee entfernen' }).tap()
    await expect.poll(() => lineNames(page)).toEqual(['Weizenbrötchen', 'Buttertoast 500 g'])
    await expect.poll(() => basketTotal(page)).toBe('5,65 €')
    // "Leeren" waits 5 s for "Rückgängig": undone, nothing is lost.
    await page.getByRole('button', { name: 'Leeren' }).tap()
    await page.getByRole('button', { name: 'Rückgängig' }).tap()
    await page.waitForTimeout(5500)
    expect(await lineNames(page)).toEqual(['Weizenbrötchen', 'Buttertoast 500 g'])
    const started = Date.now()
    await page.getByRole('button', { name: 'Leeren' }).tap()
    await page.getByText('Warenkorb ist leer').waitFor({ timeout: 10_000 })
    expect(Date.now() - started).toBeGreaterThanOrEqual(4500)
  })

  it('shows the paid sale again after a reload, change and all', async () => {
    await tapProduct(page, 'Kuchen & Torte', 'Donauwelle (Stück)')
    await page.getByRole('button', { name: 'Bar', exact: true }).tap()
    await page.getByRole('dialog', { name: 'Barzahlung' }).getByRole('button', { name: '5,00 €' }).tap()
    await paidSummary(page).waitFor()
    await page.reload()
    const paid = paidSummary(page)
    await paid.waitFor()
    expect(await textOf(page, 'Rückgeld')).toBe('1,70 €')
    expect(await page.getByRole('button', { name: /^Bon drucken/ }).count()).toBe(1)
    expect(await page.getByRole('dialog').count()).toBe(0)
  })

  it('speaks English after the switch, refusals included', async () => {
    await page.getByRole('button', { name: 'English' }).tap()
    await page.getByRole('heading', { name: 'Basket' }).waitFor()
    await scanCode(page, '4006381333931')
    await page.getByRole('alert').filter({ hasText: 'Unknown product 4006381333931.' }).waitFor()
    await tapProduct(page, 'Heißgetränke', 'Espresso')
    await expect
      .poll(async () =>
        (
          await page.getByRole('complementary', { name: 'Basket' }).getByLabel('Total').textContent()
        )?.replace(/\u00a0/g, ' '),
      )
      .toBe('€2.20')
    await screenshot(page, 'sale-entry-english')
    await page.getByRole('button', { name: 'Deutsch' }).tap()
    await page.getByRole('heading', { name: 'Warenkorb' }).waitFor()
    expect(errors).toEqual([])
  })
})
