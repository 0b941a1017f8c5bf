// The customer display (/display) follows the till live: basket lines and total while the cashier taps,
// what the loyalty card pays and what is left, then the cash given and the change, and the card balance.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { axeScan, definition, openLine, scanCode, screenshot, tapProduct, tillSession } from './harness'

const till = tillSession({ seller: ['Anna', '1111'] })
let tillPage: Page
let display: Page
const errors: string[] = []

beforeAll(async () => {
  tillPage = till.page
  // The second window, in its own context so neither page is a throttled background tab; the token in
  // the URL authenticates it like the till's first load.
  const second = await till.browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'de-DE',
    reducedMotion: 'reduce',
  })
  display = await second.newPage()
  display.on('pageerror', (e) => errors.push(String(e)))
  display.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await display.goto(`${till.host.origin}/display?token=${till.host.token}`)
})

const lines = (page: Page) =>
  page
    .getByRole('region', { name: 'Ihr Einkauf' })
    .getByRole('listitem')
    .allTextContents()
    .then((l) => l.map((x) => x.replace(/\u00a0/g, ' ')))

describe('customer display', () => {
  it('welcomes the customer while the basket is empty', async () => {
    await display.getByRole('heading', { name: 'Bäckerei Demo' }).waitFor()
    await display.getByText('Willkommen!').waitFor()
    expect(await axeScan(display)).toEqual([])
  })

  it('shows every line and the total as the cashier taps', async () => {
    await tapProduct(tillPage, 'Heißgetränke', 'Kaffee')
    await tapProduct(tillPage, 'Brötchen', 'Croissant')
    await tapProduct(tillPage, 'Brötchen', 'Croissant')
    await expect.poll(() => lines(display)).toEqual(['Kaffee2,60 €', '2 × Croissant3,20 €'])
    expect(await definition(display.getByRole('region', { name: 'Ihr Einkauf' }), 'Summe')).toBe('5,80 €')
    await screenshot(display, 'display-basket')
  })

  it('shows what the card pays, what is left, and keeps it across a reload', async () => {
    await scanCode(tillPage, '9276004424644352')
    const panel = tillPage.getByRole('dialog', { name: 'Kundenkarte' })
    await panel.getByRole('button', { name: 'Mit Karte zahlen' }).tap()
    await tillPage.getByRole('dialog', { name: 'Kundenkarte angerechnet' }).waitFor()
    const region = display.getByRole('region', { name: 'Ihr Einkauf' })
    await expect.poll(() => definition(region, 'Von Ihrer Karte')).toBe('− 2,20 €')
    expect(await definition(region, 'Zu zahlen')).toBe('3,60 €')
    await display.reload()
    await expect
      .poll(() => definition(display.getByRole('region', { name: 'Ihr Einkauf' }), 'Zu zahlen'))
      .toBe('3,60 €')
    await screenshot(display, 'display-card-applied')
  })

  it('shows the cash given, the change and the card balance after payment', async () => {
    await tillPage
      .getByRole('dialog', { name: 'Kundenkarte angerechnet' })
      .getByRole('button', { name: 'Rest bar' })
      .tap()
    await tillPage.getByRole('dialog', { name: 'Barzahlung' }).getByRole('button', { name: '5,00 €' }).tap()
    const thanks = display.getByRole('region', { name: 'Vielen Dank!' })
    await thanks.waitFor()
    expect(await definition(thanks, 'Gegeben')).toBe('5,00 €')
    expect(await definition(thanks, 'Rückgeld')).toBe('1,40 €')
    // 10 % of the 5,60 € recorded (5,80 € less 0,20 € bonus spent) → 0,56 € bonus on the card.
    await expect
      .poll(async () => (await display.getByLabel('Kartenguthaben').textContent())?.replace(/\u00a0/g, ' '))
      .toBe('Kartenguthaben: 0,00 € · Bonus: 0,56 €')
    await screenshot(display, 'display-paid')
    expect(await axeScan(display)).toEqual([])

    // The next customer's first product replaces the thanks; an emptied basket shows the welcome.
    await tapProduct(tillPage, 'Heißgetränke', 'Espresso')
    await expect
      .poll(() => definition(display.getByRole('region', { name: 'Ihr Einkauf' }), 'Summe'))
      .toBe('2,20 €')
    expect(await display.getByRole('region', { name: 'Vielen Dank!' }).count()).toBe(0)
    await (await openLine(tillPage, 'Espresso')).getByRole('button', { name: 'Espresso entfernen' }).tap()
    await display.getByText('Willkommen!').waitFor()
    expect(errors).toEqual([])
  })
})
