import { describe, expect, it } from 'vitest'
import { manualClock } from '../../../../common/ports'
import { manualTimers } from '../../../../hardware/manager/timers'

describe('manual timers', () => {
  it('fire in due order when time is advanced, with the clock at each due time', () => {
    const clock = manualClock(0)
    const timers = manualTimers(clock)
    const fired: [string, number][] = []
    timers.setTimeout(() => fired.push(['b', clock.now()]), 200)
    timers.setTimeout(() => fired.push(['a', clock.now()]), 100)
    const cancelled = timers.setTimeout(() => fired.push(['x', clock.now()]), 150)
    timers.clearTimeout(cancelled)
    timers.advance(150)
    expect(fired).toEqual([['a', 100]])
    expect(clock.now()).toBe(150)
    timers.advance(50)
    expect(fired).toEqual([
      ['a', 100],
      ['b', 200],
    ])
    expect(timers.pending()).toBe(0)
  })

  it('runs timers scheduled by a firing timer within the same advance', () => {
    const clock = manualClock(0)
    const timers = manualTimers(clock)
    const at: number[] = []
    timers.setTimeout(() => {
      at.push(clock.now())
      timers.setTimeout(() => at.push(clock.now()), 10)
    }, 10)
    timers.advance(25)
    expect(at).toEqual([10, 20])
  })
})
