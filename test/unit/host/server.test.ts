// The browser host in-process: token, Host/Origin checks, static files and the contract over WebSocket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WebSocket } from 'ws'
import { startHost, type RunningHost } from '../../../main/host/server'
import { memoryLogger } from '../../../common/ports'
import { createTestApp, type TestApp } from '../../helpers/test-app'

let dir: string
let testApp: TestApp
let host: RunningHost

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tresen-host-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Tresen</title>')
  writeFileSync(join(dir, 'display.html'), '<!doctype html><title>Anzeige</title>')
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(tmpdir(), 'tresen-secret.txt'), 'secret')
  testApp = await createTestApp({ transport: 'host' })
  host = await startHost({ app: testApp.app, rendererDir: dir, logger: memoryLogger() })
})
afterAll(async () => {
  await host.close()
  await testApp.dispose()
  rmSync(dir, { recursive: true, force: true })
})

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, headers: { Host: `127.0.0.1:${host.port}`, ...headers } },
      (res) => {
        let body = ''
        res.on('data', (d) => (body += d))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

function connect(query: string, origin: string | undefined, cookie?: string): Promise<WebSocket | 'refused'> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {}
    if (origin) headers.Origin = origin
    if (cookie) headers.Cookie = cookie
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/pos${query}`, { headers })
    ws.on('open', () => resolve(ws))
    ws.on('error', () => resolve('refused'))
  })
}

const origin = () => `http://127.0.0.1:${host.port}`

describe('browser host', () => {
  it('listens on 127.0.0.1 only and prints a tokenised URL', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/)
  })

  it('refuses requests without the right token', async () => {
    expect((await get('/')).status).toBe(401)
    expect((await get('/?token=wrong')).status).toBe(401)
    expect((await get('/assets/app.js')).status).toBe(401)
    expect((await get('/', { Cookie: `tresen_token_${host.port}=wrong` })).status).toBe(401)
  })

  it('serves the page with the token once and sets a strict, http-only cookie for the assets', async () => {
    const page = await get(`/?token=${host.token}`)
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Tresen</title>')
    expect(String(page.headers['set-cookie'])).toMatch(
      new RegExp(`^tresen_token_${host.port}=.+; HttpOnly; SameSite=Strict; Path=/$`),
    )
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    const asset = await get('/assets/app.js', { Cookie: `tresen_token_${host.port}=${host.token}` })
    expect(asset.status).toBe(200)
    expect((await get('/display', { Cookie: `tresen_token_${host.port}=${host.token}` })).body).toContain(
      'Anzeige',
    )
  })

  it('refuses foreign Host headers (DNS rebinding), other methods and paths outside the renderer', async () => {
    expect((await get(`/?token=${host.token}`, { Host: 'evil.example' })).status).toBe(421)
    const cookie = { Cookie: `tresen_token_${host.port}=${host.token}` }
    expect((await get('/../tresen-secret.txt', cookie)).status).toBe(404)
    expect((await get('/%2e%2e/%2e%2e/etc/passwd', cookie)).status).toBe(404)
    expect((await get('/nothing.js', cookie)).status).toBe(404)
  })

  it('accepts a WebSocket only from its own origin with the token, by query or cookie', async () => {
    expect(await connect('', origin())).toBe('refused')
    expect(await connect(`?token=${host.token}`, 'http://evil.example')).toBe('refused')
    expect(await connect(`?token=${host.token}`, undefined)).toBe('refused')
    const byQuery = await connect(`?token=${host.token}`, origin())
    expect(byQuery).not.toBe('refused')
    ;(byQuery as WebSocket).close()
    const byCookie = await connect('', origin(), `tresen_token_${host.port}=${host.token}`)
    expect(byCookie).not.toBe('refused')
    ;(byCookie as WebSocket).close()
  })

  it('carries commands, validation errors and events over the socket', async () => {
    const ws = (await connect(`?token=${host.token}`, origin())) as WebSocket
    const messages: { id?: number; result?: { ok: boolean }; event?: string }[] = []
    ws.on('message', (d) => messages.push(JSON.parse(String(d))))
    ws.send(JSON.stringify({ id: 1, channel: 'app.setLocale', payload: { locale: 'en' } }))
    ws.send(JSON.stringify({ id: 2, channel: 'app.setLocale', payload: { locale: 'xx' } }))
    ws.send('not json')
    // The app's own events (devices, integrity, TSE status) may arrive meanwhile; these four must.
    await expect
      .poll(() => messages.filter((m) => 'id' in m || m.event === 'app.localeChanged').length)
      .toBe(4)
    expect(messages).toContainEqual({ id: 1, result: { ok: true, value: { locale: 'en' } } })
    expect(messages).toContainEqual({ event: 'app.localeChanged', payload: { locale: 'en' } })
    expect(messages.find((m) => m.id === 2)?.result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
    expect(messages.find((m) => m.id === null)?.result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
    ws.close()
  })
})
