// "Klärung nötig" in the back office: a sale whose payment the till could not decide (here: a terminal
// start left open in the journal and listed for clarification, as recovery leaves it) is shown with
// what is known and the API transaction id; a seller who is no manager decides it with the manager's
// PIN and a reason, and the list says who decided what. Axe finds no serious or critical violation.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { manualClock, memoryLogger } from '../../common/ports'
import { openJournal } from '../../main/journal'
import { axeScan, screenshot, startHostProcess, typePin } from './harness'
import { openScreen, plain, tillForFile } from './backoffice-support'

const TX = 'STX_CLARIFYE2E0000000000000000000'

/** A journal with one sale whose terminal start is open and listed "Klärung nötig". */
function seededDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'tresen-e2e-clarify-'))
  const journal = openJournal({ dataDir, clock: manualClock(Date.now()), logger: memoryLogger() })
  const sale = journal.beginSale({
    sellerId: 'anna',
    lines: [{ productId: 'kaffee', name: 'Kaffee', quantity: 1, unitPrice: 260, total: 260, vatRate: 19 }],
  })
  journal.recordPaymentIntent({
    saleId: sale.saleId,
    method: 'terminal',
    amount: 260,
    step: 'start',
    transactionId: TX,
    detail: { via: 'cashless', settle: 260 },
  })
  journal.clarifications.flag({
    saleId: sale.saleId,
    reason: 'the transaction stayed in status "received"',
    transactionId: TX,
    known: { total: 260, paid: 0, method: 'cashless', lastStatus: 'received', startedAt: null },
  })
  journal.close()
  return dataDir
}

const till = tillForFile({
  login: ['Anna', '1111'],
  start: () => startHostProcess({ dataDir: seededDataDir() }),
})

describe('Klärung nötig', () => {
  it('shows the undecided sale with its transaction id, and a manager aborts it as not paid', async () => {
    const { page } = till
    await openScreen(page, 'Belege & Kasse')
    await page.getByRole('tab', { name: 'Klärung nötig' }).tap()
    const entry = page.getByRole('listitem').filter({ hasText: TX })
    await entry.waitFor()
    const text = plain(await entry.textContent())
    expect(text).toContain('Verkauf 1')
    expect(text).toContain('2,60 €')
    expect(text).toContain('received')
    expect(await axeScan(page)).toEqual([])
    await screenshot(page, 'backoffice-clarify-list')

    await entry.getByRole('button', { name: 'Als nicht bezahlt abbrechen' }).tap()
    const dialog = page.getByRole('alertdialog', { name: 'Verkauf 1 als nicht bezahlt abbrechen' })
    await dialog.waitFor()
    const confirm = dialog.getByRole('button', { name: 'Als nicht bezahlt abbrechen' })
    expect(await confirm.isDisabled()).toBe(true)
    await dialog.getByRole('button', { name: 'In SecuOffice geprüft' }).tap()
    await typePin(page, 'PIN-Eingabe', '9999')
    expect(await axeScan(page)).toEqual([])
    await screenshot(page, 'backoffice-clarify-decide')
    await confirm.tap()

    await page.getByText('Nichts zu klären.').waitFor()
    const decided = plain(await page.getByRole('region', { name: 'Klärung nötig' }).textContent())
    expect(decided).toMatch(/Verkauf 1: als nicht bezahlt abgebrochen von \S+ .*In SecuOffice geprüft/)
    await screenshot(page, 'backoffice-clarify-decided')
  })
})
