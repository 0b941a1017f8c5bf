// A fiskaly SIGN DE v2 compatible TSE simulator: real HTTP on 127.0.0.1, the same paths, states,
// revisions and error bodies ({status_code, error, code, message}), faults injected per route through
// /__admin/ (and as methods). Demo mode and the tests embed it; `npm run tse-simulator` runs it alone.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { randomBytes } from 'node:crypto'
import { systemClock, type Clock } from '../../common/ports'
import { faultTable, type FaultSpec, type FaultSpecInput } from '../faults'
import { tar } from './tar'
import { fiskalyError, TssStore, type SimResponse } from './tss'

export interface TseSimulatorOptions {
  port?: number
  clock?: Clock
  /** Accepted API key/secret; any non-empty pair when absent. */
  credentials?: { key: string; secret: string }
  /** fiskaly allows 2 000 ACTIVE transactions per TSS; tests lower it. */
  maxActive?: number
  /** Access token lifetime in seconds (fiskaly: 86 400). */
  tokenTtl?: number
  /** When set, /__admin/* answers only `Authorization: Bearer <adminToken>` (the app's embedded one). */
  adminToken?: string
  /**
   * Keep only the latest this many requests in the request log (tests read it; a long-running demo
   * till must not grow with it). Unlimited when absent.
   */
  requestLogLimit?: number
}

export interface TseRequestLog {
  method: string
  path: string
  outcome: number | 'reset' | 'hang'
  fault?: FaultSpec['kind']
}

export interface TseSimulator {
  readonly url: string
  readonly port: number
  readonly store: TssStore
  /** The token /__admin/* wants, when one was set. */
  readonly adminToken?: string
  start(): Promise<{ url: string; port: number }>
  close(): Promise<void>
  injectFault(spec: FaultSpecInput): string
  clearFaults(): void
  /** Connection refused for `ms` (the listener closes and reopens on the same port). */
  refuse(ms: number): Promise<void>
  setTssState(tssId: string, state: 'DISABLED' | 'INITIALIZED'): void
  expireCertificate(tssId: string, expired?: boolean): void
  expireTokens(): void
  requests(): TseRequestLog[]
  /** Creates, personalises and initialises a TSS and registers one client; what demo mode uses. */
  provision(tssId: string, clientId: string, serial: string, adminPin?: string): { adminPuk: string }
}

interface Token {
  expiresAt: number
}

const ID = '([^/]+)'
const API = '/api/v2'

