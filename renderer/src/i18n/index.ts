import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { de } from './de'
import { en } from './en'
import type { Locale } from '../../../common/ipc/contract'

export function setupI18n(locale: Locale = 'de') {
  void i18next.use(initReactI18next).init({
    resources: { de: { translation: de }, en: { translation: en } },
    lng: locale,
    fallbackLng: 'de',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return i18next
}

export function applyLocale(locale: Locale): void {
  void i18next.changeLanguage(locale)
  document.documentElement.lang = locale
}
