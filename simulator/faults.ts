// Per-route fault injection, so tests can prove what the client does when the network or the server
// misbehaves. A fault matches `method` (optional) and a path glob (`*` = one segment, `**` = any).
import { z } from 'zod'

export const faultSpec = z.object({
  method: z.string().toUpperCase().optional(),
  path: z.string().startsWith('/'),
  kind: z.enum(['latency', 'status', 'reset', 'malformed', 'hang']),
  /** latency: extra delay before the answer. */
  ms: z.number().int().min(0).default(0),
  /** status: the HTTP status to answer with (a ProductInternalException body). */
  status: z.number().int().min(400).max(599).default(503),
  /**
   * Apply the request's effect first, then fail: the "unknown outcome" that forces reconcile-by-GET.
   * `malformed` always applies the effect (the answer is produced, then corrupted).
   */
  afterEffect: z.boolean().default(false),
  /** How many matching requests it hits; then it is used up. */
  times: z.number().int().min(1).default(1),
  /** Ignore `times` and hit every matching request until cleared. */
  persistent: z.boolean().default(false),
})

export type FaultSpec = z.output<typeof faultSpec>
export type FaultSpecInput = z.input<typeof faultSpec>

interface ActiveFault extends FaultSpec {
  id: string
  re: RegExp
  hits: number
}

function globToRegExp(glob: string): RegExp {
  const part = (s: string): string => s.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+')
  return new RegExp(`^${glob.split('**').map(part).join('.*')}$`)
}

export interface FaultTable {
  add(spec: FaultSpecInput): string
  /** The fault for this request, counting the hit; undefined when none applies. */
  take(method: string, path: string): FaultSpec | undefined
  list(): (FaultSpec & { id: string; hits: number })[]
  remove(id: string): void
  clear(): void
}

export function faultTable(): FaultTable {
  let faults: ActiveFault[] = []
  let seq = 0
  return {
    add(input) {
      const spec = faultSpec.parse(input)
      const id = `fault-${++seq}`
      faults.push({ ...spec, id, re: globToRegExp(spec.path), hits: 0 })
      return id
    },
    take(method, path) {
      const fault = faults.find((f) => (!f.method || f.method === method) && f.re.test(path))
      if (!fault) return undefined
      fault.hits += 1
      if (!fault.persistent && fault.hits >= fault.times) faults = faults.filter((f) => f !== fault)
      return fault
    },
    list: () => faults.map(({ re: _re, ...f }) => f),
    remove: (id) => {
      faults = faults.filter((f) => f.id !== id)
    },
    clear: () => {
      faults = []
    },
  }
}
