// One JSON line per entry to a stream (stderr or a log file). Card numbers are masked on the way out,
// and keys that name credentials are dropped, whatever a caller passes.
import type { Logger, LogLevel } from '../common/ports'
import { maskCardNumbersIn } from '../common/card'

const SECRET_KEY = /token|secret|password|passcode|pin|authorization/i

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskCardNumbersIn(value)
  if (typeof value === 'number' && Number.isInteger(value) && String(value).length >= 15)
    return maskCardNumbersIn(String(value))
  if (depth > 6 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : scrub(v, depth + 1)
  return out
}

function logLevelFromEnv(): LogLevel {
  const level = process.env.TRESEN_LOG_LEVEL
  return level === 'debug' || level === 'warn' || level === 'error' ? level : 'info'
}

export function streamLogger(
  write: (line: string) => void,
  clock: { now(): number },
  minLevel: LogLevel = logLevelFromEnv(),
): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error']
  const min = order.indexOf(minLevel)
  return {
    log(level, event, data) {
      if (order.indexOf(level) < min) return
      const entry = {
        t: new Date(clock.now()).toISOString(),
        level,
        event,
        ...(data ? { data: scrub(data) } : {}),
      }
      write(JSON.stringify(entry) + '\n')
    },
  }
}
