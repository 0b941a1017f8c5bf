// Run by integrity.test.ts in its own process: sells four sales as the till does (the event loop turns
// between them, so the anchor record follows), reports each receipt number, then waits to be killed
// with SIGKILL — a crash that leaves the committed sales in journal.sqlite-wal, not yet checkpointed.
import { manualClock, silentLogger } from '../../../common/ports'
import { openJournal } from '../../../main/journal'
import { sellBread } from './integrity-helpers'

async function main() {
  const journal = openJournal({ dataDir: process.argv[2]!, clock: manualClock(), logger: silentLogger })
  for (let i = 0; i < 4; i++) {
    const done = sellBread(journal)
    await journal.integrity.flushed()
    process.stdout.write(`${done.receiptNo}\n`)
  }
  setInterval(() => {}, 1000)
}
void main()
