// Training sales are signed as AVTraining with no payment in processData (DSFinV-K: training must be
// actively switched on, no payment may occur); the record is flagged for the export and the receipt.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { appConfig } from '../../../common/config'
import { manualClock, silentLogger } from '../../../common/ports'
import { createFiscalService } from '../../../main/fiscal/lifecycle'
import type { Tse, TseSignature } from '../../../main/fiscal/tse'
import { openJournal } from '../../../main/journal'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A TSE that records what it was asked to sign and answers at once. */
function recordingTse(calls: string[]): Tse {
  const sig = (txId: string, data: string): TseSignature => ({
    txId,
    state: 'FINISHED',
    number: 1,
    timeStart: 1,
    timeEnd: 2,
    tssSerial: 'ab'.repeat(32),
    clientSerial: 'TRESEN-kasse-1',
    signature: 'c2ln',
    signatureAlgorithm: 'ecdsa-plain-SHA256',
    signatureCounter: 2,
    publicKey: 'a2V5',
    logTimeFormat: 'unixTime',
    processType: 'Kassenbeleg-V1',
    processData: data,
    qrCode: 'V0',
    revision: 2,
    raw: {},
  })
  return {
    kind: 'simulator',
    start: async (txId) => ({ txId, number: 1, timeStart: 1, revision: 1 }),
    finish: async (txId, _rev, typ, a) => {
      const { processData } = await import('../../../common/fiscal/process-data')
      const data = processData(typ, a)
      calls.push(data)
      return sig(txId, data)
    },
    // The counter lifecycle never sends a signed update (docs/fiscal-tse.md).
    update: () => Promise.reject(new Error('unexpected TSE update')),
    finishOther: async (txId, _rev, _type, data) => sig(txId, data),
    abort: async (txId) => sig(txId, 'AVBelegabbruch'),
    read: async () => ({ state: 'ACTIVE', revision: 1, number: 1, timeStart: 1 }),
    listActive: async () => [],
    status: async () => ({ kind: 'simulator', configured: true }),
    createTss: async () => ({ tssId: '', adminPuk: '', clientId: '', serial: '' }),
    registerClient: async () => ({ clientId: '', serial: '' }),
    disable: async () => {},
    exportTar: async () => Buffer.alloc(0),
  }
}

describe('training sales', () => {
  it('are signed as AVTraining without any payment, and the record is flagged as training', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tresen-training-'))
    dirs.push(dir)
    const journal = openJournal({ dataDir: dir, clock: manualClock(), logger: silentLogger })
    const calls: string[] = []
    const fiscal = createFiscalService({
      config: appConfig.parse({ demo: true }),
      journal,
      tse: recordingTse(calls),
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
