// Collaborators every service takes as arguments, so Electron, the browser host and tests can each
// pass their own.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/** A clock tests move by hand. */
export function manualClock(
  start = Date.UTC(2026, 10, 22, 8, 0, 0),
): Clock & { advance(ms: number): void; set(ms: number): void } {
  let t = start
  return {
    now: () => t,
    advance: (ms) => {
      t += ms
    },
    set: (ms) => {
      t = ms
    },
  }
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export interface Logger {
  log(level: LogLevel, event: string, data?: Record<string, unknown>): void
}

export const silentLogger: Logger = { log: () => {} }

/** A logger that keeps entries in memory; tests read `entries`. */
export function memoryLogger(): Logger & {
  entries: { level: LogLevel; event: string; data?: Record<string, unknown> }[]
} {
  const entries: { level: LogLevel; event: string; data?: Record<string, unknown> }[] = []
  return {
    entries,
    log: (level, event, data) => void entries.push({ level, event, ...(data ? { data } : {}) }),
  }
}
