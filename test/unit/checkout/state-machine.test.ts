// The checkout's state machine: the code's table is the one docs/checkout.md draws, and moveTo
// refuses every change the table does not list.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkoutPhase, type CheckoutPhase } from '../../../common/checkout'
import { moveTo, TRANSITIONS, type CheckoutEvent } from '../../../main/checkout/state-machine'

const docRows = (): string[][] => {
  const doc = readFileSync(join(__dirname, '../../../docs/checkout.md'), 'utf8')
  const table = doc.split('<!-- transitions:start -->')[1]!.split('<!-- transitions:end -->')[0]!
  return table
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) =>
      l
        .split('|')
        .slice(1, 4)
        .map((c) => c.trim().replace(/`/g, '')),
    )
}

describe('checkout state machine', () => {
  it('is the table docs/checkout.md shows, row by row', () => {
    expect(docRows()).toEqual(TRANSITIONS.map(([from, event, to]) => [from, event, to]))
  })

  it('reaches every phase and leaves every phase', () => {
    for (const phase of checkoutPhase.options) {
      expect(
        TRANSITIONS.some(([, , to]) => to === phase),
        `into ${phase}`,
      ).toBe(true)
      expect(
        TRANSITIONS.some(([from]) => from === phase),
        `out of ${phase}`,
      ).toBe(true)
    }
  })

  it('moves along a listed transition and refuses one that is not listed', () => {
    const s: { phase: CheckoutPhase } = { phase: 'open' }
    moveTo(s, 'step-started')
    expect(s.phase).toBe('working')
    moveTo(s, 'answer-lost')
    expect(s.phase).toBe('reconciling')
    // A sale whose outcome is unknown is never cancelled or paid again: no such row.
    expect(() => moveTo(s, 'abandoned')).toThrow(/no transition reconciling --abandoned-->/)
    expect(() => moveTo(s, 'step-started')).toThrow(/no transition/)
    expect(s.phase).toBe('reconciling')
  })

  it('asks for the target where an event has several, and checks it', () => {
    const s: { phase: CheckoutPhase } = { phase: 'working' }
    expect(() => moveTo(s, 'card-checked')).toThrow(/no transition working --card-checked--> \?/)
    expect(() => moveTo(s, 'card-checked', 'paid')).toThrow(/no transition/)
    moveTo(s, 'card-checked', 'failed')
    expect(s.phase).toBe('failed')
  })

  it('lists each transition once', () => {
    const keys = TRANSITIONS.map((t) => t.join(' '))
    expect(new Set(keys).size).toBe(keys.length)
    const events = new Set<CheckoutEvent>(TRANSITIONS.map(([, e]) => e))
    expect(events.size).toBeGreaterThan(8)
  })
})
