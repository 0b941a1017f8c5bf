// fast-check arbitraries derived from the contract's zod schemas, so the fuzzers follow the contract as
// it grows instead of a hand-written copy of it. Three families:
//   conforming(schema)  mostly valid input (refinements and transforms may still refuse some)
//   mutated(schema)     a conforming value with one leaf replaced, a key dropped or an unknown key added
//   hostile()           anything at all: wrong types, prototype keys, huge numbers, deep nesting
// Tests never trust a generator's intent: the schema's own safeParse is the oracle for valid vs invalid.
import fc from 'fast-check'
import type { z } from 'zod'

// zod 4 keeps its definition on `_zod.def`; only the fields we read are typed here.
interface Check {
  check: string
  format?: string
  pattern?: RegExp
  minimum?: number
  maximum?: number
  value?: number
  inclusive?: boolean
}
interface Def {
  type: string
  checks?: { _zod: { def: Check } }[]
  format?: string
  pattern?: RegExp
  shape?: Record<string, z.ZodType>
  catchall?: z.ZodType
  element?: z.ZodType
  innerType?: z.ZodType
  options?: z.ZodType[]
  values?: unknown[]
  entries?: Record<string, string | number>
  keyType?: z.ZodType
  valueType?: z.ZodType
  in?: z.ZodType
  out?: z.ZodType
  defaultValue?: unknown
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def
const checksOf = (def: Def): Check[] => (def.checks ?? []).map((c) => c._zod.def)

function stringArb(def: Def): fc.Arbitrary<string> {
  const checks = checksOf(def)
  const min = Math.max(0, ...checks.filter((c) => c.check === 'min_length').map((c) => c.minimum ?? 0))
  const max = Math.min(200, ...checks.filter((c) => c.check === 'max_length').map((c) => c.maximum ?? 200))
  const regex = def.pattern ?? checks.find((c) => c.check === 'string_format' && c.pattern)?.pattern
  if (def.format === 'url') return fc.webUrl()
  if (def.format === 'email') return fc.emailAddress()
  if (regex) {
    const arb = fc.stringMatching(regex, { size: 'small' })
    return min > 0 || max < 200 ? arb.filter((s) => s.length >= min && s.length <= max) : arb
  }
  return fc.string({
    minLength: Math.min(min, max),
    maxLength: Math.max(Math.min(min, max), Math.min(max, min + 40)),
  })
}

function numberArb(def: Def): fc.Arbitrary<number> {
  const checks = checksOf(def)
  const int =
    def.format === 'safeint' ||
    checks.some((c) => c.check === 'number_format' && (c.format === 'safeint' || c.format === 'int32'))
  let min = -1e9
  let max = 1e9
  for (const c of checks) {
    if (c.check === 'greater_than' && c.value !== undefined)
      min = Math.max(min, c.inclusive ? c.value : c.value + (int ? 1 : 1e-6))
    if (c.check === 'less_than' && c.value !== undefined)
      max = Math.min(max, c.inclusive ? c.value : c.value - (int ? 1 : 1e-6))
  }
  if (int) {
    const lo = Math.ceil(min)
    const hi = Math.floor(max)
    // Small values are what real payloads carry; the bounds are where the bugs live.
    const small = { min: Math.max(lo, 0), max: Math.min(hi, 100) }
    return small.min <= small.max
      ? fc.oneof(fc.integer({ min: lo, max: hi }), fc.constantFrom(lo, hi), fc.integer(small))
      : fc.oneof(fc.integer({ min: lo, max: hi }), fc.constantFrom(lo, hi))
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
}

const cache = new WeakMap<z.ZodType, fc.Arbitrary<unknown>>()

/** Values shaped like `schema` (its input side: defaults may be left out, transforms see their input). */
export function conforming(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const hit = cache.get(schema)
  if (hit) return hit
  const arb = build(schema, depth)
  cache.set(schema, arb)
  return arb
}

function build(schema: z.ZodType, depth: number): fc.Arbitrary<unknown> {
  const def = defOf(schema)
  const next = (s: z.ZodType) => conforming(s, depth + 1)
  switch (def.type) {
    case 'string':
      return stringArb(def)
    case 'number':
      return numberArb(def)
    case 'boolean':
      return fc.boolean()
    case 'literal':
      return fc.constantFrom(...(def.values ?? []))
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}))
    case 'null':
      return fc.constant(null)
    case 'undefined':
      return fc.constant(undefined)
    case 'optional':
    case 'default':
    case 'prefault':
      // `undefined` stands for "left out" (objects drop the key below).
      return fc.oneof(
        { weight: 3, arbitrary: next(def.innerType!) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
    case 'nullable':
      return fc.oneof(
        { weight: 3, arbitrary: next(def.innerType!) },
        { weight: 1, arbitrary: fc.constant(null) },
      )
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return next(def.innerType!)
    case 'pipe':
      return next(def.in!)
    case 'array': {
      const checks = checksOf(def)
      const min = Math.max(0, ...checks.filter((c) => c.check === 'min_length').map((c) => c.minimum ?? 0))
      const max = Math.min(
        depth > 3 ? min + 1 : min + 4,
        ...checks.filter((c) => c.check === 'max_length').map((c) => c.maximum ?? Infinity),
      )
      return fc.array(next(def.element!), { minLength: min, maxLength: Math.max(min, max) })
    }
    case 'union':
      return fc.oneof(...(def.options ?? []).map(next))
    case 'record':
      return fc.dictionary(next(def.keyType!) as fc.Arbitrary<string>, next(def.valueType!), { maxKeys: 3 })
    case 'object': {
      const shape = def.shape ?? {}
      const keys = Object.keys(shape)
      if (keys.length === 0) return fc.constant({})
      return fc.record(Object.fromEntries(keys.map((k) => [k, next(shape[k])]))).map((value) => {
        const out: Record<string, unknown> = {}
        for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v
        return out
      })
    }
    default:
      // never, any, unknown, transform, custom, …: no shape to follow.
      return hostile()
  }
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']

/** Anything a compromised or buggy renderer could send. */
export function hostile(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.anything({
      maxDepth: 3,
      withBigInt: false,
      withNullPrototype: true,
      withObjectString: true,
      withBoxedValues: true,
      withSparseArray: true,
    }),
    fc.jsonValue({ maxDepth: 4 }),
    fc.constantFrom(
      null,
      undefined,
      0,
      -1,
      NaN,
      Infinity,
      -Infinity,
      Number.MAX_SAFE_INTEGER + 2,
      1e308,
      -0,
      '',
      ' ',
      '\u0000',
      'x'.repeat(100_000),
      [],
      [[[[[]]]]],
      true,
    ),
    fc
      .dictionary(fc.constantFrom(...PROTOTYPE_KEYS), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
      .map((o) => JSON.parse(JSON.stringify(o)) as unknown),
    fc.constant(JSON.parse('{"__proto__":{"polluted":true}}') as unknown),
  )
}

type Path = (string | number)[]

function leaves(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path)
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, [...path, i], out))
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out)
  return out
}

