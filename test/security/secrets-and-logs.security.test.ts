// Secrets and card numbers: the real app (demo config, embedded simulator) with the production logger
// (main/logger.ts streamLogger, at debug level, captured line by line) and the encrypted secret store on
// disk, taken through pairing and every kind of card sale — a secucard scanned as a magstripe swipe and
// typed in, a wrong and a right PIN, a top-up, a terminal payment, a locked, an unknown and a payment
// card, a storno that cancels a card payment. Afterwards:
//   • no log line holds a card number (no run of 15–19 digits, no 4-4-4-4 group), a Bearer header,
//     a token, the client secret or the typed PIN;
//   • no file in the data dir holds any secret the app stored in plain text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { appConfig } from '../../common/config'
import type { CheckoutView } from '../../common/checkout'
import type { Logger } from '../../common/ports'
import { streamLogger } from '../../main/logger'
import {
  encryptedFileSecretStore,
  type Cipher,
  type SecretStore,
} from '../../main/secrets/encrypted-file-store'
import { createTestApp, type TestApp } from '../helpers/test-app'

const STAMMKUNDE = '9276004424644352'
const PIN_CARD = '9276004400000026'
const LOCKED_CARD = '9276004400000018'
const UNKNOWN_CARD = '9276009999999999'
const PAYMENT_CARD = '4111111111111111'
const CLIENT_SECRET = 'S3cr3t-of-the-bakery-0815'
const CARDS = [STAMMKUNDE, PIN_CARD, LOCKED_CARD, UNKNOWN_CARD, PAYMENT_CARD]

// Stands in for safeStorage: a keyed byte rotation; what it writes never contains the plain text.
const cipher: Cipher = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(Buffer.from(s, 'utf8').map((b, i) => (b + 7 + (i % 13)) & 0xff)),
  decryptString: (b) => Buffer.from(b.map((x, i) => (x - 7 - (i % 13)) & 0xff)).toString('utf8'),
}

/** The encrypted store, recording every value the app puts in it (and the token inside the access-token JSON). */
function recordingStore(inner: SecretStore, seen: Set<string>): SecretStore {
  return {
    get: (key) => inner.get(key),
    delete: (key) => inner.delete(key),
    async set(key, value) {
      seen.add(value)
      try {
        const parsed = JSON.parse(value) as { token?: unknown }
        if (typeof parsed.token === 'string') seen.add(parsed.token)
      } catch {
        // not JSON: the value itself is the secret
      }
      await inner.set(key, value)
    },
  }
}

let t: TestApp
const lines: string[] = []
const secrets = new Set<string>([CLIENT_SECRET])

async function send<T = CheckoutView>(command: string, input: unknown = {}): Promise<T> {
  const result = await t.app.dispatch(command, input)
  if (!result.ok) throw new Error(`${command}: ${result.error.messageKey} ${result.error.message}`)
  await t.app.checkout.idle()
  return result.value as T
}
const view = () => send<CheckoutView>('checkout.view')
const add = (productId: string) => send('basket.addProduct', { productId, quantity: 1 })

async function paid(): Promise<CheckoutView> {
  const v = await view()
  expect(v.phase, JSON.stringify(v.error)).toBe('paid')
  await send('checkout.done')
  return v
}

