// Main decides every price: a typed-in or renderer-sent code is classified by main itself, derived fields
// from the client (kind, article, price, weight) never reach a basket line or the journal; line and sale
// caps hold; every money sum stays a safe integer, so X and Z still work after every forgery.
import { afterEach, describe, expect, it } from 'vitest'
import { DatabaseSync } from 'node:sqlite'
import { join } from 'node:path'
import { appConfig } from '../../common/config'
import type { CheckoutView } from '../../common/checkout'
import type { RegisterView } from '../../common/basket'
import { addCents, MoneyOverflowError, multiplyCents, sumCents } from '../../common/money'
import { gs1CheckDigit } from '../../hardware/scanner/classify'
import { createTestApp, type TestApp } from '../helpers/test-app'

let t: TestApp
afterEach(async () => t?.dispose())

const withCheck = (body: string) => body + gs1CheckDigit(body)
/** Demo catalogue: 00405 Butterstollen 14,90 € (piece), 00404 Teegebäck lose 24,90 €/kg (weighed). */
const STOLLEN_LABEL = withCheck('210040501490') // 14,90 € price label of article 00405
const TEE_WEIGHT_LABEL = withCheck('260040400237') // 237 g of Teegebäck
const TEE_WEIGHT_TOTAL = Math.round((237 * 2490) / 1000) // 590
const BAD_CHECK = STOLLEN_LABEL.slice(0, 12) + ((Number(STOLLEN_LABEL[12]) + 1) % 10)

async function scan(input: Record<string, unknown>) {
  return t.app.dispatch('basket.scan', { scan: input })
}
const basket = async () =>
  ((await t.app.dispatch('register.view', {})) as { value: RegisterView }).value.basket!

function journalRows(sql: string): Record<string, unknown>[] {
  const db = new DatabaseSync(join(t.dataDir, 'journal.sqlite'), { readOnly: true })
  try {
    return db.prepare(sql).all() as Record<string, unknown>[]
  } finally {
    db.close()
  }
}

