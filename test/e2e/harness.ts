// Runs the real app the way a shop would in a browser: the built host as a child process on 127.0.0.1,
// driven by Debian's Chromium through playwright-core. Screenshots go to test-results/screenshots.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'

const ROOT = join(__dirname, '..', '..')
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots')

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
}

export interface HostProcess {
  url: string
  origin: string
  token: string
  dataDir: string
  child: ChildProcess
  output: () => string
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

export async function startHostProcess(
  options: { dataDir?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<HostProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tresen-e2e-'))
  const child = spawn(
    process.execPath,
    [join(ROOT, 'out', 'main', 'host.js'), '--data-dir', dataDir, '--port', '0', ...(options.args ?? [])],
    {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  child.stdout!.on('data', (d) => (out += String(d)))
  child.stderr!.on('data', (d) => (out += String(d)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 20_000)
    const check = () => {
      const m = /TRESEN_URL=(\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`host exited with ${code}:\n${out}`))
    })
  })
  const parsed = new URL(url)
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    dataDir,
    child,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode)
        child.once('exit', (code) => resolve(code))
        child.kill(signal)
      }),
  }
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}

/** A touch till: 1024×768 with touch, German, reduced motion. */
export async function tillContext(
  browser: Browser,
  viewport = { width: 1024, height: 768 },
): Promise<BrowserContext> {
  return browser.newContext({ viewport, hasTouch: true, locale: 'de-DE', reducedMotion: 'reduce' })
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

// ---- Driving the till as a cashier (used by the sale, display and back-office tests) ----

/** Opens the till in a fresh touch context; collects console errors for the test to check. */
export async function openTill(
  browser: Browser,
  host: HostProcess,
  viewport = { width: 1024, height: 768 },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await tillContext(browser, viewport)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(host.url)
  await page.getByRole('heading', { name: 'Warenkorb' }).waitFor()
  return { context, page, errors }
}

/** Logs a seller in from the seller picker (inline when nobody is logged in, else via the seller button). */
export async function loginSeller(page: Page, name: string, pin: string): Promise<void> {
  const picker = page.getByRole('group', { name: 'Verkäufer' })
  if (!(await picker.isVisible()))
    await page.getByRole('button', { name: /^Verkäufer .* wechseln$|^Verkäufer wählen$/ }).tap()
  await picker.getByRole('button', { name, exact: true }).tap()
  await typePin(page, 'Ziffern der PIN', pin)
  await page.getByRole('button', { name: 'Anmelden', exact: true }).tap()
  await page.getByRole('button', { name: `Verkäufer ${name} – wechseln` }).waitFor()
}

/** Taps digits on the keypad group named `keypad`. */
export async function typePin(page: Page, keypad: string, digits: string): Promise<void> {
  const pad = page.getByRole('group', { name: keypad })
  for (const d of digits) await pad.getByRole('button', { name: d, exact: true }).tap()
}

/** Taps a category tab, then the product whose button name starts with `name`. */
export async function tapProduct(page: Page, category: string, name: string): Promise<void> {
  await page.getByRole('tab', { name: category }).tap()
  await page
    .getByRole('tabpanel')
    .getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`) })
    .tap()
}

/** The paid sale's summary beside the grid (not modal: the next product tap starts the next sale). */
export function paidSummary(page: Page): Locator {
  return page.getByRole('region', { name: 'Bezahlt' })
}

/** Taps a basket line (its row button) and returns its editor dialog. */
export async function openLine(page: Page, name: string): Promise<Locator> {
  await page
    .getByRole('list', { name: 'Positionen' })
    .getByRole('listitem', { name, exact: true })
    .getByRole('button')
    .tap()
  const editor = page.getByRole('dialog', { name, exact: true })
  await editor.waitFor()
  return editor
}

/** The basket's total as shown ("7,96 €"). */
export async function basketTotal(page: Page): Promise<string> {
  return (
    (await page.getByRole('complementary', { name: 'Warenkorb' }).getByLabel('Summe').textContent()) ?? ''
  ).replace(/\u00a0/g, ' ')
}

/** Calls a contract command from the page (for setup steps a cashier would not do, e.g. demo faults). */
export async function invoke<T = unknown>(page: Page, command: string, input?: unknown): Promise<T> {
  return page.evaluate(
    ([c, i]) => (window.pos!.invoke as (c: string, p?: unknown) => Promise<unknown>)(c as string, i),
    [command, input] as const,
  ) as Promise<T>
}

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; html: string }[]
}

/**
 * Runs axe-core (node_modules/axe-core) on the page and returns the serious and critical violations.
 * The source is evaluated through the DevTools protocol, which the page's CSP does not restrict.
 */
export async function axeScan(page: Page, options: { exclude?: string[] } = {}): Promise<AxeViolation[]> {
  const { readFileSync } = await import('node:fs')
  const source = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')
  await page.evaluate(source)
  const violations = (await page.evaluate(async (exclude) => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> }
      }
    ).axe
    const result = await axe.run(
      { include: [['body']], exclude: exclude.map((e) => [e]) },
      { resultTypes: ['violations'] },
    )
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
    }))
  }, options.exclude ?? [])) as AxeViolation[]
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** An in-store price label (prefix 21, 5-digit article, 5-digit price in cents) with its check digit. */
export function priceLabel(article: string, cents: number): string {
  const body = `21${article.padStart(5, '0')}${String(cents).padStart(5, '0')}`
  let sum = 0
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += Number(body[i]) * w
  return body + String((10 - (sum % 10)) % 10)
}

/** Feeds a code to the virtual scanner (demo mode), as if scanned at the counter. */
export async function scanCode(page: Page, code: string): Promise<void> {
  const result = await invoke<{ ok: boolean; error?: unknown }>(page, 'demo.scan', { code })
  if (!result.ok) throw new Error(`demo.scan ${code} failed: ${JSON.stringify(result.error)}`)
}

/** Visible text without the non-breaking spaces Intl puts before "€". */
export async function textOf(page: Page, label: string): Promise<string> {
  return ((await page.getByLabel(label, { exact: true }).first().textContent()) ?? '').replace(/\u00a0/g, ' ')
}

/** The value next to a term in a description list (<dt>term</dt><dd>value</dd>), without NBSPs. */
export async function definition(scope: Page | Locator, term: string): Promise<string> {
  const dd = scope.locator(`xpath=.//dt[normalize-space()="${term}"]/following-sibling::dd[1]`).first()
  return ((await dd.textContent()) ?? '').replace(/\u00a0/g, ' ')
}

export interface TillSession {
  host: HostProcess
  browser: Browser
  context: BrowserContext
  page: Page
  /** Console errors and page errors of the till page. */
  errors: string[]
}

/** Back office, Belege, receipt `receiptNo`, "Positionen zurücknehmen": the return dialog. */
export async function openReturnDialog(page: Page, receiptNo: number): Promise<Locator> {
  await page
    .getByRole('navigation', { name: 'Bereiche' })
    .getByRole('button', { name: 'Belege & Kasse' })
    .tap()
  await page.getByRole('tab', { name: 'Belege' }).tap()
  await page
    .getByRole('list', { name: 'Verkäufe' })
    .getByRole('button')
    .filter({ hasText: new RegExp(`^Bon ${receiptNo}`) })
    .tap()
  await page.getByRole('button', { name: 'Positionen zurücknehmen' }).tap()
  const dialog = page.getByRole('alertdialog', { name: `Bon ${receiptNo}: Positionen zurücknehmen` })
  await dialog.waitFor()
  return dialog
}

/**
 * One host and one browser for a test file: started in beforeAll (optionally with a seller logged in),
 * stopped and its data dir removed in afterAll. Read the fields inside tests or later hooks.
 */
export function tillSession(
  options: { seller?: [name: string, pin: string]; viewport?: { width: number; height: number } } = {},
): TillSession {
  const session = {} as TillSession
  beforeAll(async () => {
    session.host = await startHostProcess()
    session.browser = await launchBrowser()
    Object.assign(session, await openTill(session.browser, session.host, options.viewport))
    if (options.seller) await loginSeller(session.page, ...options.seller)
  })
  afterAll(async () => {
    await session.browser?.close()
    await session.host?.stop()
    if (session.host) removeDataDir(session.host.dataDir)
  })
  return session
}
