// A journal rewritten behind the app's back (triggers dropped, a 5,20 € sale set to 0,01 €, triggers
// recreated): the till starts and sells, shows the red "Journal verändert" banner naming the row, and
// the banner goes once a manager acknowledges the finding in the back office (tab "Prüfung").
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { manualClock, silentLogger } from '../../common/ports'
import { openJournal } from '../../main/journal'
import { behindTheTriggers, rewriteSaleToOneCent, sellBread } from '../unit/journal/integrity-helpers'
import { axeScan, screenshot, startHostProcess, typePin } from './harness'
import { openScreen, tillForFile } from './backoffice-support'

const till = tillForFile({
  login: ['Anna', '1111'],
  start: async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tresen-e2e-'))
    const journal = openJournal({ dataDir, clock: manualClock(), logger: silentLogger })
    sellBread(journal)
    journal.close()
    behindTheTriggers(dataDir, (db) => rewriteSaleToOneCent(db, 1))
    return startHostProcess({ dataDir })
  },
})

describe('a tampered journal at the till', () => {
  it('shows the red banner naming the changed row on the sale screen', async () => {
    const banner = till.page.getByTestId('integrity-banner')
    await banner.waitFor()
    expect(await banner.textContent()).toMatch(/Journal verändert.*Zeile sales 1 .*total: 520 → 1/)
    await screenshot(till.page, 'integrity-banner')
  })

  it('lists the findings in the back office and the banner goes once a manager acknowledges', async () => {
    await openScreen(till.page, 'Belege & Kasse')
    await till.page.getByRole('tab', { name: 'Prüfung' }).tap()
    const panel = till.page.getByRole('region', { name: 'Unveränderbarkeit des Journals' })
    await panel.getByText('Journal verändert: Zeilen passen nicht mehr zu ihrer Prüfkette.').waitFor()
    const findings = panel.getByRole('list', { name: 'Gefundene Veränderungen, die erste zuerst' })
    expect(await findings.getByRole('listitem').first().textContent()).toMatch(/sales 1 .*total: 520 → 1/)
    expect(await axeScan(till.page)).toEqual([])
    await typePin(till.page, 'PIN-Eingabe', '9999')
    await screenshot(till.page, 'integrity-backoffice')
    await panel.getByRole('button', { name: 'Gesehen und dokumentiert – Z-Abschluss freigeben' }).tap()
    await panel.getByText('Veränderungen gefunden und von der Leitung bestätigt.').waitFor()
    await till.page.getByTestId('integrity-banner').waitFor({ state: 'detached' })
    expect(till.errors).toEqual([])
  })
})
