// After a crash and its recovery the journal (read from its file) and the simulator must agree:
//   • no sale left open; every sale completed or aborted
//   • 0 lost sales: every transaction the simulator booked as paid belongs to exactly one completed sale
//   • 0 double charges: no transaction was started (charged) twice, no sale holds two paid transactions
//   • aborted sales hold no paid transaction; completed API sales are paid at the simulator
//   • receipt numbers are used once each, gapless from 1
//   • every completed sale keeps one sale receipt; with a TSE that outlived the till (`tse: true`) its
//     receipt is signed, with the signature of the sale's final TSE record
// Shared by the chaos suites (kill -9 of the built host, in-process crash at every point).
import { expect } from 'vitest'
import { silentLogger, systemClock } from '../../common/ports'
import { openJournal, type SaleRecord } from '../../main/journal'
import type { Simulator } from '../../simulator'

/** The distinct transactions whose start settled money for this sale (card + cash share one start). */
function paidStartTx(record: SaleRecord): string[] {
  const steps = record.payments
    .flatMap((p) => p.steps)
    .filter((s) => s.step === 'start' && s.outcome?.status === 'settled')
  return [...new Set(steps.map((s) => s.outcome?.transactionId ?? s.transactionId!))]
}

/** Reads the journal from its file and checks it against the simulator (see the header). */
export function journalAgreesWithSimulator(
  dataDir: string,
  sim: Simulator,
  options: { tse?: boolean } = {},
): { completed: number; aborted: number } {
  const journal = openJournal({ dataDir, clock: systemClock, logger: silentLogger })
  try {
    expect(
      journal.unfinished().sales.map((s) => s.sale.saleId),
      'sales left open after recovery',
    ).toEqual([])
    const records = journal.sales({ limit: 1000 }).map((s) => journal.sale(s.saleId)!)
    const completed = records.filter((r) => r.status === 'completed')
    const aborted = records.filter((r) => r.status === 'aborted')
    expect(completed.length + aborted.length).toBe(records.length)

    const receiptNos = completed.map((r) => r.receiptNo!).sort((a, b) => a - b)
    expect(receiptNos, 'receipt numbers used once each, gapless').toEqual(receiptNos.map((_, i) => i + 1))

    const owner = new Map<string, number>()
    for (const r of completed) {
      const txs = paidStartTx(r)
      expect(txs.length, `sale ${r.saleId} paid by more than one transaction`).toBeLessThanOrEqual(1)
      for (const tx of txs) {
        expect(owner.has(tx), `transaction ${tx} belongs to two sales`).toBe(false)
        owner.set(tx, r.saleId)
        expect(sim.transaction(tx)?.status, `completed sale ${r.saleId} is not paid at the simulator`).toBe(
          'ok',
        )
      }
    }
    for (const r of aborted)
      for (const tx of paidStartTx(r))
        expect(sim.transaction(tx)?.status, `aborted sale ${r.saleId} was charged`).not.toBe('ok')

    for (const tx of sim.transactions()) {
      expect(tx.starts, `transaction ${tx.id} charged ${tx.starts} times`).toBeLessThanOrEqual(1)
      if (tx.status === 'ok')
        expect(owner.get(tx.id), `paid transaction ${tx.id} has no completed sale: a lost sale`).toBeDefined()
    }
    for (const r of completed) {
      const receipts = r.receipts.filter((x) => x.kind === 'sale')
      expect(receipts.length, `completed sale ${r.saleId} keeps one sale receipt`).toBe(1)
      if (!options.tse) continue
      const final = journal.tse.finalForSale(r.saleId)
      expect(final?.state, `completed sale ${r.saleId} has a finished TSE transaction`).toBe('finished')
      expect(
        receipts[0].document.fiscal?.fields?.signature,
        `sale ${r.saleId}'s receipt carries its signature`,
      ).toBe(final?.signature)
    }
    return { completed: completed.length, aborted: aborted.length }
  } finally {
    journal.close()
  }
}
