// The TSE at the counter in Chromium: the manager's TSE tab sets up a fiskaly TSS (the simulator
// standing in for the cloud), a cash sale's receipt preview shows the § 6 TSE rows and a QR code whose
// payload verifies independently; with the TSE down (every call hangs) the sale still completes within
// one timeout, the preview says "TSE ausgefallen" and the status bar shows the outage.
import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verifyQr } from '../../main/fiscal/log-message'
import { startTseSimulator, type TseSimulator } from '../../simulator/tse'
import { axeScan, invoke, screenshot, startHostProcess } from './harness'
import { cashSale, openScreen, plain, tillForFile } from './backoffice-support'

// The TSE stands in for fiskaly's cloud: its own server in this process, which the test can break.
let sim: TseSimulator
const till = tillForFile({
  login: ['Anna', '1111'],
  start: async () => {
    sim = await startTseSimulator({ credentials: { key: 'e2e-key', secret: 'e2e-secret' } })
    const dataDir = mkdtempSync(join(tmpdir(), 'tresen-e2e-tse-'))
    const config = join(dataDir, 'config.json')
    writeFileSync(
      config,
      JSON.stringify({
        demo: true,
        fiscal: { tse: 'fiskaly', fiskaly: { baseUrl: sim.url }, timeouts: { txMs: 1000 } },
      }),
    )
    return startHostProcess({ dataDir, args: ['--config', config] })
  },
  close: async () => sim?.close(),
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
  it('a manager sets the TSE up (access, new TSS with its PUK once, this till as client)', async () => {
    await openScreen(till.page, 'Einstellungen')
    await invoke(till.page, 'seller.login', { sellerId: 'chefin', pin: '9999' })
    await till.page.getByRole('tab', { name: 'TSE' }).tap()
    await till.page.getByLabel('API-Key').fill('e2e-key')
    await till.page.getByLabel('API-Secret').fill('e2e-secret')
    await till.page.getByRole('button', { name: 'Zugang speichern' }).tap()
    await till.page.getByText('Gespeichert (verschlüsselt').waitFor()
    await till.page.getByRole('button', { name: 'Neue TSE anlegen und initialisieren' }).tap()
    const puk = till.page.getByTestId('tse-puk')
    await puk.waitFor()
    const tss = [...sim.store.tss.values()][0]
    expect(await puk.innerText()).toContain(tss.adminPuk)
    await expect.poll(() => till.page.getByTestId('tse-state').innerText()).toBe('INITIALIZED')
    expect(await till.page.getByTestId('tse-serial').innerText()).toBe(tss.serial)
    expect(await till.page.getByTestId('tse-till-serial').innerText()).toBe('TRESEN-kasse-1')
    await screenshot(till.page, 'tse-setup')
    // Serious or critical accessibility findings on the TSE tab (axe-core) must be none.
    expect((await axeScan(till.page)).map((v) => `${v.id}: ${v.help}`)).toEqual([])
    await invoke(till.page, 'seller.login', { sellerId: 'anna', pin: '1111' })
  })

  it('a cash sale’s preview shows the TSE fields and a QR code that verifies independently', async () => {
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
    sim.injectFault({ path: '/api/v2/tss/**', kind: 'hang', persistent: true })
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
