// The head office view: a read-only page (the till's React stack, German) and its JSON, served from the
// head office's PostgreSQL. Like the till's browser host it binds to 127.0.0.1 unless told otherwise and
// refuses every request without the per-start token (then carried in an http-only cookie named for the
// port, so two servers on one machine do not overwrite each other's).
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type pg from 'pg'
import { readStatic, SECURITY_HEADERS } from '../main/static-files'
import { day, masters, tills } from './reports'

export interface HeadOfficeServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

export interface HeadOfficeOptions {
  pool: pg.Pool
  /** The built renderer (out/renderer), which holds headoffice.html. */
  rendererDir: string
  port?: number
  host?: string
  token?: string
  /** "Today" for the page's default date. */
  now?: () => Date
}

const same = (a: string | null | undefined, b: string): boolean =>
  typeof a === 'string' && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

export async function startHeadOffice(options: HeadOfficeOptions): Promise<HeadOfficeServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const host = options.host ?? '127.0.0.1'
  let cookieName = 'tresen_central'

  const cookie = (req: IncomingMessage): string | undefined =>
    req.headers.cookie
      ?.split(';')
      .map((c) => c.trim().split('='))
      .find(([k]) => k === cookieName)?.[1]

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const byQuery = same(url.searchParams.get('token'), token)
    if (!byQuery && !same(cookie(req), token)) {
      res.writeHead(401, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(
        'Zugriff verweigert: bitte die Adresse mit Token verwenden, die die Zentrale beim Start ausgibt.\n' +
          'Access denied: use the address with the token the head office view printed at start.\n',
      )
      return
    }
    if (req.method !== 'GET') return json(res, 405, { error: 'GET only' })
    const headers: Record<string, string> = { ...SECURITY_HEADERS }
    if (byQuery) headers['Set-Cookie'] = `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`
    try {
      if (url.pathname === '/api/tills') return json(res, 200, await tills(options.pool))
      if (url.pathname === '/api/master') return json(res, 200, await masters(options.pool))
      if (url.pathname === '/api/day') {
        const date =
          url.searchParams.get('date') ?? (options.now?.() ?? new Date()).toISOString().slice(0, 10)
        const shop = url.searchParams.get('shop') || null
        return json(res, 200, await day(options.pool, date, shop))
      }
    } catch (error) {
      return json(res, 400, { error: (error as Error).message })
    }
    const file = await readStatic(
      options.rendererDir,
      url.pathname === '/' ? '/headoffice.html' : url.pathname,
    )
    if (!file) return json(res, 404, { error: 'not found' })
    res.writeHead(200, { ...file.headers, ...headers })
    res.end(file.body)
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { error: String(error) })
      else res.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  cookieName = `tresen_central_${port}`
  return {
    url: `http://${host}:${port}/?token=${token}`,
    port,
    token,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
