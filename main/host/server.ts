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
import { DISPLAY_COMMAND_NAMES, DISPLAY_EVENT_NAMES } from '../../common/ipc/channels'
import { readStatic, SECURITY_HEADERS } from '../static-files'
import { readEnvelope, sendReply } from './envelope'

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

const MAX_MESSAGE_BYTES = 1024 * 1024
/** A token shorter than this is guessable; TRESEN_HOST_TOKEN is checked against it. */
export const MIN_TOKEN_LENGTH = 32
export const MAX_TOKEN_LENGTH = 256

/**
 * Cookies are not separated by port (RFC 6265 §8.5), so two hosts on 127.0.0.1 would overwrite each
 * other's `tresen_token`: the cookie name carries the port. (`__Host-` needs Secure, which plain-http
 * loopback cannot set.)
 */
export function cookieName(port: number): string {
  return `tresen_token_${port}`
}

const DISPLAY_EVENTS: ReadonlySet<string> = new Set(DISPLAY_EVENT_NAMES)

/** WebSocket paths: the till gets the whole contract, the customer display only read-only views. */
const SOCKET_PATHS: Record<string, ReadonlySet<string> | null> = {
  '/pos': null,
  '/pos/display': new Set(DISPLAY_COMMAND_NAMES),
}

/** Refuses a token that is too short or carries characters a URL or cookie would mangle. */
export function checkToken(token: string): string {
  if (token.length < MIN_TOKEN_LENGTH || token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token))
    throw new Error(
      `TRESEN_HOST_TOKEN muss ${MIN_TOKEN_LENGTH}–${MAX_TOKEN_LENGTH} Zeichen aus A–Z, a–z, 0–9, _ und - haben — ` +
        `must be ${MIN_TOKEN_LENGTH}–${MAX_TOKEN_LENGTH} characters of A–Z, a–z, 0–9, _ and -`,
    )
  return token
}

function sameToken(a: string | undefined | null, b: string): boolean {
  if (!a) return false
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function cookieToken(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return v.join('=')
  }
  return undefined
}

const REFUSED_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Tresen</title><p>Zugriff verweigert: bitte die Adresse mit Token verwenden, die Tresen beim Start ausgibt.</p><p>Access denied: use the address with the token that Tresen printed at start.</p>'

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { app, logger } = options
  const token =
    options.token !== undefined ? checkToken(options.token) : randomBytes(24).toString('base64url')
  let port = 0
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`])

  function authorised(req: IncomingMessage, url: URL): 'query' | 'cookie' | null {
    if (sameToken(url.searchParams.get('token'), token)) return 'query'
    if (sameToken(cookieToken(req, cookieName(port)), token)) return 'cookie'
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
    if (how === 'query')
      headers['Set-Cookie'] = `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`
    res.writeHead(200, headers)
    res.end(req.method === 'HEAD' ? undefined : file.body)
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'invalid'}`)
    const channels = SOCKET_PATHS[url.pathname]
    const ok =
      channels !== undefined &&
      allowedHosts().has(req.headers.host ?? '') &&
      allowedOrigins().has(req.headers.origin ?? '') &&
      authorised(req, url) !== null
    if (!ok) {
      logger.log('warn', 'host.ws-refused', { origin: req.headers.origin ?? null })
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, channels))
  })

  function serveSocket(ws: WebSocket, allowed: ReadonlySet<string> | null): void {
    const unsubscribe = app.events.subscribe((message) => {
      if (ws.readyState !== ws.OPEN) return
      if (allowed && !DISPLAY_EVENTS.has(message.type)) return
      try {
        ws.send(JSON.stringify({ event: message.type, payload: message.payload }))
      } catch (error) {
        logger.log('warn', 'host.event-send-failed', { event: message.type, error: String(error) })
      }
    })
    ws.on('close', unsubscribe)
    ws.on('error', () => unsubscribe())
    ws.on('message', async (data) => {
      const envelope = readEnvelope(String(data))
      let result: unknown
      if ('refused' in envelope) result = envelope.refused
      else if (allowed && !allowed.has(envelope.channel)) {
        logger.log('warn', 'host.channel-refused', { channel: envelope.channel.slice(0, 64) })
        result = fail('FORBIDDEN', 'error.forbidden', `Channel ${envelope.channel} is not allowed here`)
      } else {
        try {
          result = await app.dispatch(envelope.channel, envelope.payload)
        } catch (error) {
          logger.log('error', 'host.dispatch-failed', { error: String(error) })
          result = fail('INTERNAL', 'error.internal', 'The register could not answer')
        }
      }
      sendReply(ws, envelope.id, result, logger)
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
