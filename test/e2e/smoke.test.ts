// The frame end to end: the built host serves the register to real Chromium, the contract round-trips
// over the WebSocket, and whatever lacks the token or leaves the contract is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { WebSocket } from 'ws'
import {
  launchBrowser,
  removeDataDir,
  screenshot,
  startHostProcess,
  tillContext,
  type HostProcess,
} from './harness'

let host: HostProcess
let browser: Browser
let page: Page
const consoleErrors: string[] = []

beforeAll(async () => {
  host = await startHostProcess()
  browser = await launchBrowser()
  const context = await tillContext(browser)
  page = await context.newPage()
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => consoleErrors.push(String(e)))
  await page.goto(host.url)
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
  if (host) removeDataDir(host.dataDir)
})

describe('browser host smoke', () => {
  it('shows the sale screen in German with the demo badge', async () => {
    await expect.poll(() => page.getByRole('heading', { name: 'Warenkorb' }).isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: 'Bar' }).isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: 'Kundenkarte' }).isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: 'Karte', exact: true }).isVisible()).toBe(true)
    expect(await page.getByRole('status', { name: 'Gerätestatus' }).textContent()).toContain('Demo-Modus')
    expect(await page.getByLabel('Summe').first().textContent()).toBe('0,00\u00a0€')
    await screenshot(page, 'smoke-sale-screen')
    expect(consoleErrors).toEqual([])
  })

  it('hides the token from the address bar after the first load', async () => {
    expect(page.url()).not.toContain('token=')
  })

  it('round-trips a command through the contract and receives its event', async () => {
    const info = await page.evaluate(() => window.pos!.invoke('app.info'))
    expect(info).toMatchObject({
      ok: true,
      value: { name: 'Tresen', demo: true, transport: 'host', locale: 'de' },
    })
    await page.getByRole('button', { name: 'English' }).tap()
    await expect.poll(() => page.getByRole('heading', { name: 'Basket' }).isVisible()).toBe(true)
    await screenshot(page, 'smoke-sale-screen-en')
    await page.getByRole('button', { name: 'Deutsch' }).tap()
    await expect.poll(() => page.getByRole('heading', { name: 'Warenkorb' }).isVisible()).toBe(true)
  })

  it('refuses channels outside the contract and invalid payloads', async () => {
    const foreign = await page.evaluate(() =>
      (window.pos!.invoke as (c: string, p?: unknown) => Promise<unknown>)('shell.openExternal', {
        url: 'file:///etc/passwd',
      }),
    )
    expect(foreign).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } })
    const invalid = await page.evaluate(() =>
      (window.pos!.invoke as (c: string, p?: unknown) => Promise<unknown>)('app.setLocale', { locale: 'fr' }),
    )
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'locale' }] } })
  })

  it('refuses HTTP requests and WebSockets without the token', async () => {
    const bare = await fetch(`${host.origin}/`)
    expect(bare.status).toBe(401)
    const wrong = await fetch(`${host.origin}/?token=not-the-token`)
    expect(wrong.status).toBe(401)
    const ok = await fetch(host.url)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'")

    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${new URL(host.origin).port}/pos`, {
        headers: { Origin: host.origin },
      })
      ws.on('open', () => resolve('open'))
      ws.on('error', () => resolve('refused'))
    })
    expect(refused).toBe('refused')
    const foreignOrigin = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${new URL(host.origin).port}/pos?token=${host.token}`, {
        headers: { Origin: 'http://evil.example' },
      })
      ws.on('open', () => resolve('open'))
      ws.on('error', () => resolve('refused'))
    })
    expect(foreignOrigin).toBe('refused')
  })

  it('answers an out-of-contract channel on an authorised socket with UNKNOWN_COMMAND', async () => {
    const reply = await new Promise<unknown>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${new URL(host.origin).port}/pos?token=${host.token}`, {
        headers: { Origin: host.origin },
      })
      ws.on('open', () =>
        ws.send(JSON.stringify({ id: 7, channel: 'fs.readFile', payload: { path: '/etc/passwd' } })),
      )
      ws.on('message', (data) => {
        resolve(JSON.parse(String(data)))
        ws.close()
      })
      ws.on('error', reject)
    })
    expect(reply).toMatchObject({ id: 7, result: { ok: false, error: { code: 'UNKNOWN_COMMAND' } } })
  })
})
