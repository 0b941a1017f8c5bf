// Turns whatever a checkout step threw into the view's error: a stable code, a checkout message key the
// renderer translates, the English text for logs, and the API's own words for the cashier when it
// sent some (`error_user`).
import type { CheckoutView } from '../../common/checkout'
import { AppFailure, type AppError } from '../../common/result'
import {
  SecuconnectApiError,
  SecuconnectAuthError,
  SecuconnectBadResponseError,
  SecuconnectNetworkError,
  SecuconnectTimeoutError,
} from '../secuconnect'
import { ERROR_KEYS } from './messages'

export type ViewError = NonNullable<CheckoutView['error']>

/** secuconnect's "card validation failed": locked card, or a balance that no longer covers what was applied (docs/secuconnect.md). */
const CARD_VALIDATION_FAILED = 1016

export function viewError(
  code: AppError['code'] | (string & {}),
  messageKey: string,
  message: string,
  params?: Record<string, string | number>,
): ViewError {
  return { code, messageKey, message, ...(params ? { params } : {}) }
}

export function errorOf(error: unknown): ViewError {
  if (error instanceof AppFailure) {
    const { code, messageKey, message, params } = error.error
    return viewError(code, messageKey, message, params)
  }
  if (error instanceof SecuconnectApiError) {
    const params: Record<string, string | number> = { status: error.status }
    if (error.code !== null) params.code = error.code
    if (error.error_user) params.userMessage = error.error_user
    if (error.supportId) params.supportId = error.supportId
    if (error.status >= 500) return viewError('API', ERROR_KEYS.apiUnavailable, error.message, params)
    if (error.code === CARD_VALIDATION_FAILED)
      return viewError('API', ERROR_KEYS.cardRefused, error.message, params)
    return viewError('API', ERROR_KEYS.api, error.message, params)
  }
  if (error instanceof SecuconnectAuthError) {
    return error.error === 'not_paired'
      ? viewError('FORBIDDEN', ERROR_KEYS.notPaired, error.message)
      : viewError('FORBIDDEN', ERROR_KEYS.auth, error.message, { error: error.error })
  }
  if (error instanceof SecuconnectTimeoutError) return viewError('TIMEOUT', ERROR_KEYS.timeout, error.message)
  if (error instanceof SecuconnectNetworkError) return viewError('NETWORK', ERROR_KEYS.network, error.message)
  if (error instanceof SecuconnectBadResponseError)
    return viewError('API', ERROR_KEYS.badResponse, error.message)
  return viewError('INTERNAL', ERROR_KEYS.internal, error instanceof Error ? error.message : String(error))
}

export const conflict = (
  messageKey: string,
  message: string,
  params?: Record<string, string | number>,
): AppFailure => AppFailure.of('CONFLICT', messageKey, message, params)
