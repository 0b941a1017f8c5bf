// Where the running till writes its log. A shop owner's terminal gets short human lines — the URL and
// mode (printed by the entry point) and one line per warning or error — while the full JSON log goes to
// `logs/tresen.log` in the data dir. `--log-format json` puts the JSON lines on stdout instead (for a
// service manager that collects stdout, e.g. systemd's journal), and writes no file.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Clock, Logger, LogLevel } from '../../common/ports'
import { streamLogger } from '../logger'

export type LogFormat = 'human' | 'json'

export const LOG_DIR = 'logs'
export const LOG_FILE = 'tresen.log'
/** A log file over this size is moved to tresen.log.1 at start (one generation kept). */
const ROTATE_BYTES = 20 * 1024 * 1024

/** `--log-format json|human` (or `=`), default human; anything else is an error the caller reports. */
export function logFormatFromArgs(argv: readonly string[]): LogFormat | { invalid: string } {
  const i = argv.findIndex((a) => a === '--log-format' || a.startsWith('--log-format='))
  if (i < 0) return 'human'
  const value = argv[i].includes('=') ? argv[i].slice('--log-format='.length) : argv[i + 1]
  return value === 'json' || value === 'human' ? value : { invalid: String(value) }
}

/** Refusals the entry point prints in full, in both languages: not repeated as a log line. */
const PRINTED_BY_ENTRY = new Set(['config.invalid', 'storage.refused', 'app.start-failed'])

const LEVEL_WORDS: Record<LogLevel, string> = {
  debug: 'Debug',
  info: 'Info',
  warn: 'Warnung / warning',
  error: 'Fehler / error',
}

/** One short line for the console: level, event and the first few data fields, cut at 160 characters. */
export function humanLine(level: LogLevel, event: string, data?: Record<string, unknown>): string {
  const fields = Object.entries(data ?? {})
    .slice(0, 4)
    .map(([k, v]) => {
      const text = typeof v === 'string' ? v : JSON.stringify(v)
      return `${k}=${text && text.length > 60 ? `${text.slice(0, 57)}…` : text}`
    })
  const line = `${LEVEL_WORDS[level]}: ${event}${fields.length ? ` (${fields.join(', ')})` : ''}`
  return (line.length > 160 ? `${line.slice(0, 159)}…` : line) + '\n'
}

export interface RunLog {
  logger: Logger
  /** The JSON log file, or null when the JSON goes to stdout. */
  file: string | null
}

/**
 * The logger of a running till. `console` receives human lines (warnings and errors only) in human
 * format, every JSON line in json format. The data dir must exist and be writable (checked before).
 */
export function runLog(options: {
  dataDir: string
  format: LogFormat
  clock: Clock
  console: (text: string) => void
}): RunLog {
  if (options.format === 'json') return { logger: streamLogger(options.console, options.clock), file: null }
  const dir = join(options.dataDir, LOG_DIR)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const file = join(dir, LOG_FILE)
  try {
    if (statSync(file).size > ROTATE_BYTES) renameSync(file, `${file}.1`)
  } catch {
    // No log yet.
  }
  let fileBroken = false
  const json = streamLogger((line) => {
    if (fileBroken) return
    try {
      // Synchronous append: the line is in the file even if the process is killed right after.
      appendFileSync(file, line, { mode: 0o600 })
    } catch (error) {
      fileBroken = true
      options.console(humanLine('error', 'log.file-unwritable', { file, error: String(error) }))
    }
  }, options.clock)
  return {
    file,
    logger: {
      log(level, event, data) {
        json.log(level, event, data)
        if ((level === 'warn' || level === 'error') && !PRINTED_BY_ENTRY.has(event))
          options.console(humanLine(level, event, data))
      },
    },
  }
}
