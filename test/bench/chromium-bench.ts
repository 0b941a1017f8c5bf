// Scan → line visible in Chromium: the built host (demo mode) serves the real renderer to Debian's
// Chromium (playwright-core). Inside the page, each sample empties the basket, then asks main to scan an
// EAN on the virtual scanner (`demo.scan`: the same inject → classify → register path as a hardware read)
// and waits for the new basket line to be in the DOM, then for the next animation frame — the frame
// that paints it. The time includes main's `register.changed` event over the WebSocket and React's
// render; it also includes the one WebSocket hop that carries the demo.scan request from the page to
// main (a hardware scan starts in main and does not take that hop), so it slightly overstates.
import { launchBrowser, removeDataDir, startHostProcess, tillContext } from '../e2e/harness'
import { SCAN_CODES } from './scan-bench'
import { latencyRow, type BenchRow } from './stats'

export async function scanToVisible(options: { samples?: number; warmup?: number } = {}): Promise<BenchRow> {
  const samples = options.samples ?? 300
  const warmup = options.warmup ?? 30
  const host = await startHostProcess()
  const browser = await launchBrowser()
  try {
    const page = await (await tillContext(browser)).newPage()
    await page.goto(host.url)
    await page.waitForFunction(() => typeof window.pos?.invoke === 'function')
    const login = await page.evaluate(() => window.pos!.invoke('seller.login', { sellerId: 'anna', pin: '1111' }))
    if (!login.ok) throw new Error(`seller login: ${login.error.message}`)
    const times = await page.evaluate(
      async ({ codes, total }) => {
        const pos = window.pos!
        const lines = () => document.querySelectorAll('li.basket-line').length
        const until = (done: () => boolean) =>
          new Promise<void>((resolve, reject) => {
            const started = performance.now()
            const check = () => (done() ? resolve() : performance.now() - started > 5000 ? reject(new Error('timeout')) : requestAnimationFrame(check))
            check()
          })
        const out: number[] = []
        for (let i = 0; i < total; i++) {
          await pos.invoke('basket.clear')
          await until(() => lines() === 0)
          const painted = new Promise<number>((resolve) => {
            const observer = new MutationObserver(() => {
              if (lines() === 0) return
              observer.disconnect()
              requestAnimationFrame(() => resolve(performance.now()))
            })
            observer.observe(document.body, { childList: true, subtree: true })
          })
          const t0 = performance.now()
          const scanned = await pos.invoke('demo.scan', { code: codes[i % codes.length] })
          if (!scanned.ok) throw new Error(`demo.scan: ${scanned.error.message}`)
          out.push((await painted) - t0)
        }
        return out
      },
      { codes: SCAN_CODES, total: warmup + samples },
    )
    return latencyRow('scan-visible', 'scan → line visible in Chromium', times.slice(warmup), { op: '<', value: 50 }, 'demo.scan → register.changed → React → next frame')
  } finally {
    await browser.close()
    await host.stop()
    removeDataDir(host.dataDir)
  }
}
