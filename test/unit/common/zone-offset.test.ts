import { describe, expect, it } from 'vitest'
import { zoneOffsetMinutes } from '../../../common/zone-offset'
import { localDayRange } from '../../../main/journal/local-day'
import { localIso } from '../../../main/fiscal-export/dsfinvk/local-time'

const at = (iso: string) => Date.parse(iso)

describe('zone offset (one lookup per UTC hour)', () => {
  it('follows Berlin across both DST switches to the second', () => {
    expect(zoneOffsetMinutes(at('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(60)
    expect(zoneOffsetMinutes(at('2026-03-29T00:59:59Z'), 'Europe/Berlin')).toBe(60)
    expect(zoneOffsetMinutes(at('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(120)
    expect(zoneOffsetMinutes(at('2026-10-25T00:59:59Z'), 'Europe/Berlin')).toBe(120)
    expect(zoneOffsetMinutes(at('2026-10-25T01:00:00Z'), 'Europe/Berlin')).toBe(60)
  })

  it('is negative west of Greenwich and zero in UTC', () => {
    expect(zoneOffsetMinutes(at('2026-07-01T12:00:00Z'), 'America/New_York')).toBe(-240)
    expect(zoneOffsetMinutes(at('2026-12-01T12:00:00Z'), 'America/New_York')).toBe(-300)
    expect(zoneOffsetMinutes(at('2026-07-01T12:00:00Z'), 'UTC')).toBe(0)
  })

  it('gives the journal 23- and 25-hour days and the export local times with their offset', () => {
    expect(localDayRange('2026-03-29', 'Europe/Berlin')).toEqual({
      from: '2026-03-28T23:00:00.000Z',
      to: '2026-03-29T22:00:00.000Z',
    })
    expect(localDayRange('2026-10-25', 'Europe/Berlin')).toEqual({
      from: '2026-10-24T22:00:00.000Z',
      to: '2026-10-25T23:00:00.000Z',
    })
    expect(localIso('2026-12-05T17:02:11.400Z', 'Europe/Berlin')).toBe('2026-12-05T18:02:11+01:00')
    expect(localIso('2026-03-29T01:30:00Z', 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00')
  })
})
