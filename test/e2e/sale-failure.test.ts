// When secuconnect fails during a card payment the cashier sees what happened and the next steps main
// offers: try again, take cash instead, or cancel and keep the basket. Nothing is paid twice.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  basketTotal,
  invoke,
  openLine,
  paidSummary,
  screenshot,
  tapProduct,
  textOf,
  tillSession,
} from './harness'

const till = tillSession({ seller: ['Ben', '2222'] })
let page: Page
let errors: string[]

beforeAll(() => {
  ;({ page, errors } = till)
})

async function fault(page: Page, name: string, on: boolean): Promise<void> {
  expect((await invoke<{ ok: boolean }>(page, 'demo.fault', { fault: name, on })).ok).toBe(true)
}

const failed = (page: Page) => page.getByRole('alertdialog', { name: 'Zahlung fehlgeschlagen' })

async function payByCardAndFail(page: Page, reason: string) {
  await page.getByRole('button', { name: 'Karte', exact: true }).tap()
  const dialog = failed(page)
  await dialog.getByRole('alert').filter({ hasText: reason }).waitFor()
  expect(await dialog.getByRole('button').allTextContents()).toEqual([
    'Bar kassieren',
    'Erneut versuchen',
    'Zahlung abbrechen',
  ])
  return dialog
}

const sales = async (page: Page) => {
  const result = await invoke<{ ok: boolean; value: { total: number; status: string; methods: string[] }[] }>(
    page,
    'journal.sales',
    {},
  )
  return result.ok
    ? result.value.map((s) => `${s.total} ${s.status} ${s.methods.join('+')}`.trim()).sort()
    : []
}

describe('secuconnect fails during a card payment', () => {
  it('offers retry, and the retry pays once the API answers again', async () => {
    await tapProduct(page, 'Heißgetränke', 'Kaffee')
    await fault(page, 'api.error', true)
    const dialog = await payByCardAndFail(page, 'secuconnect ist gerade nicht erreichbar.')
    await screenshot(page, 'sale-failure-api-error')
    await fault(page, 'api.error', false)
    await dialog.getByRole('button', { name: 'Erneut versuchen' }).tap()
    const paid = paidSummary(page)
    await paid.waitFor()
    expect(
      (await paid.locator('.sum-table > div').allTextContents()).map((r) => r.replace(/\u00a0/g, ' ')),
    ).toEqual(['Summe2,60 €', 'Kartenzahlung2,60 €'])
  })

  it('takes cash instead when the network is down, and the status bar shows secuconnect offline', async () => {
    await tapProduct(page, 'Brötchen', 'Croissant')
    await fault(page, 'api.offline', true)
    const dialog = await payByCardAndFail(page, 'Keine Verbindung zu secuconnect.')
    await expect
      .poll(() =>
        page.getByRole('status', { name: 'Gerätestatus' }).locator('[data-kind="api"]').textContent(),
      )
      .toBe('secuconnect: offline')
    await dialog.getByRole('button', { name: 'Bar kassieren' }).tap()
    await page.getByRole('dialog', { name: 'Barzahlung' }).getByRole('button', { name: '5,00 €' }).tap()
    const paid = paidSummary(page)
    await paid.waitFor()
    expect(await textOf(page, 'Rückgeld')).toBe('3,40 €')
    await fault(page, 'api.offline', false)
  })

  it('cancels and keeps the basket for another try', async () => {
    await tapProduct(page, 'Brot', 'Baguette')
    await fault(page, 'api.error', true)
    const dialog = await payByCardAndFail(page, 'secuconnect ist gerade nicht erreichbar.')
    await dialog.getByRole('button', { name: 'Zahlung abbrechen' }).tap()
    await expect.poll(() => page.getByRole('alertdialog').count()).toBe(0)
    expect(await basketTotal(page)).toBe('2,20 €')
    const editor = await openLine(page, 'Baguette')
    await editor.getByRole('button', { name: 'Baguette: eins mehr' }).tap()
    await expect.poll(() => basketTotal(page)).toBe('4,40 €')
    await editor.getByRole('button', { name: 'Fertig' }).tap()
    await fault(page, 'api.error', false)
    // Each failed attempt went on in the same sale: two sales completed, paid once each; the cancelled
    // attempt is journaled as aborted.
    expect(await sales(page)).toEqual(['160 completed cash', '220 aborted', '260 completed terminal'])
    expect(errors).toEqual([])
  })
})
