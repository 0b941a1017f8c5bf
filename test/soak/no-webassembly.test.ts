// The browser host must compile no WebAssembly while it sells. Node's built-in fetch (undici) parses HTTP
// with a WebAssembly build of llhttp; once hot, V8 recompiles it on a worker thread in ~15 MiB of malloc'd
// zone memory, which raises glibc's mmap and trim thresholds for the rest of the process and made the
// soak's settled RSS scatter (docs/memory.md). The host therefore talks to secuconnect over node:http.
// A preloaded spy (fixtures/wasm-spy.cjs) reports every WebAssembly compilation on stderr.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { startRig, type Rig } from '../chaos/host-rig'
import { sellKind, type SaleKind } from './soak-driver'

const SPY = join(__dirname, 'fixtures', 'wasm-spy.cjs')
let rig: Rig

beforeAll(async () => {
  rig = await startRig({
    config: { receipt: { policy: 'never' } },
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(SPY)}`.trim() },
  })
  await rig.client.must('seller.login', { sellerId: 'anna', pin: '1111' })
}, 120_000)
afterAll(async () => {
  await rig?.close()
})

describe('browser host and WebAssembly', () => {
  it('sells card, top-up, terminal and PIN-card sales over secuconnect without compiling any', async () => {
    const kinds: SaleKind[] = ['card', 'topup', 'terminal', 'loyalty', 'cash']
    for (const [i, kind] of kinds.entries()) {
      const sold = await sellKind(rig, kind, i)
      expect(sold.kind).toBe(kind)
    }
    const output = rig.host.output()
    // The spy was loaded (else the check below would pass for nothing) …
    expect(output).toContain('TRESEN_WASM_SPY loaded')
    // … and saw no compilation.
    expect(output).not.toContain('TRESEN_WASM_COMPILED')
    expect(rig.sim.transactions().filter((t) => t.status === 'ok').length).toBeGreaterThanOrEqual(4)
  }, 120_000)
})
