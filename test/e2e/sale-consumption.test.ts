// Im Haus / Außer Haus and a combo on the sale screen, in Chromium: switching to Im Haus keeps the Latte
// Macchiato's price but main moves it from 7 % to 19 %; a Kaffeegedeck shows its split under its line;
// the paid sale's VAT table (the journal's) shows both; the next sale starts Außer Haus again (the
// till's default) (docs/vat-rates.md).
import { beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { basketTotal, invoke, paidSummary, screenshot, tapProduct, tillSession } from './harness'

const till = tillSession({ seller: ['Anna', '1111'] })
let page: Page
let errors: string[]

beforeAll(() => {
  ;({ page, errors } = till)
})

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\u00a0/g, ' ').trim()
/** The VAT table's rows as "rate | net | tax | gross". */
async function vatRows(table: Locator): Promise<string[]> {
  const rows = table.locator('tbody tr')
  const out: string[] = []
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = rows.nth(i).locator('th, td')
    const parts: string[] = []
    for (let j = 0; j < (await cells.count()); j++) parts.push(await text(cells.nth(j)))
    out.push(parts.join(' | '))
  }
  return out
}

const basket = () => page.getByRole('complementary', { name: 'Warenkorb' })
/** The open basket's VAT per rate as main computed it ("rate:gross"). */
async function basketVat(): Promise<string[]> {
  const view = await invoke<{ ok: boolean; value: { basket: { vat: { rate: number; gross: number }[] } } }>(
    page,
    'register.view',
  )
  return view.ok ? view.value.basket.vat.map((v) => `${v.rate}:${v.gross}`) : []
}
const key = (name: string) =>
  page.getByRole('group', { name: 'Verzehr' }).getByRole('button', { name, exact: true })

describe('Im Haus / Außer Haus and combos at the counter', () => {
  it('re-prices a latte macchiato in-house at the same gross and 19 %, and shows a Kaffeegedeck split', async () => {
    // The basket keeps no VAT table of its own (it keeps its room for lines); the paid sale shows it.
    expect(await basket().getByRole('table').count()).toBe(0)
    expect(await key('Außer Haus').getAttribute('aria-pressed')).toBe('true')
    await tapProduct(page, 'Heißgetränke', 'Latte Macchiato')
    await expect.poll(() => basketTotal(page)).toBe('3,80 €')
    await expect.poll(() => basketVat()).toEqual(['7:380'])

    // The keys are full touch targets.
    for (const name of ['Außer Haus', 'Im Haus']) {
      const box = await key(name).boundingBox()
      expect(box!.height, name).toBeGreaterThanOrEqual(48)
    }
    await key('Im Haus').tap()
    await expect.poll(() => key('Im Haus').getAttribute('aria-pressed')).toBe('true')
    expect(await basketTotal(page)).toBe('3,80 €')
    await expect.poll(() => basketVat()).toEqual(['19:380'])

    await tapProduct(page, 'Kuchen & Torte', 'Kaffeegedeck')
    await expect.poll(() => basketTotal(page)).toBe('8,70 €')
    const line = basket().getByRole('listitem', { name: 'Kaffeegedeck', exact: true })
    await expect
      .poll(() => text(line.locator('.line-combo')))
      .toBe('davon Kaffee 2,32 € (19 %) · Gedeckter Apfelkuchen (Stück) 2,58 € (7 %)')
    expect(await basketVat()).toEqual(['19:612', '7:258'])
    await screenshot(page, 'sale-consumption-inhouse-combo')

    await page.getByRole('button', { name: 'Bar', exact: true }).tap()
    await page.getByRole('dialog', { name: 'Barzahlung' }).getByRole('button', { name: 'Passend' }).tap()
    const paid = paidSummary(page)
    await expect
      .poll(() => vatRows(paid.getByRole('table', { name: 'Mehrwertsteuer' })))
      .toEqual(['19 % | 5,14 € | 0,98 € | 6,12 €', '7 % | 2,41 € | 0,17 € | 2,58 €'])
    // The next sale starts with the till's default again.
    await expect.poll(() => key('Außer Haus').getAttribute('aria-pressed')).toBe('true')
    expect(errors).toEqual([])
  }, 60_000)
})
