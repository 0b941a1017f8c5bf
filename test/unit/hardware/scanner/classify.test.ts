import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scan as scanSchema } from '../../../../common/devices'
import {
  classifyCode,
  gs1CheckDigit,
  hasValidCheckDigit,
  isProductScan,
} from '../../../../hardware/scanner/classify'
import { readTrack } from '../../../../hardware/scanner/magstripe'

const kb = { source: 'keyboard' }
const withCheck = (body: string) => body + String(gs1CheckDigit(body))

describe('check digits', () => {
  it.each([
    ['4006381333931', true],
    ['6957842208856', true],
    ['96385074', true],
    ['036000291452', true],
    ['4006381333932', false],
    ['96385075', false],
  ])('%s → %s', (code, ok) => expect(hasValidCheckDigit(code)).toBe(ok))

  it('detects every single-digit error (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{12}$/),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (body, pos, delta) => {
          const good = withCheck(body)
          const bad = good.slice(0, pos) + String((Number(good[pos]) + delta) % 10) + good.slice(pos + 1)
          expect(hasValidCheckDigit(good)).toBe(true)
          expect(hasValidCheckDigit(bad)).toBe(false)
        },
      ),
    )
  })
})

describe('classifyCode', () => {
  it('EAN-13, EAN-8 and UPC-A with a valid check digit are products', () => {
    expect(classifyCode('4006381333931', kb)).toEqual({
      code: '4006381333931',
      kind: 'ean13',
      source: 'keyboard',
    })
    expect(classifyCode('96385074', { source: 'hid-pos', symbology: 'ean8' })).toEqual({
      code: '96385074',
      kind: 'ean8',
      source: 'hid-pos',
      symbology: 'ean8',
    })
    expect(classifyCode('036000291452', kb).kind).toBe('upca')
  })

  it('a bad check digit is invalid, never a product', () => {
    expect(classifyCode('4006381333932', kb)).toEqual({
      code: '4006381333932',
      kind: 'invalid',
      source: 'keyboard',
      reason: 'bad-check-digit',
    })
    expect(classifyCode('96385075', kb).reason).toBe('bad-check-digit')
    expect(classifyCode('036000291453', kb).reason).toBe('bad-check-digit')
  })

  it('a secucard number is a card without any Luhn check (the sample fails Luhn)', () => {
    expect(classifyCode('9276004429942845', kb)).toEqual({
      code: '9276004429942845',
      kind: 'card',
      source: 'keyboard',
    })
    // 16 digits with another prefix: not ours, not a product either
    expect(classifyCode('4111111111111111', kb).kind).toBe('raw')
  })

  it('strips the scanner suffix (CR/LF) and HID NUL padding', () => {
    expect(classifyCode('4006381333931\r\n', kb).code).toBe('4006381333931')
    expect(classifyCode('4006381333931\0\0', kb).kind).toBe('ean13')
  })

  it('in-store EANs carry article and price or weight (default layout PP AAAAA VVVVV C; [I] cents / grams)', () => {
    const price = withCheck('210123401250')
    expect(classifyCode(price, kb)).toEqual({
      code: price,
      kind: 'instore-price',
      source: 'keyboard',
      article: '01234',
      priceCents: 1250,
    })
    const weight = withCheck('280042000754')
    expect(classifyCode(weight, kb)).toEqual({
      code: weight,
      kind: 'instore-weight',
      source: 'keyboard',
      article: '00420',
      weightGrams: 754,
    })
    // 20 is in neither list by default: an in-store article number without a value
    expect(classifyCode(withCheck('200000012345'), kb).kind).toBe('ean13')
    // a bad check digit on an in-store code is still invalid (the price must not be trusted)
    expect(classifyCode(price.slice(0, 12) + String((Number(price[12]) + 1) % 10), kb).kind).toBe('invalid')
  })

  it('in-store layout is configurable: prefixes, article digits, value digits with a skipped price check digit', () => {
    const layout = { pricePrefixes: ['29'], weightPrefixes: ['20'], articleDigits: 4, valueDigits: 5 }
    // 29 | 1234 | 7 (price check digit, skipped) | 00399 | C
    const code = withCheck('291234700399')
    expect(classifyCode(code, kb, layout)).toMatchObject({
      kind: 'instore-price',
      article: '1234',
      priceCents: 399,
    })
    expect(classifyCode(withCheck('200042001500'), kb, layout)).toMatchObject({
      kind: 'instore-weight',
      article: '0042',
      weightGrams: 1500,
    })
    expect(classifyCode(withCheck('210123401250'), kb, layout).kind).toBe('ean13')
  })

  it('magstripe track 2 gives the card number, tolerant of missing sentinels and of track 1 before it', () => {
    const expected = { code: '9276004429942845', kind: 'card', source: 'magstripe', symbology: 'track2' }
    expect(classifyCode(';9276004429942845=2512101?', kb)).toEqual(expected)
    expect(classifyCode('9276004429942845=2512101', kb)).toEqual(expected)
    expect(
      classifyCode('%B9276004429942845^MUSTERMANN/ERIKA^2512101?;9276004429942845=2512101?', kb),
    ).toEqual(expected)
    expect(classifyCode('%B9276004429942845^MUSTERMANN/ERIKA^2512101?', kb)).toEqual({
      ...expected,
      symbology: 'track1',
    })
  })

  it('a truncated swipe or a reader error marker is invalid, with the partial PAN masked', () => {
    expect(classifyCode(';92760044299', kb)).toMatchObject({
      kind: 'invalid',
      reason: 'track-incomplete',
      code: '•••• •••• •••• 4299',
    })
    expect(classifyCode(';E?', kb)).toMatchObject({ kind: 'invalid', reason: 'track-read-error' })
    expect(classifyCode('%E?', kb)).toMatchObject({ kind: 'invalid', reason: 'track-read-error' })
  })

  it('a payment card swiped by mistake is reported masked and goes no further', () => {
    const s = classifyCode(';4111111111111111=2512101123?', kb)
    expect(s).toMatchObject({ kind: 'invalid', reason: 'not-a-secucard' })
    expect(s.code).not.toContain('41111111')
  })

  it('framing problems beat content: a partial read of a valid-looking code is invalid', () => {
    expect(classifyCode('036000291452', { source: 'keyboard', problem: 'partial-read' })).toMatchObject({
      kind: 'invalid',
      reason: 'partial-read',
    })
    expect(classifyCode('9276004429942845', { source: 'keyboard', problem: 'unmapped-key' })).toMatchObject({
      kind: 'invalid',
      reason: 'unmapped-key',
    })
  })

  it('control characters are invalid; GS (FNC1) inside GS1 codes is kept', () => {
    expect(classifyCode('400\x07\x1b3', kb)).toMatchObject({ kind: 'invalid', reason: 'unprintable' })
    expect(classifyCode('0104006381333931\x1d21ABC', kb)).toMatchObject({
      kind: 'raw',
      code: '0104006381333931\x1d21ABC',
    })
  })

  it('other text is raw; `%` without track format code B is Code 39 text, not a swipe', () => {
    expect(classifyCode('ABC-123', kb)).toEqual({ code: 'ABC-123', kind: 'raw', source: 'keyboard' })
    expect(classifyCode('%ABC', kb).kind).toBe('raw')
    expect(classifyCode('12345', kb).kind).toBe('raw')
  })

  it('every result is a valid Scan; only verified codes are products (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^\d{6,16}$/), fc.stringMatching(/^[;%]?[0-9=?^B]{0,30}$/)),
        (text) => {
          const s = classifyCode(text, kb)
          expect(scanSchema.safeParse(s).success).toBe(true)
          if (isProductScan(s)) expect(hasValidCheckDigit(s.code)).toBe(true)
          if (s.kind === 'card') expect(s.code).toMatch(/^9276\d{12}$/)
          if (s.kind === 'invalid') expect(s.reason).toBeTruthy()
        },
      ),
    )
  })
})

describe('readTrack', () => {
  it('is null for text that is no track data', () => {
    expect(readTrack('4006381333931')).toBeNull()
    expect(readTrack('ABC')).toBeNull()
  })
  it('reads a track-2 PAN ended by the end sentinel when there is no separator', () => {
    expect(readTrack(';9276004429942845?')).toEqual({ ok: true, track: 2, pan: '9276004429942845' })
  })
})
