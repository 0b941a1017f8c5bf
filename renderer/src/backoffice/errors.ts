// Error texts of the back office and settings: service keys ("journal.error.alreadyStornoed",
// "settings.error.*") have their texts in these screen families' message files, merged under
// `backoffice.` / `settings.`, so a key is looked up as is first and then under those two prefixes.
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppError } from '../../../common/result'
import { formatMoney } from '../../../common/money'
import { messageParams, useLocale } from '../ui'

export function useErrorText(): (
  error: Pick<AppError, 'messageKey' | 'params'> & { message?: string },
) => string {
  const { t } = useTranslation()
  const locale = useLocale()
  return useCallback(
    (error) => {
      const params = messageParams(error.params, locale)
      // The drawer's expected content comes with "insufficientCash"; the shared money params lack it.
      if (typeof error.params?.expected === 'number')
        params.expectedMoney = formatMoney(error.params.expected, locale)
      const key = error.messageKey
      const text = t([key, `backoffice.${key}`, `settings.${key}`], {
        ...params,
        defaultValue: error.message ?? key,
      })
      // secuconnect's own words for the cashier (error_user), e.g. why a card cancel was refused.
      const userMessage = error.params?.userMessage
      return typeof userMessage === 'string' && userMessage ? `${text} (${userMessage})` : text
    },
    [t, locale],
  )
}