describe('derived-field forgeries on basket.scan', () => {
  it('every forgery ends as main’s own price or a refusal; the journal holds only what main computed; X and Z work', async () => {
    t = await createTestApp()
    await t.app.api.ready
    await t.app.dispatch('seller.login', { sellerId: 'anna', pin: '1111' })

    const priceForgeries = [1, 0, -1490, 9e15, 2 ** 53 - 1, Number.MAX_SAFE_INTEGER, 14_899]
    for (const priceCents of priceForgeries) {
      const r = await scan({
        code: STOLLEN_LABEL,
        kind: 'instore-price',
        article: '00405',
        priceCents,
        source: 'x',
      })
      // A value outside the contract's integer range is refused at the door; any other one is ignored.
      if (r.ok) expect(r.value, String(priceCents)).toMatchObject({ outcome: 'added' })
      else expect(r.error.code).toBe('VALIDATION')
    }
    for (const priceCents of ['NaN', 'Infinity', '1e3', '-1', '', null, { valueOf: 1 }, [1]]) {
      const r = await scan({ code: STOLLEN_LABEL, kind: 'instore-price', article: '00405', priceCents })
      expect(r, JSON.stringify(priceCents)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    }
    // Kind swaps and article swaps: main reads the code, not the claim.
    const swaps = [
      { code: STOLLEN_LABEL, kind: 'ean13' },
      { code: STOLLEN_LABEL, kind: 'instore-weight', weightGrams: 1, article: '00404' },
      { code: STOLLEN_LABEL, kind: 'instore-price', article: '00404', priceCents: 1 },
      { code: TEE_WEIGHT_LABEL, kind: 'instore-price', article: '00405', priceCents: 1 },
      { code: TEE_WEIGHT_LABEL, kind: 'instore-weight', weightGrams: 1 },
    ]
    for (const s of swaps)
      expect(await scan(s), JSON.stringify(s)).toMatchObject({ ok: true, value: { outcome: 'added' } })
    const refused = [
      { code: BAD_CHECK, kind: 'instore-price', article: '00405', priceCents: 1490 },
      { code: 'hello', kind: 'instore-price', article: '00405', priceCents: 1 },
      { code: '00405', kind: 'instore-price', article: '00405', priceCents: 1 },
      { code: '9276004424644352', kind: 'ean13' },
      { code: STOLLEN_LABEL.slice(0, 12), kind: 'instore-price', article: '00405', priceCents: 1 },
    ]
    for (const s of refused) {
      const r = await scan(s)
      expect(r.ok ? r.value : r.error, JSON.stringify(s)).not.toMatchObject({ outcome: 'added' })
    }

    const lines = (await basket()).lines
    const accepted = priceForgeries.filter((p) => Number.isSafeInteger(p)).length
    const prices = lines.filter((l) => l.kind === 'price')
    const weights = lines.filter((l) => l.kind === 'weight')
    expect(prices).toHaveLength(accepted + 3)
    for (const l of prices)
      expect(l).toMatchObject({ productId: 'christstollen', unitPrice: 1490, total: 1490 })
    expect(weights).toHaveLength(2)
    for (const l of weights)
      expect(l).toMatchObject({ unitPrice: 2490, total: TEE_WEIGHT_TOTAL, weightGrams: 237 })
    expect(lines).toHaveLength(prices.length + weights.length)
    const total = prices.length * 1490 + weights.length * TEE_WEIGHT_TOTAL

    await t.app.checkout.recovery
    // The card number sent as an "ean13" was read as the card it is: attached, not sold. Take it off again.
    await t.app.checkout.idle()
    expect(await t.app.dispatch('card.detach', {})).toMatchObject({ ok: true })
    const paid = await t.app.dispatch('checkout.payCash', {})
    expect(paid.ok ? 'paid' : paid.error).toBe('paid')
    await t.app.checkout.idle()
    expect(((await t.app.dispatch('checkout.view', {})) as { value: CheckoutView }).value.phase).toBe('paid')

    const rows = journalRows('SELECT kind, unit_price, total, weight_grams FROM sale_lines')
    expect(rows).toHaveLength(lines.length)
    for (const row of rows) {
      if (row.kind === 'price') expect(row).toMatchObject({ unit_price: 1490, total: 1490 })
      else
        expect(row).toMatchObject({
          kind: 'weight',
          unit_price: 2490,
          total: TEE_WEIGHT_TOTAL,
          weight_grams: 237,
        })
    }
    expect(journalRows('SELECT total FROM sales')).toEqual([{ total }])
    expect(journalRows('SELECT total FROM sale_completions')).toEqual([{ total }])

    await t.app.dispatch('seller.login', { sellerId: 'chefin', pin: '9999' })
    expect(await t.app.dispatch('report.x', {})).toMatchObject({
      ok: true,
      value: { report: { salesTotal: total } },
    })
    const z = await t.app.dispatch('report.z', { denominations: [{ value: 1, count: total }] })
    expect(z).toMatchObject({ ok: true, value: { report: { kind: 'Z', salesTotal: total, difference: 0 } } })
  })
})

describe('caps', () => {
  it('a sale stops at the default 10 000 €; the refused scan leaves the basket as it was', async () => {
    t = await createTestApp()
    await t.app.dispatch('seller.login', { sellerId: 'anna', pin: '1111' })
    const label = withCheck('210040599999') // 999,99 €
    for (let i = 0; i < 10; i++)
      expect(await scan({ code: label })).toMatchObject({ value: { outcome: 'added' } })
    expect(await scan({ code: label })).toMatchObject({
      value: { outcome: 'rejected', messageKey: 'basket.error.saleTooLarge', params: { max: 1_000_000 } },
    })
    expect((await basket()).total).toBe(999_990)
  })

  it('configured line and sale caps hold for quantities, PLUs and labels', async () => {
    t = await createTestApp({
      config: appConfig.parse({ demo: true, limits: { saleMaxCents: 5_000, lineMaxCents: 3_000 } }),
    })
    await t.app.dispatch('seller.login', { sellerId: 'anna', pin: '1111' })
    const refusedKey = async (command: string, input: unknown) => {
      const r = await t.app.dispatch(command, input)
      return r.ok ? null : r.error.messageKey
    }
    // 14,90 € label twice is within both caps; a 35,00 € label is over the line cap.
    expect(await scan({ code: STOLLEN_LABEL })).toMatchObject({ value: { outcome: 'added' } })
    expect(await scan({ code: withCheck('210040503500') })).toMatchObject({
      value: { outcome: 'rejected', messageKey: 'basket.error.lineTooLarge' },
    })
    const stollenLine = (await basket()).lines[0]
    expect(await refusedKey('basket.addProduct', { productId: 'christstollen', quantity: 3 })).toBe(
      'basket.error.lineTooLarge',
    )
    expect(await refusedKey('basket.addProduct', { productId: 'christstollen', quantity: 1 })).toBeNull()
    expect(await scan({ code: STOLLEN_LABEL })).toMatchObject({ value: { outcome: 'added' } })
    // 2 × 14,90 + 14,90 = 44,70 €; another 14,90 € would pass 50 €.
    expect(await scan({ code: STOLLEN_LABEL })).toMatchObject({
      value: { outcome: 'rejected', messageKey: 'basket.error.saleTooLarge' },
    })
    expect(
      await refusedKey('basket.setQuantity', {
        lineId: (await basket()).lines.find((l) => l.kind === 'piece')!.lineId,
        quantity: 999,
      }),
    ).toBe('basket.error.lineTooLarge')
    expect((await basket()).total).toBe(3 * 1490)
    expect(stollenLine.total).toBe(1490)
  })

  it('refuses a config whose line cap exceeds its sale cap or the journal bound', () => {
    expect(appConfig.safeParse({ limits: { saleMaxCents: 1000, lineMaxCents: 2000 } }).success).toBe(false)
    expect(appConfig.safeParse({ limits: { saleMaxCents: 2 ** 53 - 1 } }).success).toBe(false)
    expect(appConfig.parse({}).limits).toEqual({ saleMaxCents: 1_000_000, lineMaxCents: 1_000_000 })
  })
})

describe('safe-integer money', () => {
  it('the checked helpers refuse every sum that leaves the safe integers', () => {
    expect(addCents(1, 2)).toBe(3)
    expect(() => addCents(Number.MAX_SAFE_INTEGER, 1)).toThrow(MoneyOverflowError)
    expect(() => addCents(9e15, 9e15)).toThrow(MoneyOverflowError)
    expect(() => addCents(0.5, 1)).toThrow(MoneyOverflowError)
    expect(() => addCents(NaN, 1)).toThrow(MoneyOverflowError)
    expect(() => multiplyCents(2 ** 52, 3)).toThrow(MoneyOverflowError)
    expect(() => sumCents([2 ** 52, 2 ** 52, 2 ** 52])).toThrow(MoneyOverflowError)
    expect(sumCents([])).toBe(0)
  })

  it('the journal refuses a line or payment beyond one row’s bound, however it is called', async () => {
    t = await createTestApp()
    const line = { productId: 'x', name: 'X', kind: 'price' as const, quantity: 1, vatRate: 7 as const }
    for (const total of [2 ** 53 - 1, 9e15, 1_000_000_001, -1_000_000_001]) {
      expect(() =>
        t.app.journal.beginSale({ sellerId: 'anna', lines: [{ ...line, unitPrice: total, total }] }),
      ).toThrow(/Invalid/)
    }
    // Many lines each within the bound still sum safely (checked, not rounded).
    const sale = t.app.journal.beginSale({
      sellerId: 'anna',
      lines: Array.from({ length: 3 }, (_, i) => ({
        ...line,
        lineNo: i + 1,
        unitPrice: 1_000_000_000,
        total: 1_000_000_000,
      })),
    })
    expect(sale.total).toBe(3_000_000_000)
    expect(() =>
      t.app.journal.recordPaymentIntent({
        saleId: sale.saleId,
        method: 'cash',
        amount: 9e15,
        step: 'tender',
      }),
    ).toThrow(/Invalid/)
  })
})
