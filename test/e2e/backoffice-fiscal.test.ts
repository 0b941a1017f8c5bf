// The fiscal tab after a day with a Z: the manager exports the day as DSFinV-K into a folder, and the
// zip passes the independent format check; the § 146a registration data page shows the till serial.
import { dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkDsfinvk } from '../helpers/dsfinvk-check'
import { axeScan, screenshot, typePin } from './harness'
import { cashSale, openScreen, plain, tillForFile } from './backoffice-support'

const till = tillForFile({ login: ['Anna', '1111'] })

describe('Fiskal tab', () => {
  it('exports the closed day as DSFinV-K into the folder and shows the registration data', async () => {
    await cashSale(till.page, [['Heißgetränke', 'Kaffee']], '2,60 €')
    await openScreen(till.page, 'Belege & Kasse')
    await till.page.getByRole('tab', { name: 'Kasse' }).tap()
    await till.page.getByRole('button', { name: 'Z-Bericht (Tagesabschluss)' }).tap()
    const sheet = till.page.getByRole('dialog', { name: 'Tagesabschluss: Kasse zählen' })
    await sheet.getByRole('button', { name: 'Weiter' }).tap()
    const confirm = till.page.getByRole('alertdialog', { name: 'Tagesabschluss jetzt ausführen?' })
    await typePin(till.page, 'PIN-Eingabe', '9999')
    await confirm.getByRole('button', { name: 'Z-Bericht erstellen' }).tap()
    const done = till.page.getByRole('dialog', { name: 'Z-Bericht Nr. 1 erstellt' })
    await done.getByRole('button', { name: 'Fertig' }).tap()

    await till.page.getByRole('tab', { name: 'Fiskal' }).tap()
    await till.page.getByText('Z-Bons 1 bis 1 vorhanden.').waitFor()
    const folder = await till.page.getByLabel('Zielordner (z. B. USB-Stick)').inputValue()
    expect(folder).toMatch(/exports$/)
    await typePin(till.page, 'PIN-Eingabe', '9999')
    await till.page.getByRole('button', { name: 'DSFinV-K exportieren' }).tap()
    const status = till.page.getByRole('status').filter({ hasText: 'Export geschrieben' })
    await status.waitFor()
    const text = plain(await status.textContent())
    const file = /Export geschrieben: (\S+\.zip)/.exec(text)?.[1]
    expect(file && dirname(file)).toBe(folder)
    // Demo mode signs with the embedded TSE simulator: its TAR export goes into the zip.
    expect(text).toContain('TSE-Export liegt bei.')
    await screenshot(till.page, 'backoffice-fiscal-export')
    // The tab passes axe (labels, contrast, roles) as the other back-office screens do.
    expect(
      (await axeScan(till.page)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([])
    const check = await checkDsfinvk(file!)
    // The demo shop has no tax number: the check names exactly that.
    expect(check.errors).toEqual([expect.stringMatching(/STNR or USTID needed$/)])
    expect(check.raw.get('tse/tse-export.tar')).toBeInstanceOf(Buffer)
    expect(check.files.get('lines.csv')!.map((l) => l.ARTIKELTEXT)).toContain('Kaffee')

    const serial = till.page.locator('.fiscal-known div', { hasText: 'Seriennummer der Kasse' }).locator('dd')
    expect(plain(await serial.textContent())).not.toBe('—')
    expect(till.errors).toEqual([])
  })
})
