import { describe, expect, it } from 'vitest'
import { dateTimeFormat, numberFormat } from '../../../common/intl-formats'

describe('Intl formatters made once', () => {
  it('returns the same formatter for the same locale and options, and formats as a fresh one would', () => {
    const options = { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' } as const
    const a = dateTimeFormat('de-DE', options)
    expect(dateTimeFormat('de-DE', { ...options })).toBe(a)
    const at = new Date('2026-03-29T01:30:00Z') // the night Germany moves to summer time
    expect(a.format(at)).toBe(new Intl.DateTimeFormat('de-DE', options).format(at))
    expect(a.format(at)).toBe('03:30')
  })

  it('keeps locales, zones and number options apart', () => {
    expect(dateTimeFormat('de-DE', { timeZone: 'UTC', hour: '2-digit' })).not.toBe(
      dateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit' }),
    )
    expect(numberFormat('de-DE', { minimumFractionDigits: 3 }).format(1.5)).toBe('1,500')
    expect(numberFormat('en-GB', { minimumFractionDigits: 3 }).format(1.5)).toBe('1.500')
  })
})
