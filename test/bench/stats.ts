// What every bench shares: percentiles, the result row with its target, and the machine it ran on.
import { availableParallelism, cpus, loadavg } from 'node:os'
import { readFileSync } from 'node:fs'

export interface Target {
  op: '<' | '<=' | '='
  value: number
}

export interface BenchRow {
  /** Stable key for the JSON, e.g. "scan-event". */
  id: string
  label: string
  /** The headline number (p99 where there is a distribution). */
  value: number
  unit: string
  p50?: number
  p99?: number
  max?: number
  n?: number
  target?: Target
  /** null: no target; else whether the headline meets it. */
  pass?: boolean | null
  note?: string
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  // Nearest-rank: the smallest sample with at least p % of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1]
}

/**
 * Time inside [from, to] during which at least one request was in flight. Summing the calls instead
 * would count a call twice where it overlaps another (the TSE's start runs beside the card lookup)
 * and would count calls made before the window began.
 */
export function inFlightMs(calls: readonly { from: number; to: number }[], from: number, to: number): number {
  const spans = calls
    .map((c) => [Math.max(c.from, from), Math.min(c.to, to)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0])
  let total = 0
  let end = -Infinity
  for (const [a, b] of spans) {
    if (b <= end) continue
    total += b - Math.max(a, end)
    end = b
  }
  return total
}

export function meets(value: number, target: Target | undefined): boolean | null {
  if (!target) return null
  if (target.op === '<') return value < target.value
  if (target.op === '<=') return value <= target.value
  return value === target.value
}

/** A row for a latency distribution: headline p99. */
export function latencyRow(
  id: string,
  label: string,
  samples: number[],
  target?: Target,
  note?: string,
): BenchRow {
  const p99 = percentile(samples, 99)
  return {
    id,
    label,
    value: p99,
    unit: 'ms',
    p50: percentile(samples, 50),
    p99,
    max: Math.max(...samples),
    n: samples.length,
    ...(target ? { target } : {}),
    pass: meets(p99, target),
    ...(note ? { note } : {}),
  }
}

export function valueRow(
  id: string,
  label: string,
  value: number,
  unit: string,
  target?: Target,
  note?: string,
): BenchRow {
  return {
    id,
    label,
    value,
    unit,
    ...(target ? { target } : {}),
    pass: meets(value, target),
    ...(note ? { note } : {}),
  }
}

export interface Machine {
  nproc: number
  cpu: string
  node: string
  platform: string
  memoryGiB: number
  /** 1-minute load average when the run started: other work on the machine skews every number. */
  load: number
}

export function machine(): Machine {
  let memoryGiB = 0
  try {
    const kb = Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0)
    memoryGiB = Math.round((kb / 1024 / 1024) * 10) / 10
  } catch {
    // not Linux: leave 0
  }
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    memoryGiB,
    load: Math.round(loadavg()[0] * 10) / 10,
  }
}

/** Resident set size of a process in KiB (Linux /proc), or null where unavailable. */
export function rssKiB(pid: number): number | null {
  return memoryKiB(pid)?.rss ?? null
}

/**
 * VmRSS and its parts: anonymous memory (JS heap, malloc, SQLite's page cache) and file-backed pages
 * (code, and the journal SQLite maps with mmap — clean pages the kernel can drop at any time).
 */
export function memoryKiB(pid: number): { rss: number; anon: number; file: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)\\s+kB`).exec(status)?.[1] ?? NaN)
    return { rss: field('VmRSS'), anon: field('RssAnon'), file: field('RssFile') }
  } catch {
    return null
  }
}
