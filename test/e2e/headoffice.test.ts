// The head office view in Chromium, end to end: a throwaway PostgreSQL, the demo chain imported with the
// command line, two tills of one shop (built browser hosts with the head office link) selling through
// their sale screens, a Z closing at one of them, and the head office page (`npm run central -- serve`)
// read by its visible German text: the tills and their lag, sales per shop, per article and per hour of
// the day, and the Z closings. Everything arrives in the background, so every check polls.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { demoCatalogue } from '../../main/catalog/demo'
import { startTestPostgres, type TestPostgres } from '../helpers/postgres'
import { cashSale, plain } from './backoffice-support'
import {
  invoke,
  launchBrowser,
  loginSeller,
  openTill,
  removeDataDir,
  screenshot,
  startHostProcess,
  type HostProcess,
} from './harness'

const ROOT = join(__dirname, '..', '..')
const CENTRAL_JS = join(ROOT, 'out', 'main', 'central.js')
const run = promisify(execFile)

let postgres: TestPostgres
let db: string
let browser: Browser
const hosts: HostProcess[] = []
const pages: Page[] = []
let office: ChildProcess | null = null
let officeUrl: string

async function startTill(tillId: string, shopId = 'korn-markt'): Promise<Page> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tresen-e2e-ho-'))
  const config = join(dataDir, 'config.json')
  writeFileSync(
    config,
    JSON.stringify({ demo: true, tillId, central: { url: db, shopId, pushIntervalMs: 500 } }),
  )
  const host = await startHostProcess({ dataDir, args: ['--config', config] })
  hosts.push(host)
  const { page } = await openTill(browser, host)
  pages.push(page)
  await loginSeller(page, 'Anna', '1111')
  return page
}

/** Starts `central.js serve` on a free port and resolves with the address (with token) it prints. */
function startOffice(): Promise<string> {
  const child = spawn(process.execPath, [CENTRAL_JS, 'serve', '--db', db, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  office = child
  let out = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`head office did not start:\n${out}`)), 20_000)
    const read = (d: Buffer) => {
      out += String(d)
      const m = /head office: (\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`head office exited with ${code}:\n${out}`))
    })
  })
}

/** The hour in Germany now, as the page labels it ("08:00"). */
const berlinHour = () =>
  `${new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(new Date()).padStart(2, '0')}:00`

/** The body rows of one section of the page (a region named by its heading), as visible text per cell. */
async function rows(page: Page, section: string): Promise<string[][]> {
  const region = page.getByRole('region', { name: section, exact: true })
  const trs = await region.locator('tbody tr').all()
  return Promise.all(trs.map(async (tr) => (await tr.locator('td').allTextContents()).map(plain)))
}

beforeAll(async () => {
  postgres = await startTestPostgres()
  db = await postgres.freshDatabase()
  // The demo chain through the command line, as the README's setup does it.
  const imported = await run(process.execPath, [CENTRAL_JS, 'import-demo', '--db', db], { cwd: ROOT })
  expect(imported.stdout).toMatch(/korn-markt: Version 1/)
  browser = await launchBrowser()
}, 90_000)

afterAll(async () => {
  await browser?.close()
  office?.kill('SIGTERM')
  for (const host of hosts) {
    await host.stop()
    removeDataDir(host.dataDir)
  }
  postgres?.dispose()
})

