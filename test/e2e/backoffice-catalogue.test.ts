// A catalogue CSV with bad rows: the till starts with the good rows, and the back office's "Katalog"
// tab shows each left-out row with its row number and reason — in the till, not only in the log.
import { describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { axeScan, screenshot, startHostProcess } from './harness'
import { openScreen, tillForFile } from './backoffice-support'

const dir = mkdtempSync(join(tmpdir(), 'tresen-e2e-catalogue-'))
const catalog = join(dir, 'artikel.csv')
const config = join(dir, 'config.json')
writeFileSync(
  catalog,
  [
    'name;price;vatRate;category',
    'Brötchen;0,45;7;Brot',
    'Laugenbrezel;zwei Euro;7;Brot',
    'Kaffee;2,20;7;Getränke',
  ].join('\n'),
)
writeFileSync(config, JSON.stringify({ demo: true, catalog }))

const till = tillForFile({
  login: ['Anna', '1111'],
  start: () => startHostProcess({ args: ['--config', config] }),
  close: async () => rmSync(dir, { recursive: true, force: true }),
})

describe('the catalogue report in the back office', () => {
  it('lists the left-out row with its row number and reason', async () => {
    const page = till.page
    await openScreen(page, 'Belege & Kasse')
    await page.getByRole('tab', { name: 'Katalog (1)' }).tap()
    await page.getByRole('heading', { name: 'Katalog-Import' }).waitFor()
    await expect.poll(() => page.getByText(`Datei: ${catalog}`).count()).toBe(1)
    await page.getByText('2 Artikel und 2 Warengruppen übernommen (3 Zeilen gelesen).').waitFor()
    const row = page.getByRole('table', { name: 'Katalog-Import' }).getByRole('row').nth(1)
    const cells = await row.getByRole('cell').allTextContents()
    expect(cells[0]).toBe('3')
    expect(cells[1]).toBe('price')
    expect(cells[2]).toMatch(/^ungültiger Wert — price must be an amount in euros like 2,50/)
    await screenshot(page, 'backoffice-catalogue')
    const violations = await axeScan(page)
    expect(violations.map((v) => `${v.impact} ${v.id}`)).toEqual([])
    expect(till.errors).toEqual([])
  })
})
