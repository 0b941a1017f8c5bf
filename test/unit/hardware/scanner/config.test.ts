import { describe, expect, it } from 'vitest'
import { devicesConfig, scanningConfig } from '../../../../common/config/devices'

describe('scanner config', () => {
  it('defaults: virtual scanner, 1500 ms card window, in-store 21–25 price / 26–29 weight, 5+5 digits', () => {
    const c = devicesConfig.parse({})
    expect(c.scanner).toEqual({ driver: 'virtual' })
    expect(c.scanning).toEqual({
      cardWindowMs: 1500,
      inStore: {
        pricePrefixes: ['21', '22', '23', '24', '25'],
        weightPrefixes: ['26', '27', '28', '29'],
        articleDigits: 5,
        valueDigits: 5,
      },
    })
  })

  it('hid scanner: hex ids, framing defaults', () => {
    const c = devicesConfig.parse({ scanner: { driver: 'hid', vendorId: '0x0C2E', productId: 2959 } }).scanner
    expect(c).toEqual({
      driver: 'hid',
      mode: 'hid-pos',
      vendorId: 0x0c2e,
      productId: 0x0b8f,
      layout: 'de',
      exclusive: false,
      terminators: ['enter', 'tab'],
      interCharTimeoutMs: 100,
    })
  })

  it('rejects in-store layouts that cannot fit or are ambiguous, and prefixes outside 20–29', () => {
    expect(scanningConfig.safeParse({ inStore: { articleDigits: 6, valueDigits: 5 } }).success).toBe(false)
    expect(
      scanningConfig.safeParse({ inStore: { pricePrefixes: ['21'], weightPrefixes: ['21'] } }).success,
    ).toBe(false)
    expect(scanningConfig.safeParse({ inStore: { pricePrefixes: ['30'] } }).success).toBe(false)
    expect(
      scanningConfig.parse({ inStore: { pricePrefixes: ['29'], weightPrefixes: [], articleDigits: 4 } })
        .inStore,
    ).toEqual({ pricePrefixes: ['29'], weightPrefixes: [], articleDigits: 4, valueDigits: 5 })
  })

  it('rejects unknown keys (typos in the config file surface)', () => {
    expect(
      devicesConfig.safeParse({ scanner: { driver: 'hid', vendorId: 1, productId: 2, layuot: 'us' } })
        .success,
    ).toBe(false)
  })
})
