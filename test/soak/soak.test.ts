// Soak: many sales of every kind through the built host process with virtual devices and the simulator.
// None may be lost (the journal holds each one, receipt numbers gapless and unique, the simulator charged
// each API sale exactly once), and the host's memory must not keep growing. CI sells 300; TRESEN_LONG=1
// sells 10 000 (TRESEN_SOAK_SALES overrides).
import { describe, expect, it } from 'vitest'
import { LONG } from '../fuzz/budget'
import { runSoak, type SoakResult } from './soak-driver'

const SALES = Number(process.env.TRESEN_SOAK_SALES ?? (LONG ? 10_000 : 300))

describe('soak', () => {
  let result: SoakResult

  it(`sells ${SALES} sales after warm-up through the host without losing one`, { timeout: LONG ? 3_600_000 : 300_000 }, async () => {
    result = await runSoak({ sales: SALES, ...(LONG ? {} : { warmup: 100 }) })
    const { sold, journal } = result
    expect(journal.unfinished).toBe(0)
    expect(journal.receiptCount).toBe(sold.length)
    expect(journal.firstReceiptNo).toBe(1)
    expect(journal.lastReceiptNo).toBe(sold.length)
    expect(new Set(sold.map((s) => s.receiptNo)).size).toBe(sold.length)
    expect(journal.salesTotal).toBe(sold.reduce((sum, s) => sum + s.total, 0))
    // Every sale that went through secuconnect is paid there exactly once.
    expect(result.simulator.paid).toBe(sold.filter((s) => s.kind !== 'cash').length)
    expect(result.simulator.maxStarts).toBe(1)
    const mib = (k: number) => (k / 1024).toFixed(1)
    console.log(`soak: ${result.sales} sales, ${result.salesPerSecond.toFixed(0)}/s, RSS ${mib(result.rssWarmKiB)} → ${mib(result.rssEndKiB)} MiB (${(result.rssGrowth * 100).toFixed(1)} %), anonymous ${mib(result.anonWarmKiB)} → ${mib(result.anonEndKiB)} MiB; ${result.method}`)
  })

  // 300 sales sit inside V8's heap growth (it sizes its old space up for ~1 200 sales of this mix while
  // the live heap stays flat — see live-heap.test.ts, which guards leaks in CI); the RSS target is for
  // the 10 000-sale run after its 2 000-sale warm-up.
  it.runIf(LONG)('keeps main’s memory flat: RSS growth after warm-up under 10 %', () => {
    expect(result, 'the soak run failed').toBeDefined()
    expect(result.rssGrowth).toBeLessThan(0.1)
  })
})
