// Every message key the register, checkout and device layers send to the counter UI has a German and an
// English text, so the cashier never sees a raw key. Keys are collected from the services' sources and
// from the checkout's key list (main/checkout/messages.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { de } from '../../../renderer/src/i18n/de'
import { en } from '../../../renderer/src/i18n/en'
import { BUSY_KEYS, CARD_KEYS, ERROR_KEYS, REGISTER_LOCK_KEY } from '../../../main/checkout/messages'
import { deviceKind, deviceState } from '../../../common/devices'

const ROOT = join(__dirname, '..', '..', '..')

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((entry) => {
    const path = join(dir, entry)
    return statSync(join(ROOT, path)).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : []
  })
}

/** Keys of the namespaces the counter UI translates (back office and settings keep theirs). */
const COUNTER =
  /^(basket|seller|register|checkout|device|status|central|error\.secuconnect\.(api|timeout|network|badResponse))\./

function collectedKeys(): string[] {
  const keys = new Set<string>([
    ...Object.values(CARD_KEYS),
    ...Object.values(BUSY_KEYS),
    ...Object.values(ERROR_KEYS),
    REGISTER_LOCK_KEY,
  ])
  for (const file of [...sources('main'), ...sources('hardware')]) {
    const text = readFileSync(join(ROOT, file), 'utf8')
    for (const m of text.matchAll(/AppFailure\.of\(\s*'[A-Z_]+',\s*'([^']+)'/g)) keys.add(m[1])
    for (const m of text.matchAll(/messageKey: '([^']+)'/g)) keys.add(m[1])
    for (const m of text.matchAll(/'(device\.[a-z]+\.[a-zA-Z]+)'/g)) keys.add(m[1])
  }
  // main/register/basket.ts builds its keys as basket.error.<key> through invalid() / notFound().
  const basket = readFileSync(join(ROOT, 'main/register/basket.ts'), 'utf8')
  for (const m of basket.matchAll(/\b(?:invalid|notFound)\(\s*'([a-zA-Z]+)'/g))
    keys.add(`basket.error.${m[1]}`)
  for (const kind of deviceKind.options) keys.add(`device.${kind}.noDriver`)
  for (const state of deviceState.options) keys.add(`status.state.${state}`)
  return [...keys].filter((k) => COUNTER.test(k)).sort()
}

const lookup = (messages: object, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
      messages,
    )

describe('counter message keys', () => {
  const keys = collectedKeys()

  it('finds the keys the services send', () => {
    expect(keys).toContain('basket.error.unknownPlu')
    expect(keys).toContain('checkout.card.locked')
    expect(keys).toContain('seller.error.wrongPin')
    expect(keys.length).toBeGreaterThan(60)
  })

  it.each([
    ['de', de],
    ['en', en],
  ])('has a %s text for every one of them', (_, messages) => {
    expect(keys.filter((k) => typeof lookup(messages, k) !== 'string')).toEqual([])
  })
})
