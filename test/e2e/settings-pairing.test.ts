// Device pairing as a shop owner does it: a till configured for a secuconnect host it is not paired with
// (here a simulator the test starts, which waits for approval as the real SecuOffice does) shows the user
// code large and where to confirm it; once the code is approved (the simulator's admin endpoint, standing
// in for SecuOffice) the screen says "gekoppelt" without a tap, from api.changed.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startSimulator, type Simulator } from '../../simulator'
import { launchBrowser, openTill, removeDataDir, screenshot, startHostProcess, type HostProcess } from './harness'
import { openScreen, plain } from './backoffice-support'

let sim: Simulator
let host: HostProcess
let browser: Browser
let page: Page
let errors: string[]

beforeAll(async () => {
  sim = await startSimulator({ port: 0, autoApprove: false })
  const dataDir = mkdtempSync(join(tmpdir(), 'tresen-e2e-pairing-'))
  const config = join(dataDir, 'config.json')
  writeFileSync(
    config,
    JSON.stringify({
      demo: true,
      secuconnect: { host: sim.url, grant: 'device', clientId: 'tresen-e2e', clientSecret: 'e2e-secret', deviceSerial: 'e2e-till' },
    }),
  )
  host = await startHostProcess({ dataDir, args: ['--config', config] })
  browser = await launchBrowser()
  ;({ page, errors } = await openTill(browser, host))
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
  await sim?.close()
  if (host) removeDataDir(host.dataDir)
})

describe('secuconnect pairing', () => {
  it('shows the host and that the till is not paired', async () => {
    await openScreen(page, 'Einstellungen')
    await page.getByRole('tab', { name: 'secuconnect' }).tap()
    await expect.poll(async () => plain(await page.getByTestId('api-paired').textContent())).toBe('nicht gekoppelt')
    expect(await page.getByTestId('api-host').textContent()).toBe('eigener Server')
    await page.getByRole('button', { name: 'Kopplung starten' }).waitFor()
  })

  it('shows the user code and SecuOffice, and turns to "gekoppelt" once the code is confirmed', async () => {
    await page.getByRole('button', { name: 'Kopplung starten' }).tap()
    const code = page.getByRole('status', { name: 'Kopplungscode' })
    await code.waitFor()
    const shown = (await code.textContent())!.trim()
    expect(await page.getByTestId('pairing-url').textContent()).toBe('http://www.secuoffice.com')
    await page.getByText('Warte auf Bestätigung …').waitFor()
    // The code on screen is the one the server waits for.
    expect(sim.pendingDeviceCodes().map((c) => c.userCode)).toEqual([shown])
    expect(await page.getByTestId('api-paired').textContent()).toBe('nicht gekoppelt')
    await screenshot(page, 'settings-pairing-code')

    // The merchant confirms the code in SecuOffice.
    const approved = await fetch(`${sim.url}/__admin/device-codes/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_code: shown }),
    })
    expect(approved.ok).toBe(true)

    // The till polls every 5 s; the screen follows api.changed without a tap.
    await expect.poll(async () => plain(await page.getByTestId('api-paired').textContent()), { timeout: 20_000 }).toBe('gekoppelt')
    await page.getByText('Die Kasse ist jetzt mit secuconnect gekoppelt.').waitFor()
    expect(await code.count()).toBe(0)
    await page.getByRole('button', { name: 'Neu koppeln' }).waitFor()
    await screenshot(page, 'settings-pairing-paired')
  })

  it('cancels a pairing that nobody confirms', async () => {
    await page.getByRole('button', { name: 'Neu koppeln' }).tap()
    await page.getByRole('status', { name: 'Kopplungscode' }).waitFor()
    await page.getByRole('button', { name: 'Kopplung abbrechen' }).tap()
    await page.getByRole('status', { name: 'Kopplungscode' }).waitFor({ state: 'detached' })
    await page.getByRole('button', { name: 'Neu koppeln' }).waitFor()
    expect(errors).toEqual([])
  })
})
