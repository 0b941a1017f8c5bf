// The printer runs out of paper during a sale: the status bar says so at once, the sale is paid and
// journaled anyway, the paid screen says the receipt was not printed and offers the next steps. After
// new paper the receipt is printed as the original (nothing had reached the printer, so it is no copy);
// the next time the cashier chooses to print later.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { basketTotal, invoke, paidSummary, screenshot, tapProduct, tillSession } from './harness'

const till = tillSession({ seller: ['Anna', '1111'] })
let page: Page
let errors: string[]

beforeAll(() => {
  ;({ page, errors } = till)
})

const printerStatus = (page: Page) =>
  page.getByRole('status', { name: 'Gerätestatus' }).locator('[data-kind="printer"]').textContent()

async function fault(page: Page, on: boolean): Promise<void> {
  const result = await invoke<{ ok: boolean }>(page, 'demo.fault', { fault: 'printer.paper-out', on })
  expect(result.ok).toBe(true)
}

async function paper(page: Page): Promise<string[]> {
  const view = await invoke<{ ok: boolean; value: { paper: { text: string }[] } }>(page, 'demo.view')
  return view.ok ? view.value.paper.map((p) => p.text) : []
}

async function sellAndAskToPrint(page: Page, product: [string, string], total: string) {
  await tapProduct(page, ...product)
  await expect.poll(() => basketTotal(page)).toBe(total)
  await page.getByRole('button', { name: 'Bar', exact: true }).tap()
  await page.getByRole('dialog', { name: 'Barzahlung' }).getByRole('button', { name: 'Passend' }).tap()
  const paid = paidSummary(page)
  await paid.getByRole('button', { name: /^Bon drucken/ }).tap()
  return paid
}

describe('printer out of paper during a sale', () => {
  it('shows paper-out in the status bar, keeps the sale, and prints the original after new paper', async () => {
    await fault(page, true)
    await expect.poll(() => printerStatus(page)).toBe('Drucker: Papier leer')
    const before = (await paper(page)).length

    const paid = await sellAndAskToPrint(page, ['Heißgetränke', 'Cappuccino'], '3,40 €')
    await paid
      .getByRole('alert')
      .filter({ hasText: 'Der Beleg wurde nicht gedruckt: Papier leer.' })
      .waitFor()
    expect(await paid.getByRole('button', { name: 'Beleg erneut drucken' }).isVisible()).toBe(true)
    expect(await paid.getByRole('button', { name: 'Später drucken' }).isVisible()).toBe(true)
    await screenshot(page, 'sale-printer-paper-out')
    // The sale is paid and journaled although nothing came out of the printer.
    const sales = await invoke<{ ok: boolean; value: { total: number }[] }>(page, 'journal.sales', {})
    expect(sales.ok && sales.value.map((s) => s.total)).toEqual([340])
    expect((await paper(page)).length).toBe(before)

    await fault(page, false)
    await expect.poll(() => printerStatus(page)).toBe('Drucker: bereit')
    await paid.getByRole('button', { name: 'Beleg erneut drucken' }).tap()
    await expect.poll(() => paid.getByRole('alert').count()).toBe(0)
    const printed = await paper(page)
    expect(printed.length).toBe(before + 1)
    expect(printed.at(-1)).toContain('Cappuccino')
    expect(printed.at(-1)).not.toContain('KOPIE')
    // Nothing modal waits: the next product starts the next sale.
    expect(await page.getByRole('dialog').count()).toBe(0)
  })

  it('lets the cashier print later and go on selling', async () => {
    await fault(page, true)
    await expect.poll(() => printerStatus(page)).toBe('Drucker: Papier leer')
    const paid = await sellAndAskToPrint(page, ['Brötchen', 'Croissant'], '1,60 €')
    await paid.getByRole('button', { name: 'Später drucken' }).tap()
    await expect.poll(() => paid.getByRole('alert').count()).toBe(0)
    await tapProduct(page, 'Brötchen', 'Croissant')
    await expect.poll(() => basketTotal(page)).toBe('1,60 €')
    await expect.poll(() => paid.count()).toBe(0)
    await fault(page, false)
    expect(errors).toEqual([])
  })
})
