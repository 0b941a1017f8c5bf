// The day at the cash drawer: the opening float booked by a seller with the manager's PIN, a cash sale,
// an X report on screen, then the Z report: the drawer counted coin by coin (+/− and the keypad), the
// live counted total against the expected cash with its difference, a confirmation, and the printed
// report with the count and the difference on it.
import { describe, expect, it } from 'vitest'
import { screenshot, typePin } from './harness'
import { cashSale, openScreen, plain, tillForFile } from './backoffice-support'

const till = tillForFile({ login: ['Anna', '1111'] })

const summary = () => till.page.getByRole('region', { name: 'Kassenbestand' })
const summaryValue = async (label: string) =>
  plain(
    await summary()
      .locator('div', { has: till.page.getByText(label, { exact: true }) })
      .locator('dd')
      .textContent(),
  )

describe('cash and the day’s closing', () => {
  it('books the opening float with the manager’s PIN', async () => {
    await openScreen(till.page, 'Belege & Kasse')
    await till.page.getByRole('tab', { name: 'Kasse' }).tap()
    await expect.poll(() => summaryValue('Soll-Bestand')).toBe('0,00 €')

    await till.page.getByRole('button', { name: 'Anfangsbestand', exact: true }).tap()
    const dialog = till.page.getByRole('dialog', { name: 'Anfangsbestand' })
    await typePin(till.page, 'Betragseingabe', '15000')
    expect(plain(await dialog.getByRole('status', { name: 'Betrag' }).textContent())).toBe('150,00 €')
    await typePin(till.page, 'PIN-Eingabe', '9999')
    await screenshot(till.page, 'backoffice-opening-float')
    await dialog.getByRole('button', { name: 'Buchen' }).tap()
    await dialog.waitFor({ state: 'detached' })
    await till.page.getByText('Anfangsbestand gebucht.').waitFor()
    await expect.poll(() => summaryValue('Anfangsbestand')).toBe('150,00 €')
    await expect.poll(() => summaryValue('Soll-Bestand')).toBe('150,00 €')
  })

  it('refuses a cash out larger than the drawer holds and says how much it holds', async () => {
    await till.page.getByRole('button', { name: 'Entnahme', exact: true }).tap()
    const dialog = till.page.getByRole('dialog', { name: 'Entnahme' })
    await typePin(till.page, 'Betragseingabe', '20000')
    await dialog.getByRole('button', { name: 'Bankeinzahlung' }).tap()
    await typePin(till.page, 'PIN-Eingabe', '9999')
    await dialog.getByRole('button', { name: 'Buchen' }).tap()
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'So viel Bargeld ist nicht in der Kasse: der Soll-Bestand ist 150,00' })
      .waitFor()
    await screenshot(till.page, 'backoffice-cash-out-refused')
    await dialog.getByRole('button', { name: 'Abbrechen' }).tap()
    expect(await summaryValue('Entnahmen')).toBe('0,00 €')
  })

  it('shows the X report without closing anything', async () => {
    await cashSale(
      till.page,
      [
        ['Heißgetränke', 'Kaffee'],
        ['Brötchen', 'Laugenbrezel'],
      ],
      '3,70 €',
    )
    await openScreen(till.page, 'Belege & Kasse')
    await till.page.getByRole('tab', { name: 'Kasse' }).tap()
    await expect.poll(() => summaryValue('Soll-Bestand')).toBe('153,70 €')
    await till.page.getByRole('button', { name: 'X-Bericht' }).tap()
    const dialog = till.page.getByRole('dialog', { name: 'X-Bericht (Zwischenstand)' })
    const paper = dialog.getByTestId('receipt-paper')
    await paper.waitFor()
    expect(plain(await paper.innerText())).toContain('3,70')
    await screenshot(till.page, 'backoffice-x-report')
    await dialog.getByRole('button', { name: 'Schließen' }).tap()
    expect(await till.page.getByText('Noch kein Tagesabschluss.').isVisible()).toBe(true)
  })

  it('counts the drawer, shows the difference and closes the day with the Z report', async () => {
    await till.page.getByRole('button', { name: 'Z-Bericht (Tagesabschluss)' }).tap()
    const sheet = till.page.getByRole('dialog', { name: 'Tagesabschluss: Kasse zählen' })
    await sheet.waitFor()
    await expect.poll(async () => plain(await sheet.getByTestId('z-expected').textContent())).toBe('153,70 €')

    // 3 × 50 € by +, one 2 € coin by +, then 1 € × 2 typed on the keypad, 50 ct and 10 ct by +.
    const fifty = sheet.getByRole('group', { name: '50 €' })
    for (let i = 0; i < 3; i++) await fifty.getByRole('button', { name: '50 € mehr' }).tap()
    await sheet.getByRole('group', { name: '2 €' }).getByRole('button', { name: '2 € mehr' }).tap()
    await sheet.getByRole('button', { name: 'Anzahl 1 €: 0' }).tap()
    await typePin(till.page, 'Anzahl eingeben', '2')
    await sheet.getByRole('button', { name: '50 ct mehr' }).tap()
    await sheet.getByRole('button', { name: '10 ct mehr' }).tap()
    await sheet.getByRole('button', { name: '10 ct mehr' }).tap()
    // One 10 ct too many: − takes it back.
    await sheet.getByRole('button', { name: '10 ct weniger' }).tap()
    expect(plain(await fifty.textContent())).toContain('150,00 €')
    expect(await sheet.getByRole('button', { name: 'Anzahl 1 €: 2' }).getAttribute('aria-pressed')).toBe(
      'true',
    )

    // 150 + 2 + 2 + 0,50 + 0,10 = 154,60 € counted against 153,70 € expected.
    expect(plain(await sheet.getByTestId('z-counted').textContent())).toBe('154,60 €')
    expect(plain(await sheet.getByTestId('z-difference').textContent())).toBe('+0,90 € (Überschuss)')
    // One 1 € coin less: now 0,10 € are missing.
    await sheet.getByRole('button', { name: '1 € weniger' }).tap()
    expect(plain(await sheet.getByTestId('z-counted').textContent())).toBe('153,60 €')
    expect(plain(await sheet.getByTestId('z-difference').textContent())).toBe('-0,10 € (Fehlbetrag)')
    await screenshot(till.page, 'backoffice-z-counting')

    await sheet.getByRole('button', { name: 'Weiter' }).tap()
    const confirm = till.page.getByRole('alertdialog', { name: 'Tagesabschluss jetzt ausführen?' })
    await confirm.waitFor()
    expect(plain(await confirm.getByTestId('z-difference').textContent())).toBe('-0,10 € (Fehlbetrag)')
    const execute = confirm.getByRole('button', { name: 'Z-Bericht erstellen' })
    expect(await execute.isDisabled()).toBe(true)
    await typePin(till.page, 'PIN-Eingabe', '9999')
    await screenshot(till.page, 'backoffice-z-confirm')
    await execute.tap()

    const done = till.page.getByRole('dialog', { name: 'Z-Bericht Nr. 1 erstellt' })
    await done.waitFor()
    expect(plain(await done.getByTestId('z-difference').textContent())).toBe('-0,10 € (Fehlbetrag)')
    const paper = plain(
      await done.getByRole('figure', { name: 'Z-Bericht Nr. 1' }).getByTestId('receipt-paper').innerText(),
    )
    expect(paper).toContain('153,60')
    expect(paper).toContain('-0,10')
    await screenshot(till.page, 'backoffice-z-done')
    await done.getByRole('button', { name: 'Fertig' }).tap()

    // The closing is listed; the new period starts with nothing expected.
    const row = till.page.getByRole('table').getByRole('row').nth(1)
    await expect.poll(async () => plain(await row.textContent())).toMatch(/^1.*3,70 €-0,10 €$/)
    await expect.poll(() => summaryValue('Soll-Bestand')).toBe('0,00 €')
    expect(till.errors).toEqual([])
  })
})
