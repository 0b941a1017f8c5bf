// Soak: many sales of every kind through the built host process with virtual devices, the secuconnect
// simulator and a TSE outside the host (as a live till's fiskaly cloud TSS; soak-driver.ts).
// None may be lost (the journal holds each one, receipt numbers gapless and unique, the simulator charged
// each API sale exactly once), and the host's memory must not keep growing. CI sells 300; TRESEN_LONG=1
// sells 10 000 (TRESEN_SOAK_SALES overrides).
import { describe, expect, it } from 'vitest'
import { LONG } from '../fuzz/budget'
import { runSoak, type SoakResult } from './soak-driver'

const SALES = Number(process.env.TRESEN_SOAK_SALES ?? (LONG ? 10_000 : 300))

describe('soak', () => {
  let result: SoakResult

  it(
    `sells ${SALES} sales after warm-up through the host without losing one`,
    { timeout: LONG ? 3_600_000 : 300_000 },
    async () => {
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
      const { warm, end } = result
      const peak = Math.max(...result.samples.map((s) => s.rssKiB))
      console.log(
        `soak: ${result.sales} sales, ${result.salesPerSecond.toFixed(0)}/s; settled RSS ${mib(warm.rssKiB)} → ${mib(end.rssKiB)} MiB (${(result.rssGrowth * 100).toFixed(1)} %), anonymous ${mib(warm.anonKiB)} → ${mib(end.anonKiB)} MiB, live heap ${mib(warm.liveHeapKiB)} → ${mib(end.liveHeapKiB)} MiB, V8 heap committed ${mib(warm.heapCommittedKiB)} → ${mib(end.heapCommittedKiB)} MiB; raw RSS peak ${mib(peak)} MiB; ${result.method}`,
      )
    },
  )

  // The target is for the 10 000-sale run (after 2 000 warm-up); 300 sales are too few to tell SQLite's
  // page cache and the JIT settling from growth — live-heap.test.ts guards leaks in CI.
  it.runIf(LONG)('keeps main’s memory flat: settled RSS growth after warm-up under 10 %', () => {
    expect(result, 'the soak run failed').toBeDefined()
    expect(result.rssGrowth).toBeLessThan(0.1)
  })
})
