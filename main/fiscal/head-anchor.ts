// The journal's chain head signed into the TSE at each Z (main/journal/z-safeguards.ts HeadAnchor):
// a SonstigerVorgang (BSI TR-03151 process type for other processes) whose processData is the head,
// so a rewrite of history is detectable even if the whole hash chain is recomputed (docs/journal.md).
import type { HeadAnchorReceipt, HeadAnchorRequest } from '../journal/z-safeguards'
import type { TseSignature } from './tse'
import { reasonOf, type TseTransactions } from './tse-transactions'

/**
 * The journal's HeadAnchor (main/journal/z-safeguards.ts): signs the chain head as a
 * `SonstigerVorgang` at each Z and links the record to the closing. Throws when the TSE cannot
 * sign; the Z safeguards record that and the Z goes on (docs/journal.md).
 */
export async function anchorHead(t: TseTransactions, request: HeadAnchorRequest): Promise<HeadAnchorReceipt> {
  const { tse } = t
  if (!tse) throw new Error('TSE nicht angeschlossen')
  const entry = t.startTx()
  const started = await entry.started
  if (!started) throw new Error(entry.error ?? 'TSE start failed')
  let sig: TseSignature
  try {
    sig = await tse.finishOther(entry.txId, started.revision + 1, request.processType, request.processData)
  } catch (error) {
    const reason = reasonOf(error)
    t.failed(reason)
    // The started transaction must not stay open: read it back and cancel it.
    void t.track(t.settleLater(entry.txId))
    throw new Error(reason, { cause: error })
  }
  t.succeeded()
  t.recordSignature(sig, { closingId: request.closingId })
  return {
    transactionNumber: sig.number,
    signatureCounter: sig.signatureCounter,
    signature: sig.signature,
    tseSerial: sig.tssSerial,
  }
}
