// Loyalty cards at the counter: the Stammkunde card pays 2,20 € of a 7,96 € basket and the rest is paid
// in cash; a locked card is refused and the sale goes on without it; a PIN card asks for its PIN.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  basketTotal,
  definition,
  priceLabel,
  scanCode,
  screenshot,
  tapProduct,
  paidSummary,
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

/** Kaffee 2,60 € (19 %) + Käsekuchen 3,20 € (7 %) + a Butterstollen price label of 2,16 € (7 %) = 7,96 €. */
async function basket796(page: Page): Promise<void> {
  await tapProduct(page, 'Heißgetränke', 'Kaffee')
  await tapProduct(page, 'Kuchen & Torte', 'Käsekuchen (Stück)')
  await scanCode(page, priceLabel('00405', 216))
  await expect.poll(() => basketTotal(page)).toBe('7,96 €')
}

/** The open dialog is not scrolled and its heading and last button are inside the viewport. */
async function expectFits(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Kundenkarte' })
  const fits = await dialog.evaluate((d) => {
    const buttons = [...d.querySelectorAll('button')]
    const bottom = Math.max(...buttons.map((b) => b.getBoundingClientRect().bottom))
    return {
      scrolls: d.scrollHeight > d.clientHeight + 1,
      top: d.getBoundingClientRect().top,
      bottom,
      vh: innerHeight,
    }
  })
  expect(fits.scrolls).toBe(false)
  expect(fits.top).toBeGreaterThanOrEqual(0)
  expect(fits.bottom).toBeLessThanOrEqual(fits.vh)
}

/** The paid summary is not modal: nothing waits for an answer before the next customer's first tap. */
async function nextCustomer(page: Page): Promise<void> {
  await paidSummary(page).waitFor()
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
}

