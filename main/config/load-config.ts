// Finds, reads and validates the config file. A missing file means demo mode; a present but invalid
// file refuses the start with a message that names each field and its problem, in German and English.
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { appConfig, demoConfig, type AppConfig } from '../../common/config'
import { liveConfigIssues } from './live-rules'
import { fiscalConfigIssues } from '../fiscal/config-check'

export type ConfigSource = { kind: 'file'; path: string } | { kind: 'demo'; reason: string }

export type LoadedConfig =
  /** `path`: the file read, or the one a till without a file saves its settings to. */
  | { ok: true; config: AppConfig; source: ConfigSource; path: string }
  | { ok: false; path: string; message: string; issues: { path: string; de: string; en: string }[] }

export const CONFIG_FILE_NAME = 'config.json'

/** `--config <path>` or `--config=<path>` from argv, if given. */
export function configPathFromArgs(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--config') return argv[i + 1]
    if (arg.startsWith('--config=')) return arg.slice('--config='.length)
  }
  return undefined
}

const german = z.locales.de()
const english = z.locales.en()

export async function loadConfig(options: {
  argv: readonly string[]
  dataDir: string
}): Promise<LoadedConfig> {
  const explicit = configPathFromArgs(options.argv)
  const path = resolve(explicit ?? join(options.dataDir, CONFIG_FILE_NAME))
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && !explicit) {
      return { ok: true, config: demoConfig(), source: { kind: 'demo', reason: `no ${path}` }, path }
    }
    if (code === 'ENOENT')
      return refuse(path, [{ path: '(Datei)', de: 'Datei nicht gefunden', en: 'file not found' }])
    return refuse(path, [
      {
        path: '(Datei)',
        de: `Datei nicht lesbar (${code}) — die Rechte prüfen: der Benutzer der Kasse muss sie lesen dürfen`,
        en: `file not readable (${code}) — check its permissions: the till's user must be able to read it`,
      },
    ])
  }
  if (text.replace(/^\uFEFF/, '').trim() === '')
    return refuse(path, [
      {
        path: '(Datei)',
        de: 'die Datei ist leer (0 Bytes) — aus der Sicherung zurückholen oder neu schreiben (README, Configuration)',
        en: 'the file is empty (0 bytes) — restore it from the backup or write it again (README, Configuration)',
      },
    ])
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return refuse(path, [
      { path: '(JSON)', de: `kein gültiges JSON: ${detail}`, en: `not valid JSON: ${detail}` },
    ])
  }
  const de = appConfig.safeParse(data, { error: german.localeError })
  if (de.success) {
    // Outside demo mode no demo part may be filled in by a default (main/config/live-rules.ts), and
    // the TSE must be chosen explicitly (main/fiscal/config-check.ts).
    const live = [...liveConfigIssues(data, de.data), ...fiscalConfigIssues(data)]
    if (live.length > 0) return refuse(path, live)
    return {
      ok: true,
      config: de.data,
      source: de.data.demo ? { kind: 'demo', reason: `"demo": true in ${path}` } : { kind: 'file', path },
      path,
    }
  }
  const en = appConfig.safeParse(data, { error: english.localeError })
  const enIssues = en.success ? [] : en.error.issues
  return refuse(
    path,
    de.error.issues.map((issue, i) => ({
      path: issue.path.join('.') || '(Wurzel)',
      de: issue.message,
      en: enIssues[i]?.message ?? issue.message,
    })),
  )
}

function refuse(path: string, issues: { path: string; de: string; en: string }[]): LoadedConfig {
  const lines = issues.map((i) => `  • ${i.path}: ${i.de} — ${i.en}`)
  const message = [
    `Tresen startet nicht: die Konfiguration ${path} ist ungültig.`,
    `Tresen will not start: the configuration ${path} is invalid.`,
    ...lines,
  ].join('\n')
  return { ok: false, path, message, issues }
}
