// One HTTP exchange with fiskaly SIGN DE v2: per-call timeout (the body is read inside it), typed
// errors from fiskaly's error body {status_code, error, code, message}
// (https://workspace.fiskaly.com/reference/error-codes), bearer auth with a single-flight token.
import type { Clock, Logger } from '../../../common/ports'
import { TseError } from '../tse'

export type FetchFn = typeof fetch

export interface FiskalyCredentials {
  apiKey: string
  apiSecret: string
}

export interface FiskalyHttpDeps {
  baseUrl: string
  fetch: FetchFn
  clock: Clock
  logger: Logger
  credentials: () => Promise<FiskalyCredentials | null>
  authTimeoutMs: number
}

export interface FiskalyRequest {
  method: 'GET' | 'PUT' | 'PATCH' | 'POST'
  /** Below /api/v2, e.g. `/tss/{id}`. */
  path: string
  query?: Record<string, string | number>
  body?: unknown
  timeoutMs: number
  /** Raw bytes instead of JSON (the TAR export). */
  binary?: boolean
}

interface Token {
  access: string
  refresh: string | null
  /** ms epoch; refreshed a minute before. */
  expiresAt: number
}

const REFRESH_MARGIN_MS = 60_000

async function exchange(
  deps: Pick<FiskalyHttpDeps, 'fetch' | 'logger'>,
  url: URL,
  init: RequestInit,
  timeoutMs: number,
  binary: boolean,
): Promise<{ status: number; json: unknown; bytes?: Buffer }> {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  try {
    const res = await deps.fetch(url, { ...init, signal: controller.signal })
    if (binary && res.ok)
      return { status: res.status, json: undefined, bytes: Buffer.from(await res.arrayBuffer()) }
    const text = await res.text()
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      if (res.ok)
        throw new TseError(
          `fiskaly answered ${res.status} with a body that is not JSON`,
          'protocol',
          res.status,
        )
    }
    return { status: res.status, json }
  } catch (error) {
    if (error instanceof TseError) throw error
    if (timedOut) throw new TseError(`no answer within ${timeoutMs} ms`, 'timeout')
    const cause = (error as { cause?: { code?: string } }).cause?.code
    throw new TseError(`not reachable (${cause ?? (error as Error).message})`, 'network')
  } finally {
    clearTimeout(timer)
  }
}

function httpError(status: number, json: unknown): TseError {
  const body = (json ?? {}) as { code?: unknown; message?: unknown; error?: unknown }
  const code = typeof body.code === 'string' ? body.code : undefined
  const message =
    typeof body.message === 'string' ? body.message : typeof body.error === 'string' ? body.error : ''
  return new TseError(
    `HTTP ${status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`,
    'http',
    status,
    code,
  )
}

export interface FiskalyHttp {
  send<T = unknown>(req: FiskalyRequest): Promise<T>
  /** Forget the token (a 401 from the server, or new credentials). */
  resetToken(): void
}

export function createFiskalyHttp(deps: FiskalyHttpDeps): FiskalyHttp {
  const base = deps.baseUrl.replace(/\/+$/, '') + '/api/v2'
  let token: Token | null = null
  let inflight: Promise<Token> | null = null

  async function authenticate(): Promise<Token> {
    const url = new URL(base + '/auth')
    // Refresh without the secret while the refresh token lives; else the key/secret pair.
    let body: unknown
    if (token?.refresh) body = { refresh_token: token.refresh }
    else {
      const creds = await deps.credentials()
      if (!creds) throw new TseError('no fiskaly API key/secret stored', 'config')
      body = { api_key: creds.apiKey, api_secret: creds.apiSecret }
    }
    const r = await exchange(
      deps,
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      },
      deps.authTimeoutMs,
      false,
    )
    if (r.status === 401 && token?.refresh) {
      token = null
      return authenticate()
    }
    if (r.status !== 200) throw httpError(r.status, r.json)
    const j = (r.json ?? {}) as Record<string, unknown>
    if (typeof j.access_token !== 'string' || typeof j.access_token_expires_in !== 'number')
      throw new TseError('auth answer without access_token/access_token_expires_in', 'protocol', 200)
    return {
      access: j.access_token,
      refresh: typeof j.refresh_token === 'string' ? j.refresh_token : null,
      expiresAt: deps.clock.now() + j.access_token_expires_in * 1000,
    }
  }

  /** One token request at a time; everyone waiting shares it. */
  function currentToken(): Promise<Token> {
    if (token && token.expiresAt - REFRESH_MARGIN_MS > deps.clock.now()) return Promise.resolve(token)
    inflight ??= authenticate()
      .then((t) => (token = t))
      .finally(() => (inflight = null))
    return inflight
  }

  async function send<T>(req: FiskalyRequest, retried = false): Promise<T> {
    const t = await currentToken()
    const url = new URL(base + req.path)
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, String(v))
    const r = await exchange(
      deps,
      url,
      {
        method: req.method,
        headers: {
          authorization: `Bearer ${t.access}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      },
      req.timeoutMs,
      req.binary ?? false,
    )
    if (r.status === 401 && !retried) {
      // Token revoked or expired early: authenticate once more, then give up. Only the first caller
      // that saw this token refused drops it; the others wait for the shared new one.
      if (token === t) token = null
      return send<T>(req, true)
    }
    if (r.status < 200 || r.status > 299) throw httpError(r.status, r.json)
    return (req.binary ? r.bytes : r.json) as T
  }

  return {
    send,
    resetToken: () => {
      token = null
    },
  }
}
