// Capped exponential backoff for devices that can (re)open themselves (docs/hardware-printer.md:
// 0.5 s, 1, 2, 4 … capped at 30 s, with jitter so several registers do not hammer a shared printer in step).

/** A device that can look for its hardware again; true = connected now. */
export interface Reconnectable {
  connect(): Promise<boolean>
}

export function isReconnectable(device: unknown): device is Reconnectable {
  return typeof (device as Partial<Reconnectable> | null)?.connect === 'function'
}

export interface BackoffOptions {
  initialMs: number
  maxMs: number
  /** ± fraction of the delay, 0 = none. */
  jitter: number
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, jitter: 0.2 }

/** Delay before retry number `attempt` (0-based). `random` returns [0, 1). */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const base = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30))
  const spread = base * options.jitter * (random() * 2 - 1)
  return Math.max(0, Math.min(options.maxMs, Math.round(base + spread)))
}