describe('head office view in Chromium', () => {
  it('shows both tills up to date, the day per shop, per article and per hour, the Z closing and the master data each till runs', async () => {
    const till1 = await startTill('markt-1')
    const till2 = await startTill('markt-2')
    const firstHour = berlinHour()
    await cashSale(till1, [['Heißgetränke', 'Kaffee']], '2,60 €', 260)
    await cashSale(
      till2,
      [
        ['Brötchen', 'Laugenbrezel'],
        ['Brötchen', 'Laugenbrezel'],
        ['Brötchen', 'Laugenbrezel'],
      ],
      '3,30 €',
      330,
    )
    await cashSale(
      till2,
      [
        ['Brötchen', 'Laugenbrezel'],
        ['Heißgetränke', 'Kaffee'],
      ],
      '3,70 €',
      370,
    )
    // The day closes at till 1 (counted: nothing in the drawer, so the difference is the whole cash).
    const z = await invoke<{ ok: boolean; error?: unknown }>(till1, 'report.z', {
      denominations: [],
      managerPin: '9999',
    })
    expect(z).toMatchObject({ ok: true })
    const lastHour = berlinHour()

    officeUrl = await startOffice()
    const page = await (await browser.newContext({ locale: 'de-DE' })).newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    await page.goto(officeUrl)
    await page.getByRole('heading', { name: 'Tresen – Zentrale' }).waitFor()

    // The page asks every 5 s; the tills push every 0.5 s and after each sale.
    const poll = { timeout: 30_000, interval: 500 }
    await expect
      .poll(async () => (await rows(page, 'Kassen')).map((r) => [r[0], r[1], r[3], r[6]]), poll)
      .toEqual([
        ['markt-1', 'korn-markt', 'aktuell', 'Version 1'],
        ['markt-2', 'korn-markt', 'aktuell', 'Version 1'],
      ])
    await expect.poll(() => rows(page, 'Umsatz je Filiale'), poll).toEqual([['korn-markt', '3', '9,60 €']])
    const articles = await rows(page, 'Verkauf je Artikel (Backplan)')
    expect(articles.map((r) => r.slice(0, 3))).toEqual([
      ['Laugenbrezel', '4', '4,40 €'],
      ['Kaffee', '2', '5,20 €'],
    ])
    // And when: pieces per German hour, as the baking plan reads them ("8 Uhr: 4").
    const hourly = (cell: string) => cell.split(' · ').map((part) => part.split(' Uhr: '))
    for (const [row, pieces] of [
      [articles[0]!, 4],
      [articles[1]!, 2],
    ] as const) {
      const parts = hourly(row[3]!)
      for (const [hour] of parts) expect([firstHour, lastHour]).toContain(`${hour!.padStart(2, '0')}:00`)
      expect(parts.reduce((sum, [, count]) => sum + Number(count), 0)).toBe(pieces)
    }
    // Per hour: the three sales fall into the hour they were rung up in (two rows at an hour's turn).
    const hours = await rows(page, 'Umsatz je Stunde')
    expect(hours.length).toBeGreaterThanOrEqual(1)
    for (const [hour] of hours) expect([firstHour, lastHour]).toContain(hour)
    expect(hours.reduce((sum, r) => sum + Number(r[1]), 0)).toBe(3)
    const closings = await rows(page, 'Z-Abschlüsse')
    expect(closings).toHaveLength(1)
    expect(closings[0]![0]).toBe('markt-1')
    expect(closings[0]![1]).toBe('1')
    expect(closings[0]![4]).toBe('0,00 €')
    expect(closings[0]![5]).toMatch(/^-\d+,\d\d €$/)
    // What the head office sent down: the station shop has its own favourites page, both the chain's rules.
    const products = String(demoCatalogue().products.length)
    expect((await rows(page, 'Stammdaten je Filiale')).map((r) => [r[0], r[1], r[3], r[4], r[5]])).toEqual([
      ['korn-bahnhof', '1', products, '5', '4'],
      ['korn-markt', '1', products, 'die der Kasse', '4'],
    ])
    await screenshot(page, 'headoffice-day')

    // A new favourites page for the market shop from the command line: both tills apply it, and the
    // head office sees them run the new version.
    const favourites = join(hosts[0]!.dataDir, 'favoriten.csv')
    writeFileSync(favourites, 'Artikel\nkaffee\nlaugenbrezel\n')
    const imported = await run(
      process.execPath,
      [CENTRAL_JS, 'import', '--db', db, '--shop', 'korn-markt', '--favourites', favourites],
      { cwd: ROOT },
    )
    expect(imported.stdout).toMatch(/korn-markt: Version 2, \d+ Artikel \/ products, 2 Favoriten/)
    await expect
      .poll(async () => (await rows(page, 'Kassen')).map((r) => r[6]), poll)
      .toEqual(['Version 2', 'Version 2'])
    expect((await rows(page, 'Stammdaten je Filiale'))[1]!.slice(0, 2)).toEqual(['korn-markt', '2'])

    // A sale while the head office watches: it appears without reloading the page.
    await cashSale(till1, [['Brötchen', 'Laugenbrezel']], '1,10 €', 110)
    await expect.poll(() => rows(page, 'Umsatz je Filiale'), poll).toEqual([['korn-markt', '4', '10,70 €']])
    expect(errors).toEqual([])
  }, 180_000)

  it("a till of the station shop opens on the head office's favourites page and says where it comes from", async () => {
    const page = await startTill('bahnhof-1', 'korn-bahnhof')
    await page.getByRole('tab', { name: 'Favoriten' }).tap()
    await expect
      .poll(
        async () =>
          (await page.getByRole('tabpanel').getByRole('button').allTextContents()).map(
            (t) => t.split(/\s\d/)[0],
          ),
        { timeout: 20_000 },
      )
      .toEqual(['Laugenbrezel', 'Croissant', 'Käsebrötchen', 'Laugenstange', 'Berliner'])
    await page
      .getByRole('navigation', { name: 'Bereiche' })
      .getByRole('button', { name: 'Belege & Kasse' })
      .tap()
    await page.getByRole('tab', { name: 'Artikel' }).tap()
    await page.getByRole('group', { name: 'Favoriten' }).getByText('von der Zentrale festgelegt').waitFor()
    await screenshot(page, 'headoffice-favourites-backoffice')
  }, 60_000)
})
