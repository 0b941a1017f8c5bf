import { describe, expect, it } from 'vitest'
import { manualClock } from '../../../../common/ports'
import type { Scan } from '../../../../common/devices'
import { createCardDebounce } from '../../../../hardware/scanner/debounce'

const card = (code = '9276004429942845'): Scan => ({ code, kind: 'card', source: 'keyboard' })
const product: Scan = { code: '4006381333931', kind: 'ean13', source: 'keyboard' }

describe('card debounce', () => {
  it('the same card within the window is one card; after the window it counts again', () => {
    const clock = manualClock()
    const d = createCardDebounce(clock, 1500)
    expect(d.accept(card())).toBe(true)
    clock.advance(1499)
    expect(d.accept(card())).toBe(false)
    clock.advance(1500)
    expect(d.accept(card())).toBe(true)
  })

  it('the window slides while a held card keeps re-reading', () => {
    const clock = manualClock()
    const d = createCardDebounce(clock, 1500)
    expect(d.accept(card())).toBe(true)
    for (let i = 0; i < 5; i++) {
      clock.advance(1000)
      expect(d.accept(card())).toBe(false)
    }
  })

  it('another card is accepted at once', () => {
    const clock = manualClock()
    const d = createCardDebounce(clock, 1500)
    expect(d.accept(card())).toBe(true)
    expect(d.accept(card('9276000000000001'))).toBe(true)
  })

  it('products are never debounced: two scans are two units', () => {
    const d = createCardDebounce(manualClock(), 1500)
    expect([d.accept(product), d.accept(product), d.accept(product)]).toEqual([true, true, true])
  })
})
