// The counter at bakery speed, counted in taps: three items from the favourites page paid exactly, and
// "3 Brötchen + 1 Kaffee, 20 € given" with the quantity pad — each at most five taps, no modal question,
// no "next customer". Also: the basket shows at least 8 lines at 1024×768 and the newest line is always
// in view; screenshots of the sale screen with 10 lines and of the line editor at three sizes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  basketTotal,
  invoke,
  launchBrowser,
  loginSeller,
  openTill,
  removeDataDir,
  screenshot,
  startHostProcess,
  textOf,
  type HostProcess,
} from './harness'

let host: HostProcess
let browser: Browser

beforeAll(async () => {
  host = await startHostProcess()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await host?.stop()
  if (host) removeDataDir(host.dataDir)
})

/** Counts the taps a cashier makes: every `tap()` goes through here. */
function tapCounter(page: Page) {
  let taps = 0
  return {
    get taps() {
      return taps
    },
    async tap(name: string | RegExp, scope: 'page' | 'favourites' | 'pad' | 'cash' = 'page') {
      taps++
      const root =
        scope === 'favourites'
          ? page.getByRole('tabpanel')
          : scope === 'pad'
            ? page.getByRole('group', { name: 'Tasten für Menge und PLU' })
            : scope === 'cash'
              ? page.getByRole('dialog', { name: 'Barzahlung' })
              : page
      await root.getByRole('button', { name, exact: typeof name === 'string' }).tap()
    },
  }
}

const product = (name: string) => new RegExp(`^${name}\\s`)

async function salesTotals(page: Page): Promise<number[]> {
  const sales = await invoke<{ ok: boolean; value: { total: number }[] }>(page, 'journal.sales', {})
  return sales.ok ? sales.value.map((s) => s.total).sort((a, b) => a - b) : []
}

describe('taps per sale', () => {
  let page: Page
  beforeAll(async () => {
    ;({ page } = await openTill(browser, host, { width: 1280, height: 800 }))
    await loginSeller(page, 'Anna', '1111')
  })

  it('sells 3 items from the favourites page, paid exactly, in 5 taps', async () => {
    expect(await page.getByRole('tab', { name: 'Favoriten' }).getAttribute('aria-selected')).toBe('true')
    const till = tapCounter(page)
    await till.tap(product('Weizenbrötchen'), 'favourites')
    await till.tap(product('Kaffee'), 'favourites')
    await till.tap(product('Berliner'), 'favourites')
    await expect.poll(() => basketTotal(page)).toBe('4,75 €')
    await till.tap('Bar')
    await till.tap('Passend', 'cash')
    const paid = page.getByRole('region', { name: 'Bezahlt' })
    await paid.waitFor()
    expect(await textOf(page, 'Rückgeld')).toBe('0,00 €')
    expect(till.taps).toBeLessThanOrEqual(5)
    // Not modal: no dialog waits for an answer, and the product grid stays usable.
    expect(await page.getByRole('dialog').count()).toBe(0)
    expect(
      await page
        .getByRole('tabpanel')
        .getByRole('button', { name: product('Kaffee') })
        .isEnabled(),
    ).toBe(true)
    expect(await salesTotals(page)).toEqual([475])
  })

  it('sells "3 Brötchen + 1 Kaffee, 20 € given" in 5 taps with the quantity pad; the next tap starts the next sale', async () => {
    const till = tapCounter(page)
    await till.tap('3', 'pad')
    await till.tap(product('Weizenbrötchen'), 'favourites')
    await till.tap(product('Kaffee'), 'favourites')
    // The previous sale's summary made way for the new basket at the first product tap.
    await expect.poll(() => basketTotal(page)).toBe('4,25 €')
    expect(await page.getByRole('region', { name: 'Bezahlt' }).count()).toBe(0)
    expect(await page.getByRole('listitem', { name: 'Weizenbrötchen' }).textContent()).toContain('3 ×')
    await till.tap('Bar')
    await till.tap('20,00 €', 'cash')
    await page.getByRole('region', { name: 'Bezahlt' }).waitFor()
    await expect.poll(() => textOf(page, 'Rückgeld')).toBe('15,75 €')
    expect(till.taps).toBeLessThanOrEqual(5)
    expect(await salesTotals(page)).toEqual([425, 475])
  })

  it('shows the receipt number and the VAT per rate on the paid summary, and prints the receipt with the Bon key', async () => {
    const paid = page.getByRole('region', { name: 'Bezahlt' })
    expect(await paid.getByText('Beleg-Nr. 2').count()).toBe(1)
    const vat = paid.getByRole('table', { name: 'Mehrwertsteuer' })
    expect((await vat.getByRole('row').allTextContents()).map((r) => r.replace(/\u00a0/g, ' '))).toEqual([
      'MwSt.NettoSteuerBrutto',
      '19 %2,18 €0,42 €2,60 €',
      '7 %1,54 €0,11 €1,65 €',
    ])
    await screenshot(page, 'counter-paid-1280x800')
    // The Bon key stays for the last sale while the next basket fills.
    await page
      .getByRole('tabpanel')
      .getByRole('button', { name: product('Espresso') })
      .tap()
    await expect.poll(() => basketTotal(page)).toBe('2,20 €')
    const bon = page.getByRole('button', { name: 'Bon drucken (Beleg-Nr. 2)' })
    await bon.tap()
    await expect.poll(() => bon.count()).toBe(0)
    const sales = await invoke<{ ok: boolean; value: { saleId: number; receiptNo?: number }[] }>(
      page,
      'journal.sales',
      {},
    )
    const second = sales.ok ? sales.value.find((s) => s.receiptNo === 2) : undefined
    const detail = await invoke<{
      ok: boolean
      value: { receipts: { kind: string; prints: { status: string }[] }[] }
    }>(page, 'journal.sale', { saleId: second!.saleId })
    // Printed as the original (never on paper before), not as a copy.
    expect(detail.ok && detail.value.receipts.map((r) => [r.kind, r.prints.map((p) => p.status)])).toEqual([
      ['sale', ['printed']],
    ])
  })
})

