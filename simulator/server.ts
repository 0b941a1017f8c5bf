// The HTTP side: a node:http server on 127.0.0.1 with the API's paths, the /__admin/ test hooks and
// fault injection wrapped around every API route.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { timingSafeEqual } from 'node:crypto'
import type { Logger } from '../common/ports'
import { productError, errors, type SimResponse } from './errors'
import type { FaultSpec, FaultTable } from './faults'
import * as loyalty from './loyalty'
import type { OAuthServer } from './oauth'
import { cancelStx, startStx } from './payment'
import type { SimContext, SimState } from './state'
import * as stx from './transactions'

export interface RequestLogEntry {
  method: string
  path: string
  /** HTTP status sent, or what the fault did instead. */
  outcome: number | 'reset' | 'hang'
  fault?: FaultSpec['kind']
}

export interface HttpRequest {
  method: string
  path: string
  query: URLSearchParams
  body: unknown
}

export type AdminHandler = (req: HttpRequest) => SimResponse | undefined

export interface ServerDeps {
  state: () => SimState
  oauth: OAuthServer
  faults: FaultTable
  clock: SimContext['clock']
  logger: Logger
  authErrorStatus: () => 401 | 403
  admin: AdminHandler
  /** Required as `Authorization: Bearer <token>` on `/__admin/*` when set. */
  adminToken?: string
  log: RequestLogEntry[]
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
function adminAllowed(expected: string | undefined, header: string | undefined): boolean {
  if (expected === undefined) return true
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '')
  const want = Buffer.from(expected)
  return given.length === want.length && timingSafeEqual(given, want)
}

type Route = {
  method: string
  re: RegExp
  run: (ctx: SimContext, m: string[], req: HttpRequest) => SimResponse
}

const id = '([^/]+)'
// Action segments are matched case-insensitively: the sources disagree on their case (`canceltrx` in
// secuconnect-php-sdk SmartTransactionsApi.php, `cancelTrx` in the docs).
const routes: Route[] = [
  { method: 'GET', re: /^\/api\/v2\/Smart\/Transactions$/i, run: (c, _m, r) => stx.listStx(c, r.query) },
  { method: 'POST', re: /^\/api\/v2\/Smart\/Transactions$/i, run: (c, _m, r) => stx.createStx(c, r.body) },
  {
    method: 'GET',
    re: new RegExp(`^/api/v2/Smart/Transactions/${id}$`, 'i'),
    run: (c, m) => stx.readStx(c, m[1]),
  },
  {
    method: 'PUT',
    re: new RegExp(`^/api/v2/Smart/Transactions/${id}$`, 'i'),
    run: (c, m, r) => stx.updateStx(c, m[1], r.body),
  },
  {
    method: 'POST',
    re: new RegExp(`^/api/v2/Smart/Transactions/${id}/preTransaction$`, 'i'),
    run: (c, m) => stx.preTransaction(c, m[1]),
  },
  {
    method: 'POST',
    re: new RegExp(`^/api/v2/Smart/Transactions/${id}/start/${id}$`, 'i'),
    run: (c, m) => startStx(c, m[1], m[2].toLowerCase()),
  },
  {
    method: 'POST',
    re: new RegExp(`^/api/v2/Smart/Transactions/${id}/cancel$`, 'i'),
    run: (c, m) => cancelStx(c, m[1]),
  },
  {
    method: 'GET',
    re: /^\/api\/v2\/Loyalty\/MerchantCards$/i,
    run: (c, _m, r) => loyalty.listMerchantCards(c, r.query),
  },
  {
    method: 'GET',
    re: new RegExp(`^/api/v2/Loyalty/MerchantCards/${id}$`, 'i'),
    run: (c, m) => loyalty.getMerchantCard(c, m[1]),
  },
  {
    method: 'POST',
    re: new RegExp(`^/api/v2/Loyalty/MerchantCards/${id}/validateMerchantcard$`, 'i'),
    run: (c, _m, r) => loyalty.validateMerchantCard(c, r.body),
  },
  {
    method: 'POST',
    re: new RegExp(`^/api/v2/Loyalty/MerchantCards/${id}/checkPasscode$`, 'i'),
    run: (c, _m, r) => loyalty.checkPasscode(c, r.body),
  },
  {
    method: 'POST',
    re: new RegExp(`^/api/v2/Loyalty/CardGroups/${id}/checkPasscodeEnabled$`, 'i'),
    run: (c, m, r) => loyalty.checkPasscodeEnabled(c, m[1], r.body),
  },
]

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (!text.trim()) return undefined
  // The token endpoint accepts form bodies as well as JSON
  // (https://developer.secuconnect.com/API-Reference/API-Credentials/DeviceCredentials.html).
  if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text))
  }
  return JSON.parse(text) as unknown
}

