// Loose goods through the contract, on the real app: the scale's stable reading is the weight when a scale
// is configured (a typed number is refused), a typed weight only without one, main prices the line, and
// the free-price keys per VAT rate stop at the configured maximum. Then the sale is paid and printed.
import { afterEach, describe, expect, it } from 'vitest'
import { appConfig } from '../../../common/config'
import type { RegisterView } from '../../../common/basket'
import type { WeighingInfo, WeighingResult } from '../../../common/ipc/weighing-contract'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import { call, login, paperLines } from '../../helpers/sales'

let t: TestApp | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
})

async function failure(command: string, input: unknown) {
  const result = await t!.app.dispatch(command, input)
  if (result.ok) throw new Error(`${command} unexpectedly succeeded`)
  return result.error
}

describe('weighing with a scale (demo: the virtual scale)', () => {
  it('takes the stable reading, prices it in main, and refuses a typed weight', async () => {
    t = await createTestApp()
    await login(t.app, 'anna', '1111')
    expect(await call<WeighingInfo>(t.app, 'weighing.info')).toMatchObject({ scale: 'virtual' })
    const scale = t.app.devices.virtual.scale!
    scale.place(237)
    const weighed = await call<WeighingResult>(t.app, 'basket.weigh', { productId: 'teegebaeck' })
    expect(weighed.weighing).toEqual({ grams: 237, source: 'scale', unitPrice: 2490, total: 590 })
    expect(weighed.register.basket?.lines.at(-1)).toMatchObject({
      kind: 'weight',
      weightGrams: 237,
      unitPrice: 2490,
      total: 590,
    })
    // Legal for trade: with a scale, a typed number is never the weight.
    expect(await failure('basket.weigh', { productId: 'teegebaeck', grams: 500 })).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'register.error.typedWeightWithScale',
    })
    // The same weighing is not taken twice; a settling scale is refused with its reason.
    expect(await failure('basket.weigh', { productId: 'teegebaeck' })).toMatchObject({
      messageKey: 'device.scale.sameWeighing',
    })
    scale.place(400, { motion: true })
    expect(await failure('basket.weigh', { productId: 'teegebaeck' })).toMatchObject({
      messageKey: 'device.scale.motion',
    })
    expect((await call<RegisterView>(t.app, 'register.view')).basket?.lines).toHaveLength(1)
  }, 20_000)

  it('pays and prints the weighed line as "0,237 kg × 24,90 €/kg" without a "1 x" line', async () => {
    t = await createTestApp({
      config: appConfig.parse({
        demo: true,
        receipt: { policy: 'always' },
        devices: { scale: { driver: 'virtual' } },
      }),
    })
    await login(t.app, 'anna', '1111')
    t.app.devices.virtual.scale!.place(237)
    await call(t.app, 'basket.weigh', { productId: 'teegebaeck' })
    await call(t.app, 'checkout.payCash', { tendered: 1000 })
    await t.app.checkout.idle()
    const paper = paperLines(t.app).map((l) => l.trim())
    expect(paper.some((l) => /^Teegebäck lose +5,90 B$/.test(l))).toBe(true)
    expect(paper).toContain('0,237 kg × 24,90 €/kg')
    expect(paper.some((l) => l.includes('x 24,90'))).toBe(false)
  }, 20_000)

  it('a piece article cannot be weighed', async () => {
    t = await createTestApp()
    await login(t.app, 'anna', '1111')
    expect(await failure('basket.weigh', { productId: 'kaffee' })).toMatchObject({
      messageKey: 'basket.error.notSoldByWeight',
    })
  })
})

describe('weighing without a scale', () => {
  it('takes the typed grams and asks for them when missing', async () => {
    t = await createTestApp({
      config: appConfig.parse({ demo: true, devices: { scale: { driver: 'none' } } }),
    })
    await login(t.app, 'anna', '1111')
    expect(await call<WeighingInfo>(t.app, 'weighing.info')).toMatchObject({ scale: 'none' })
    expect(t.app.devices.scale).toBeNull()
    expect(await failure('basket.weigh', { productId: 'teegebaeck' })).toMatchObject({
      messageKey: 'register.error.weightRequired',
    })
    const weighed = await call<WeighingResult>(t.app, 'basket.weigh', { productId: 'teegebaeck', grams: 250 })
    // 0,250 kg × 24,90 €/kg = 6,225 € → 6,23 € (half up)
    expect(weighed.weighing).toEqual({ grams: 250, source: 'manual', unitPrice: 2490, total: 623 })
  })
})

describe('free-price keys', () => {
  it('adds "Diverses 7 %" and "Diverses 19 %" lines at their rate, up to the configured maximum', async () => {
    t = await createTestApp({
      config: appConfig.parse({ demo: true, devices: { freePrice: { rates: [7, 19], maxCents: 2000 } } }),
    })
    await login(t.app, 'anna', '1111')
    await call(t.app, 'basket.addFreePrice', { vatRate: 7, amount: 350 })
    const view = await call<RegisterView>(t.app, 'basket.addFreePrice', { vatRate: 19, amount: 2000 })
    expect(view.basket?.lines.map((l) => [l.name, l.vatRate, l.kind, l.total])).toEqual([
      ['Diverses 7 %', 7, 'price', 350],
      ['Diverses 19 %', 19, 'price', 2000],
    ])
    expect(view.basket?.vat.map((r) => [r.rate, r.gross])).toEqual([
      [19, 2000],
      [7, 350],
    ])
    expect(await failure('basket.addFreePrice', { vatRate: 7, amount: 2001 })).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'register.error.freePriceTooHigh',
      params: { max: '20,00' },
    })
    expect(await failure('basket.addFreePrice', { vatRate: 7, amount: 0 })).toMatchObject({
      code: 'VALIDATION',
    })
  })

  it('offers only the configured rates', async () => {
    t = await createTestApp({
      config: appConfig.parse({ demo: true, devices: { freePrice: { rates: [19] } } }),
    })
    await login(t.app, 'anna', '1111')
    expect(await failure('basket.addFreePrice', { vatRate: 7, amount: 100 })).toMatchObject({
      messageKey: 'register.error.freePriceRate',
    })
  })
})

describe('weighing needs a seller', () => {
  it('does not use up a weighing when nobody is logged in', async () => {
    t = await createTestApp()
    t.app.devices.virtual.scale!.place(237)
    expect(await failure('basket.weigh', { productId: 'teegebaeck' })).toMatchObject({
      messageKey: 'register.error.noSeller',
    })
    expect(t.app.devices.virtual.scale!.emulator.weighings).toEqual([])
    await login(t.app, 'anna', '1111')
    expect(await call<WeighingResult>(t.app, 'basket.weigh', { productId: 'teegebaeck' })).toMatchObject({
      weighing: { grams: 237, source: 'scale' },
    })
  })
})
