// A TSE that answers at once and tells the test what the lifecycle asked it to finish; every signature
// is a fixed dummy. The counter lifecycle never sends a signed update (docs/fiscal-tse.md), so one is
// refused here and would fail the test.
import { processData, type FiscalAmounts, type Vorgangstyp } from '../../common/fiscal/process-data'
import type { Tse, TseSignature } from '../../main/fiscal/tse'

export interface FinishAsked {
  typ: Vorgangstyp
  amounts: FiscalAmounts
  /** The processData the TSE signed for it. */
  processData: string
}

export function recordingTse(onFinish: (asked: FinishAsked) => void): Tse {
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
    finish: async (txId, _rev, typ, amounts) => {
      const data = processData(typ, amounts)
      onFinish({ typ, amounts, processData: data })
      return sig(txId, data)
    },
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
