// Typed failures of the secuconnect client. Callers branch on the class; `toAppError` turns any of
// them into the app's cross-process error shape.
import { maskCardNumbersIn } from '../../common/card'
import type { AppError } from '../../common/result'
import type { SmartTransaction } from './models'

/**
 * What a start/cancel that failed with an unknown outcome turned out to be after reading the
 * transaction back: `not-applied` = safe to try again; `unknown` = the read failed or the terminal
 * may still be working — read it again later (`transactions.reconcile`).
 */
export interface ReconcileOutcome {
  effect: 'not-applied' | 'unknown'
  transaction?: SmartTransaction
}

export class SecuconnectError extends Error {
  /** Set on errors thrown by start/cancel after reconcile-by-GET. */
  outcome?: ReconcileOutcome
}

/** The API's ProductExceptionPayload (docs/secuconnect.md), or a non-JSON error answer. */
export class SecuconnectApiError extends SecuconnectError {
  override name = 'SecuconnectApiError'
  constructor(
    readonly status: number,
    readonly error: string,
    readonly error_details: string | null,
    readonly error_user: string | null,
    readonly code: number | null,
    readonly supportId: string | null,
  ) {
    // The message ends up in logs; the raw details stay available in `error_details`.
    super(
      maskCardNumbersIn(
        `secuconnect ${status} ${error}${code !== null ? ` (code ${code})` : ''}: ${error_details ?? ''}`,
      ),
    )
  }
}

/** The OAuth endpoint's `{error, error_description}`, plus the client's own pairing states. */
export class SecuconnectAuthError extends SecuconnectError {
  override name = 'SecuconnectAuthError'
  constructor(
    /** OAuth error (`invalid_client`, `authorization_pending`, `expired_token`, …) or `not_paired` / `no_pairing`. */
    readonly error: string,
    readonly description: string,
    readonly status: number | null = null,
  ) {
    super(`secuconnect auth: ${error}: ${description}`)
  }
}

export class SecuconnectNetworkError extends SecuconnectError {
  override name = 'SecuconnectNetworkError'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}

export class SecuconnectTimeoutError extends SecuconnectError {
  override name = 'SecuconnectTimeoutError'
  constructor(
    readonly timeoutMs: number,
    what: string,
  ) {
    super(`secuconnect ${what} timed out after ${timeoutMs} ms`)
  }
}

/** A 2xx answer that is not JSON or not the expected shape. */
export class SecuconnectBadResponseError extends SecuconnectError {
  override name = 'SecuconnectBadResponseError'
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** True when a write may or may not have taken effect: the only case that calls for reconcile-by-GET. */
export function isUnknownOutcome(error: unknown): boolean {
  return (
    error instanceof SecuconnectNetworkError ||
    error instanceof SecuconnectTimeoutError ||
    error instanceof SecuconnectBadResponseError ||
    (error instanceof SecuconnectApiError && error.status >= 500)
  )
}

export function toAppError(error: unknown): AppError {
  const base = (
    code: AppError['code'],
    key: string,
    message: string,
    params?: AppError['params'],
  ): AppError => ({
    code,
    messageKey: key,
    message,
    ...(params ? { params } : {}),
  })
  if (error instanceof SecuconnectApiError) {
    return base('API', 'error.secuconnect.api', error.message, {
      status: error.status,
      ...(error.error_user ? { userMessage: error.error_user } : {}),
      ...(error.supportId ? { supportId: error.supportId } : {}),
    })
  }
  if (error instanceof SecuconnectAuthError)
    return base('FORBIDDEN', `error.secuconnect.auth.${error.error}`, error.message)
  if (error instanceof SecuconnectTimeoutError)
    return base('TIMEOUT', 'error.secuconnect.timeout', error.message)
  if (error instanceof SecuconnectNetworkError)
    return base('NETWORK', 'error.secuconnect.network', error.message)
  if (error instanceof SecuconnectBadResponseError)
    return base('API', 'error.secuconnect.badResponse', error.message)
  return base('INTERNAL', 'error.internal', String(error))
}
