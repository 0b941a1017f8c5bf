// createPosApi over an in-memory transport wired to the real dispatcher: the whole typed round trip
// in Node, plus the allow-list and event fan-out the preload relies on.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPosApi, type PosTransport } from '../../../preload/core'
import { COMMAND_NAMES, EVENT_NAMES } from '../../../common/ipc/channels'
import { createTestApp, type TestApp } from '../../helpers/test-app'

const apps: TestApp[] = []
afterEach(async () => {
  for (const a of apps.splice(0)) await a.dispose()
})

async function inMemory() {
  const testApp = await createTestApp()
  apps.push(testApp)
  const { app } = testApp
  let subscriptions = 0
  const transport: PosTransport = {
    invoke: (channel, payload) => app.dispatch(channel, payload),
    subscribe(listener) {
      subscriptions++
      const off = app.events.subscribe((m) => listener(m.type, m.payload))
      return () => {
        subscriptions--
        off()
      }
    },
  }
  return { app, api: createPosApi(transport, COMMAND_NAMES, EVENT_NAMES), subscriptions: () => subscriptions }
}

describe('preload core', () => {
  it('round-trips a command and delivers its event to every listener', async () => {
    const { api } = await inMemory()
    const a = vi.fn()
    const b = vi.fn()
    const offA = api.on('app.localeChanged', a)
    api.on('app.localeChanged', b)
    expect(await api.invoke('app.setLocale', { locale: 'en' })).toEqual({ ok: true, value: { locale: 'en' } })
    expect(a).toHaveBeenCalledWith({ locale: 'en' })
    expect(b).toHaveBeenCalledWith({ locale: 'en' })
    offA()
    await api.invoke('app.setLocale', { locale: 'de' })
    expect(a).toHaveBeenCalledTimes(1)
    expect(b).toHaveBeenCalledTimes(2)
  })

  it('keeps one underlying subscription and drops it when the last listener goes', async () => {
    const { api, subscriptions } = await inMemory()
    const off1 = api.on('app.localeChanged', () => {})
    const off2 = api.on('devices.status', () => {})
    expect(subscriptions()).toBe(1)
    off1()
    expect(subscriptions()).toBe(1)
    off2()
    expect(subscriptions()).toBe(0)
  })

  it('refuses channels and events outside the allow-list without touching the transport', async () => {
    const transport = { invoke: vi.fn(), subscribe: vi.fn(() => () => {}) }
    const api = createPosApi(transport, COMMAND_NAMES, EVENT_NAMES)
    expect(await api.invoke('shell.openExternal', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_COMMAND' },
    })
    expect(() => api.on('ipc.raw', () => {})).toThrow(/not in the contract/)
    expect(transport.invoke).not.toHaveBeenCalled()
    expect(transport.subscribe).not.toHaveBeenCalled()
  })

  it('sends only JSON data and turns a broken transport into UNAVAILABLE', async () => {
    const seen: unknown[] = []
    const api = createPosApi(
      {
        invoke: async (_c, p) => {
          seen.push(p)
          throw new Error('socket closed')
        },
        subscribe: () => () => {},
      },
      COMMAND_NAMES,
      EVENT_NAMES,
    )
    const result = await api.invoke('app.setLocale', {
      locale: 'de',
      fn: () => 1,
      when: new Date(0),
    } as never)
    expect(seen[0]).toEqual({ locale: 'de', when: '1970-01-01T00:00:00.000Z' })
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: 'socket closed' } })
  })

  it('is self-contained, so its source can be injected into a page', () => {
    const source = createPosApi.toString()
    const rebuilt = new Function(`return (${source})`)() as typeof createPosApi
    expect(typeof rebuilt({ invoke: async () => null, subscribe: () => () => {} }, ['a.b'], []).invoke).toBe(
      'function',
    )
  })
})