describe('loyalty card', () => {
  it('pays 2,20 € from the Stammkunde card and the remaining 5,76 € in cash', async () => {
    await basket796(page)
    // The scanner reads the card: the panel opens by itself.
    await scanCode(page, '9276004424644352')
    const panel = page.getByRole('dialog', { name: 'Kundenkarte' })
    await panel.getByText('•••• •••• •••• 4352').waitFor()
    await expect.poll(() => definition(panel, 'Guthaben')).toBe('2,00 €')
    expect(await definition(panel, 'Bonus')).toBe('0,20 €')
    expect(await panel.getByText('aktiv', { exact: true }).isVisible()).toBe(true)
    await screenshot(page, 'sale-card-panel')

    await panel.getByRole('button', { name: 'Mit Karte zahlen' }).tap()
    const applied = page.getByRole('dialog', { name: 'Kundenkarte angerechnet' })
    await applied.waitFor()
    expect(await textOf(page, 'Restbetrag')).toBe('5,76 €')
    expect((await applied.getByText('− 2,20 €').textContent())?.replace(/\u00a0/g, ' ')).toBe('− 2,20 €')
    await screenshot(page, 'sale-card-remainder')

    await applied.getByRole('button', { name: 'Rest bar' }).tap()
    const cash = page.getByRole('dialog', { name: 'Barzahlung' })
    expect((await cash.getByText('5,76').textContent())?.replace(/\u00a0/g, ' ')).toBe('5,76 €')
    await cash.getByRole('button', { name: '10,00 €' }).tap()
    const paid = paidSummary(page)
    await paid.waitFor()
    await expect.poll(() => textOf(page, 'Rückgeld')).toBe('4,24 €')
    const rows = (await paid.locator('.sum-table > div').allTextContents()).map((r) =>
      r.replace(/\u00a0/g, ' '),
    )
    // The 0,20 € bonus is a discount (receipt total 7,76 €); the card pays its 2,00 € cash balance.
    expect(rows).toEqual(['Summe7,76 €', 'Kundenkarte2,00 €', 'Bar5,76 €', 'Gegeben10,00 €'])
    // 10 % bonus on the 7,76 € recorded (7,96 € less the 0,20 € bonus spent) → 0,77 € on the card.
    await expect
      .poll(async () => (await paid.locator('.card-line').textContent())?.replace(/\u00a0/g, ' '))
      .toBe('Guthaben jetzt 0,00 € · Bonus 0,77 €')
    await screenshot(page, 'sale-card-paid')
    await nextCustomer(page)
    await expect.poll(() => basketTotal(page)).toBe('0,00 €')
  })

  it('refuses the locked card and sells without it', async () => {
    await tapProduct(page, 'Süßes Gebäck', 'Berliner')
    await page.getByRole('button', { name: 'Kundenkarte', exact: true }).tap()
    const panel = page.getByRole('dialog', { name: 'Kundenkarte' })
    await typePin(page, 'Ziffern der Kartennummer', '9276004400000018')
    expect(await textOf(page, 'Kartennummer')).toBe('9276 0044 0000 0018')
    await panel.getByRole('button', { name: 'Karte abfragen' }).tap()
    await panel.getByText('gesperrt', { exact: true }).waitFor()
    await panel
      .getByRole('alert')
      .filter({ hasText: 'Diese Karte ist gesperrt und kann nicht verwendet werden.' })
      .waitFor()
    expect(await panel.getByRole('button', { name: 'Mit Karte zahlen' }).isDisabled()).toBe(true)
    expect(await panel.getByRole('button', { name: 'Aufladen' }).isDisabled()).toBe(true)
    await screenshot(page, 'sale-card-locked')

    await panel.getByRole('button', { name: 'Karte entfernen' }).tap()
    await expect.poll(() => panel.count()).toBe(0)
    await page.getByRole('button', { name: 'Bar', exact: true }).tap()
    await page.getByRole('dialog', { name: 'Barzahlung' }).getByRole('button', { name: 'Passend' }).tap()
    await paidSummary(page).waitFor()
    expect(await textOf(page, 'Rückgeld')).toBe('0,00 €')
    await nextCustomer(page)
  })

  it('asks for the PIN of a PIN card, refuses a wrong one, and pays the whole basket from the card', async () => {
    await basket796(page)
    await page.getByRole('button', { name: 'Kundenkarte', exact: true }).tap()
    const panel = page.getByRole('dialog', { name: 'Kundenkarte' })
    await typePin(page, 'Ziffern der Kartennummer', '9276004400000026')
    await panel.getByRole('button', { name: 'Karte abfragen' }).tap()
    await panel.getByText('Diese Karte braucht die PIN des Kunden.').waitFor()
    expect(await panel.getByRole('button', { name: 'Mit Karte zahlen' }).isDisabled()).toBe(true)
    // Nothing red before anyone typed, and the whole dialog fits the screen without scrolling.
    expect(await panel.getByRole('alert').count()).toBe(0)
    await expectFits(page)
    await screenshot(page, 'sale-card-pin-1024x768')
    await typePin(page, 'Ziffern der Karten-PIN', '4321')
    await panel.getByRole('button', { name: 'PIN prüfen' }).tap()
    await panel.getByRole('alert').filter({ hasText: 'Falsche Karten-PIN. Noch 2 Versuche.' }).waitFor()
    // One message at a time.
    expect(await panel.getByRole('alert').count()).toBe(1)
    await expectFits(page)
    await typePin(page, 'Ziffern der Karten-PIN', '1234')
    await panel.getByRole('button', { name: 'PIN prüfen' }).tap()
    await expect.poll(() => panel.getByRole('button', { name: 'Mit Karte zahlen' }).isEnabled()).toBe(true)
    await panel.getByRole('button', { name: 'Mit Karte zahlen' }).tap()
    const paid = paidSummary(page)
    await paid.waitFor()
    const rows = (await paid.locator('.sum-table > div').allTextContents()).map((r) =>
      r.replace(/\u00a0/g, ' '),
    )
    // 1,50 € of the 7,96 € is bonus (a discount); the card's cash balance pays the 6,46 € left.
    expect(rows).toEqual(['Summe6,46 €', 'Kundenkarte6,46 €'])
    expect(await textOf(page, 'Rückgeld')).toBe('0,00 €')
    await screenshot(page, 'sale-card-pin-paid')
    await nextCustomer(page)
    expect(errors).toEqual([])
  })
})
