// Property: for random days of sales (cash, terminal, card with bonus and balance), stornos, top-ups,
// aborts and cash movements, closed by Z reports with random counting differences, the DSFinV-K export
// passes the independent format check and its closing sums equal the Z reports the till printed.
import fc from 'fast-check'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { manualClock } from '../../../common/ports'
import { exportDsfinvk } from '../../../main/fiscal-export/dsfinvk/export'
import type { ZReport } from '../../../main/journal'
import { checkDsfinvk } from '../../helpers/dsfinvk-check'
import {
  expectSumsEqualZ,
  line,
  MASTER,
  payCash,
  payTerminal,
  payWithCard,
  stornoAll,
} from '../../helpers/fiscal-day'
import { tempDir, testJournal } from '../journal/helpers'

const article = fc.record({
  quantity: fc.integer({ min: 1, max: 12 }),
  unitPrice: fc.integer({ min: 5, max: 2500 }),
  vatRate: fc.constantFrom<0 | 7 | 19>(7, 7, 19, 0),
})
const event = fc.oneof(
  fc.record({
    kind: fc.constant('sale' as const),
    lines: fc.array(article, { minLength: 1, maxLength: 4 }),
    pay: fc.constantFrom('cash', 'terminal', 'card') as fc.Arbitrary<'cash' | 'terminal' | 'card'>,
    bonusPct: fc.integer({ min: 0, max: 30 }),
    balancePct: fc.integer({ min: 0, max: 100 }),
  }),
  fc.record({ kind: fc.constant('topup' as const), amount: fc.integer({ min: 500, max: 5000 }) }),
  fc.record({ kind: fc.constant('storno' as const) }),
  fc.record({
    kind: fc.constant('abort' as const),
    lines: fc.array(article, { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    kind: fc.constant('move' as const),
    out: fc.boolean(),
    amount: fc.integer({ min: 100, max: 3000 }),
    businessCase: fc.constantFrom('Geldtransit', 'Privateinlage', 'Auszahlung', 'Privatentnahme'),
  }),
)
const day = fc.record({
  float: fc.integer({ min: 0, max: 20000 }),
  events: fc.array(event, { maxLength: 14 }),
  diff: fc.integer({ min: -300, max: 300 }),
})

describe('DSFinV-K export of random days', () => {
  it('passes the format check and equals the Z reports in every closing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(day, { minLength: 1, maxLength: 3 }), async (days) => {
        const tmp = tempDir()
        const clock = manualClock(Date.UTC(2026, 5, 1, 6, 0, 0))
        const { journal } = testJournal(tmp.dir, clock)
        try {
          const zs: ZReport[] = []
          for (const d of days) {
            if (d.float > 0)
              journal.recordCashMovement({ kind: 'opening_float', amount: d.float, reason: 'Wechselgeld' })
            const sold: number[] = []
            for (const e of d.events) {
              clock.advance(60_000)
              if (e.kind === 'sale') {
                const lines = e.lines.map((a, i) => line(`p${i}`, a.quantity, a.unitPrice, a.vatRate))
                const sale = journal.beginSale({ sellerId: 'anna', lines })
                if (e.pay === 'cash') payCash(journal, sale.saleId, sale.total)
                else if (e.pay === 'terminal') payTerminal(journal, sale.saleId, sale.total)
                else {
                  const byRate = new Map<0 | 7 | 19, number>()
                  for (const l of lines)
                    byRate.set(l.vatRate as 0 | 7 | 19, (byRate.get(l.vatRate as 0 | 7 | 19) ?? 0) + l.total!)
                  const bonus = [...byRate]
                    .map(([vatRate, g]) => ({ vatRate, amount: Math.floor((g * e.bonusPct) / 100) }))
                    .filter((b) => b.amount > 0)
                  const rest = sale.total - bonus.reduce((s, b) => s + b.amount, 0)
                  payWithCard(
                    journal,
                    sale.saleId,
                    sale.total,
                    bonus,
                    Math.floor((rest * e.balancePct) / 100),
                  )
                }
                journal.completeSale(sale.saleId)
                sold.push(sale.saleId)
              } else if (e.kind === 'topup') {
                const sale = journal.beginSale({
                  sellerId: 'ben',
                  lines: [line('topup', 1, e.amount, 0, { kind: 'topup' })],
                })
                payCash(journal, sale.saleId, e.amount)
                journal.completeSale(sale.saleId)
              } else if (e.kind === 'storno') {
                const id = sold.shift()
                if (id !== undefined) stornoAll(journal, id)
              } else if (e.kind === 'abort') {
                const sale = journal.beginSale({
                  sellerId: 'anna',
                  lines: e.lines.map((a, i) => line(`a${i}`, a.quantity, a.unitPrice, a.vatRate)),
                })
                journal.abortSale(sale.saleId, 'gegangen')
              } else {
                const expected = journal.xReport().cash.expected
                if (!e.out || expected >= e.amount)
                  journal.recordCashMovement({
                    kind: e.out ? 'cash_out' : 'cash_in',
                    amount: e.amount,
                    reason: 'Bewegung',
                    businessCase: e.businessCase,
                  })
              }
            }
            const counted = Math.max(0, journal.xReport().cash.expected + d.diff)
            // In euro coins and cents: a count stays below the journal's 100 000 per denomination.
            zs.push(
              journal.zReport({
                denominations: [
                  { value: 100, count: Math.floor(counted / 100) },
                  { value: 1, count: counted % 100 },
                ],
              }),
            )
            clock.advance(12 * 3600_000)
          }
          const out = join(tmp.dir, 'export.zip')
          await exportDsfinvk({ dataDir: tmp.dir, range: { fromZ: 1, toZ: zs.length }, out, master: MASTER })
          const check = await checkDsfinvk(out)
          expect(check.errors).toEqual([])
          for (const z of zs) expectSumsEqualZ(check.files, z)
        } finally {
          journal.close()
          tmp.cleanup()
        }
      }),
      { numRuns: 20 },
    )
  }, 400_000)
})
