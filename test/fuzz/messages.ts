// The renderer's German and English texts as i18next sees them (renderer/src/i18n/index.ts merges the
// screen families under their own keys), so tests can check that a message key main returns is shown
// as words and not as the raw key.
import { de } from '../../renderer/src/i18n/de'
import { en } from '../../renderer/src/i18n/en'
import { backofficeDe, backofficeEn } from '../../renderer/src/backoffice/messages'
import { settingsDe, settingsEn } from '../../renderer/src/settings/messages'

const resources = {
  de: { ...de, backoffice: backofficeDe, settings: settingsDe },
  en: { ...en, backoffice: backofficeEn, settings: settingsEn },
} as const

function lookup(locale: 'de' | 'en', key: string): string | undefined {
  let node: unknown = resources[locale]
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string' ? node : undefined
}

/**
 * The text for `key` in `locale`, or undefined when the renderer would show the bare key. Like the back
 * office and settings screens (renderer/src/backoffice/errors.ts), a key is tried as is, then under the
 * `backoffice.` and `settings.` families its screen merges.
 */
export function messageText(locale: 'de' | 'en', key: string): string | undefined {
  return lookup(locale, key) ?? lookup(locale, `backoffice.${key}`) ?? lookup(locale, `settings.${key}`)
}

/** Keys from `keys` that miss a German or an English text, with the locales they miss. */
export function missingMessages(keys: Iterable<string>): string[] {
  const missing: string[] = []
  for (const key of [...new Set(keys)].sort()) {
    const without = (['de', 'en'] as const).filter((l) => messageText(l, key) === undefined)
    if (without.length > 0) missing.push(`${key} (${without.join(', ')})`)
  }
  return missing
}
