// Training mode in Chromium: the manager switches it on in the back office's Fiskal tab, every
// screen shows the banner, a cash sale's receipt preview says TRAINING and its QR code carries an
// AVTraining process without payment, the X report leaves the sale out, and switching off removes
// the banner. The embedded TSE simulator signs (demo mode).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verifyQr } from '../../main/fiscal/log-message'
import { axeScan, invoke, screenshot, startHostProcess } from './harness'
import { cashSale, openScreen, plain, tillForFile } from './backoffice-support'

const till = tillForFile({
  login: ['Anna', '1111'],
  start: async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tresen-e2e-training-'))
    const config = join(dataDir, 'config.json')
    writeFileSync(config, JSON.stringify({ demo: true, fiscal: { tse: 'simulator' } }))
    return startHostProcess({ dataDir, args: ['--config', config] })
  },
})

const banner = () => till.page.getByTestId('training-banner')

describe('training mode (Chromium)', () => {
  it('the manager switches it on in the Fiskal tab; the till shows the banner', async () => {
    await invoke(till.page, 'seller.login', { sellerId: 'chefin', pin: '9999' })
    await openScreen(till.page, 'Belege & Kasse')
    await till.page.getByRole('tab', { name: 'Fiskal' }).tap()
    expect(await banner().count()).toBe(0)
    await till.page.getByRole('button', { name: 'Trainingsmodus einschalten' }).tap()
    await till.page.getByTestId('training-state').filter({ hasText: 'Eingeschaltet von chefin' }).waitFor()
    await banner().waitFor()
    expect(plain(await banner().innerText())).toContain('TRAININGSMODUS')
    await screenshot(till.page, 'training-switch')
    expect(
      (await axeScan(till.page)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([])
    await invoke(till.page, 'seller.login', { sellerId: 'anna', pin: '1111' })
  })

  it('a sale in training: marked in the sales list, the preview says TRAINING, the QR is AVTraining without payment, X leaves it out and lists it apart', async () => {
    await openScreen(till.page, 'Verkauf')
    await banner().waitFor()
    const receiptNo = await cashSale(till.page, [['Heißgetränke', 'Kaffee']], '2,60 €', 500)
    await openScreen(till.page, 'Belege & Kasse')
    const row = till.page
      .getByRole('list', { name: 'Verkäufe' })
      .getByRole('button')
      .filter({ hasText: `Bon ${receiptNo}` })
    // The sales list says which receipts were training, before any is opened.
    expect(plain(await row.innerText())).toContain('Training (nicht im Umsatz)')
    await row.tap()
    const preview = till.page.getByRole('figure', { name: `Belegvorschau Bon ${receiptNo}` })
    await preview.waitFor()
    const paper = plain(await preview.getByTestId('receipt-paper').innerText())
    expect(paper).toContain('TRAINING – kein Verkauf, nicht im Umsatz')
    const qr = preview.locator('svg.receipt-qr-code')
    await qr.waitFor()
    const data = (await qr.getAttribute('data-qr'))!
    expect(data).toMatch(/^V0;TRESEN-kasse-1;Kassenbeleg-V1;AVTraining\^2\.60_0\.00_0\.00_0\.00_0\.00\^;/)
    expect(verifyQr(data).ok).toBe(true)
    await screenshot(till.page, 'training-receipt-preview')

    const x = (await invoke(till.page, 'report.x', {})) as {
      ok: boolean
      value: { report: { total: number; receiptCount: number; training?: { count: number; total: number } } }
    }
    expect(x.ok).toBe(true)
    expect(x.value.report).toMatchObject({ total: 0, receiptCount: 0, training: { count: 1, total: 260 } })
  })

  it('switched off, the banner is gone', async () => {
    await invoke(till.page, 'seller.login', { sellerId: 'chefin', pin: '9999' })
    await till.page.getByRole('tab', { name: 'Fiskal' }).tap()
    await till.page.getByRole('button', { name: 'Trainingsmodus ausschalten' }).tap()
    await till.page.getByTestId('training-state').filter({ hasText: 'Ausgeschaltet' }).waitFor()
    await banner().waitFor({ state: 'detached' })
    expect(till.errors).toEqual([])
  })
})
