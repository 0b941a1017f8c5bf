// Run by crash-safety.test.ts in its own process, which the test kills with SIGKILL mid-stream: a
// real crash at whatever statement the child happens to be in. It sells until killed and reports
// each receipt number on stdout after its commit returned.
import { systemClock, silentLogger } from '../../../common/ports'
import { openJournal } from '../../../main/journal'

const journal = openJournal({ dataDir: process.argv[2], clock: systemClock, logger: silentLogger })
for (let i = 0; ; i++) {
  const sale = journal.beginSale({
    sellerId: `s${i % 3}`,
    lines: [
      {
        productId: 'kaffee',
        name: 'Kaffee',
        quantity: 1 + (i % 4),
        unitPrice: 260,
        total: 260 * (1 + (i % 4)),
        vatRate: 19,
      },
    ],
  })
  const { intentId } = journal.recordPaymentIntent({
    saleId: sale.saleId,
    method: i % 2 ? 'card' : 'cash',
    amount: sale.total,
    step: 'start',
  })
  journal.recordPaymentOutcome({ intentId, status: 'settled' })
  const done = journal.completeSale(sale.saleId)
  process.stdout.write(`${done.receiptNo}\n`)
}
