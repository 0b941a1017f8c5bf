// The browser host: the same app as Electron, served to a browser on 127.0.0.1. It serves the built
// renderer and carries the IPC contract over a WebSocket. Every request must carry the per-start token
// (in the URL once, then as a same-site cookie); Host and Origin are checked against DNS rebinding and
// cross-site WebSocket hijacking.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { App } from '../app'
import type { Logger } from '../../common/ports'
import { fail } from '../../common/result'
import { readStatic, SECURITY_HEADERS } from '../static-files'

export interface HostOptions {
  app: App
  rendererDir: string
  logger: Logger
  port?: number
  /** Fixed token for tests; random per start otherwise. */
  token?: string
}

export interface RunningHost {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const COOKIE = 'tresen_token'
const MAX_MESSAGE_BYTES = 1024 * 1024

function sameToken(a: string | undefined | null, b: string): boolean {
  if (!a) return false
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === COOKIE) return v.join('=')
  }
  return undefined
}

const REFUSED_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Tresen</title><p>Zugriff verweigert: bitte die Adresse mit Token verwenden, die Tresen beim Start ausgibt.</p><p>Access denied: use the address with the token that Tresen printed at start.</p>'

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { app, logger } = options
  const token = options.token ?? randomBytes(24).toString('base64url')
  let port = 0
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`])

  function authorised(req: IncomingMessage, url: URL): 'query' | 'cookie' | null {
    if (sameToken(url.searchParams.get('token'), token)) return 'query'
    if (sameToken(cookieToken(req), token)) return 'cookie'
    return null
  }

  function refuse(res: ServerResponse, status: number, body = REFUSED_PAGE): void {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', ...SECURITY_HEADERS })
    res.end(body)
  }

  const server = createServer(async (req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 421)
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405)
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
    const how = authorised(req, url)
    if (!how) {
      logger.log('warn', 'host.refused', { path: url.pathname, reason: 'token' })
      return refuse(res, 401)
    }
    const file = await readStatic(options.rendererDir, url.pathname)
    if (!file) return refuse(res, 404, 'Not found')
    const headers: Record<string, string> = { ...file.headers }
    if (how === 'query') headers['Set-Cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`
    res.writeHead(200, headers)
    res.end(req.method === 'HEAD' ? undefined : file.body)
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'invalid'}`)
    const ok =
      url.pathname === '/pos' &&
      allowedHosts().has(req.headers.host ?? '') &&
      allowedOrigins().has(req.headers.origin ?? '') &&
      authorised(req, url) !== null
    if (!ok) {
      logger.log('warn', 'host.ws-refused', { origin: req.headers.origin ?? null })
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws))
  })

  function serveSocket(ws: WebSocket): void {
    const unsubscribe = app.events.subscribe((message) => {
      if (ws.readyState === ws.OPEN)
        ws.send(JSON.stringify({ event: message.type, payload: message.payload }))
    })
    ws.on('close', unsubscribe)
    ws.on('error', () => unsubscribe())
    ws.on('message', async (data) => {
      let id: unknown = null
      let result: unknown
      try {
        const message = JSON.parse(String(data)) as { id?: unknown; channel?: unknown; payload?: unknown }
        id = message.id ?? null
        result = await app.dispatch(String(message.channel), message.payload)
      } catch {
        result = fail('VALIDATION', 'error.validation', 'Message is not JSON')
      }
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }))
    })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  port = typeof address === 'object' && address ? address.port : 0
  const url = `http://127.0.0.1:${port}/?token=${token}`
  logger.log('info', 'host.listening', { port })

  return {
    url,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
