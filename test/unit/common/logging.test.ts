import { describe, expect, it } from 'vitest'
import { maskCardNumber, maskCardNumbersIn, isCardNumber } from '../../../common/card'
import { streamLogger } from '../../../main/logger'

describe('card numbers in logs', () => {
  it('masks card numbers to the last four digits', () => {
    expect(maskCardNumber('9276004424644352')).toBe('•••• •••• •••• 4352')
    expect(maskCardNumbersIn('card 9276004424644352 paid')).toBe('card •••• •••• •••• 4352 paid')
    expect(isCardNumber('9276004424644352')).toBe(true)
    expect(isCardNumber('4006381333931')).toBe(false)
  })

  it('leaves product codes and timestamps readable', () => {
    expect(maskCardNumbersIn('EAN 4006381333931 at 1795334400000')).toBe('EAN 4006381333931 at 1795334400000')
  })

  it('drops credentials and masks cards in every entry', () => {
    const lines: string[] = []
    const log = streamLogger((l) => lines.push(l), { now: () => 0 }, 'debug')
    log.log('info', 'api.call', {
      path: '/oauth/token',
      access_token: 'abc123secret',
      refresh_token: 'r',
      headers: { Authorization: 'Bearer abc123secret' },
      card: '9276004424644352',
      cardNumber: 9276004424644352,
      expiresAt: 1795334400000,
      pin: '1234',
    })
    const text = lines.join('')
    expect(text).not.toContain('abc123secret')
    expect(text).not.toContain('9276004424644352')
    expect(text).not.toContain('1234"')
    expect(text).toContain('4352')
    expect(JSON.parse(lines[0]).data.expiresAt).toBe(1795334400000)
  })
})
