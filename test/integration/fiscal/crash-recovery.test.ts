// Crash recovery of TSE transactions: a process killed between the TSE's finish and the journal's
// record, and one killed with transactions still ACTIVE. The "kill" is a journal closed without the
// lifecycle's last write; the TSE (simulator, its own HTTP server) lives on, as a cloud TSE does.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appConfig } from '../../../common/config'
import { manualClock, silentLogger } from '../../../common/ports'
import { createFiskalyTse, SECRET_KEYS } from '../../../main/fiscal/fiskaly/client'
import { createFiscalService } from '../../../main/fiscal/lifecycle'
import { verifyQr } from '../../../main/fiscal/log-message'
import { openJournal } from '../../../main/journal'
import { memorySecretStore } from '../../../main/secrets/encrypted-file-store'
import { startTseSimulator, type TseSimulator } from '../../../simulator/tse'

const TSS = '11111111-1111-4111-8111-111111111111'
const CLIENT = '22222222-2222-4222-8222-222222222222'
const config = appConfig.parse({ demo: true, fiscal: { tse: 'simulator', timeouts: { txMs: 800 } } })

let sim: TseSimulator
let dir: string
beforeEach(async () => {
  sim = await startTseSimulator({ credentials: { key: 'k', secret: 's' } })
  sim.provision(TSS, CLIENT, 'TRESEN-kasse-1')
  dir = mkdtempSync(join(tmpdir(), 'tresen-tse-crash-'))
})
afterEach(async () => {
  await sim.close()
  rmSync(dir, { recursive: true, force: true })
})

const tse = () =>
  createFiskalyTse({
    kind: 'simulator',
    baseUrl: sim.url,
    fetch,
    clock: { now: () => Date.now() },
    logger: silentLogger,
    secrets: memorySecretStore({ [SECRET_KEYS.apiKey]: 'k', [SECRET_KEYS.apiSecret]: 's' }),
    tillSerial: 'TRESEN-kasse-1',
    tssId: TSS,
    clientId: CLIENT,
    timeouts: { txMs: 800, authMs: 800, setupMs: 30_000 },
  })

const boot = () => {
  const journal = openJournal({ dataDir: dir, clock: manualClock(Date.now()), logger: silentLogger })
  const device = tse()
  const fiscal = createFiscalService({
    config,
    journal,
    tse: device,
    clock: { now: () => Date.now() },
    logger: silentLogger,
  })
  return { journal, device, fiscal }
}

/** A sale of one Kaffee (2,80 €) whose basket has started its TSE transaction, before the crash. */
async function kaffeeSaleStarted() {
  const first = boot()
  const sale = first.journal.beginSale({
    sellerId: 'anna',
    lines: [
      {
        productId: 'kaffee',
        name: 'Kaffee',
        kind: 'piece',
        quantity: 1,
        unitPrice: 280,
        total: 280,
        vatRate: 19,
      },
    ],
  })
  first.fiscal.basketsChanged({ sellers: [{ sellerId: 'anna', itemCount: 1 }], basket: null })
  await first.fiscal.settled()
  return { first, sale, started: first.journal.tse.all()[0]! }
}

describe('TSE crash recovery', () => {
  it('killed between the TSE finish and the journal: on restart the signature is read back onto the sale', async () => {
    const { first, sale, started } = await kaffeeSaleStarted()
    // The lifecycle's own steps up to the crash: the intent row, then the finish reaches the TSE ...
    first.journal.tse.record({
      txId: started.txId,
      state: 'finishing',
      saleId: sale.saleId,
      processType: 'Kassenbeleg-V1',
      processData: 'Beleg^2.80_0.00_0.00_0.00_0.00^2.80:Bar',
      txNumber: started.txNumber,
    })
    const signedOnTse = await first.device.finish(started.txId!, 2, 'Beleg', {
      grossBySlot: [280, 0, 0, 0, 0],
      cash: 280,
      nonCash: 0,
    })
    // ... and the process dies before the journal records it.
    first.journal.close()

    const second = boot()
    expect(second.journal.tse.finalForSale(sale.saleId)).toBeUndefined()
    const report = await second.fiscal.recover()
    expect(report.finished).toEqual([started.txId])
    const rec = second.journal.tse.finalForSale(sale.saleId)!
    expect(rec).toMatchObject({
      state: 'finished',
      signature: signedOnTse.signature,
      txNumber: started.txNumber,
    })
    expect(verifyQr(rec.qrCode!).ok).toBe(true)
    second.journal.close()
  })

  it('killed before the finish reached the TSE: the ACTIVE transaction is finished with the recorded amounts', async () => {
    const { first, sale, started } = await kaffeeSaleStarted()
    first.journal.tse.record({
      txId: started.txId,
      state: 'finishing',
      saleId: sale.saleId,
      processType: 'Kassenbeleg-V1',
      processData: 'Beleg^2.80_0.00_0.00_0.00_0.00^2.80:Bar',
    })
    first.journal.close()

    const second = boot()
    await second.fiscal.recover()
    const rec = second.journal.tse.finalForSale(sale.saleId)!
    expect(rec.state).toBe('finished')
    expect(rec.processData).toBe('Beleg^2.80_0.00_0.00_0.00_0.00^2.80:Bar')
    expect(verifyQr(rec.qrCode!).ok).toBe(true)
    second.journal.close()
  })

  it('killed with baskets open: every ACTIVE transaction (journaled or only known to the TSE) is cancelled, none left open', async () => {
    const first = boot()
    first.fiscal.basketsChanged({
      sellers: [
        { sellerId: 'anna', itemCount: 1 },
        { sellerId: 'ben', itemCount: 2 },
      ],
      basket: null,
    })
    await first.fiscal.settled()
    // One more the journal never heard of (its start answer was lost in the crash).
    await first.device.start('33333333-3333-4333-8333-333333333333')
    first.journal.close()
    expect(sim.store.tss.get(TSS)!.txs.size).toBe(3)

    const second = boot()
    const report = await second.fiscal.recover()
    expect(report.cancelled).toHaveLength(3)
    const active = [...sim.store.tss.get(TSS)!.txs.values()].filter((t) => t.state === 'ACTIVE')
    expect(active).toEqual([])
    expect(second.journal.tse.unsettled()).toEqual([])
    second.journal.close()
  })
})