export function createTseSimulator(opts: TseSimulatorOptions = {}): TseSimulator {
  const clock = opts.clock ?? systemClock
  const ttl = opts.tokenTtl ?? 86_400
  const store = new TssStore({ now: () => clock.now(), maxActive: opts.maxActive ?? 2000, env: 'TEST' })
  const faults = faultTable()
  // A ring once requestLogLimit is reached: `next` is the oldest entry's index.
  const log: TseRequestLog[] = []
  const logLimit = opts.requestLogLimit ?? Infinity
  let next = 0
  const logEntry = (entry: TseRequestLog): void => {
    if (log.length < logLimit) log.push(entry)
    else {
      log[next] = entry
      next = (next + 1) % log.length
    }
  }
  const requestLog = (): TseRequestLog[] => [...log.slice(next), ...log.slice(0, next)]
  const access = new Map<string, Token>()
  const refresh = new Map<string, Token>()
  let server: Server | null = null
  let port = opts.port ?? 0
  const sockets = new Set<Socket>()

  function issueTokens(): SimResponse {
    const a = randomBytes(24).toString('base64url')
    const r = randomBytes(24).toString('base64url')
    const now = clock.now()
    access.set(a, { expiresAt: now + ttl * 1000 })
    refresh.set(r, { expiresAt: now + 2 * ttl * 1000 })
    return {
      status: 200,
      body: {
        access_token: a,
        access_token_expires_in: ttl,
        access_token_expires_at: Math.floor(now / 1000) + ttl,
        refresh_token: r,
        refresh_token_expires_in: 2 * ttl,
        refresh_token_expires_at: Math.floor(now / 1000) + 2 * ttl,
        access_token_claims: { env: 'TEST', organization_id: 'sim-organization' },
      },
    }
  }

  function auth(body: Record<string, unknown>): SimResponse {
    if (typeof body.refresh_token === 'string') {
      const t = refresh.get(body.refresh_token)
      refresh.delete(body.refresh_token)
      if (!t || t.expiresAt <= clock.now())
        return fiskalyError(401, 'E_UNAUTHORIZED', 'refresh token invalid or expired')
      return issueTokens()
    }
    const { api_key: key, api_secret: secret } = body
    if (typeof key !== 'string' || typeof secret !== 'string' || !key || !secret)
      return fiskalyError(400, 'E_BAD_REQUEST', 'api_key and api_secret are required')
    if (opts.credentials && (key !== opts.credentials.key || secret !== opts.credentials.secret))
      return fiskalyError(401, 'E_UNAUTHORIZED', 'invalid api_key or api_secret')
    return issueTokens()
  }

  type Route = [string, RegExp, (m: string[], q: URLSearchParams, b: Record<string, unknown>) => SimResponse]
  const routes: Route[] = [
    ['PUT', new RegExp(`^${API}/tss/${ID}$`), (m) => store.putTss(m[1])],
    ['GET', new RegExp(`^${API}/tss/${ID}$`), (m) => store.getTss(m[1])],
    ['PATCH', new RegExp(`^${API}/tss/${ID}$`), (m, _q, b) => store.patchTss(m[1], b)],
    ['PATCH', new RegExp(`^${API}/tss/${ID}/admin$`), (m, _q, b) => store.patchAdmin(m[1], b)],
    ['POST', new RegExp(`^${API}/tss/${ID}/admin/auth$`), (m, _q, b) => store.adminAuth(m[1], b)],
    ['POST', new RegExp(`^${API}/tss/${ID}/admin/logout$`), (m) => store.adminLogout(m[1])],
    ['PUT', new RegExp(`^${API}/tss/${ID}/client/${ID}$`), (m, _q, b) => store.putClient(m[1], m[2], b)],
    ['GET', new RegExp(`^${API}/tss/${ID}/client/${ID}$`), (m) => store.getClient(m[1], m[2])],
    ['PATCH', new RegExp(`^${API}/tss/${ID}/client/${ID}$`), (m, _q, b) => store.patchClient(m[1], m[2], b)],
    [
      'PUT',
      new RegExp(`^${API}/tss/${ID}/tx/${ID}$`),
      (m, q, b) => store.putTx(m[1], m[2], q.get('tx_revision'), b),
    ],
    [
      'GET',
      new RegExp(`^${API}/tss/${ID}/tx/${ID}$`),
      (m, q) => store.getTx(m[1], m[2], q.get('tx_revision')),
    ],
    ['GET', new RegExp(`^${API}/tss/${ID}/tx$`), (m, q) => store.listTx(m[1], q)],
    // Export: fiskaly triggers it (PUT), reports its state (GET) and serves the TAR (…/file).
    ['PUT', new RegExp(`^${API}/tss/${ID}/export/${ID}$`), (m) => exportState(m[1], m[2])],
    ['GET', new RegExp(`^${API}/tss/${ID}/export/${ID}$`), (m) => exportState(m[1], m[2])],
    ['GET', new RegExp(`^${API}/tss/${ID}/export/${ID}/file$`), (m) => exportFile(m[1])],
  ]

  function exportState(tssId: string, exportId: string): SimResponse {
    const r = store.getTss(tssId)
    if (r.status !== 200) return r
    return { status: 200, body: { _id: exportId, _type: 'EXPORT', tss_id: tssId, state: 'COMPLETED' } }
  }

  function exportFile(tssId: string): SimResponse {
    const files = store.exportFiles(tssId)
    if (!Array.isArray(files)) return files
    return { status: 200, raw: { contentType: 'application/x-tar', data: tar(files) } }
  }

  function dispatch(
    method: string,
    url: URL,
    headers: IncomingMessage['headers'],
    body: unknown,
  ): SimResponse {
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
    if (method === 'POST' && url.pathname === `${API}/auth`) return auth(b)
    for (const [m, re, run] of routes) {
      const match = re.exec(url.pathname)
      if (!match || m !== method) continue
      const token = /^Bearer\s+(\S+)$/i.exec(String(headers.authorization ?? ''))?.[1]
      const t = token ? access.get(token) : undefined
      if (!t || t.expiresAt <= clock.now())
        return fiskalyError(401, 'E_UNAUTHORIZED', 'access token missing or expired')
      return run(match, url.searchParams, b)
    }
    return fiskalyError(404, 'E_NOT_FOUND', `${method} ${url.pathname} does not exist`)
  }

  function admin(method: string, path: string, body: Record<string, unknown>): SimResponse | undefined {
    if (method === 'POST' && path === '/__admin/faults')
      return { status: 200, body: { id: faults.add(body as FaultSpecInput) } }
    if (method === 'DELETE' && path === '/__admin/faults') return (faults.clear(), { status: 200, body: {} })
    if (method === 'GET' && path === '/__admin/faults') return { status: 200, body: faults.list() }
    if (method === 'POST' && path === '/__admin/refuse') {
      void sim.refuse(Number(body.ms ?? 1000))
      return { status: 200, body: {} }
    }
    const m = /^\/__admin\/tss\/([^/]+)\/(disable|enable|expire-certificate|renew-certificate)$/.exec(path)
    if (method === 'POST' && m) {
      if (!store.tss.has(m[1])) return { status: 404, body: { error: 'no such TSS' } }
      if (m[2] === 'disable') sim.setTssState(m[1], 'DISABLED')
      if (m[2] === 'enable') sim.setTssState(m[1], 'INITIALIZED')
      if (m[2] === 'expire-certificate') sim.expireCertificate(m[1], true)
      if (m[2] === 'renew-certificate') sim.expireCertificate(m[1], false)
      return { status: 200, body: {} }
    }
    if (method === 'GET' && path === '/__admin/requests') return { status: 200, body: requestLog() }
    return undefined
  }

  function send(res: ServerResponse, r: SimResponse): void {
    if (r.raw) {
      res.writeHead(r.status, { 'content-type': r.raw.contentType, 'content-length': r.raw.data.length })
      res.end(r.raw.data)
      return
    }
    const text = r.body === undefined ? '' : JSON.stringify(r.body)
    res.writeHead(r.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    })
    res.end(text)
  }

  const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

  async function handle(raw: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(raw.url ?? '/', 'http://127.0.0.1')
    const method = (raw.method ?? 'GET').toUpperCase()
    const chunks: Buffer[] = []
    for await (const c of raw) chunks.push(c as Buffer)
    let body: unknown
    try {
      const text = Buffer.concat(chunks).toString('utf8')
      body = text.trim() ? JSON.parse(text) : undefined
    } catch {
      return send(res, fiskalyError(400, 'E_BAD_REQUEST', 'body is not valid JSON'))
    }
    if (url.pathname.startsWith('/__admin/')) {
      if (opts.adminToken && raw.headers.authorization !== `Bearer ${opts.adminToken}`)
        return send(res, { status: 401, body: { error: 'admin token required' } })
      return send(
        res,
        admin(method, url.pathname, (body ?? {}) as Record<string, unknown>) ?? { status: 404, body: {} },
      )
    }
    const fault = faults.take(method, url.pathname)
    const record = (outcome: TseRequestLog['outcome']) =>
      logEntry({ method, path: url.pathname, outcome, ...(fault ? { fault: fault.kind } : {}) })
    const effectFirst = fault !== undefined && (fault.afterEffect || fault.kind === 'malformed')
    if (fault?.kind === 'latency' && !fault.afterEffect) await delay(fault.ms)
    let response: SimResponse | undefined
    if (!fault || effectFirst || fault.kind === 'latency') response = dispatch(method, url, raw.headers, body)
    switch (fault?.kind) {
      case 'reset':
        record('reset')
        raw.socket.destroy()
        return
      case 'hang':
        record('hang')
        return
      case 'status':
        response = fiskalyError(fault.status, 'E_INTERNAL', 'injected server fault')
        break
      case 'malformed': {
        record(200)
        const cut = '{"_id":"'
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': cut.length })
        res.end(cut)
        return
      }
      case 'latency':
        if (fault.afterEffect) await delay(fault.ms)
        break
    }
    record(response!.status)
    send(res, response!)
  }

  async function listenOn(p: number): Promise<number> {
    server = createServer((req, res) => {
      handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, fiskalyError(500, 'E_INTERNAL', String(error)))
      })
    })
    server.on('connection', (s) => {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
    })
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject)
      server!.listen(p, '127.0.0.1', () => resolve())
    })
    return (server.address() as AddressInfo).port
  }

  async function stopListening(): Promise<void> {
    const s = server
    server = null
    if (!s) return
    for (const sock of sockets) sock.destroy()
    await new Promise<void>((resolve) => s.close(() => resolve()))
  }

  const sim: TseSimulator = {
    get url() {
      return `http://127.0.0.1:${port}`
    },
    get port() {
      return port
    },
    store,
    ...(opts.adminToken ? { adminToken: opts.adminToken } : {}),
    async start() {
      port = await listenOn(port)
      return { url: sim.url, port }
    },
    close: stopListening,
    injectFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    async refuse(ms) {
      await stopListening()
      setTimeout(() => void listenOn(port).catch(() => {}), ms).unref()
    },
    setTssState(tssId, state) {
      const t = store.tss.get(tssId)
      if (t) t.state = state
    },
    expireCertificate(tssId, expired = true) {
      const t = store.tss.get(tssId)
      if (t) t.certificateExpired = expired
    },
    expireTokens: () => access.clear(),
    requests: requestLog,
    provision(tssId, clientId, serial, adminPin = '123456') {
      const created = store.putTss(tssId).body as { admin_puk: string }
      store.patchTss(tssId, { state: 'UNINITIALIZED' })
      store.patchAdmin(tssId, { admin_puk: created.admin_puk, new_admin_pin: adminPin })
      store.adminAuth(tssId, { admin_pin: adminPin })
      store.patchTss(tssId, { state: 'INITIALIZED' })
      store.putClient(tssId, clientId, { serial_number: serial })
      store.adminLogout(tssId)
      return { adminPuk: created.admin_puk }
    },
  }
  return sim
}

export async function startTseSimulator(opts: TseSimulatorOptions = {}): Promise<TseSimulator> {
  const sim = createTseSimulator(opts)
  await sim.start()
  return sim
}
