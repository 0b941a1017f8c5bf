// Every scan that did not go into the basket says why, as a toast ("Unbekannter Artikel 4001234567890").
import { useTranslation } from 'react-i18next'
import { translateMessage, useEvent, useLocale, useToast } from '../ui'

export function ScanFeedback() {
  const { t } = useTranslation()
  const locale = useLocale()
  const toast = useToast()
  useEvent('scan.result', (result) => {
    if (result.outcome !== 'rejected') return
    toast.show(
      'error',
      translateMessage(t, locale, {
        messageKey: result.messageKey ?? 'scan.rejected',
        params: { code: result.scan.code, ...result.params },
        message: t('scan.rejected', { code: result.scan.code }),
      }),
    )
  })
  return null
}
