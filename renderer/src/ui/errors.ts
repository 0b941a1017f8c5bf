// An AppError from main becomes a sentence for the cashier: its message key translated with its params.
// Money params (cents) get a formatted twin, `<name>Money`, so texts can say "10,00 €" instead of 1000.
import type { TFunction } from 'i18next'
import type { AppError } from '../../../common/result'
import { formatMoney } from '../../../common/money'
import type { Locale } from '../../../common/locale'

const MONEY_PARAMS = new Set([
  'amount',
  'min',
  'max',
  'due',
  'total',
  'balance',
  'tendered',
  'missing',
  'cashBalance',
  'bonusBalance',
])

export interface Translatable {
  messageKey: string
  params?: Record<string, string | number>
  /** English fallback when the key has no text. */
  message?: string
}

export function messageParams(
  params: Translatable['params'],
  locale: Locale,
): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params }
  for (const [key, value] of Object.entries(params ?? {})) {
    const cents = typeof value === 'number' ? value : /^-?\d+$/.test(value) ? Number(value) : NaN
    if (MONEY_PARAMS.has(key) && Number.isSafeInteger(cents)) out[`${key}Money`] = formatMoney(cents, locale)
  }
  return out
}

export function translateMessage(t: TFunction, locale: Locale, message: Translatable): string {
  return t(message.messageKey, {
    ...messageParams(message.params, locale),
    defaultValue: message.message ?? message.messageKey,
  })
}

export function translateError(t: TFunction, locale: Locale, error: AppError): string {
  return translateMessage(t, locale, error)
}
