import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { de } from './de'
import { en } from './en'
import { backofficeDe, backofficeEn } from '../backoffice/messages'
import { settingsDe, settingsEn } from '../settings/messages'
import { catalogReportDe, catalogReportEn } from '../backoffice/catalog-messages'
import type { Locale } from '../../../common/ipc/contract'

export function setupI18n(locale: Locale = 'de') {
  void i18next.use(initReactI18next).init({
    // Each screen family keeps its texts in its own folder, merged here under its own top-level key.
    resources: {
      de: {
        translation: {
          ...de,
          backoffice: backofficeDe,
          settings: settingsDe,
          catalogReport: catalogReportDe,
        },
      },
      en: {
        translation: {
          ...en,
          backoffice: backofficeEn,
          settings: settingsEn,
          catalogReport: catalogReportEn,
        },
      },
    },
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
