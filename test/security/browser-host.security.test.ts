// Security audit of the browser host (the server npm run host starts, created here in-process around a
// real demo app): reachable on 127.0.0.1 only; no page, asset or WebSocket without the per-start token;
// no foreign Host (DNS rebinding) or Origin (cross-site WebSocket hijacking); refusals reveal nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { WebSocket } from 'ws'
import { memoryLogger } from '../../common/ports'
import { startHost, type RunningHost } from '../../main/host/server'
import { createTestApp, type TestApp } from '../helpers/test-app'
import { budget, fcParams } from '../fuzz/budget'

const PAGE_MARK = 'tresen-renderer-page-7f3a'
let dir: string
let t: TestApp
let host: RunningHost

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tresen-security-host-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>${PAGE_MARK}</title>`)
  writeFileSync(join(dir, 'assets', 'app.js'), `// ${PAGE_MARK}`)
  t = await createTestApp({ transport: 'host' })
  host = await startHost({ app: t.app, rendererDir: dir, logger: memoryLogger() })
})
afterAll(async () => {
  await host?.close()
  await t?.dispose()
  rmSync(dir, { recursive: true, force: true })
})

function get(
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method, headers }, (res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

function socket(path: string, headers: Record<string, string>): Promise<'open' | 'refused'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { headers })
    ws.on('open', () => {
      ws.close()
      resolve('open')
    })
    ws.on('error', () => resolve('refused'))
  })
}

const ownHost = () => `127.0.0.1:${host.port}`
const ownOrigin = () => `http://127.0.0.1:${host.port}`

/** Tokens an attacker could try: random, the real one altered, cut, extended, re-cased, URL-encoded twice. */
const wrongToken = () =>
  fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.stringMatching(/^[A-Za-z0-9_-]{32}$/),
    fc.integer({ min: 1, max: 31 }).map((n) => host.token.slice(0, n)),
    fc.string({ minLength: 1, maxLength: 4 }).map((s) => host.token + s),
    fc.constant(host.token.toUpperCase()),
    fc
      .integer({ min: 0, max: 31 })
      .map((i) => host.token.slice(0, i) + (host.token[i] === 'A' ? 'B' : 'A') + host.token.slice(i + 1)),
  )

describe('browser host network exposure', () => {
  it('listens on 127.0.0.1 only: not on ::1, not on any other interface of this machine', async () => {
    const tryConnect = (address: string) =>
      new Promise<'connected' | string>((resolve) => {
        const s = connect({ host: address, port: host.port })
        s.once('connect', () => {
          s.destroy()
          resolve('connected')
        })
        s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'))
      })
    expect(await tryConnect('127.0.0.1')).toBe('connected')
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal)
      .map((i) => i!.address)
    for (const address of ['::1', ...others]) expect(await tryConnect(address), address).not.toBe('connected')
  })
})

describe('token', () => {
  it('no wrong token, by query or cookie, gets a page or an asset', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        wrongToken(),
        fc.constantFrom('/', '/index.html', '/display', '/assets/app.js'),
        fc.boolean(),
        async (token, path, asCookie) => {
          fc.pre(token !== host.token)
          const res = asCookie
            ? await get(path, {
                Host: ownHost(),
                Cookie: `tresen_token_${host.port}=${encodeURIComponent(token)}`,
              })
            : await get(`${path}?token=${encodeURIComponent(token)}`, { Host: ownHost() })
          expect(res.status).toBe(401)
          expect(res.body).not.toContain(PAGE_MARK)
          expect(res.body).not.toContain(host.token)
          expect(res.headers['set-cookie']).toBeUndefined()
          expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'")
        },
      ),
      fcParams(budget(150, 5000)),
    )
  })

  it(
    'no WebSocket without the token, with a wrong one, or from another origin',
    { timeout: 60_000 },
    async () => {
      expect(await socket('/pos', { Origin: ownOrigin() })).toBe('refused')
      await fc.assert(
        fc.asyncProperty(wrongToken(), async (token) => {
          fc.pre(token !== host.token)
          expect(await socket(`/pos?token=${encodeURIComponent(token)}`, { Origin: ownOrigin() })).toBe(
            'refused',
          )
          expect(
            await socket('/pos', {
              Origin: ownOrigin(),
              Cookie: `tresen_token_${host.port}=${encodeURIComponent(token)}`,
            }),
          ).toBe('refused')
        }),
        fcParams(budget(50, 2000)),
      )
      const foreign = fc.oneof(
        fc.webUrl().map((u) => new URL(u).origin),
        fc.constantFrom(
          'null',
          'file://',
          `http://127.0.0.1:${host.port + 1}`,
          `https://127.0.0.1:${host.port}`,
          `http://localhost.evil.example:${host.port}`,
        ),
      )
      await fc.assert(
        fc.asyncProperty(foreign, async (origin) => {
          fc.pre(origin !== ownOrigin() && origin !== `http://localhost:${host.port}`)
          expect(await socket(`/pos?token=${host.token}`, { Origin: origin })).toBe('refused')
        }),
        fcParams(budget(50, 2000)),
      )
      expect(await socket(`/pos?token=${host.token}`, { Origin: ownOrigin() })).toBe('open')
    },
  )

  it('a rebinding Host header is refused even with the right token', { timeout: 60_000 }, async () => {
    const hosts = fc.oneof(
      fc.domain(),
      fc.domain().map((d) => `${d}:${host.port}`),
      fc.constantFrom(
        `127.0.0.1:${host.port + 1}`,
        `127.0.0.2:${host.port}`,
        `[::1]:${host.port}`,
        `localhost.evil.example:${host.port}`,
        '127.0.0.1',
      ),
    )
    await fc.assert(
      fc.asyncProperty(hosts, async (h) => {
        fc.pre(h !== ownHost() && h !== `localhost:${host.port}`)
        const res = await get(`/?token=${host.token}`, { Host: h })
        expect(res.status).toBe(421)
        expect(res.body).not.toContain(PAGE_MARK)
        expect(await socket(`/pos?token=${host.token}`, { Host: h, Origin: ownOrigin() })).toBe('refused')
      }),
      fcParams(budget(50, 2000)),
    )
  })

  it('a request with an empty or missing Host header is refused (node:http would fill one in; sent raw)', async () => {
    const raw = (head: string) =>
      new Promise<string>((resolve) => {
        const s = connect({ host: '127.0.0.1', port: host.port })
        let data = ''
        s.on('data', (d) => (data += d))
        s.on('close', () => resolve(data))
        s.on('error', () => resolve(data))
        s.write(`${head}\r\nConnection: close\r\n\r\n`)
      })
    for (const head of [
      `GET /?token=${host.token} HTTP/1.1\r\nHost: `,
      `GET /?token=${host.token} HTTP/1.0`,
    ]) {
      const answer = await raw(head)
      expect(answer).toMatch(/^HTTP\/1\.[01] (400|421) /)
      expect(answer).not.toContain(PAGE_MARK)
    }
  })

  it('only GET and HEAD are served', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT']) {
      const res = await get(`/?token=${host.token}`, { Host: ownHost() }, method).catch(() => ({
        status: 400,
        body: '',
      }))
      expect([400, 405], method).toContain(res.status)
      expect(res.body).not.toContain(PAGE_MARK)
    }
  })

  it('with the token the page comes with an http-only, same-site cookie and the security headers', async () => {
    const res = await get(`/?token=${host.token}`, { Host: ownHost() })
    expect(res.status).toBe(200)
    expect(res.body).toContain(PAGE_MARK)
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/)
    expect(String(res.headers['set-cookie'])).toMatch(/SameSite=Strict/)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'")
  })
})
