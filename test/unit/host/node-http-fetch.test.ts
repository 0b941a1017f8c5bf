// The browser host's fetch over node:http (main/host/node-http-fetch.ts): what the secuconnect transport
// relies on — status, headers and body of the answer, the request's method, headers and body as sent, a
// timeout's abort (also in the middle of an answer), and a refused connection reported like fetch does.
import { afterEach, describe, expect, it } from 'vitest'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { nodeHttpFetch } from '../../../main/host/node-http-fetch'
import { createTransport } from '../../../main/secuconnect/http'
import { SecuconnectNetworkError, SecuconnectTimeoutError } from '../../../main/secuconnect/errors'
import { silentLogger, systemClock } from '../../../common/ports'

let server: Server | undefined

async function serve(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void) {
  server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (body += c))
    req.on('end', () => handler(req, body, res))
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  server = undefined
})

describe('nodeHttpFetch', () => {
  it('sends method, headers and body with its length and returns status, headers and body', async () => {
    let seen: { method?: string; auth?: string; length?: string; body?: string; url?: string } = {}
    const base = await serve((req, body, res) => {
      seen = {
        method: req.method,
        auth: req.headers.authorization,
        length: req.headers['content-length'],
        body,
        url: req.url,
      }
      res.writeHead(201, { 'content-type': 'application/json', 'x-trace': 'a1' })
      res.end(JSON.stringify({ ok: 'grüß' }))
    })
    const res = await nodeHttpFetch(new URL(`${base}/api/v2/x?a=1`), {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      body: '{"amount":220,"text":"Brötchen"}',
    })
    expect(seen).toEqual({
      method: 'POST',
      auth: 'Bearer t',
      length: String(Buffer.byteLength('{"amount":220,"text":"Brötchen"}')),
      body: '{"amount":220,"text":"Brötchen"}',
      url: '/api/v2/x?a=1',
    })
    expect(res.status).toBe(201)
    expect(res.ok).toBe(true)
    expect(res.headers.get('x-trace')).toBe('a1')
    expect(await res.json()).toEqual({ ok: 'grüß' })
  })

  it('returns error statuses and empty answers as responses, not as failures', async () => {
    const base = await serve((req, _body, res) => {
      if (req.url === '/empty') res.writeHead(204).end()
      else res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>down</h1>')
    })
    const down = await nodeHttpFetch(`${base}/x`)
    expect(down.status).toBe(503)
    expect(await down.text()).toBe('<h1>down</h1>')
    const empty = await nodeHttpFetch(`${base}/empty`, { method: 'PUT' })
    expect(empty.status).toBe(204)
    expect(await empty.text()).toBe('')
  })

  it('rejects with the signal’s reason when aborted while the answer is still coming', async () => {
    const base = await serve((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"partial":') // headers and half a body, then the server stalls
    })
    const controller = new AbortController()
    const pending = nodeHttpFetch(`${base}/slow`, { signal: controller.signal })
    setTimeout(() => controller.abort(new Error('timed out')), 100)
    await expect(pending).rejects.toThrow('timed out')
  })

  it('reports a refused connection as a TypeError whose cause names the system error', async () => {
    const base = await serve((_req, _body, res) => res.end())
    await new Promise((resolve) => server!.close(resolve))
    server = undefined
    const error = await nodeHttpFetch(`${base}/x`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED')
  })

  it('serves the secuconnect transport: JSON answer, timeout and network error are typed as before', async () => {
    const base = await serve((req, _body, res) => {
      if (req.url === '/stall') res.writeHead(200).write('{')
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}')
    })
    const transport = createTransport({
      baseUrl: base,
      fetch: nodeHttpFetch,
      clock: systemClock,
      logger: silentLogger,
      userAgent: 'tresen-test',
    })
    expect((await transport.send({ method: 'GET', path: '/ok', timeoutMs: 2000 })).json).toEqual({
      status: 'ok',
    })
    await expect(transport.send({ method: 'POST', path: '/stall', timeoutMs: 100 })).rejects.toBeInstanceOf(
      SecuconnectTimeoutError,
    )
    const refused = createTransport({
      baseUrl: 'http://127.0.0.1:1',
      fetch: nodeHttpFetch,
      clock: systemClock,
      logger: silentLogger,
      userAgent: 'tresen-test',
    })
    const error = await refused.send({ method: 'GET', path: '/x', timeoutMs: 2000 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecuconnectNetworkError)
    expect(String((error as Error).message)).toContain('ECONNREFUSED')
  })
})
