// Steps the back-office, settings and accessibility tests share: a paid cash sale (tapped on the sale
// screen, paid through the contract — the payment screens have their own tests), and moving between the
// shell's screens.
import { afterAll, beforeAll, expect } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  basketTotal,
  invoke,
  launchBrowser,
  loginSeller,
  openTill,
  removeDataDir,
  startHostProcess,
  tapProduct,
  type HostProcess,
} from './harness'

export interface Till {
  host: HostProcess
  browser: Browser
  page: Page
  /** Console errors and page errors of the till's page. */
  errors: string[]
}

/**
 * One till per test file: before all tests a fresh host (demo mode unless `start` says otherwise) and
 * Chromium with the till open, optionally a seller logged in; after all tests everything is closed and
 * the data dir removed. Read the fields inside the tests (they are set in beforeAll).
 */
export function tillForFile(
  options: {
    login?: [name: string, pin: string]
    start?: () => Promise<HostProcess>
    close?: () => Promise<void>
  } = {},
): Till {
  const till = { errors: [] as string[] } as Till
  beforeAll(async () => {
    till.host = await (options.start ?? startHostProcess)()
    till.browser = await launchBrowser()
    const opened = await openTill(till.browser, till.host)
    till.page = opened.page
    till.errors = opened.errors
    if (options.login) await loginSeller(till.page, ...options.login)
  })
  afterAll(async () => {
    await till.browser?.close()
    await till.host?.stop()
    await options.close?.()
    if (till.host) removeDataDir(till.host.dataDir)
  })
  return till
}

interface CheckoutView {
  phase: string
  result: { receiptNo: number; saleId: number; change: number; print: string } | null
}
type Answer<T> = { ok: true; value: T } | { ok: false; error: { messageKey: string; message: string } }

function value<T>(answer: Answer<T>, what: string): T {
  if (!answer.ok) throw new Error(`${what} failed: ${answer.error.messageKey} ${answer.error.message}`)
  return answer.value
}

/** Taps the products (category, name) into the basket and pays cash; returns the receipt number. */
export async function cashSale(
  page: Page,
  products: [category: string, name: string][],
  total: string,
  tendered?: number,
): Promise<number> {
  await openScreen(page, 'Verkauf')
  for (const [category, name] of products) await tapProduct(page, category, name)
  await expect.poll(() => basketTotal(page)).toBe(total)
  value(
    await invoke<Answer<CheckoutView>>(page, 'checkout.payCash', tendered === undefined ? {} : { tendered }),
    'checkout.payCash',
  )
  // The payment finishes in main (drawer, journal); the view says when.
  let paid: CheckoutView | null = null
  await expect
    .poll(async () => {
      paid = value(await invoke<Answer<CheckoutView>>(page, 'checkout.view'), 'checkout.view')
      return paid.phase
    })
    .toBe('paid')
  // Receipt policy "ask" in demo mode: print it, so the virtual printer has paper to show.
  await invoke<Answer<CheckoutView>>(page, 'checkout.receipt', { print: true })
  // Printing runs in main too: the sale screen closes once the receipt step is over.
  await expect
    .poll(async () => {
      const view = value(await invoke<Answer<CheckoutView>>(page, 'checkout.view'), 'checkout.view')
      return view.phase === 'paid' && view.result?.print !== 'asking'
    })
    .toBe(true)
  value(await invoke<Answer<CheckoutView>>(page, 'checkout.done'), 'checkout.done')
  await expect.poll(() => basketTotal(page)).toBe('0,00 €')
  return (paid as CheckoutView | null)!.result!.receiptNo
}

/** Taps a screen in the top bar's navigation and waits for it. */
export async function openScreen(
  page: Page,
  name: 'Verkauf' | 'Belege & Kasse' | 'Einstellungen' | 'Demo',
): Promise<void> {
  await page.getByRole('navigation', { name: 'Bereiche' }).getByRole('button', { name, exact: true }).tap()
  const heading = name === 'Verkauf' ? 'Warenkorb' : name
  await page.getByRole('heading', { name: heading, exact: true }).waitFor({ state: 'attached' })
}

/** Text without the non-breaking spaces Intl puts into money. */
export const plain = (text: string | null) => (text ?? '').replace(/\u00a0/g, ' ')
