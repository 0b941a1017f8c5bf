// The signed update (TR-03151 UpdateTransaction, fiskaly SIGN DE v2 `PUT …/tx/{id}?tx_revision=n` with
// state ACTIVE and `schema.standard_v1.receipt`) from the fiskaly client against the TSE simulator over
// real HTTP: revisions, signature counter, a log message an independent verifier accepts, refusals.
import { randomUUID, verify } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger, systemClock } from '../../../common/ports'
import { createFiskalyTse, SECRET_KEYS } from '../../../main/fiscal/fiskaly/client'
import {
  candidateKeys,
  dataToBeSigned,
  logMessage,
  verifyQr,
  type TransactionLog,
} from '../../../main/fiscal/log-message'
import type { TseUpdated } from '../../../main/fiscal/tse'
import { memorySecretStore } from '../../../main/secrets/encrypted-file-store'
import { startTseSimulator, type TseSimulator } from '../../../simulator/tse'
import { untar } from '../../../simulator/tse/tar'

const BASKET = { grossBySlot: [280, 0, 0, 0, 0], cash: 0, nonCash: 0 }
const SALE = { grossBySlot: [280, 135, 0, 0, 0], cash: 415, nonCash: 0 }

let sim: TseSimulator
beforeEach(async () => {
  sim = await startTseSimulator({ credentials: { key: 'key', secret: 'secret' }, maxActive: 5 })
})
afterEach(async () => {
  await sim.close()
})

function client(txMs = 1500) {
  const secrets = memorySecretStore({ [SECRET_KEYS.apiKey]: 'key', [SECRET_KEYS.apiSecret]: 'secret' })
  return createFiskalyTse({
    kind: 'simulator',
    baseUrl: sim.url,
    fetch,
    clock: systemClock,
    logger: silentLogger,
    secrets,
    tillSerial: 'TRESEN-kasse-1',
    timeouts: { txMs, authMs: 1500, setupMs: 30_000 },
  })
}

/** The update's log message rebuilt from its answer, as an auditor would from the TAR export. */
function updateLog(u: TseUpdated, operationType: TransactionLog['operationType']): Buffer {
  return dataToBeSigned({
    operationType,
    clientId: u.clientSerial,
    processData: u.processData,
    processType: u.processType,
    transactionNumber: u.number,
    serialNumber: Buffer.from(u.tssSerial, 'hex'),
    signatureAlgorithm: 'ecdsa-plain-SHA256',
    signatureCounter: u.signatureCounter,
    logTime: u.logTime * 1000,
    logTimeFormat: 'unixTime',
  })
}

function verifies(dtbs: Buffer, u: TseUpdated): boolean {
  const signature = Buffer.from(u.signature, 'base64')
  return candidateKeys(Buffer.from(u.publicKey, 'base64')).some((key) =>
    verify('sha256', dtbs, { key, dsaEncoding: 'ieee-p1363' }, signature),
  )
}

