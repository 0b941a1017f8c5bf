// Receipts and journal as a cashier uses them: today's sales listed, the receipt previewed as on paper,
// a reprint marked KOPIE, and a storno by a seller who needs the manager's PIN (a wrong PIN is refused
// and nothing is cancelled), with the cash to pay back shown large and the storno receipt in the list.
import { describe, expect, it } from 'vitest'
import { invoke, screenshot, typePin } from './harness'
import { cashSale, openScreen, plain, tillForFile } from './backoffice-support'

const till = tillForFile({ login: ['Anna', '1111'] })

const saleList = () => till.page.getByRole('list', { name: 'Verkäufe' })

describe('receipts and journal', () => {
  it('lists the day’s sales and previews a receipt as it was printed', async () => {
    const first = await cashSale(
      till.page,
      [
        ['Heißgetränke', 'Kaffee'],
        ['Brötchen', 'Laugenbrezel'],
      ],
      '3,70 €',
      500,
    )
    const second = await cashSale(till.page, [['Süßes Gebäck', 'Berliner']], '1,60 €')
    expect(second).toBe(first + 1)

    await openScreen(till.page, 'Belege & Kasse')
    await till.page.getByRole('tab', { name: 'Belege', selected: true }).waitFor()
    const rows = saleList().getByRole('button')
    await expect.poll(() => rows.count()).toBe(2)
    // Newest first, each with number, seller, total and payment kind.
    const texts = (await rows.allTextContents()).map(plain)
    expect(texts[0]).toMatch(new RegExp(`^Bon ${second}.*Anna.*1,60 €.*Bar`))
    expect(texts[1]).toMatch(new RegExp(`^Bon ${first}.*Anna.*3,70 €.*Bar`))

    await rows.filter({ hasText: `Bon ${first}` }).tap()
    const preview = till.page.getByRole('figure', { name: `Belegvorschau Bon ${first}` })
    await preview.waitFor()
    const paper = plain(await preview.getByTestId('receipt-paper').innerText())
    expect(paper).toContain('Kaffee')
    expect(paper).toContain('Laugenbrezel')
    expect(paper).toMatch(/SUMME EUR\s+3,70 €/)
    expect(paper).toMatch(/Rückgeld\s+1,30 €/)
    // The preview is the printer's 48-column layout, line for line.
    const widths = (
      await preview
        .getByTestId('receipt-paper')
        .locator('.receipt-line:not(.receipt-double)')
        .allTextContents()
    ).map((l) => [...l].length)
    expect(Math.max(...widths)).toBe(48)
    expect(widths.every((w) => w === 48 || w === 1)).toBe(true)
    await screenshot(till.page, 'backoffice-journal-preview')
  })

  it('finds a receipt by number or article', async () => {
    const search = till.page.getByRole('searchbox', { name: 'Belege durchsuchen' })
    await search.fill('Berliner')
    await expect.poll(async () => (await saleList().getByRole('button').allTextContents()).length).toBe(1)
    expect(plain(await saleList().getByRole('button').first().textContent())).toContain('1,60 €')
    await search.fill('Streuselkuchen mit Sahne')
    await till.page.getByText('Kein Beleg passt zur Suche.').waitFor()
    await search.fill('')
    await expect.poll(() => saleList().getByRole('button').count()).toBe(2)
  })

  it('reprints a receipt as KOPIE', async () => {
    await saleList().getByRole('button').filter({ hasText: 'Bon 1' }).tap()
    await till.page.getByRole('button', { name: 'Nachdrucken' }).tap()
    const copy = till.page.getByRole('figure', { name: 'Kopie Bon 1' })
    await copy.waitFor()
    const paper = plain(await copy.getByTestId('receipt-paper').innerText())
    expect(paper.trim().startsWith('KOPIE')).toBe(true)
    expect(paper.trim().endsWith('KOPIE')).toBe(true)
    await till.page.getByRole('status').filter({ hasText: 'Kopie gedruckt.' }).waitFor()
    // The virtual printer received the copy.
    const demo = (await invoke<{ ok: true; value: { paper: { text: string }[] } }>(till.page, 'demo.view'))
      .value
    expect(demo.paper.at(-1)!.text).toContain('KOPIE')
    await screenshot(till.page, 'backoffice-reprint-kopie')
  })

  it('cancels a sale with the manager’s PIN and shows the cash to pay back', async () => {
    await till.page.getByRole('button', { name: 'Original zeigen' }).tap()
    await till.page.getByRole('button', { name: 'Stornieren' }).tap()
    const dialog = till.page.getByRole('alertdialog', { name: 'Bon 1 stornieren' })
    await dialog.waitFor()
    expect(plain(await dialog.textContent())).toContain('Storno über 3,70 €')
    const confirm = dialog.getByRole('button', { name: 'Storno ausführen' })
    expect(await confirm.isDisabled()).toBe(true)

    await dialog.getByRole('button', { name: 'Kunde storniert' }).tap()
    // Anna is no manager: the manager's PIN is asked for; a wrong one cancels nothing.
    await typePin(till.page, 'PIN-Eingabe', '1234')
    await confirm.tap()
    await dialog.getByRole('alert').filter({ hasText: 'Falsche PIN.' }).waitFor()
    await screenshot(till.page, 'backoffice-storno-wrong-pin')
    expect(await till.page.getByRole('alertdialog', { name: 'Bon 1 stornieren' }).isVisible()).toBe(true)

    await typePin(till.page, 'PIN-Eingabe', '9999')
    await screenshot(till.page, 'backoffice-storno-confirm')
    await confirm.tap()
    const done = till.page.getByRole('dialog', { name: 'Storno-Bon 3 erstellt' })
    await done.waitFor()
    expect(plain(await done.textContent())).toContain('Bar auszahlen: 3,70 €')
    const stornoPaper = plain(
      await done.getByRole('figure', { name: 'Storno-Bon 3' }).getByTestId('receipt-paper').innerText(),
    )
    expect(stornoPaper).toContain('STORNO')
    expect(stornoPaper).toMatch(/-3,70/)
    await screenshot(till.page, 'backoffice-storno-done')
    await done.getByRole('button', { name: 'Fertig' }).tap()

    // The list shows the storno and marks the original; the original cannot be cancelled twice.
    const rows = saleList().getByRole('button')
    await expect.poll(() => rows.count()).toBe(3)
    expect(plain(await rows.first().textContent())).toMatch(/^Bon 3.*-3,70 €.*Storno zu Bon 1/)
    expect(plain(await rows.filter({ hasText: /^Bon 1/ }).textContent())).toContain('storniert')
    await rows.filter({ hasText: /^Bon 1/ }).tap()
    await till.page.getByRole('figure', { name: 'Belegvorschau Bon 1' }).waitFor()
    expect(await till.page.getByRole('button', { name: 'Stornieren' }).isDisabled()).toBe(true)
    await till.page.getByText('Dieser Verkauf ist storniert.').waitFor()
    await screenshot(till.page, 'backoffice-journal-after-storno')
    expect(till.errors).toEqual([])
  })
})