beforeAll(async () => {
  const logger: Logger = streamLogger((line) => void lines.push(line), { now: () => Date.now() }, 'debug')
  // createTestApp makes the data dir; the secret store lives in it like in the Electron app.
  const dir = (await import('node:fs')).mkdtempSync(
    join((await import('node:os')).tmpdir(), 'tresen-secrets-'),
  )
  t = await createTestApp({
    dataDir: dir,
    logger,
    secrets: recordingStore(encryptedFileSecretStore(join(dir, 'secrets.bin'), cipher, logger), secrets),
    config: appConfig.parse({
      demo: true,
      receipt: { policy: 'always' },
      secuconnect: { host: 'simulator', clientSecret: CLIENT_SECRET },
    }),
  })
  await t.app.api.ready
  await t.app.checkout.recovery
  await send('seller.login', { sellerId: 'anna', pin: '1111' })

  // A secucard swiped on a magstripe reader (track 2), its balance applied, the rest in cash.
  await add('kaffee')
  await add('laugenbrezel')
  t.app.devices.virtual.scanner.inject(`;${STAMMKUNDE}=2512101?`)
  await t.app.checkout.idle()
  expect((await view()).card?.last4).toBe('4352')
  await send('checkout.applyCard')
  await send('checkout.payCash', { tendered: 5000 })
  const cardSale = await paid()

  // The PIN card typed in: a wrong PIN, the right one, paid fully from the card.
  await add('kaesekuchen')
  await send('card.attach', { cardNumber: PIN_CARD })
  await send('card.verifyPin', { pin: '0000' })
  await send('card.verifyPin', { pin: '1234' })
  await send('checkout.payLoyalty')
  await paid()

  // A top-up, a terminal payment.
  await add('topup-10')
  await send('card.attach', { cardNumber: STAMMKUNDE })
  await send('checkout.payCash', { tendered: 1000 })
  await paid()
  await add('kaffee')
  await send('checkout.payTerminal')
  await paid()

  // Cards that are refused: locked, unknown, and a bank card's track (never ours to read).
  await add('kaffee')
  for (const card of [LOCKED_CARD, UNKNOWN_CARD]) {
    await send('card.attach', { cardNumber: card })
    await send('card.detach')
  }
  t.app.devices.virtual.scanner.inject(`;${PAYMENT_CARD}=2612101123?`)
  t.app.devices.virtual.scanner.inject(`%B${PAYMENT_CARD}^MUSTERMANN/ERIKA^2612101?`)
  await send('checkout.payCash', {})
  await paid()

  // The card sale cancelled: a cancel call with the card's transaction.
  await send('seller.login', { sellerId: 'chefin', pin: '9999' })
  await send('storno.execute', {
    saleId: cardSale.result!.saleId,
    reason: 'Kunde reklamiert',
    managerPin: '9999',
  })
  await t.app.checkout.idle()
}, 60_000)

afterAll(async () => {
  await t?.dispose()
})

describe('logs', () => {
  it('were written (the run logged its API calls and scans)', () => {
    expect(lines.length).toBeGreaterThan(50)
    expect(lines.some((l) => l.includes('"scan.card"') || l.includes('"scanner.scan"'))).toBe(true)
    // The cards did pass through logging code: what reached the log is their masked form.
    for (const last4 of ['4352', '0026', '1111'])
      expect(
        lines.some((l) => l.includes(`•••• •••• •••• ${last4}`)),
        last4,
      ).toBe(true)
  })

  it('hold no card number, however it is spelled', () => {
    for (const line of lines) {
      expect(line, line).not.toMatch(/(?<!\d)\d{15,19}(?!\d)/)
      expect(line, line).not.toMatch(/(?<!\d)\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}(?!\d)/)
      for (const card of CARDS) expect(line, line).not.toContain(card.slice(4, 12))
    }
  })

  it('hold no Bearer header, token, client secret or typed PIN', () => {
    expect(secrets.size).toBeGreaterThan(2)
    for (const line of lines) {
      expect(line, line).not.toMatch(/bearer\s+\S/i)
      for (const secret of secrets)
        if (secret.length >= 8) expect(line.includes(secret), `a secret in: ${line}`).toBe(false)
      expect(line, line).not.toMatch(/"(pin|passcode|pinCode)"\s*:\s*"?\d{4,6}/i)
      expect(line, line).not.toMatch(/[?&](pin|passcode)=\d/i)
    }
  })
})

describe('secrets on disk', () => {
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? files(path) : [path]
    })
  }

  it('no file in the data dir holds a secret in plain text (journal, WAL, secret store, config)', async () => {
    await t.app.checkout.idle()
    const all = files(t.dataDir)
    expect(all.some((f) => f.endsWith('secrets.bin'))).toBe(true)
    for (const file of all) {
      const bytes = readFileSync(file)
      for (const secret of secrets) {
        if (secret.length < 8) continue
        for (const encoding of ['utf8', 'utf16le'] as const)
          expect(bytes.includes(Buffer.from(secret, encoding)), `${secret.slice(0, 4)}… in ${file}`).toBe(
            false,
          )
      }
    }
  })

  it('the stored secrets come back through the store (encrypted, not lost)', async () => {
    const store = encryptedFileSecretStore(join(t.dataDir, 'secrets.bin'), cipher, { log: () => {} })
    expect(await store.get('secuconnect.refresh_token')).not.toBeNull()
  })
})
