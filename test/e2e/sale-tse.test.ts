// The TSE at the counter in Chromium: a cash sale's receipt preview shows the § 6 TSE rows and a QR
// code whose payload verifies independently; with the TSE down (the host's embedded simulator told to
// hang) the sale still completes within one timeout, the preview says "TSE ausgefallen" and the status
// bar shows the outage.
import { writeFileSync, mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verifyQr } from '../../main/fiscal/log-message'
import { screenshot, startHostProcess } from './harness'
import { cashSale, openScreen, plain, tillForFile } from './backoffice-support'

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

let tsePort = 0
const till = tillForFile({
  login: ['Anna', '1111'],
  start: async () => {
    tsePort = await freePort()
    const dataDir = mkdtempSync(join(tmpdir(), 'tresen-e2e-tse-'))
    const config = join(dataDir, 'config.json')
    writeFileSync(
      config,
      JSON.stringify({ demo: true, fiscal: { simulatorPort: tsePort, timeouts: { txMs: 1000 } } }),
    )
    return startHostProcess({ dataDir, args: ['--config', config] })
  },
})

const tseStatus = () => till.page.locator('.status-item[data-kind="tse"]')

async function openPreview(receiptNo: number) {
  await openScreen(till.page, 'Belege & Kasse')
  await till.page
    .getByRole('list', { name: 'Verkäufe' })
    .getByRole('button')
    .filter({ hasText: `Bon ${receiptNo}` })
    .tap()
  const preview = till.page.getByRole('figure', { name: `Belegvorschau Bon ${receiptNo}` })
  await preview.waitFor()
  return preview
}

describe('TSE at the counter (Chromium)', () => {
  it('a cash sale’s preview shows the TSE fields and a QR code that verifies independently', async () => {
    await expect.poll(() => tseStatus().getAttribute('data-state')).toBe('ready')
    const receiptNo = await cashSale(till.page, [['Heißgetränke', 'Kaffee']], '2,60 €', 500)
    const preview = await openPreview(receiptNo)
    const paper = plain(await preview.getByTestId('receipt-paper').innerText())
    for (const label of [
      'TSE-Transaktion',
      'TSE-Start',
      'TSE-Stop',
      'Kassen-Seriennummer',
      'TSE-Seriennummer',
      'TSE-Signaturzähler',
      'TSE-Signatur',
    ])
      expect(paper).toContain(label)
    const qr = preview.locator('svg.receipt-qr-code')
    await qr.waitFor()
    const data = (await qr.getAttribute('data-qr'))!
    expect(data).toMatch(/^V0;TRESEN-kasse-1;Kassenbeleg-V1;Beleg\^2\.60_0\.00_0\.00_0\.00_0\.00\^2\.60:Bar;/)
    const check = verifyQr(data)
    expect(check.ok).toBe(true)
    expect(paper.replace(/\s+/g, '')).toContain(check.tseSerial!)
    await screenshot(till.page, 'tse-receipt-preview')
  })

  it('with the TSE down the sale completes, the receipt says "TSE ausgefallen" and the status bar shows it', async () => {
    const fault = await fetch(`http://127.0.0.1:${tsePort}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({ path: '/api/v2/tss/**', kind: 'hang', persistent: true }),
    })
    expect(fault.ok).toBe(true)
    const started = Date.now()
    const receiptNo = await cashSale(till.page, [['Heißgetränke', 'Kaffee']], '2,60 €', 500)
    expect(Date.now() - started).toBeLessThan(10_000)
    const preview = await openPreview(receiptNo)
    const paper = plain(await preview.getByTestId('receipt-paper').innerText())
    expect(paper).toMatch(/TSE ausgefallen: /)
    expect(await preview.locator('svg.receipt-qr-code').count()).toBe(0)
    await expect.poll(() => tseStatus().getAttribute('data-state')).toBe('outage')
    expect(plain(await tseStatus().innerText())).toMatch(/TSE: ausgefallen seit/)
    await screenshot(till.page, 'tse-down-receipt-preview')
  })
})
