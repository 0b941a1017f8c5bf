// The subset of the list query language (docs/secuconnect.md) the register needs:
// `a.b:value` terms joined by AND, `*`/`?` wildcards, quoted values; `sort=field:asc,f2:desc`;
// `count` and `offset`. [I] Anything else (OR, NOT, ranges) is answered with 400 rather than guessed.
import { errors, type SimResponse } from './errors'

function pick(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    )
}

function termMatcher(term: string): ((item: unknown) => boolean) | null {
  const m = /^([A-Za-z_][\w.]*):(?:"([^"]*)"|(\S+))$/.exec(term)
  if (!m) return null
  const [, path, quoted, bare] = m
  const value = quoted ?? bare
  const re = new RegExp(
    `^${value
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  )
  return (item) => {
    const v = pick(item, path)
    return v !== undefined && v !== null && re.test(String(v))
  }
}

export function listQuery<T>(items: T[], query: URLSearchParams): { count: number; data: T[] } | SimResponse {
  let result = items
  const q = query.get('q')?.trim()
  if (q) {
    const terms = q.split(/\s+AND\s+/)
    const matchers = terms.map(termMatcher)
    if (matchers.some((m) => m === null)) return errors.invalidParams(`q: unsupported query "${q}"`)
    result = result.filter((item) => matchers.every((m) => m!(item)))
  }
  const sort = query.get('sort')
  if (sort) {
    const keys = sort.split(',').map((s) => {
      const [field, dir = 'asc'] = s.split(':')
      return { field, sign: dir.toLowerCase() === 'desc' ? -1 : 1 }
    })
    result = [...result].sort((a, b) => {
      for (const { field, sign } of keys) {
        const x = pick(a, field)
        const y = pick(b, field)
        if (x === y) continue
        if (x === undefined || x === null) return sign
        if (y === undefined || y === null) return -sign
        return (x < y ? -1 : 1) * sign
      }
      return 0
    })
  }
  const offset = Number(query.get('offset') ?? 0)
  // [I] The real default page size is undocumented; 20 keeps responses small.
  const count = Number(query.get('count') ?? 20)
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(count) || count < 0) {
    return errors.invalidParams('count and offset must be non-negative integers')
  }
  return { count: result.length, data: result.slice(offset, offset + count) }
}
