// `npm run host`: runs the register in a browser where Electron cannot start. Prints the tokenised URL.
// The production entry: no test hooks (test/chaos/crash-host.ts is the test-only entry with them).
import { runHost } from './run-host'

runHost().catch((error) => {
  process.stderr.write(`Tresen: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
