import { describe, expect, it } from 'vitest'
import { centsFromDigits, keypadInput } from '../../../renderer/src/ui/keypad-input'
import { messageParams } from '../../../renderer/src/ui/errors'

describe('keypad input', () => {
  it('appends digits and 00, and deletes the last digit', () => {
    expect(keypadInput('', '7', 6)).toBe('7')
    expect(keypadInput('7', '00', 6)).toBe('700')
    expect(keypadInput('700', 'back', 6)).toBe('70')
    expect(keypadInput('', 'back', 6)).toBe('')
    expect(keypadInput('123', 'clear', 6)).toBe('')
  })

  it('drops leading zeros of amounts but keeps them for PINs and PLUs', () => {
    expect(keypadInput('', '0', 6)).toBe('')
    expect(keypadInput('', '00', 6)).toBe('')
    expect(keypadInput('', '0', 6, true)).toBe('0')
    expect(keypadInput('0', '1', 6, true)).toBe('01')
  })

  it('refuses a key that would exceed the length instead of cutting digits off', () => {
    expect(keypadInput('1234', '5', 4)).toBe('1234')
    expect(keypadInput('123', '00', 4)).toBe('123')
  })

  it('reads typed digits as cents', () => {
    expect(centsFromDigits('')).toBeNull()
    expect(centsFromDigits('796')).toBe(796)
    expect(centsFromDigits('5000')).toBe(5000)
  })
})

describe('message params', () => {
  it('adds a formatted twin for money params only', () => {
    expect(messageParams({ min: 500, max: '15000', plu: '101' }, 'de')).toEqual({
      min: 500,
      minMoney: '5,00\u00a0€',
      max: '15000',
      maxMoney: '150,00\u00a0€',
      plu: '101',
    })
  })
})