function replaceAt(value: unknown, path: Path, replacement: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replacement(value)
  const [head, ...rest] = path
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v))
  const obj = value as Record<string, unknown>
  return { ...obj, [head]: replaceAt(obj[head as string], rest, replacement) }
}

export type Mutation = 'replace' | 'drop' | 'extra'

/** A conforming value, then one change at a random place: the near misses a validator must still catch. */
export function mutated(
  schema: z.ZodType,
): fc.Arbitrary<{ base: unknown; value: unknown; path: Path; mutation: Mutation }> {
  return conforming(schema).chain((base) => {
    const paths = leaves(base)
    return fc
      .record({
        path: fc.constantFrom(...paths),
        mutation: fc.constantFrom<Mutation>('replace', 'drop', 'extra'),
        wrong: hostile(),
        key: fc.string({ minLength: 1, maxLength: 12 }),
      })
      .map(({ path, mutation, wrong, key }) => {
        if (mutation === 'replace') return { base, value: replaceAt(base, path, () => wrong), path, mutation }
        if (mutation === 'drop' && path.length > 0) {
          const parent = path.slice(0, -1)
          const last = path[path.length - 1]
          const value = replaceAt(base, parent, (p) => {
            if (Array.isArray(p)) return p.filter((_, i) => i !== last)
            const { [last as string]: _gone, ...rest } = p as Record<string, unknown>
            return rest
          })
          return { base, value, path, mutation }
        }
        const value = replaceAt(base, path, (p) =>
          p !== null && typeof p === 'object' && !Array.isArray(p)
            ? { ...(p as object), [key]: wrong }
            : wrong,
        )
        return { base, value, path, mutation: 'extra' as const }
      })
  })
}
