// Money leaves integer cents only here, at the edge: "7,96 €" in German, "€7.96" in English.
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { formatMoney } from '../../../common/money'
import type { Locale } from '../../../common/locale'

export function useLocale(): Locale {
  const { i18n } = useTranslation()
  return i18n.language === 'en' ? 'en' : 'de'
}

/** A formatter bound to the current UI language. */
export function useFormatMoney(): (cents: number) => string {
  const locale = useLocale()
  return useCallback((cents: number) => formatMoney(cents, locale), [locale])
}

export function MoneyText({ cents, className }: { cents: number; className?: string }) {
  const format = useFormatMoney()
  return <span className={className ? `money ${className}` : 'money'}>{format(cents)}</span>
}
