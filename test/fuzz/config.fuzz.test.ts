// Config files as a shop owner's editor leaves them: near-miss JSON of the real schema (one field wrong,
// missing or unknown), arbitrary text and bytes. loadConfig never throws; it accepts exactly what the
// schema accepts, and a refusal names, in German and English, the field that is wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { appConfig } from '../../common/config'
import { fiscalConfigIssues } from '../../main/fiscal/config-check'
import { loadConfig, type LoadedConfig } from '../../main/config/load-config'
import { liveConfigIssues } from '../../main/config/live-rules'
import { budget, fcParams } from './budget'
import { conforming, mutated } from './zod-arbitrary'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tresen-config-fuzz-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function load(text: string | Buffer): Promise<LoadedConfig> {
  const path = join(dir, 'config.json')
  writeFileSync(path, text)
  return loadConfig({ argv: ['--config', path], dataDir: dir })
}

/** What a JSON file can hold of a generated value (NaN → null, undefined dropped, …). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null)) as unknown

function refusalIsReadable(loaded: Extract<LoadedConfig, { ok: false }>): void {
  expect(loaded.message).toMatch(
    /^Tresen startet nicht: die Konfiguration .* ist ungültig\.\nTresen will not start: /,
  )
  expect(loaded.issues.length).toBeGreaterThan(0)
  for (const issue of loaded.issues) {
    expect(issue.path).not.toBe('')
    expect(issue.de.length).toBeGreaterThan(0)
    expect(issue.en.length).toBeGreaterThan(0)
    expect(loaded.message).toContain(`• ${issue.path}: ${issue.de} — ${issue.en}`)
  }
}

const joinPath = (path: readonly PropertyKey[]) => path.map(String).join('.')

/** The oracle: the schema, then (outside demo mode) the live rules; the field paths a refusal names. */
function oracle(json: unknown): { ok: true } | { ok: false; paths: string[] } {
  const parsed = appConfig.safeParse(json)
  if (!parsed.success)
    return { ok: false, paths: parsed.error.issues.map((i) => joinPath(i.path) || '(Wurzel)') }
  // Live rules, then the TSE choice (main/fiscal/config-check.ts), in load-config's order.
  const live = [...liveConfigIssues(json, parsed.data), ...fiscalConfigIssues(json)]
  return live.length === 0 ? { ok: true } : { ok: false, paths: live.map((i) => i.path) }
}

describe('config file fuzz', () => {
  it(
    'accepts exactly what the schema and the live rules accept; a refusal names the broken field',
    { timeout: budget(60_000, 600_000) },
    async () => {
      await fc.assert(
        fc.asyncProperty(mutated(appConfig), async ({ base, value, path, mutation }) => {
          const json = asJson(value)
          const loaded = await load(JSON.stringify(json, null, 2))
          const expected = oracle(json)
          expect(loaded.ok).toBe(expected.ok)
          if (loaded.ok || expected.ok) return
          refusalIsReadable(loaded)
          // The oracle's issues and the message's lines are the same fields.
          expect(loaded.issues.map((i) => i.path)).toEqual(expected.paths)
          // When only the mutation broke the file, a named field leads to where the mutation happened.
          if (!oracle(asJson(base)).ok || appConfig.safeParse(json).success) return
          const target = joinPath(
            mutation === 'drop' || mutation === 'extra'
              ? path.slice(0, mutation === 'drop' ? -1 : undefined)
              : path,
          )
          const named = loaded.issues.map((i) => (i.path === '(Wurzel)' ? '' : i.path))
          const leads = named.some(
            (p) =>
              p === target || target.startsWith(`${p}.`) || p.startsWith(target === '' ? '' : `${target}.`),
          )
          expect(
            leads,
            `mutation ${mutation} at "${target}" but the message names ${JSON.stringify(named)}`,
          ).toBe(true)
        }),
        fcParams(budget(300, 10_000)),
      )
    },
  )

  it(
    'valid configs written by hand (any key order, pretty or not) are accepted with their values',
    { timeout: budget(60_000, 600_000) },
    async () => {
      await fc.assert(
        fc.asyncProperty(conforming(appConfig), fc.boolean(), async (value, pretty) => {
          const json = asJson(value)
          const expected = appConfig.safeParse(json)
          fc.pre(expected.success)
          const loaded = await load(JSON.stringify(json, null, pretty ? 2 : undefined))
          const verdict = oracle(json)
          if (verdict.ok) expect(loaded).toMatchObject({ ok: true, config: expected.data })
          else expect(loaded).toMatchObject({ ok: false, issues: verdict.paths.map((path) => ({ path })) })
        }),
        fcParams(budget(100, 3000)),
      )
    },
  )

  it(
    'arbitrary text and bytes never throw: not-JSON is named as such, JSON of the wrong shape by its fields',
    { timeout: budget(60_000, 600_000) },
    async () => {
      const text = fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
        fc.constantFrom(
          '',
          '\uFEFF',
          '\uFEFF{}',
          'null',
          '[]',
          '{"demo":true,}',
          '{"demo":true}//',
          '\u0000{}',
        ),
      )
      await fc.assert(
        fc.asyncProperty(text, async (t) => {
          const loaded = await load(t)
          if (loaded.ok) return
          refusalIsReadable(loaded)
          if (
            String(t)
              .replace(/^\uFEFF/, '')
              .trim() === ''
          ) {
            expect(loaded.issues).toEqual([expect.objectContaining({ path: '(Datei)' })])
            return
          }
          let parsed: unknown
          try {
            parsed = JSON.parse(String(t).replace(/^\uFEFF/, ''))
          } catch {
            expect(loaded.issues).toEqual([expect.objectContaining({ path: '(JSON)' })])
            return
          }
          expect(oracle(parsed).ok).toBe(false)
          expect(loaded.issues[0].path).not.toBe('(JSON)')
        }),
        fcParams(budget(300, 10_000)),
      )
    },
  )

  it('a config path that is a directory is refused as unreadable, not a crash', async () => {
    const sub = join(dir, 'folder.json')
    mkdirSync(sub, { recursive: true })
    const loaded = await loadConfig({ argv: ['--config', sub], dataDir: dir })
    expect(loaded).toMatchObject({ ok: false, issues: [{ path: '(Datei)' }] })
    if (!loaded.ok) refusalIsReadable(loaded)
  })
})