describe('basket at 1024×768', () => {
  it('shows at least 8 lines, keeps the newest in view and highlighted, and edits a line by tapping it', async () => {
    const { page, context } = await openTill(browser, host, { width: 1024, height: 768 })
    await loginSeller(page, 'Ben', '2222')
    const names = [
      ['Brötchen', 'Weizenbrötchen'],
      ['Brötchen', 'Kaiserbrötchen'],
      ['Brötchen', 'Mehrkornbrötchen'],
      ['Brötchen', 'Laugenbrezel'],
      ['Brot', 'Baguette'],
      ['Süßes Gebäck', 'Berliner'],
      ['Süßes Gebäck', 'Nussecke'],
      ['Heißgetränke', 'Kaffee'],
      ['Heißgetränke', 'Espresso'],
      ['Kaltgetränke', 'Apfelschorle 0,5 l'],
    ]
    const lines = page.getByRole('list', { name: 'Positionen' })
    for (const [category, name] of names) {
      await page.getByRole('tab', { name: category }).tap()
      await page
        .getByRole('tabpanel')
        .getByRole('button', { name: product(name) })
        .tap()
      const row = page.getByRole('listitem', { name })
      await row.waitFor()
      // The line just added is highlighted and inside the visible part of the list.
      expect(await row.getAttribute('aria-current')).toBe('true')
      const [rowBox, listBox] = [await row.boundingBox(), await lines.boundingBox()]
      expect(rowBox!.y).toBeGreaterThanOrEqual(listBox!.y - 1)
      expect(rowBox!.y + rowBox!.height).toBeLessThanOrEqual(listBox!.y + listBox!.height + 1)
    }
    const listBox = (await lines.boundingBox())!
    const rowHeight = (await page.getByRole('listitem', { name: 'Kaffee' }).boundingBox())!.height
    expect(Math.floor(listBox.height / rowHeight)).toBeGreaterThanOrEqual(8)
    await screenshot(page, 'counter-10-lines-1024x768')

    // Tapping the first line (scrolled away) edits it: quantity typed, line updated and shown.
    await lines.getByRole('listitem', { name: 'Weizenbrötchen' }).getByRole('button').tap()
    const editor = page.getByRole('dialog', { name: 'Weizenbrötchen' })
    await editor.waitFor()
    await screenshot(page, 'counter-line-editor-1024x768')
    await editor
      .getByRole('group', { name: 'Ziffern der Menge' })
      .getByRole('button', { name: '6', exact: true })
      .tap()
    await editor.getByRole('button', { name: 'Menge 6' }).tap()
    await expect.poll(() => textOf(page, 'Menge Weizenbrötchen')).toBe('6')
    await editor.getByRole('button', { name: 'Fertig' }).tap()
    expect(await page.getByRole('listitem', { name: 'Weizenbrötchen' }).textContent()).toContain('6 ×')
    await context.close()
  })
})

describe('screens at 1280×800 and 1920×1080', () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    it(`shows 10 lines and the line editor at ${viewport.width}×${viewport.height} without overflow`, async () => {
      const { page, context } = await openTill(browser, host, viewport)
      await loginSeller(page, 'Anna', '1111')
      const favourites = page.getByRole('tabpanel').getByRole('button')
      // Empty the basket from the previous test of this seller.
      if ((await basketTotal(page)) !== '0,00 €') {
        await page.getByRole('button', { name: 'Leeren' }).tap()
        await expect.poll(() => basketTotal(page), { timeout: 8000 }).toBe('0,00 €')
      }
      for (let i = 0; i < 10; i++) await favourites.nth(i).tap()
      // Ten taps, ten articles (a bottle brings its deposit line along).
      await expect
        .poll(() =>
          page
            .getByRole('listitem')
            .filter({ hasNotText: /^\d+ × Pfand/ })
            .count(),
        )
        .toBe(10)
      const size = `${viewport.width}x${viewport.height}`
      await screenshot(page, `counter-10-lines-${size}`)
      const scroll = await page.evaluate(() => [document.documentElement.scrollHeight, window.innerHeight])
      expect(scroll[0]).toBeLessThanOrEqual(scroll[1])
      await page.getByRole('list', { name: 'Positionen' }).getByRole('button').first().tap()
      await page.getByRole('dialog').waitFor()
      await screenshot(page, `counter-line-editor-${size}`)
      await context.close()
    })
  }
})
