// Errors cross every process boundary as data: a stable code, a message key for the UI's i18n,
// and an English fallback text for logs. Electron's invoke would reduce a thrown error to a string.

export type ErrorCode =
  | 'VALIDATION'
  | 'UNKNOWN_COMMAND'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DEVICE'
  | 'API'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'INTERNAL'
  | 'UNAVAILABLE'

export interface AppError {
  code: ErrorCode
  /** i18n key, e.g. "error.validation"; the renderer translates it with `params`. */
  messageKey: string
  /** English text for logs and as a last-resort fallback. */
  message: string
  params?: Record<string, string | number>
  /** Field-level problems for VALIDATION errors: path and message. */
  issues?: { path: string; message: string }[]
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })

export function fail(
  code: ErrorCode,
  messageKey: string,
  message: string,
  extra: Pick<AppError, 'params' | 'issues'> = {},
): { ok: false; error: AppError } {
  return { ok: false, error: { code, messageKey, message, ...extra } }
}

/** A thrown error that handlers use to return a specific AppError instead of INTERNAL. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message)
    this.name = 'AppFailure'
  }
  static of(code: ErrorCode, messageKey: string, message: string, params?: AppError['params']): AppFailure {
    return new AppFailure({ code, messageKey, message, ...(params ? { params } : {}) })
  }
}
