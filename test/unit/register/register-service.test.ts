// The register service as the renderer sees it through the contract: sellers, baskets, scans, events.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { App } from '../../../main/app'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import type { EventMessage } from '../../../main/ipc/event-bus'
import type { Scan } from '../../../common/devices'

let app: App
let testApp: TestApp
let events: EventMessage[]

beforeEach(async () => {
  testApp = await createTestApp()
  app = testApp.app
  events = []
  app.events.subscribe((m) => events.push(m))
})

afterEach(async () => {
  await testApp.dispose()
})

const call = async (channel: string, payload?: unknown) => {
  const result = await app.dispatch(channel, payload)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.messageKey}`)
  return result.value as never
}

async function loginAnna() {
  return call('seller.login', { sellerId: 'anna', pin: '1111' })
}

describe('register service', () => {
  it('serves the demo catalogue and the sellers without their PINs', async () => {
    const catalogue = (await call('catalog.get')) as { products: { name: string }[]; categories: unknown[] }
    expect(catalogue.products.length).toBeGreaterThanOrEqual(35)
    expect(catalogue.products.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Laugenbrezel', 'Käsekuchen (Stück)']),
    )
    const sellers = await call('seller.list')
    expect(sellers).toContainEqual({ id: 'anna', name: 'Anna', role: 'seller', needsPin: true })
    expect(JSON.stringify(sellers)).not.toContain('1111')
  })

  it('refuses basket work before a seller logs in, and a wrong PIN', async () => {
    expect(await app.dispatch('basket.addPlu', { plu: '1' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', messageKey: 'register.error.noSeller' },
    })
    expect(await app.dispatch('seller.login', { sellerId: 'anna', pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', messageKey: 'seller.error.wrongPin' },
    })
    expect(await app.dispatch('seller.login', { sellerId: 'nobody', pin: '1111' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  it('locks a seller out for a minute after five wrong PINs', async () => {
    for (let i = 0; i < 5; i++) await app.dispatch('seller.login', { sellerId: 'ben', pin: '0000' })
    expect(await app.dispatch('seller.login', { sellerId: 'ben', pin: '2222' })).toMatchObject({
      ok: false,
      error: { messageKey: 'seller.error.locked' },
    })
    testApp.clock.advance(61_000)
    expect(await app.dispatch('seller.login', { sellerId: 'ben', pin: '2222' })).toMatchObject({ ok: true })
  })

  it('adds by product, PLU and scan, and publishes every change', async () => {
    await loginAnna()
    const catalogue = (await call('catalog.get')) as {
      products: { id: string; plu?: string; ean?: string; kind?: string; price: number }[]
    }
    const piece = catalogue.products.find((p) => p.plu && !p.kind)!
    const view = (await call('basket.addProduct', { productId: piece.id, quantity: 2 })) as {
      basket: { total: number; lines: { lineId: string }[] }
    }
    expect(view.basket.total).toBe(2 * piece.price)
    await call('basket.addPlu', { plu: piece.plu, quantity: 1 })
    const packaged = catalogue.products.find((p) => p.ean && !p.kind)
    if (packaged) {
      const outcome = await call('basket.scan', {
        scan: { code: packaged.ean!, kind: 'ean13', source: 'x' } satisfies Scan,
      })
      expect(outcome).toMatchObject({ outcome: 'added', scan: { source: 'manual' } })
    }
    const changes = events.filter((e) => e.type === 'register.changed')
    expect(changes.length).toBeGreaterThanOrEqual(3)
    const last = changes.at(-1)!.payload as { basket: { lines: { quantity: number }[] } }
    expect(last.basket.lines[0].quantity).toBe(3)
  })

  it('rejects an unknown EAN or a bad check digit without touching the basket, and says why', async () => {
    await loginAnna()
    const unknown = await call('basket.scan', { scan: { code: '4006381333931', kind: 'ean13', source: 'x' } })
    expect(unknown).toMatchObject({
      outcome: 'rejected',
      messageKey: 'basket.error.unknownEan',
      params: { code: '4006381333931' },
    })
    const invalid = await call('basket.scan', {
      scan: { code: '4006381333932', kind: 'invalid', reason: 'check digit', source: 'x' },
    })
    expect(invalid).toMatchObject({ outcome: 'rejected', messageKey: 'basket.error.invalidScan' })
    expect(((await call('register.view')) as { basket: { lines: unknown[] } }).basket.lines).toEqual([])
    expect(events.filter((e) => e.type === 'scan.result')).toHaveLength(2)
  })

  it('parks a basket on seller switch and resumes it with one login', async () => {
    await loginAnna()
    const c = (await call('catalog.get')) as { products: { plu?: string; kind?: string }[] }
    await call('basket.addPlu', { plu: c.products.find((p) => p.plu && !p.kind)!.plu, quantity: 4 })
    const annaTotal = ((await call('register.view')) as { basket: { total: number } }).basket.total
    const ben = (await call('seller.login', { sellerId: 'ben', pin: '2222' })) as {
      activeSellerId: string
      basket: { lines: unknown[] }
      sellers: { sellerId: string; total: number; active: boolean }[]
    }
    expect(ben.activeSellerId).toBe('ben')
    expect(ben.basket.lines).toEqual([])
    expect(ben.sellers).toContainEqual({ sellerId: 'anna', itemCount: 4, total: annaTotal, active: false })
    const back = (await loginAnna()) as { basket: { total: number } }
    expect(back.basket.total).toBe(annaTotal)
  })

  it('reports a scanned card without adding it to the basket', async () => {
    await loginAnna()
    const outcome = await call('basket.scan', {
      scan: { code: '9276004424644352', kind: 'card', source: 'x' },
    })
    expect(outcome).toMatchObject({ outcome: 'card' })
    expect(((await call('register.view')) as { basket: { lines: unknown[] } }).basket.lines).toEqual([])
  })
})

describe('devices in the app', () => {
  it('sends a scan from the scanner to the basket and reports device status', async () => {
    await loginAnna()
    const catalogue = (await call('catalog.get')) as {
      products: { ean?: string; kind?: string; price: number }[]
    }
    const packaged = catalogue.products.find((p) => p.ean && !p.kind)!
    app.devices.virtual.scanner.inject(packaged.ean!)
    await expect.poll(() => events.filter((e) => e.type === 'scan.result').length).toBe(1)
    expect(events.find((e) => e.type === 'scan.result')!.payload).toMatchObject({
      outcome: 'added',
      scan: { kind: 'ean13' },
    })
    expect(((await call('register.view')) as { basket: { total: number } }).basket.total).toBe(packaged.price)
    const statuses = (await call('devices.status')) as { kind: string; virtual: boolean }[]
    // Demo mode weighs on the virtual scale, so it reports its status too.
    expect(statuses.map((s) => s.kind).sort()).toEqual(['drawer', 'printer', 'scale', 'scanner'])
    expect(statuses.every((s) => s.virtual)).toBe(true)
  })

  it('publishes a status change when a device goes away', async () => {
    app.devices.virtual.scanner.unplug()
    await expect
      .poll(() =>
        events.some(
          (e) =>
            e.type === 'devices.status' &&
            (e.payload as { kind: string; state: string }).kind === 'scanner' &&
            (e.payload as { state: string }).state === 'disconnected',
        ),
      )
      .toBe(true)
  })
})
