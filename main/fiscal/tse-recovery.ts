// The TSE side of crash recovery (KassenSichV: every process recorded, none left open): on start,
// transactions the journal left `started` are cancelled, those left `finishing` are read back and
// finished, and ACTIVE ones the TSE still lists for this client are cancelled (they count against
// the TSE's open-transaction limit). docs/fiscal-tse.md "Crash".
import { centsOf, type Vorgangstyp } from '../../common/fiscal/process-data'
import type { Tse, TseSignature } from './tse'
import { reasonOf, type TseTransactions } from './tse-transactions'

/**
 * On start: transactions left `started` are cancelled, those left `finishing` are read back — a
 * FINISHED one's signature lands on its sale, an ACTIVE one is finished with the recorded amounts
 * (the sale was paid) — and ACTIVE ones the TSE lists for this client are cancelled.
 */
export async function recoverTse(
  t: TseTransactions,
): Promise<{ finished: string[]; cancelled: string[]; failed: string[] }> {
  const { tse, journal, logger } = t
  const report = { finished: [] as string[], cancelled: [] as string[], failed: [] as string[] }
  if (!tse) return report
  const known = new Set<string>()
  for (const row of journal.tse.unsettled()) {
    const txId = row.txId!
    known.add(txId)
    try {
      const back = await tse.read(txId)
      const link = {
        ...(row.saleId !== null ? { saleId: row.saleId } : {}),
        ...(row.cashMovementId !== null ? { cashMovementId: row.cashMovementId } : {}),
        training: row.training,
      }
      if (back.state !== 'ACTIVE' && back.signature) {
        t.recordSignature(back.signature, row.state === 'finishing' ? link : {})
        report.finished.push(txId)
      } else if (row.state === 'finishing' && row.processData) {
        const sig = await finishFromRecord(tse, txId, back.revision + 1, row.processData)
        t.recordSignature(sig, link)
        report.finished.push(txId)
      } else {
        t.recordSignature(await tse.abort(txId, back.revision + 1), {
          error: 'left open at a crash, cancelled on start',
          training: row.training,
        })
        report.cancelled.push(txId)
      }
    } catch (error) {
      logger.log('warn', 'fiscal.recover-failed', { txId, error: reasonOf(error) })
      report.failed.push(txId)
    }
  }
  try {
    for (const txId of await tse.listActive()) {
      if (known.has(txId)) continue
      const back = await tse.read(txId)
      if (back.state !== 'ACTIVE') continue
      t.recordSignature(await tse.abort(txId, back.revision + 1), {
        error: 'left ACTIVE, cancelled on start',
      })
      report.cancelled.push(txId)
    }
  } catch (error) {
    logger.log('warn', 'fiscal.recover-list-failed', { error: reasonOf(error) })
  }
  if (report.finished.length + report.cancelled.length > 0) logger.log('info', 'fiscal.recovered', report)
  return report
}

/** Finishes a transaction with the processData recorded before a crash. */
async function finishFromRecord(
  tse: Tse,
  txId: string,
  revision: number,
  data: string,
): Promise<TseSignature> {
  const [typ, slots, pays] = data.split('^')
  const grossBySlot = slots.split('_').map(centsOf)
  let cash = 0
  let nonCash = 0
  for (const p of pays ? pays.split('_') : []) {
    const [amount, kind] = p.split(':')
    if (kind === 'Bar') cash += centsOf(amount)
    else nonCash += centsOf(amount)
  }
  return tse.finish(txId, revision, typ as Vorgangstyp, { grossBySlot, cash, nonCash })
}
