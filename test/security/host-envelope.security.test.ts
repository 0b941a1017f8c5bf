// No message crashes the host: the WebSocket envelope is checked before anything else, a reply can always
// be sent, impossible dates and control characters in shop texts are refused, the customer display's socket
// carries only read-only views, and two hosts side by side keep their own cookie.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WebSocket } from 'ws'
import { request as playwrightRequest } from 'playwright-core'
import { memoryLogger } from '../../common/ports'
import { startHost, type RunningHost } from '../../main/host/server'
import { openHostSocket, type HostReply } from '../helpers/host-socket'
import { createTestApp, type TestApp } from '../helpers/test-app'

let dir: string
let t: TestApp
let host: RunningHost

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tresen-envelope-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Tresen</title>')
  writeFileSync(join(dir, 'display.html'), '<!doctype html><title>Anzeige</title>')
  t = await createTestApp({ transport: 'host' })
  host = await startHost({ app: t.app, rendererDir: dir, logger: memoryLogger() })
})
afterAll(async () => {
  await host?.close()
  await t?.dispose()
  rmSync(dir, { recursive: true, force: true })
})

type Reply = HostReply

async function open(path = '/pos', target: RunningHost = host) {
  const { ws, replies, closed } = await openHostSocket(target, path)
  let asked = 0
  const ask = async (frame: string): Promise<Reply> => {
    const before = replies.length
    asked++
    ws.send(frame)
    await expect.poll(() => replies.length, { timeout: 10_000 }).toBeGreaterThan(before)
    return replies[before]
  }
  return { ws, ask, closed, asked: () => asked }
}

const call = (id: unknown, channel: unknown, payload?: unknown) => JSON.stringify({ id, channel, payload })

function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth)
}

describe('WebSocket envelope', () => {
  it('answers an id nested 5 000 levels deep with a clear error and stays up', async () => {
    const { ws, ask, closed } = await open()
    for (const depth of [5_000, 20_000]) {
      const frame = `{"id":${nested(depth)},"channel":"app.info"}`
      const reply = await ask(frame)
      expect(reply).toMatchObject({ id: null, result: { ok: false, error: { code: 'VALIDATION' } } })
      expect(reply.result!.error!.message).toMatch(/id must be/)
      const objectId = `{"id":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},"channel":"app.info"}`
      expect(await ask(objectId)).toMatchObject({ id: null, result: { ok: false } })
    }
    expect(await ask(call('after', 'app.info'))).toMatchObject({ id: 'after', result: { ok: true } })
    expect(closed()).toBeNull()
    ws.close()
  })

  it('refuses a channel that is not a string (["checkout.view"]) and ids that are not small scalars', async () => {
    const { ws, ask } = await open()
    for (const channel of [['checkout.view'], { toString: 'checkout.view' }, 42, null, '', 'x'.repeat(65)]) {
      expect(await ask(call(7, channel))).toMatchObject({
        id: 7,
        result: { ok: false, error: { code: 'VALIDATION' } },
      })
    }
    for (const id of ['x'.repeat(129), { a: 1 }, [1], true]) {
      expect(await ask(call(id, 'app.info'))).toMatchObject({
        id: null,
        result: { ok: false, error: { code: 'VALIDATION' } },
      })
    }
    for (const frame of ['[]', 'null', '"app.info"', '17', '{"id":1,"channel":"app.info"']) {
      expect(await ask(frame)).toMatchObject({ id: null, result: { ok: false } })
    }
    expect(await ask(call('x'.repeat(128), 'app.info'))).toMatchObject({ result: { ok: true } })
    expect(await ask(call(1.5, 'app.info'))).toMatchObject({ id: 1.5, result: { ok: true } })
    ws.close()
  })

  it('host and app keep answering after a burst of hostile frames on several sockets', async () => {
    const sockets = await Promise.all([open(), open(), open()])
    const frames = [
      `{"id":${nested(6_000)}}`,
      `{"channel":${nested(6_000)}}`,
      `{"id":1,"channel":"app.info","payload":${nested(6_000)}}`,
      '{"id":1,"channel":"__proto__"}',
      '{"id":1,"channel":"constructor"}',
      '\u0000\u0001',
    ]
    for (const s of sockets) for (const f of frames) await s.ask(f)
    for (const s of sockets) {
      expect(s.closed()).toBeNull()
      expect(await s.ask(call('ok', 'app.info'))).toMatchObject({ id: 'ok', result: { ok: true } })
      s.ws.close()
    }
  })
})

