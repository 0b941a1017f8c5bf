import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { gs1CheckDigit } from '../../../../hardware/scanner/classify'
import type { DeviceStatus, Scan } from '../../../../common/devices'
import { memoryLogger } from '../../../../common/ports'
import { VirtualScanner } from '../../../../hardware/scanner/virtual-scanner'
import { loadFixture, setupTime, type Recording } from './helpers'

function make(layout: 'de' | 'us' = 'de', cardWindowMs = 1500) {
  const time = setupTime()
  const logger = memoryLogger()
  const inStore = {
    pricePrefixes: ['21', '22', '23', '24', '25'],
    weightPrefixes: ['26', '27', '28', '29'],
    articleDigits: 5,
    valueDigits: 5,
  }
  const scanner = new VirtualScanner({ ...time, logger, layout, scanning: { cardWindowMs, inStore } })
  const scans: Scan[] = []
  const statuses: DeviceStatus[] = []
  scanner.onScan((s) => scans.push(s))
  scanner.onStatus((s) => statuses.push(s))
  return { ...time, logger, scanner, scans, statuses }
}

describe('virtual scanner', () => {
  it('starts connected and classifies injected codes', () => {
    const { scanner, scans } = make()
    expect(scanner.current()).toMatchObject({ kind: 'scanner', virtual: true, state: 'connected' })
    expect(scanner.inject('4006381333931')).toEqual({
      code: '4006381333931',
      kind: 'ean13',
      source: 'virtual',
    })
    scanner.inject('4006381333932')
    expect(scans.map((s) => s.kind)).toEqual(['ean13', 'invalid'])
  })

  it('the same product twice is two scans; the same card within the window is one', () => {
    const { scanner, scans, clock } = make()
    scanner.inject('4006381333931')
    scanner.inject('4006381333931')
    scanner.inject('9276004429942845')
    clock.advance(800)
    scanner.inject('9276004429942845')
    expect(scans.map((s) => s.kind)).toEqual(['ean13', 'ean13', 'card'])
  })

  it('replays raw keyboard reports through the same decoder as the HID driver', () => {
    const fx = loadFixture<{ reports: Recording }>('keyboard-de-magstripe-track2.json')
    const { scanner, scans } = make('de')
    scanner.injectKeyboardReports(fx.reports.map(([, hex]) => hex))
    expect(scans).toEqual([
      { code: '9276004429942845', kind: 'card', source: 'magstripe', symbology: 'track2' },
    ])
  })

  it('types text on its layout, Enter included', () => {
    const { scanner, scans } = make('de')
    scanner.type(';9276004429942845=2512101?')
    scanner.type('6957842208856')
    expect(scans.map((s) => [s.kind, s.code])).toEqual([
      ['card', '9276004429942845'],
      ['ean13', '6957842208856'],
    ])
  })

  it('an unplug mid-read reports the partial read, goes disconnected, drops input until plugged in', () => {
    const { scanner, scans, statuses, logger } = make('us')
    scanner.type('6957842', 'none')
    scanner.unplug()
    expect(scans).toEqual([{ code: '6957842', kind: 'invalid', source: 'virtual', reason: 'partial-read' }])
    expect(scanner.current()).toMatchObject({ state: 'disconnected', messageKey: 'device.scanner.lost' })
    expect(scanner.inject('4006381333931')).toBeNull()
    expect(logger.entries.some((e) => e.event === 'scanner.virtual-input-dropped')).toBe(true)
    scanner.plug()
    expect(scanner.inject('4006381333931')?.kind).toBe('ean13')
    expect(statuses.map((s) => s.state)).toEqual(['disconnected', 'connected'])
  })

  it('logs card numbers masked only', () => {
    const { scanner, logger } = make()
    scanner.inject('9276004429942845')
    const logged = JSON.stringify(logger.entries)
    expect(logged).toContain('•••• •••• •••• 2845')
    expect(logged).not.toContain('9276004429942845')
  })

  it('a throwing listener does not stop the others', () => {
    const { scanner, scans } = make()
    scanner.onScan(() => {
      throw new Error('ui bug')
    })
    const after: Scan[] = []
    scanner.onScan((s) => after.push(s))
    scanner.inject('96385074')
    expect(scans).toHaveLength(1)
    expect(after).toHaveLength(1)
  })

  it('any valid EAN-13 or card number typed on either layout comes out classified right (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'de' | 'us'>('de', 'us'),
        fc.stringMatching(/^[013-9]\d{11}$/),
        fc.stringMatching(/^\d{12}$/),
        (layout, body, cardTail) => {
          const { scanner, scans, clock } = make(layout)
          const ean = body + String(gs1CheckDigit(body))
          scanner.type(ean)
          scanner.type(ean)
          scanner.type(`9276${cardTail}`)
          clock.advance(2000)
          scanner.type(`;9276${cardTail}=2512101?`)
          expect(scans.map((s) => [s.kind, s.code])).toEqual([
            ['ean13', ean],
            ['ean13', ean],
            ['card', `9276${cardTail}`],
            ['card', `9276${cardTail}`],
          ])
        },
      ),
      { numRuns: 60 },
    )
  })
})