function send(res: ServerResponse, r: SimResponse): void {
  const body = r.body === undefined ? '' : JSON.stringify(r.body)
  res.writeHead(r.status, r.reason ?? '', {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  })
  res.end(body)
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export function createHttpServer(deps: ServerDeps): Server {
  const authenticate = (headers: IncomingMessage['headers']): SimResponse | { deviceId: string | null } => {
    const header = headers.authorization
    const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined
    const auth = token ? deps.oauth.authenticate(token) : undefined
    if (auth) return auth
    // The published examples' `Authenticate:` header is a documentation error (every SDK sends
    // `Authorization`; secuconnect docs: Authenticate_with_OAuth_2.0); say so where it is used.
    if (!header && headers.authenticate)
      deps.logger.log('warn', 'simulator.authenticate-header', { hint: 'use Authorization: Bearer' })
    const refusal = errors.tokenRequired()
    return { ...refusal, status: deps.authErrorStatus() }
  }

  function dispatch(req: HttpRequest, headers: IncomingMessage['headers']): SimResponse {
    if (req.method === 'POST' && req.path === '/oauth/token') {
      return deps.oauth.token((req.body ?? {}) as Record<string, unknown>)
    }
    for (const route of routes) {
      const m = route.re.exec(req.path)
      if (!m || route.method !== req.method) continue
      const auth = authenticate(headers)
      if ('status' in auth) return auth
      return route.run({ state: deps.state(), clock: deps.clock, deviceId: auth.deviceId }, m, req)
    }
    return productError(
      404,
      'ProductNotFoundException',
      1001,
      `${req.method} ${req.path} does not exist`,
      'Die Anfrage ist unbekannt.',
    )
  }

  async function handle(raw: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(raw.url ?? '/', 'http://127.0.0.1')
    const method = (raw.method ?? 'GET').toUpperCase()
    if (url.pathname.startsWith('/__admin/') && !adminAllowed(deps.adminToken, raw.headers.authorization))
      return send(res, { status: 401, body: { error: 'admin token required' } })
    let body: unknown
    try {
      body = await readBody(raw)
    } catch {
      return send(res, errors.invalidParams('request body is not valid JSON'))
    }
    const req: HttpRequest = { method, path: url.pathname, query: url.searchParams, body }
    if (url.pathname.startsWith('/__admin/')) {
      return send(res, deps.admin(req) ?? { status: 404, body: { error: 'unknown admin endpoint' } })
    }

    const fault = deps.faults.take(method, url.pathname)
    const record = (outcome: RequestLogEntry['outcome']): void =>
      void deps.log.push({ method, path: url.pathname, outcome, ...(fault ? { fault: fault.kind } : {}) })
    const effectFirst = fault !== undefined && (fault.afterEffect || fault.kind === 'malformed')

    if (fault?.kind === 'latency' && !fault.afterEffect) await delay(fault.ms)
    let response: SimResponse | undefined
    if (!fault || effectFirst || fault.kind === 'latency') response = dispatch(req, raw.headers)

    switch (fault?.kind) {
      case 'reset':
        record('reset')
        raw.socket.destroy()
        return
      case 'hang':
        // Never answered; the server's close() drops the connection.
        record('hang')
        return
      case 'status':
        response = productError(
          fault.status,
          'ProductInternalException',
          1001,
          'Injected server fault',
          'Es ist ein unbekannter Fehler aufgetreten.',
        )
        break
      case 'malformed': {
        record(200)
        const cut = '{"object":"smart.transactions","id":"STX_'
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(cut),
        })
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

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      deps.logger.log('error', 'simulator.crash', { error: String(error) })
      if (!res.headersSent)
        send(res, productError(500, 'ProductInternalException', 1001, String(error), 'Interner Fehler.'))
    })
  })
}

export async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  return (server.address() as AddressInfo).port
}
