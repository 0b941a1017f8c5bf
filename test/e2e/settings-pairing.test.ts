// Device pairing as a shop owner does it: a till configured for a secuconnect host it is not paired with
// (here a simulator the test starts, which waits for approval as the real SecuOffice does) shows the user
// code large and where to confirm it; once the code is approved (the simulator's admin endpoint, standing
// in for SecuOffice) the screen says "gekoppelt" without a tap, from api.changed.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../simulator'
import { screenshot, startHostProcess, type HostProcess } from './harness'
import { openScreen, plain, tillForFile } from './backoffice-support'

let sim: Simulator

/** A till configured for a simulator that waits for approval, as the real host does. */
async function startUnpairedTill(): Promise<HostProcess> {
  sim = await startSimulator({ port: 0, autoApprove: false })
  const dataDir = mkdtempSync(join(tmpdir(), 'tresen-e2e-pairing-'))
  const config = join(dataDir, 'config.json')
  writeFileSync(
    config,
    JSON.stringify({
      demo: true,
      secuconnect: {
        host: sim.url,
        grant: 'device',
        clientId: 'tresen-e2e',
        clientSecret: 'e2e-secret',
        deviceSerial: 'e2e-till',
      },
    }),
  )
  return startHostProcess({ dataDir, args: ['--config', config] })
}

const till = tillForFile({ start: startUnpairedTill, close: () => sim?.close() })

describe('secuconnect pairing', () => {
  it('shows the host and that the till is not paired', async () => {
    await openScreen(till.page, 'Einstellungen')
    await till.page.getByRole('tab', { name: 'secuconnect' }).tap()
    await expect
      .poll(async () => plain(await till.page.getByTestId('api-paired').textContent()))
      .toBe('nicht gekoppelt')
    expect(await till.page.getByTestId('api-host').textContent()).toBe('eigener Server')
    await till.page.getByRole('button', { name: 'Kopplung starten' }).waitFor()
  })

  it('shows the user code and SecuOffice, and turns to "gekoppelt" once the code is confirmed', async () => {
    await till.page.getByRole('button', { name: 'Kopplung starten' }).tap()
    const code = till.page.getByRole('status', { name: 'Kopplungscode' })
    await code.waitFor()
    const shown = (await code.textContent())!.trim()
    expect(await till.page.getByTestId('pairing-url').textContent()).toBe('http://www.secuoffice.com')
    await till.page.getByText('Warte auf Bestätigung …').waitFor()
    // The code on screen is the one the server waits for.
    expect(sim.pendingDeviceCodes().map((c) => c.userCode)).toEqual([shown])
    expect(await till.page.getByTestId('api-paired').textContent()).toBe('nicht gekoppelt')
    await screenshot(till.page, 'settings-pairing-code')

    // The merchant confirms the code in SecuOffice.
    const approved = await fetch(`${sim.url}/__admin/device-codes/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_code: shown }),
    })
    expect(approved.ok).toBe(true)

    // The till polls every 5 s; the screen follows api.changed without a tap.
    await expect
      .poll(async () => plain(await till.page.getByTestId('api-paired').textContent()), { timeout: 20_000 })
      .toBe('gekoppelt')
    await till.page.getByText('Die Kasse ist jetzt mit secuconnect gekoppelt.').waitFor()
    expect(await code.count()).toBe(0)
    await till.page.getByRole('button', { name: 'Neu koppeln' }).waitFor()
    await screenshot(till.page, 'settings-pairing-paired')
  })

  it('cancels a pairing that nobody confirms', async () => {
    await till.page.getByRole('button', { name: 'Neu koppeln' }).tap()
    await till.page.getByRole('status', { name: 'Kopplungscode' }).waitFor()
    await till.page.getByRole('button', { name: 'Kopplung abbrechen' }).tap()
    await till.page.getByRole('status', { name: 'Kopplungscode' }).waitFor({ state: 'detached' })
    await till.page.getByRole('button', { name: 'Neu koppeln' }).waitFor()
    expect(till.errors).toEqual([])
  })
})
