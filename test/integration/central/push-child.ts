// A till process for the kill test: pushes a deterministic journal of `sales` sales into PostgreSQL in
// small batches until it is killed.
import { manualClock, memoryLogger } from '../../../common/ports'
import { createJournalPush } from '../../../main/central/journal-push'
import { createCentralPool } from '../../../main/central/pool'
import { dayOfSales } from './day-of-sales'

const [url, tillId, sales] = process.argv.slice(2)
const feed = dayOfSales(Number(sales))
const pool = createCentralPool(url!, memoryLogger(), 1)
const push = createJournalPush({
  pool,
  feed,
  tillId: tillId!,
  shopId: 'korn-markt',
  clock: manualClock(0),
  logger: memoryLogger(),
  batchSize: 25,
})
process.stdout.write('PUSHING\n')
void push.pushOnce().then(() => process.stdout.write('DONE\n'))