describe('signed TSE update (UpdateTransaction) against the simulator', () => {
  it('start → update → finish gives revisions 1, 2, 3 and counters +3; the update stays ACTIVE and its log message verifies', async () => {
    const tse = client()
    await tse.createTss()
    const before = (await tse.status()).signatureCounter!
    const txId = randomUUID()
    const started = await tse.start(txId)
    expect(started.revision).toBe(1)

    const updated = await tse.update(txId, 2, 'Beleg', BASKET)
    expect(updated).toMatchObject({
      txId,
      state: 'ACTIVE',
      revision: 2,
      number: started.number,
      timeStart: started.timeStart,
      signatureCounter: before + 2,
      processType: 'Kassenbeleg-V1',
      processData: 'Beleg^2.80_0.00_0.00_0.00_0.00^',
      signatureAlgorithm: 'ecdsa-plain-SHA256',
      logTimeFormat: 'unixTime',
      clientSerial: 'TRESEN-kasse-1',
    })
    expect(updated.raw).toMatchObject({ log: { operation: 'Update' } })
    expect(await tse.read(txId)).toMatchObject({ state: 'ACTIVE', revision: 2 })

    // Signed as UpdateTransaction (TR-03151), not as a Finish: only the Update log message verifies.
    expect(verifies(updateLog(updated, 'UpdateTransaction'), updated)).toBe(true)
    expect(verifies(updateLog(updated, 'FinishTransaction'), updated)).toBe(false)

    const finished = await tse.finish(txId, 3, 'Beleg', SALE)
    expect(finished).toMatchObject({ state: 'FINISHED', revision: 3, signatureCounter: before + 3 })
    expect(finished.processData).toBe('Beleg^2.80_1.35_0.00_0.00_0.00^4.15:Bar')
    expect(verifyQr(finished.qrCode).ok).toBe(true)
    expect((await tse.status()).signatureCounter).toBe(before + 3)
    expect(await tse.read(txId)).toMatchObject({ state: 'FINISHED', revision: 3 })

    // The TAR export holds the update's log message under its TR-03153 name, byte for byte.
    const files = untar(await tse.exportTar())
    const log = files.find((f) =>
      new RegExp(`_Sig-${before + 2}_Log-Tra_No-${started.number}_Update_Client-TRESEN-kasse-1\\.log$`).test(
        f.name,
      ),
    )
    expect(log?.name).toMatch(new RegExp(`^Unixt_${updated.logTime}_`))
    const der = logMessage(updateLog(updated, 'UpdateTransaction'), Buffer.from(updated.signature, 'base64'))
    expect(log!.data.equals(der)).toBe(true)
  })

  it('an update of an unknown or finished transaction is refused with fiskaly’s error shape; nothing is signed', async () => {
    const tse = client()
    await tse.createTss()
    await expect(tse.update(randomUUID(), 2, 'Beleg', BASKET)).rejects.toMatchObject({
      name: 'TseError',
      kind: 'http',
      status: 404,
      code: 'E_TX_NOT_FOUND',
    })
    const txId = randomUUID()
    await tse.start(txId)
    await tse.finish(txId, 2, 'Beleg', SALE)
    const counter = (await tse.status()).signatureCounter
    await expect(tse.update(txId, 3, 'Beleg', BASKET)).rejects.toMatchObject({
      kind: 'http',
      status: 422,
      code: 'E_TX_ALREADY_FINISHED',
    })
    expect((await tse.status()).signatureCounter).toBe(counter)
    // The simulator's body is fiskaly's error object.
    const refused = sim.store.putTx([...sim.store.tss.keys()][0]!, txId, '3', {
      state: 'ACTIVE',
      client_id: [...[...sim.store.tss.values()][0]!.clients.keys()][0],
      schema: { standard_v1: { receipt: { receipt_type: 'RECEIPT', amounts_per_vat_rate: [] } } },
    })
    expect(refused).toMatchObject({
      status: 422,
      body: { status_code: 422, error: 'Unprocessable Entity', code: 'E_TX_ALREADY_FINISHED' },
    })
    expect(refused.body).toHaveProperty('message')
  })

  it('an update whose answer is lost took effect: the read-back shows revision 2 ACTIVE, a repeat answers the same, the finish is revision 3', async () => {
    const tse = client(600)
    await tse.createTss()
    const txId = randomUUID()
    await tse.start(txId)
    sim.injectFault({ path: '/api/v2/tss/*/tx/*', method: 'PUT', kind: 'hang', afterEffect: true })
    await expect(tse.update(txId, 2, 'Beleg', BASKET)).rejects.toMatchObject({ kind: 'timeout' })
    const back = await tse.read(txId)
    expect(back).toMatchObject({ state: 'ACTIVE', revision: 2 })
    const again = await tse.update(txId, 2, 'Beleg', BASKET)
    expect(again.revision).toBe(2)
    const signed = await tse.finish(txId, back.revision + 1, 'Beleg', SALE)
    expect(signed.revision).toBe(3)
    expect(verifyQr(signed.qrCode).ok).toBe(true)
  })
})
