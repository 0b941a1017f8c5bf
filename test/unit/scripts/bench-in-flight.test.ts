// The card-sale bench's HTTP time: the time with a request in flight inside the sale's window, so
// overlapping calls count once and calls before the window not at all (test/bench/sale-driver.ts).
import { describe, expect, it } from 'vitest'
import { inFlightMs } from '../../bench/stats'

describe('inFlightMs', () => {
  it('adds up calls that do not overlap', () => {
    expect(
      inFlightMs(
        [
          { from: 0, to: 10 },
          { from: 20, to: 25 },
        ],
        0,
        100,
      ),
    ).toBe(15)
  })

  it('counts overlapping calls once', () => {
    const calls = [
      { from: 0, to: 10 },
      { from: 5, to: 12 },
      { from: 6, to: 8 },
    ]
    expect(inFlightMs(calls, 0, 100)).toBe(12)
  })

  it('leaves out what lies outside the window', () => {
    const calls = [
      { from: -20, to: -5 },
      { from: -2, to: 3 },
      { from: 90, to: 120 },
    ]
    expect(inFlightMs(calls, 0, 100)).toBe(13)
  })

  it('is 0 without calls', () => {
    expect(inFlightMs([], 0, 100)).toBe(0)
  })
})
