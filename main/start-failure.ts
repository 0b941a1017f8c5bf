// The two-language text for an AppFailure that stops the start (a catalogue that cannot be used, a
// simulator outside demo mode), as the console and Electron's error box show it.
import type { AppFailure } from '../common/result'

const TEXTS: Record<string, (p: Record<string, string | number>) => { de: string; en: string }> = {
  'catalog.error.unreadable': (p) => ({
    de: `der Katalog ${p.source} kann nicht gelesen werden — Pfad ("catalog" in der Konfiguration) und Rechte prüfen.`,
    en: `the catalogue ${p.source} cannot be read — check its path ("catalog" in the config) and permissions.`,
  }),
  'catalog.error.unparseable': (p) => ({
    de: `der Katalog ${p.source} ist kein gültiges JSON — die Datei im Editor prüfen.`,
    en: `the catalogue ${p.source} is not valid JSON — check the file in an editor.`,
  }),
  'catalog.error.unknownFormat': (p) => ({
    de: `der Katalog ${p.source} muss eine .json- oder .csv-Datei sein.`,
    en: `the catalogue ${p.source} must be a .json or .csv file.`,
  }),
  'catalog.error.noValidRow': (p) => ({
    de:
      `der Katalog ${p.source} hat keine einzige gültige Zeile (${p.problems} Probleme, das erste: ` +
      `Zeile ${p.firstRow}: ${p.firstProblem}). Die Datei korrigieren (Spalten name, price, vatRate, category; ` +
      'docs/backoffice.md) und neu starten.',
    en:
      `the catalogue ${p.source} has no valid row (${p.problems} problems, the first: row ${p.firstRow}: ` +
      `${p.firstProblem}). Fix the file (columns name, price, vatRate, category; docs/backoffice.md) and start again.`,
  }),
  'config.simulatorOutsideDemo': () => ({
    de: 'secuconnect.host "simulator" gibt es nur im Demo-Modus — die URL des secuconnect-Hosts eintragen.',
    en: 'secuconnect.host "simulator" exists in demo mode only — give the secuconnect host URL.',
  }),
}

export function startFailureText(failure: AppFailure): string {
  const text = TEXTS[failure.error.messageKey]?.(failure.error.params ?? {})
  if (!text) return `Tresen startet nicht / will not start: ${failure.message}`
  return `Tresen startet nicht: ${text.de}\nTresen will not start: ${text.en}`
}
