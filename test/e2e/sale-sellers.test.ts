// Bakery mode at the counter: Anna sells, Ben takes over (Anna's basket is parked), Anna resumes her
// basket with one tap and her PIN. A wrong PIN is refused with a message; a reload loses nothing.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { basketTotal, loginSeller, screenshot, tapProduct, tillSession, typePin } from './harness'

const till = tillSession()
let page: Page
let errors: string[]

beforeAll(() => {
  ;({ page, errors } = till)
})

describe('sellers', () => {
  it('asks who sells before anything is sold, and refuses a wrong PIN', async () => {
    const picker = page.getByRole('group', { name: 'Verkäufer' })
    // The sellers arrive over the contract after the first paint: wait for them, do not read once.
    await expect.poll(() => picker.getByRole('button').allTextContents()).toEqual(['Anna', 'Ben', 'Chefin'])
    await picker.getByRole('button', { name: 'Anna' }).tap()
    await typePin(page, 'Ziffern der PIN', '1234')
    await page.getByRole('button', { name: 'Anmelden', exact: true }).tap()
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Falsche PIN.' }).isVisible())
      .toBe(true)
    await screenshot(page, 'sale-sellers-wrong-pin')
    await typePin(page, 'Ziffern der PIN', '1111')
    await page.getByRole('button', { name: 'Anmelden', exact: true }).tap()
    await page.getByRole('button', { name: 'Verkäufer Anna – wechseln' }).waitFor()
  })

  it('parks Anna’s basket when Ben takes over and resumes it with one tap', async () => {
    await tapProduct(page, 'Heißgetränke', 'Kaffee')
    await tapProduct(page, 'Brötchen', 'Laugenbrezel')
    await expect.poll(() => basketTotal(page)).toBe('3,70 €')

    await loginSeller(page, 'Ben', '2222')
    await expect.poll(() => basketTotal(page)).toBe('0,00 €')
    const parked = page.getByRole('button', { name: 'Warenkorb fortsetzen: Anna · 3,70 € (2 Artikel)' })
    await parked.waitFor()
    await tapProduct(page, 'Süßes Gebäck', 'Berliner')
    await expect.poll(() => basketTotal(page)).toBe('1,60 €')
    await screenshot(page, 'sale-sellers-parked')

    await parked.tap()
    await typePin(page, 'Ziffern der PIN', '1111')
    await page.getByRole('button', { name: 'Anmelden', exact: true }).tap()
    await page.getByRole('button', { name: 'Verkäufer Anna – wechseln' }).waitFor()
    await expect.poll(() => basketTotal(page)).toBe('3,70 €')
    const lines = page.getByRole('list', { name: 'Positionen' }).getByRole('listitem')
    expect(await lines.evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')))).toEqual([
      'Kaffee',
      'Laugenbrezel',
    ])
    await page.getByRole('button', { name: 'Warenkorb fortsetzen: Ben · 1,60 € (1 Artikel)' }).waitFor()
  })

  it('keeps baskets and the seller across a reload', async () => {
    await page.reload()
    await page.getByRole('button', { name: 'Verkäufer Anna – wechseln' }).waitFor()
    await expect.poll(() => basketTotal(page)).toBe('3,70 €')
    await page.getByRole('button', { name: 'Warenkorb fortsetzen: Ben · 1,60 € (1 Artikel)' }).waitFor()
    await screenshot(page, 'sale-sellers-after-reload')
    expect(errors.filter((e) => !e.includes('NOT_IMPLEMENTED'))).toEqual([])
  })
})
