// Scan → line visible in Chromium: the built host (demo mode) serves the real renderer to Debian's
// Chromium (playwright-core). Inside the page, each sample empties the basket, then asks main to scan an
// EAN on the virtual scanner (`demo.scan`: the same inject → classify → register path as a hardware read)
// and waits for the new basket line to be in the DOM, then for the next animation frame — the frame
// that paints it. The time includes main's `register.changed` event over the WebSocket and React's
// render; it also includes the one WebSocket hop that carries the demo.scan request from the page to
// main (a hardware scan starts in main and does not take that hop), so it slightly overstates.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { spawnHost } from '../chaos/host-rig'
import { SCAN_CODES } from './scan-bench'
import { latencyRow, type BenchRow } from './stats'

/** Page-side helper of both page scripts: resolves once `done()` holds, checked every frame, 5 s at most. */
const UNTIL = `const until = (done) => new Promise((resolve, reject) => {
    const started = performance.now()
    const check = () => (done() ? resolve() : performance.now() - started > 5000 ? reject(new Error('timeout')) : requestAnimationFrame(check))
    check()
  })`

/**
 * Runs `pageScript` (plain JavaScript text: tsx would wrap named functions in a helper the page lacks)
 * with `input` in the real renderer: the built host in demo mode on its own data dir, Debian's Chromium
 * headless as the e2e suite runs it, a touch till of the given size, seller anna logged in. Returns the
 * script's sample times.
 */
async function timesInChromium(
  dataDirPrefix: string,
  viewport: { width: number; height: number },
  pageScript: string,
  input: unknown,
  ready?: string,
): Promise<number[]> {
  const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix))
  const host = await spawnHost(dataDir)
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
  })
  try {
    const context = await browser.newContext({
      viewport,
      hasTouch: true,
      locale: 'de-DE',
      reducedMotion: 'reduce',
    })
    const page = await context.newPage()
    await page.goto(host.url)
    await page.waitForFunction(() => typeof window.pos?.invoke === 'function')
    const login = await page.evaluate(() =>
      window.pos!.invoke('seller.login', { sellerId: 'anna', pin: '1111' }),
    )
    if (!login.ok) throw new Error(`seller login: ${login.error.message}`)
    if (ready !== undefined) await page.waitForSelector(ready)
    return (await page.evaluate(`(${pageScript})(${JSON.stringify(input)})`)) as number[]
  } finally {
    await browser.close()
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Runs in the page: clear, scan, wait for the line in the DOM and the frame that paints it; repeat. */
const PAGE_SCRIPT = `async ({ codes, total }) => {
  const pos = window.pos
  const lines = () => document.querySelectorAll('li.basket-line').length
  ${UNTIL}
  const out = []
  for (let i = 0; i < total; i++) {
    await pos.invoke('basket.clear')
    await until(() => lines() === 0)
    const painted = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (lines() === 0) return
        observer.disconnect()
        requestAnimationFrame(() => resolve(performance.now()))
      })
      observer.observe(document.body, { childList: true, subtree: true })
    })
    const t0 = performance.now()
    const scanned = await pos.invoke('demo.scan', { code: codes[i % codes.length] })
    if (!scanned.ok) throw new Error('demo.scan: ' + scanned.error.message)
    out.push((await painted) - t0)
  }
  return out
}`

export async function scanToVisible(options: { samples?: number; warmup?: number } = {}): Promise<BenchRow> {
  const samples = options.samples ?? 300
  const warmup = options.warmup ?? 30
  const times = await timesInChromium('tresen-bench-chromium-', { width: 1024, height: 768 }, PAGE_SCRIPT, {
    codes: SCAN_CODES,
    total: warmup + samples,
  })
  return latencyRow(
    'scan-visible',
    'scan → line visible in Chromium',
    times.slice(warmup),
    { op: '<', value: 50 },
    'demo.scan → register.changed → React → next frame',
  )
}

// Tap → line visible with 30 lines in the basket, at 1280×800 in Chromium (the built host in demo mode).
// The basket is filled with 30 different articles first; each sample then taps (clicks) a tile of the
// favourites page whose article is already in the basket. At every animation frame after the click it
// checks whether that line shows its new quantity inside the visible part of the list (scroll follows);
// the first frame where it does is the frame that paints it, and the sample ends when that frame's
// rendering is done (a message posted from its requestAnimationFrame callback runs after the frame's
// style, layout and paint). The time covers the click handler, basket.addProduct over the WebSocket,
// main, register.changed back, React's render and the scroll. (Until 2026-12-06 the sample waited
// for one more animation frame after that, which added a whole frame, ~16.7 ms, to every sample.)

const TAP_PAGE_SCRIPT = `async ({ total }) => {
  const pos = window.pos
  ${UNTIL}
  const catalogue = (await pos.invoke('catalog.get')).value
  const favourites = (await pos.invoke('counter.favourites')).value.productIds
  const others = catalogue.products.filter((p) => !p.kind && !p.deposit && !favourites.includes(p.id)).map((p) => p.id)
  const ids = [...favourites.filter((id) => !catalogue.products.find((p) => p.id === id).deposit), ...others].slice(0, 30)
  await pos.invoke('basket.clear')
  for (const id of ids) await pos.invoke('basket.addProduct', { productId: id, quantity: 1 })
  await until(() => document.querySelectorAll('li.basket-line').length === 30)
  const list = document.querySelector('ul.basket-lines')
  const tiles = [...document.querySelectorAll('#product-panel button')].filter((b) =>
    ids.some((id) => b.textContent.startsWith(catalogue.products.find((p) => p.id === id).name)),
  )
  if (tiles.length === 0) throw new Error('no favourite tiles')
  const out = []
  for (let i = 0; i < total; i++) {
    const tile = tiles[i % tiles.length]
    const name = tile.querySelector('.product-name').textContent
    const row = () => [...document.querySelectorAll('li.basket-line')].find((li) => li.getAttribute('aria-label') === name)
    const before = row().querySelector('.line-qty').textContent
    const visible = () => {
      const r = row()
      if (!r || r.querySelector('.line-qty').textContent === before) return false
      const a = r.getBoundingClientRect()
      const b = list.getBoundingClientRect()
      return a.top >= b.top - 1 && a.bottom <= b.bottom + 1
    }
    const t0 = performance.now()
    tile.click()
    const painted = await new Promise((resolve, reject) => {
      const frame = () =>
        requestAnimationFrame(() => {
          if (visible()) {
            // Runs after this frame's rendering: the line is on screen.
            const channel = new MessageChannel()
            channel.port1.onmessage = () => resolve(performance.now())
            channel.port2.postMessage(0)
          } else if (performance.now() - t0 > 5000) reject(new Error('timeout'))
          else frame()
        })
      frame()
    })
    out.push(painted - t0)
    if (document.querySelectorAll('li.basket-line').length !== 30) throw new Error('basket is not at 30 lines')
  }
  return out
}`

export async function tapToVisible(options: { samples?: number; warmup?: number } = {}): Promise<BenchRow> {
  const samples = options.samples ?? 300
  const warmup = options.warmup ?? 30
  const times = await timesInChromium(
    'tresen-bench-tap-',
    { width: 1280, height: 800 },
    TAP_PAGE_SCRIPT,
    { total: warmup + samples },
    '#product-panel button',
  )
  return latencyRow(
    'tap-visible-30',
    'tap → line visible, 30 lines, 1280×800',
    times.slice(warmup),
    { op: '<=', value: 33 },
    'click → basket.addProduct → register.changed → React → scroll → the frame that paints it',
  )
}
