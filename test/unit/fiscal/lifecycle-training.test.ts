// Training sales are signed as AVTraining with no payment in processData (DSFinV-K: training must be
// actively switched on, no payment may occur); the record is flagged for the export and the receipt.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { appConfig } from '../../../common/config'
import { manualClock, silentLogger } from '../../../common/ports'
import { createFiscalService } from '../../../main/fiscal/lifecycle'
import { recordingTse } from '../../fakes/recording-tse'
import { openJournal } from '../../../main/journal'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('training sales', () => {
  it('are signed as AVTraining without any payment, and the record is flagged as training', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tresen-training-'))
    dirs.push(dir)
    const journal = openJournal({ dataDir: dir, clock: manualClock(), logger: silentLogger })
    const calls: string[] = []
    const fiscal = createFiscalService({
      config: appConfig.parse({ demo: true }),
      journal,
      tse: recordingTse((asked) => calls.push(asked.processData)),
      clock: manualClock(),
      logger: silentLogger,
    })
    const sale = journal.beginSale({
      sellerId: 'anna',
      lines: [
        {
          productId: 'k',
          name: 'Kaffee',
          kind: 'piece',
          quantity: 1,
          unitPrice: 280,
          total: 280,
          vatRate: 19,
        },
      ],
    })
    const outcome = await fiscal.finishSale({
      saleId: sale.saleId,
      lines: [{ total: 280, vatRate: 19 }],
      payments: [{ method: 'cash', amount: 280 }],
      training: true,
    })
    expect(calls).toEqual(['AVTraining^2.80_0.00_0.00_0.00_0.00^'])
    expect(outcome.record).toMatchObject({ state: 'finished', training: true, saleId: sale.saleId })
    journal.close()
  })
})