describe('inputs that cannot be right', () => {
  it('journal.sales refuses impossible dates like 2026-13-45 and takes real ones', async () => {
    await t.app.dispatch('seller.login', { sellerId: 'chefin', pin: '9999' })
    for (const date of ['2026-13-45', '2026-02-29', '2026-00-10', '2026-04-31', '2026-01-00']) {
      expect(await t.app.dispatch('journal.sales', { date }), date).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      })
    }
    expect(await t.app.dispatch('journal.sales', { date: '2028-02-29' })).toMatchObject({ ok: true })
  })

  it('settings.update refuses NUL, ESC and bidi overrides in every shop text', async () => {
    await t.app.dispatch('seller.login', { sellerId: 'chefin', pin: '9999' })
    const base = { name: 'Bäckerei Korn', address: ['Marktplatz 3'], footer: ['Danke'] }
    const bad = [
      'A\u0000B',
      'Kasse\u001b@',
      'Korn \u202Enie',
      '\u2066x\u2069',
      'a\u0085b',
      'a\u2028b',
      '\u200fx',
    ]
    for (const text of bad) {
      for (const shop of [
        { ...base, name: text },
        { ...base, address: [text] },
        { ...base, footer: [text] },
        { ...base, taxNumber: text },
        { ...base, vatId: text },
      ]) {
        const result = await t.app.dispatch('settings.update', { shop })
        expect(result, JSON.stringify(shop)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      }
    }
    const good = await t.app.dispatch('settings.update', {
      shop: { ...base, name: 'Bäckerei Korn & Söhne €' },
    })
    expect(good).toMatchObject({ ok: true })
  })
})

describe('customer display socket', () => {
  it('gets the read-only views and is refused every command that changes something', async () => {
    const display = await open('/pos/display')
    for (const channel of ['app.info', 'register.view', 'checkout.view'])
      expect(await display.ask(call(channel, channel)), channel).toMatchObject({ result: { ok: true } })
    for (const [channel, payload] of [
      ['basket.addPlu', { plu: '1', quantity: 1 }],
      ['drawer.open', {}],
      ['checkout.payCash', { tendered: 100 }],
      ['settings.update', { locale: 'en' }],
      ['seller.login', { sellerId: 'chefin', pin: '9999' }],
      ['journal.sales', {}],
    ] as const) {
      expect(await display.ask(call(channel, channel, payload)), channel).toMatchObject({
        result: { ok: false, error: { code: 'FORBIDDEN' } },
      })
    }
    display.ws.close()
  })

  it('refuses any other socket path', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/pos/admin?token=${host.token}`, {
      headers: { Origin: `http://127.0.0.1:${host.port}` },
    })
    const outcome = await new Promise((resolve) => {
      ws.once('open', () => resolve('open'))
      ws.once('error', () => resolve('refused'))
    })
    expect(outcome).toBe('refused')
  })
})

describe('host token and cookie', () => {
  it('two hosts side by side in one cookie jar keep their own cookie', async () => {
    const other = await createTestApp({ transport: 'host' })
    const second = await startHost({ app: other.app, rendererDir: dir, logger: memoryLogger() })
    // A real cookie jar (Playwright's, following RFC 6265: cookies do not care about the port).
    const jar = await playwrightRequest.newContext()
    try {
      expect((await jar.get(`http://127.0.0.1:${host.port}/?token=${host.token}`)).status()).toBe(200)
      expect((await jar.get(`http://127.0.0.1:${second.port}/?token=${second.token}`)).status()).toBe(200)
      const cookies = await jar.storageState()
      expect(cookies.cookies.map((c) => c.name).sort()).toEqual(
        [`tresen_token_${host.port}`, `tresen_token_${second.port}`].sort(),
      )
      // Both hosts keep working from the cookie alone, in either order.
      for (const target of [host, second, host]) {
        const res = await jar.get(`http://127.0.0.1:${target.port}/display`)
        expect(res.status(), `port ${target.port}`).toBe(200)
      }
    } finally {
      await jar.dispose()
      await second.close()
      await other.dispose()
    }
  })

  it('refuses a TRESEN_HOST_TOKEN that is short or carries odd characters', async () => {
    for (const token of ['', 'abc', 'x'.repeat(31), 'x'.repeat(40) + ';', 'ä'.repeat(40), 'x'.repeat(257)]) {
      await expect(
        startHost({ app: t.app, rendererDir: dir, logger: memoryLogger(), token }),
        JSON.stringify(token),
      ).rejects.toThrow(/TRESEN_HOST_TOKEN/)
    }
    const fine = await startHost({
      app: t.app,
      rendererDir: dir,
      logger: memoryLogger(),
      token: 'A'.repeat(32),
    })
    await fine.close()
  })
})

describe('reasons that go on paper', () => {
  it('storno, cash movement and drawer reasons refuse control and bidi characters', async () => {
    await t.app.dispatch('seller.login', { sellerId: 'chefin', pin: '9999' })
    for (const reason of ['Wechselgeld\u001bp0', 'a\u0000', '\u202Edrowssap']) {
      for (const [channel, payload] of [
        ['storno.execute', { saleId: 1, reason }],
        ['cash.movement', { kind: 'cash_in', amount: 100, reason }],
        ['drawer.open', { reason }],
      ] as const) {
        expect(await t.app.dispatch(channel, payload), `${channel} ${JSON.stringify(reason)}`).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION' },
        })
      }
    }
  })
})
