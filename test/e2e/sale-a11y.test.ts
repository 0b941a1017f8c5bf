// Every counter screen and dialog passes axe-core without serious or critical violations, every control
// is a touch target of at least 48 × 48 px, and the layout works at 1024×768 and 1920×1080 (screenshots).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  axeScan,
  launchBrowser,
  loginSeller,
  openTill,
  removeDataDir,
  scanCode,
  screenshot,
  startHostProcess,
  tapProduct,
  type AxeViolation,
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

const describeViolations = (v: AxeViolation[]) =>
  v.map((x) => `${x.impact} ${x.id}: ${x.help} @ ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`)

/** Visible buttons and tabs smaller than 48 × 48 px (name and size), for the touch-target rule. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, [role="tab"], a[href], input, select')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 48 || r.height < 48)
      .map(
        ({ el, r }) =>
          `${el.getAttribute('aria-label') ?? el.textContent?.trim()} ${Math.round(r.width)}×${Math.round(r.height)}`,
      ),
  )
}

async function check(page: Page, name: string): Promise<void> {
  expect(describeViolations(await axeScan(page)), name).toEqual([])
  expect(await smallTargets(page), name).toEqual([])
  await screenshot(page, name)
}

for (const viewport of [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  describe(`counter screens at ${viewport.width}×${viewport.height}`, () => {
    it('passes axe and the touch-target rule on every screen and dialog', async () => {
      const { page, context, errors } = await openTill(browser, host, viewport)
      const size = `${viewport.width}x${viewport.height}`
      try {
        // Nobody logged in yet (a fresh host per viewport is not needed: log out first if someone is).
        // isVisible() does not wait: let the till render its seller bar or the login first.
        const switchSeller = page.getByRole('button', { name: /^Verkäufer .* wechseln$/ })
        await switchSeller
          .or(page.getByRole('group', { name: 'Verkäufer' }))
          .first()
          .waitFor()
        if (await switchSeller.isVisible()) {
          await switchSeller.tap()
          await page.getByRole('button', { name: 'Warenkorb parken' }).tap()
        }
        await page.getByRole('group', { name: 'Verkäufer' }).waitFor()
        await check(page, `a11y-${size}-login`)

        await loginSeller(page, 'Anna', '1111')
        await tapProduct(page, 'Heißgetränke', 'Cappuccino')
        await tapProduct(page, 'Brötchen', 'Laugenbrezel')
        await tapProduct(page, 'Brötchen', 'Laugenbrezel')
        await page.getByRole('listitem', { name: 'Laugenbrezel' }).waitFor()
        await check(page, `a11y-${size}-sale`)

        await page
          .getByRole('list', { name: 'Positionen' })
          .getByRole('listitem', { name: 'Laugenbrezel' })
          .getByRole('button')
          .tap()
        await check(page, `a11y-${size}-line-editor`)
        const editor = page.getByRole('dialog', { name: 'Laugenbrezel' })
        await editor.getByRole('button', { name: 'Rabatt' }).tap()
        await editor.getByRole('button', { name: 'Vortag −50 %' }).tap()
        await check(page, `a11y-${size}-line-discount`)
        await editor.getByRole('button', { name: 'Fertig' }).tap()
        await page.getByRole('button', { name: 'Pfandrücknahme' }).tap()
        await check(page, `a11y-${size}-deposit-return`)
        await page
          .getByRole('dialog', { name: /^Pfandrücknahme/ })
          .getByRole('button', { name: 'Schließen' })
          .tap()

        await page.getByRole('button', { name: 'Bar', exact: true }).tap()
        await check(page, `a11y-${size}-cash`)
        await page
          .getByRole('dialog', { name: 'Barzahlung' })
          .getByRole('button', { name: 'Abbrechen' })
          .tap()

        await page.getByRole('button', { name: 'Kundenkarte', exact: true }).tap()
        await check(page, `a11y-${size}-card-entry`)
        await page
          .getByRole('dialog', { name: 'Kundenkarte' })
          .getByRole('button', { name: 'Schließen' })
          .tap()

        await scanCode(page, '9276004424644352')
        const panel = page.getByRole('dialog', { name: 'Kundenkarte' })
        await panel.getByText('aktiv', { exact: true }).waitFor()
        await check(page, `a11y-${size}-card-panel`)

        await panel.getByRole('button', { name: 'Aufladen' }).tap()
        await check(page, `a11y-${size}-topup`)
        await page
          .getByRole('dialog', { name: 'Karte aufladen' })
          .getByRole('button', { name: 'Abbrechen' })
          .tap()

        await page.getByRole('button', { name: 'Kundenkarte', exact: true }).tap()
        await panel.getByRole('button', { name: 'Mit Karte zahlen' }).tap()
        await page.getByRole('dialog', { name: 'Kundenkarte angerechnet' }).waitFor()
        await check(page, `a11y-${size}-card-applied`)

        await page.getByRole('button', { name: 'Rest bar' }).tap()
        await page.getByRole('dialog', { name: 'Barzahlung' }).getByRole('button', { name: 'Passend' }).tap()
        await page
          .getByRole('region', { name: 'Bezahlt' })
          .getByRole('button', { name: /^Bon drucken/ })
          .waitFor()
        await check(page, `a11y-${size}-paid`)

        await page.getByRole('button', { name: 'Verkäufer Anna – wechseln' }).tap()
        await check(page, `a11y-${size}-seller-switch`)
        await page
          .getByRole('dialog', { name: 'Verkäufer wählen' })
          .getByRole('button', { name: 'Schließen' })
          .tap()

        // English, as a second-language cashier would switch it.
        await page.getByRole('button', { name: 'English' }).tap()
        await page.getByRole('heading', { name: 'Basket' }).waitFor()
        await check(page, `a11y-${size}-sale-en`)
        await page.getByRole('button', { name: 'Deutsch' }).tap()
        await page.getByRole('heading', { name: 'Warenkorb' }).waitFor()
        expect(errors).toEqual([])
      } finally {
        await context.close()
      }
    })
  })
}

describe('touch behaviour', () => {
  it('forbids zoom and text selection', async () => {
    const { page, context } = await openTill(browser, host)
    try {
      expect(await page.locator('meta[name="viewport"]').getAttribute('content')).toContain(
        'user-scalable=no',
      )
      expect(await page.evaluate(() => getComputedStyle(document.body).userSelect)).toBe('none')
      expect(await page.evaluate(() => getComputedStyle(document.body).touchAction)).toBe('manipulation')
    } finally {
      await context.close()
    }
  })
})
