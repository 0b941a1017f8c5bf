// Test-only entry of the browser host (test/chaos/kill9.test.ts): TRESEN_CRASH_AT=<checkout point>
// makes this process SIGKILL itself right after that point of a payment — a power cut at a known step —
// using the checkout's own hooks. Armed once recovery of the previous run is done, so the crash hits a
// new sale. Production's entry (main/host/cli.ts) has no such switch; this file is not in any build,
// it runs from source through tsx against the built renderer.
import { join } from 'node:path'
import { CHECKOUT_POINTS } from '../../main/checkout/hooks'
import { runHost } from '../../main/host/run-host'

const point = process.env.TRESEN_CRASH_AT
if (!point || !(CHECKOUT_POINTS as readonly string[]).includes(point)) {
  process.stderr.write(`TRESEN_CRASH_AT: unknown checkout point ${point}\n`)
  process.exit(2)
}
let armed = false
const rendererDir = process.env.TRESEN_RENDERER_DIR ?? join(__dirname, '..', '..', 'out', 'renderer')

runHost({
  rendererDir,
  // Said on stdout so the rig sells only once the crash is armed: recovery on start waits for the TSE
  // recovery too, and a cash sale (no API) could otherwise pass the point before it is armed.
  afterRecovery: () => {
    armed = true
    process.stdout.write('TRESEN_ARMED\n')
  },
  checkout: {
    hooks: {
      at(reached) {
        if (!armed || reached !== point) return
        process.stdout.write(`TRESEN_CRASHING=${reached}\n`)
        process.kill(process.pid, 'SIGKILL')
      },
    },
  },
}).catch((error: unknown) => {
  process.stderr.write(`Tresen: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
