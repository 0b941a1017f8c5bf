// Chaos, in process: the till is stopped dead at every named point of every payment kind and a new
// till starts on the same journal, where recovery finishes what was left. Cheap enough for every point
// of every kind in the default run (test/chaos/kill9.test.ts does the same with a real SIGKILL of the built host,
// at the points where money moves).
//
// "Stopped dead" right after the point: the old till's journal connection is closed (an open
// transaction would roll back, nothing more reaches the file) and its fetch neither sends a new
// request nor delivers an answer (a request already on the wire still reaches the simulator, as it
// would from a killed process). The old till is then abandoned, never closed. The new till runs on an
// injected clock, so the start patience (a start never sent cannot be told from one still on its way)
// is waited out by moving the clock, not by sleeping.
//
// After each restart the journal and the simulator must agree (test/chaos/agreement.ts): nothing lost, nothing
// charged twice, nothing charged but not journaled, nothing journaled as paid but not charged. The TSE is
// a server of its own (like fiskaly's cloud, it outlives the till): every completed sale's receipt
// carries the signature of its TSE transaction, whichever point the till stopped at.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../main/app'
import type { CheckoutPoint } from '../../../main/checkout/hooks'
import type { SaleKind } from '../../soak/soak-driver'
import { journalAgreesWithSimulator } from '../../chaos/agreement'
import { POINTS } from '../../chaos/points'
import { mortalFetch, recovered, sell, startCrashRig, till, type CrashRig } from './crash-till'

let rig: CrashRig
let dataDir: string
beforeAll(async () => {
  rig = await startCrashRig()
  dataDir = mkdtempSync(join(tmpdir(), 'tresen-inproc-crash-'))
})
afterAll(async () => {
  await rig?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

const runs = (Object.keys(POINTS) as SaleKind[]).flatMap((kind) =>
  POINTS[kind].map((point) => ({ kind, point })),
)

describe('the till stopped dead at every point of every payment kind (in process)', () => {
  it('covers every point of every kind: 55 runs', () => {
    expect(runs).toHaveLength(55)
  })

  for (const { kind, point } of runs)
    it(`${kind} stopped at ${point}: recovered, journal and simulator agree, the next sale goes through`, async () => {
      const mortal = mortalFetch()
      let crashed!: () => void
      const crash = new Promise<'crashed'>((resolve) => (crashed = () => resolve('crashed')))
      let armed = false
      const old: App = await till(rig, dataDir, mortal.fetch, {
        at(reached: CheckoutPoint) {
          if (!armed || reached !== point) return
          armed = false
          mortal.kill()
          old.journal.close()
          crashed()
        },
      })
      await old.checkout.recovery
      armed = true
      const ended = await Promise.race([
        crash,
        sell(rig, old, kind).then(
          () => 'sold' as const,
          () => 'broke' as const,
        ),
      ])
      expect(ended, `the till never reached ${point} in a ${kind} sale`).toBe('crashed')

      const app = await till(rig, dataDir, globalThis.fetch)
      await recovered(rig, app)
      // The customer is still there: the next sale on the restarted till goes through.
      expect((await sell(rig, app, kind)).phase).toBe('paid')
      await app.close()
      journalAgreesWithSimulator(dataDir, rig.sim, { tse: true })
    })

  it('the whole run: every stop recovered, nothing lost, nothing charged twice', () => {
    const { completed, aborted } = journalAgreesWithSimulator(dataDir, rig.sim, { tse: true })
    expect(completed).toBeGreaterThanOrEqual(runs.length)
    expect(completed + aborted).toBeGreaterThanOrEqual(runs.length * 2 - 1)
  })
})
