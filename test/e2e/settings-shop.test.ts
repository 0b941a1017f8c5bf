// Settings as the shop owner uses them: the receipt header edited and previewed, saved with the
// manager's PIN by a seller, live at once (the test print carries the new name); the receipt policy;
// the devices with their live status, a test print and a printer fault that turns the printer red.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { invoke, screenshot, typePin } from './harness'
import { openScreen, plain, tillForFile } from './backoffice-support'

const till = tillForFile({ login: ['Anna', '1111'] })

const preview = () =>
  till.page.getByRole('figure', { name: 'So sieht der Beleg aus' }).getByTestId('receipt-paper')

describe('settings', () => {
  it('edits the receipt header with a live preview and saves it with the manager’s PIN', async () => {
    await openScreen(till.page, 'Einstellungen')
    const name = till.page.getByRole('textbox', { name: 'Name' })
    await expect.poll(() => name.inputValue()).toBe('Bäckerei Demo')
    const save = till.page.getByRole('button', { name: 'Speichern' })
    expect(await save.isDisabled()).toBe(true)

    await name.fill('Bäckerei Korn')
    await till.page.getByRole('textbox', { name: 'Adresse 1' }).fill('Marktplatz 3')
    await till.page.getByRole('textbox', { name: 'Adresse 2' }).fill('79098 Freiburg')
    await till.page.getByRole('textbox', { name: 'Steuernummer' }).fill('06/123/45678')
    await till.page.getByRole('radio', { name: 'Immer' }).check()
    const paper = plain(await preview().innerText())
    expect(paper).toContain('Bäckerei Korn')
    expect(paper).toContain('Marktplatz 3')
    expect(paper).toContain('St.-Nr. 06/123/45678')
    await screenshot(till.page, 'settings-shop-edit')

    // Anna is no manager: the manager's PIN is asked for before anything is saved.
    await save.tap()
    const dialog = till.page.getByRole('dialog', { name: 'Änderungen speichern' })
    await typePin(till.page, 'PIN-Eingabe', '9999')
    await dialog.getByRole('button', { name: 'Speichern' }).tap()
    await dialog.waitFor({ state: 'detached' })
    await till.page.getByText('Gespeichert. Der nächste Beleg druckt die neuen Angaben.').waitFor()
    expect(await save.isDisabled()).toBe(true)

    // Saved to the config file and live in main at once.
    const file = JSON.parse(readFileSync(join(till.host.dataDir, 'config.json'), 'utf8'))
    expect(file.shop).toMatchObject({
      name: 'Bäckerei Korn',
      address: ['Marktplatz 3', '79098 Freiburg'],
      taxNumber: '06/123/45678',
    })
    expect(file.receipt).toEqual({ policy: 'always' })
    const view = await invoke<{ ok: true; value: { shop: { name: string }; receiptPolicy: string } }>(
      till.page,
      'settings.get',
    )
    expect(view.value).toMatchObject({ shop: { name: 'Bäckerei Korn' }, receiptPolicy: 'always' })
  })

  it('shows the devices live, prints a test receipt with the new header, and a printer fault', async () => {
    await till.page.getByRole('tab', { name: 'Geräte' }).tap()
    const printer = till.page.getByRole('article', { name: 'Drucker' })
    await expect.poll(async () => plain(await printer.textContent())).toContain('Zustand: bereit')
    await printer.getByRole('button', { name: 'Testdruck' }).tap()
    await printer.getByRole('status').filter({ hasText: 'Testdruck gedruckt.' }).waitFor()
    const demo = await invoke<{ ok: true; value: { paper: { text: string }[] } }>(till.page, 'demo.view')
    const last = demo.value.paper.at(-1)!.text
    expect(last).toContain('Bäckerei Korn')
    expect(last).toContain('€ äöü ÄÖÜ ß')

    await invoke(till.page, 'demo.fault', { fault: 'printer.paper-out', on: true })
    await expect.poll(async () => plain(await printer.textContent())).toContain('Zustand: Papier leer')
    await printer.getByRole('button', { name: 'Testdruck' }).tap()
    await printer.getByRole('alert').filter({ hasText: 'Prüfen Sie Papier, Deckel und Kabel' }).waitFor()
    await screenshot(till.page, 'settings-devices-paper-out')
    await invoke(till.page, 'demo.fault', { fault: 'printer.paper-out', on: false })
    await expect.poll(async () => plain(await printer.textContent())).toContain('Zustand: bereit')

    // What is plugged in (demo mode: the virtual twins), each with the config block that selects it.
    const attached = till.page.getByRole('list', { name: 'Angeschlossene Geräte' })
    await expect.poll(() => attached.getByRole('listitem').count()).toBeGreaterThan(0)
  })

  it('speaks English when switched, and German again', async () => {
    await till.page.getByRole('button', { name: 'English' }).tap()
    await till.page.getByRole('tab', { name: 'Devices', selected: true }).waitFor()
    await till.page
      .getByRole('article', { name: 'Cash drawer' })
      .getByRole('button', { name: 'Open drawer' })
      .waitFor()
    await till.page.getByRole('tab', { name: 'Shop & receipt' }).tap()
    await till.page.getByRole('radio', { name: 'Always' }).waitFor()
    await till.page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Receipts & cash' })
      .tap()
    await till.page.getByRole('tab', { name: 'Cash' }).tap()
    await till.page.getByRole('button', { name: 'Z report (day closing)' }).waitFor()
    await screenshot(till.page, 'backoffice-cash-en')
    await till.page.getByRole('button', { name: 'Deutsch' }).tap()
    await till.page.getByRole('button', { name: 'Z-Bericht (Tagesabschluss)' }).waitFor()
    expect(till.errors).toEqual([])
  })
})
