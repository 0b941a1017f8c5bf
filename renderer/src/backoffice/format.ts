// Times and labels of the back office in the UI's language.
import { useCallback } from 'react'
import { dateTimeFormat } from '../../../common/intl-formats'
import { useLocale } from '../ui'

/**
 * The shop's zone: the journal's "today" and the printed receipts use it (main/journal DEFAULT_TIME_ZONE),
 * so the list shows the receipt's own time whatever zone the browser or screen machine is set to.
 */
const TILL_TIME_ZONE = 'Europe/Berlin'

/** "14:05" (or with the date, "12.03.2026, 14:05") from an ISO time, in the till's local time zone. */
export function useFormatTime(): (iso: string | undefined | null, withDate?: boolean) => string {
  const locale = useLocale()
  return useCallback(
    (iso, withDate = false) => {
      if (!iso) return ''
      const date = new Date(iso)
      if (Number.isNaN(date.getTime())) return ''
      return dateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
        timeZone: TILL_TIME_ZONE,
        ...(withDate ? { day: '2-digit', month: '2-digit', year: 'numeric' } : {}),
        hour: '2-digit',
        minute: '2-digit',
      }).format(date)
    },
    [locale],
  )
}

/** The journal's payment kinds as message keys ("cash" → backoffice.method.cash). */
export const METHOD_KEYS: Record<string, string> = {
  cash: 'backoffice.method.cash',
  loyalty: 'backoffice.method.loyalty',
  terminal: 'backoffice.method.terminal',
}
