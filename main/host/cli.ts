// `npm run host`: runs the register in a browser where Electron cannot start. Prints the tokenised URL.
// The production entry: no test hooks (test/chaos/crash-host.ts is the test-only entry with them).
import { runHost } from './run-host'

runHost().catch((error) => {
  // The stack helps a developer, not a shop owner: it goes behind an environment switch.
  const detail = error instanceof Error ? error.message : String(error)
  process.stderr.write(
    `Tresen startet nicht / will not start: ${detail}\n` +
      (process.env.TRESEN_DEBUG && error instanceof Error ? `${error.stack}\n` : ''),
  )
  process.exit(1)
})
