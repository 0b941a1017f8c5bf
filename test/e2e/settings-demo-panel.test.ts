// The demo panel as a trainer uses it: scan products and demo cards through the virtual scanner (lines
// appear in the basket as from a real scanner), a bad code refused, the virtual printer's paper and the
// drawer after a sale, and a printer fault that the status bar shows at once.
import { describe, expect, it } from 'vitest'
import { basketTotal, screenshot } from './harness'
import { cashSale, openScreen, plain, tillForFile } from './backoffice-support'

const till = tillForFile({ login: ['Anna', '1111'] })

const lastScan = () => till.page.locator('.st-scan-result')

describe('demo panel', () => {
  it('scans a product by button and an EAN typed in; the lines appear in the basket', async () => {
    await openScreen(till.page, 'Demo')
    await till.page.getByRole('button', { name: 'Buttertoast 500 g scannen' }).tap()
    await expect
      .poll(async () => plain(await lastScan().textContent()))
      .toBe('Gescannt: 4260123450014 — im Warenkorb.')
    await till.page.getByRole('textbox', { name: 'Code zum Scannen' }).fill('4007123000517')
    await till.page.getByRole('button', { name: 'Scannen', exact: true }).tap()
    await expect
      .poll(async () => plain(await lastScan().textContent()))
      .toBe('Gescannt: 4007123000517 — im Warenkorb.')
    await screenshot(till.page, 'demo-panel-scan')

    await openScreen(till.page, 'Verkauf')
    // 2,90 € toast + 1,80 € water + 0,25 € deposit that follows the bottle.
    await expect.poll(() => basketTotal(till.page)).toBe('4,95 €')
    const lines = till.page.getByRole('list', { name: 'Positionen' }).getByRole('listitem')
    expect(await lines.evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')))).toEqual([
      'Buttertoast 500 g',
      'Mineralwasser 0,5 l',
      'Pfand Einweg',
    ])
  })

  it('refuses a code with a wrong check digit and sells nothing', async () => {
    await openScreen(till.page, 'Demo')
    await till.page.getByRole('textbox', { name: 'Code zum Scannen' }).fill('4007123000518')
    await till.page.getByRole('button', { name: 'Scannen', exact: true }).tap()
    await expect
      .poll(async () => plain(await lastScan().textContent()))
      .toMatch(/^Gescannt: 4007123000518 — nicht übernommen/)
    await openScreen(till.page, 'Verkauf')
    await expect.poll(() => basketTotal(till.page)).toBe('4,95 €')
  })

  it('shows the printed receipt on the virtual paper and the drawer that the sale opened', async () => {
    const receiptNo = await cashSale(till.page, [], '4,95 €', 1000)
    await openScreen(till.page, 'Demo')
    const paper = till.page.getByRole('region', { name: /^Beleg von/ })
    await expect.poll(async () => plain(await paper.textContent())).toContain('Buttertoast 500 g')
    expect(plain(await paper.locator('pre').last().textContent())).toMatch(
      new RegExp(`Beleg-Nr\\.\\s+${receiptNo}`),
    )
    expect(plain(await till.page.getByTestId('demo-drawer').textContent())).toMatch(/^offen/)
    await screenshot(till.page, 'demo-panel-paper-drawer')
    await till.page.getByRole('button', { name: 'Schublade schließen' }).tap()
    await expect
      .poll(async () => plain(await till.page.getByTestId('demo-drawer').textContent()))
      .toMatch(/^geschlossen · 1× geöffnet/)
  })

  it('switches a printer fault on and off; the status bar follows', async () => {
    const paperOut = till.page.getByRole('switch', { name: 'Drucker: Papier leer' })
    expect(await paperOut.getAttribute('aria-checked')).toBe('false')
    await paperOut.tap()
    await expect.poll(() => paperOut.getAttribute('aria-checked')).toBe('true')
    const bar = till.page.getByRole('status', { name: 'Gerätestatus' })
    await expect.poll(async () => plain(await bar.textContent())).toContain('Drucker: Papier leer')
    await screenshot(till.page, 'demo-panel-fault')
    await paperOut.tap()
    await expect.poll(() => paperOut.getAttribute('aria-checked')).toBe('false')
    await expect.poll(async () => plain(await bar.textContent())).toContain('Drucker: bereit')
  })

  it('scans a demo loyalty card', async () => {
    await till.page.getByRole('button', { name: 'Stammkunde 9276004424644352 scannen' }).tap()
    await expect.poll(async () => plain(await lastScan().textContent())).toContain('Kundenkarte gelesen.')
    expect(till.errors).toEqual([])
  })
})
