// One HTTP exchange with secuconnect: timeout, typed network errors, JSON decoding, and a log line with
// card numbers masked and no token. Auth and retry policy live a layer up (./api.ts).
import type { z } from 'zod'
import { maskCardNumbersIn } from '../../common/card'
import type { Clock, Logger } from '../../common/ports'
import {
  SecuconnectApiError,
  SecuconnectBadResponseError,
  SecuconnectNetworkError,
  SecuconnectTimeoutError,
} from './errors'
import { productExceptionPayload } from './models'

export type FetchFn = typeof fetch

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT'
  /** Path below the host, e.g. `/oauth/token` or `/api/v2/Smart/Transactions`. */
  path: string
  query?: Record<string, string | number | undefined>
  body?: unknown
  token?: string
  timeoutMs: number
  signal?: AbortSignal
}

export interface TransportResponse {
  status: number
  /** undefined when the body was empty or not JSON. */
  json: unknown
  text: string
}

export interface Transport {
  send(req: TransportRequest): Promise<TransportResponse>
}

export interface TransportDeps {
  baseUrl: string
  fetch: FetchFn
  clock: Clock
  logger: Logger
  userAgent: string
}

export function createTransport(deps: TransportDeps): Transport {
  const base = deps.baseUrl.replace(/\/+$/, '')
  return {
    async send(req) {
      const url = new URL(base + req.path)
      for (const [k, v] of Object.entries(req.query ?? {}))
        if (v !== undefined) url.searchParams.set(k, String(v))
      const logPath = maskCardNumbersIn(decodeURIComponent(url.pathname + url.search))
      const headers: Record<string, string> = {
        Accept: 'application/json',
        // The SDKs send it on bodiless POSTs as well (secuconnect-php-sdk lib/ApiClient.php,
        // secuconnect-java-sdk ApiClient.java).
        'Content-Type': 'application/json',
        'User-Agent': deps.userAgent,
      }
      if (req.token) headers.Authorization = `Bearer ${req.token}`

      const controller = new AbortController()
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        controller.abort()
      }, req.timeoutMs)
      const onOuterAbort = (): void => controller.abort(req.signal?.reason)
      req.signal?.addEventListener('abort', onOuterAbort, { once: true })
      const started = deps.clock.now()
      try {
        // The body is read inside the timer: a server that sends headers and then stalls is a timeout too.
        const response = await deps.fetch(url, {
          method: req.method,
          headers,
          body: req.body === undefined ? (req.method === 'GET' ? undefined : '{}') : JSON.stringify(req.body),
          signal: controller.signal,
        })
        const text = await response.text()
        let json: unknown
        try {
          json = text.trim() ? JSON.parse(text) : undefined
        } catch {
          json = undefined
        }
        deps.logger.log(response.ok ? 'debug' : 'warn', 'secuconnect.http', {
          method: req.method,
          path: logPath,
          status: response.status,
          ms: deps.clock.now() - started,
        })
        return { status: response.status, json, text }
      } catch (error) {
        if (timedOut) {
          deps.logger.log('warn', 'secuconnect.timeout', {
            method: req.method,
            path: logPath,
            timeoutMs: req.timeoutMs,
          })
          throw new SecuconnectTimeoutError(req.timeoutMs, `${req.method} ${logPath}`)
        }
        if (req.signal?.aborted) throw req.signal.reason
        deps.logger.log('warn', 'secuconnect.network', {
          method: req.method,
          path: logPath,
          error: maskCardNumbersIn(String(error)),
        })
        throw new SecuconnectNetworkError(`secuconnect ${req.method} ${logPath} failed: ${describe(error)}`, {
          cause: error,
        })
      } finally {
        clearTimeout(timer)
        req.signal?.removeEventListener('abort', onOuterAbort)
      }
    },
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? String(error)
}

/** A non-2xx answer of the REST API as a typed error. */
export function apiErrorFrom(res: TransportResponse): SecuconnectApiError {
  const payload = productExceptionPayload.safeParse(res.json)
  if (payload.success) {
    const p = payload.data
    return new SecuconnectApiError(res.status, p.error, p.error_details, p.error_user, p.code, p.supportId)
  }
  // Proxies and gateways answer with HTML or nothing ("must also handle … non-JSON", secuconnect docs:
  // Error_Handling_-_Integration_Guide_for_Loyalty_at_the_POS).
  return new SecuconnectApiError(
    res.status,
    `HTTP ${res.status}`,
    maskCardNumbersIn(res.text.slice(0, 200)) || null,
    null,
    null,
    null,
  )
}

/** A 2xx body in the expected shape, or a SecuconnectBadResponseError. */
export function decode<T extends z.ZodType>(schema: T, res: TransportResponse, what: string): z.output<T> {
  if (res.json === undefined) throw new SecuconnectBadResponseError(res.status, `${what}: answer is not JSON`)
  const parsed = schema.safeParse(res.json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new SecuconnectBadResponseError(
      res.status,
      `${what}: unexpected answer at ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    )
  }
  return parsed.data
}
