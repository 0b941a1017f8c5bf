// axe-core over every back-office, settings and demo screen and dialog, in the state a cashier sees
// them (a sale in the journal, dialogs open): no serious or critical violation.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { axeScan, openTill, screenshot, type AxeViolation } from './harness'
import { cashSale, openScreen, tillForFile } from './backoffice-support'

const till = tillForFile({ login: ['Anna', '1111'] })
/** The page under test: the 1024×768 till, later a 1920×1080 one. */
let page: Page
beforeAll(() => {
  page = till.page
})

/** Readable on failure: which rule, where. */
const describeViolations = (violations: AxeViolation[]) =>
  violations.map(
    (v) => `${v.impact} ${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )

async function expectAccessible(name: string): Promise<void> {
  await screenshot(page, `a11y-${name}`)
  expect(describeViolations(await axeScan(page))).toEqual([])
}

describe('accessibility of the back office, settings and demo panel', () => {
  it('journal with a receipt preview, and the storno dialog', async () => {
    await cashSale(
      page,
      [
        ['Heißgetränke', 'Kaffee'],
        ['Brötchen', 'Laugenbrezel'],
      ],
      '3,70 €',
    )
    await openScreen(page, 'Belege & Kasse')
    await page.getByRole('list', { name: 'Verkäufe' }).getByRole('button').first().tap()
    await page.getByRole('figure', { name: 'Belegvorschau Bon 1' }).waitFor()
    await expectAccessible('journal')
    await page.getByRole('button', { name: 'Stornieren' }).tap()
    await page.getByRole('alertdialog', { name: 'Bon 1 stornieren' }).waitFor()
    await expectAccessible('storno-dialog')
    await page.getByRole('button', { name: 'Abbrechen' }).tap()
  })

  it('cash, a cash movement, the X report and the counting sheet', async () => {
    await page.getByRole('tab', { name: 'Kasse' }).tap()
    await page.getByRole('button', { name: 'X-Bericht' }).waitFor()
    await expectAccessible('cash')
    await page.getByRole('button', { name: 'Einlage', exact: true }).tap()
    await page.getByRole('dialog', { name: 'Einlage' }).waitFor()
    await expectAccessible('cash-in-dialog')
    await page.getByRole('button', { name: 'Abbrechen' }).tap()
    await page.getByRole('button', { name: 'X-Bericht' }).tap()
    await page
      .getByRole('dialog', { name: 'X-Bericht (Zwischenstand)' })
      .getByTestId('receipt-paper')
      .waitFor()
    await expectAccessible('x-report')
    await page.getByRole('button', { name: 'Schließen' }).tap()
    await page.getByRole('button', { name: 'Z-Bericht (Tagesabschluss)' }).tap()
    await page.getByRole('dialog', { name: 'Tagesabschluss: Kasse zählen' }).waitFor()
    await page.getByRole('button', { name: 'Anzahl 10 €: 0' }).tap()
    await expectAccessible('z-counting')
    await page.getByRole('button', { name: 'Weiter' }).tap()
    await page.getByRole('alertdialog', { name: 'Tagesabschluss jetzt ausführen?' }).waitFor()
    await expectAccessible('z-confirm')
    await page.getByRole('button', { name: 'Zurück zum Zählen' }).tap()
    await page.getByRole('button', { name: 'Abbrechen' }).tap()
  })

  it('sales per article with its favourite stars', async () => {
    await page.getByRole('tab', { name: 'Artikel' }).tap()
    await page.getByRole('table', { name: 'Verkauf je Artikel' }).waitFor()
    await expectAccessible('articles')
  })

  it('settings: shop and receipt, devices, secuconnect', async () => {
    await openScreen(page, 'Einstellungen')
    await page.getByRole('textbox', { name: 'Name' }).waitFor()
    await expectAccessible('settings-shop')
    await page.getByRole('tab', { name: 'Geräte' }).tap()
    await page.getByRole('button', { name: 'Testdruck' }).waitFor()
    await expectAccessible('settings-devices')
    await page.getByRole('tab', { name: 'secuconnect' }).tap()
    await page.getByTestId('api-paired').waitFor()
    await expectAccessible('settings-secuconnect')
  })

  it('demo panel', async () => {
    await openScreen(page, 'Demo')
    await page.getByRole('switch', { name: 'Drucker: Papier leer' }).waitFor()
    await expectAccessible('demo-panel')
  })

  it('the same screens on a 1920×1080 till', async () => {
    const large = await openTill(till.browser, till.host, { width: 1920, height: 1080 })
    page = large.page
    await openScreen(page, 'Belege & Kasse')
    await page.getByRole('list', { name: 'Verkäufe' }).getByRole('button').first().tap()
    await page.getByRole('figure', { name: 'Belegvorschau Bon 1' }).waitFor()
    await expectAccessible('journal-1920')
    await page.getByRole('tab', { name: 'Kasse' }).tap()
    await page.getByRole('button', { name: 'Z-Bericht (Tagesabschluss)' }).tap()
    await page.getByRole('dialog', { name: 'Tagesabschluss: Kasse zählen' }).waitFor()
    await expectAccessible('z-counting-1920')
    await page.getByRole('button', { name: 'Abbrechen' }).tap()
    await openScreen(page, 'Demo')
    await expectAccessible('demo-panel-1920')
    await openScreen(page, 'Einstellungen')
    await page.getByRole('textbox', { name: 'Name' }).waitFor()
    await expectAccessible('settings-shop-1920')
    expect([...till.errors, ...large.errors]).toEqual([])
  })
})
