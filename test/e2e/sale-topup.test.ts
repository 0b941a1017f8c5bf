// Loading a customer card with 15 € (amount typed on the top-up keypad, card typed afterwards, paid in
// cash), a top-up refused without a card, and a basket paid on the card terminal.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  basketTotal,
  definition,
  openLine,
  paidSummary,
  screenshot,
  tapProduct,
  textOf,
  tillSession,
  typePin,
} from './harness'

const till = tillSession({ seller: ['Ben', '2222'] })
let page: Page
let errors: string[]

beforeAll(() => {
  ;({ page, errors } = till)
})

describe('top-up and terminal', () => {
  it('loads 15 € onto the gift card', async () => {
    await tapProduct(page, 'Kundenkarte', 'Kartenaufladung (Betrag wählen)')
    const topup = page.getByRole('dialog', { name: 'Karte aufladen' })
    await topup.getByText('Eine Aufladung braucht eine Kundenkarte').waitFor()
    expect(await topup.getByRole('group', { name: 'Beträge' }).getByRole('button').allTextContents()).toEqual(
      ['10,00 €', '20,00 €', '50,00 €'].map((s) => s.replace(' ', '\u00a0')),
    )
    await typePin(page, 'Betrag in Cent', '1500')
    expect(await textOf(page, 'Aufladebetrag')).toBe('15,00 €')
    await screenshot(page, 'sale-topup-amount')
    await topup.getByRole('button', { name: '15,00 € aufladen' }).tap()
    await expect.poll(() => basketTotal(page)).toBe('15,00 €')

    // No card yet: the card panel follows by itself.
    const panel = page.getByRole('dialog', { name: 'Kundenkarte' })
    await panel.waitFor()
    await typePin(page, 'Ziffern der Kartennummer', '9276004429942845')
    await panel.getByRole('button', { name: 'Karte abfragen' }).tap()
    await expect.poll(() => definition(panel, 'Guthaben')).toBe('5,00 €')
    await screenshot(page, 'sale-topup-card')
    await panel.getByRole('button', { name: 'Schließen' }).tap()

    await page.getByRole('button', { name: 'Bar', exact: true }).tap()
    await page.getByRole('dialog', { name: 'Barzahlung' }).getByRole('button', { name: '20,00 €' }).tap()
    const paid = paidSummary(page)
    await paid.waitFor()
    await expect.poll(() => textOf(page, 'Rückgeld')).toBe('5,00 €')
    await expect
      .poll(async () => (await paid.locator('.card-line').textContent())?.replace(/\u00a0/g, ' '))
      .toBe('Guthaben jetzt 20,00 € · Bonus 0,00 €')
    await screenshot(page, 'sale-topup-paid')
    expect(await basketTotal(page)).toBe('0,00 €')
  })

  it('refuses to take money for a top-up without a card', async () => {
    await tapProduct(page, 'Kundenkarte', 'Kartenaufladung 10 €')
    await page
      .getByRole('dialog', { name: 'Karte aufladen' })
      .getByRole('button', { name: '10,00 € aufladen' })
      .tap()
    const panel = page.getByRole('dialog', { name: 'Kundenkarte' })
    await panel.getByRole('button', { name: 'Schließen' }).tap()
    await page.getByRole('button', { name: 'Bar', exact: true }).tap()
    await page.getByRole('dialog', { name: 'Barzahlung' }).getByRole('button', { name: 'Passend' }).tap()
    await page
      .getByRole('dialog', { name: 'Barzahlung' })
      .getByRole('alert')
      .filter({ hasText: 'Für eine Aufladung bitte zuerst die Kundenkarte scannen oder eingeben.' })
      .waitFor()
    await page.getByRole('dialog', { name: 'Barzahlung' }).getByRole('button', { name: 'Abbrechen' }).tap()
    await (
      await openLine(page, 'Kartenaufladung 10 €')
    )
      .getByRole('button', { name: 'Kartenaufladung 10 € entfernen' })
      .tap()
    await expect.poll(() => basketTotal(page)).toBe('0,00 €')
  })

  it('pays a basket on the card terminal', async () => {
    await tapProduct(page, 'Brot', 'Bauernbrot 1000 g')
    await page.getByRole('button', { name: 'Karte', exact: true }).tap()
    const paid = paidSummary(page)
    await paid.waitFor()
    const rows = (await paid.locator('.sum-table > div').allTextContents()).map((r) =>
      r.replace(/\u00a0/g, ' '),
    )
    expect(rows).toEqual(['Summe5,20 €', 'Kartenzahlung5,20 €'])
    expect(errors).toEqual([])
  })
})
