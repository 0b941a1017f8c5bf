// Time-based behaviour (inter-character timeouts, reconnect backoff) takes its timers as an argument so
// tests move time by hand instead of sleeping.
import type { Clock } from '../../common/ports'

export type TimerHandle = { readonly __timer: true } | ReturnType<typeof globalThis.setTimeout>

export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = globalThis.setTimeout(fn, ms)
    // A pending reconnect or flush must not keep the process (or a test run) alive on its own.
    handle.unref?.()
    return handle
  },
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
}

export interface ManualTimers extends Timers {
  /** Moves the clock forward, firing every timer that falls due, in due order (ties: creation order). */
  advance(ms: number): void
  /** Timers not yet fired or cleared. */
  pending(): number
}

/** Timers driven by a manual clock (common/ports `manualClock`): nothing fires until `advance`. */
export function manualTimers(clock: Clock & { set(ms: number): void }): ManualTimers {
  type Entry = { id: number; due: number; fn: () => void; __timer: true }
  let next = 0
  const entries = new Map<number, Entry>()
  return {
    setTimeout(fn, ms) {
      const entry: Entry = { id: next++, due: clock.now() + Math.max(0, ms), fn, __timer: true }
      entries.set(entry.id, entry)
      return entry
    },
    clearTimeout(handle) {
      const entry = handle as Entry
      if (entry && typeof entry.id === 'number') entries.delete(entry.id)
    },
    advance(ms) {
      const target = clock.now() + ms
      for (;;) {
        let first: Entry | undefined
        for (const e of entries.values())
          if (e.due <= target && (!first || e.due < first.due || (e.due === first.due && e.id < first.id)))
            first = e
        if (!first) break
        entries.delete(first.id)
        clock.set(Math.max(clock.now(), first.due))
        first.fn()
      }
      clock.set(target)
    },
    pending: () => entries.size,
  }
}
