// Starts the real simulator on 127.0.0.1 and the real client against it over HTTP, sharing one manual
// clock so tests can move time (token expiry, pairing expiry) without waiting.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { manualClock, memoryLogger } from '../../../common/ports'
import {
  createSecuconnectClient,
  type BasketProductInput,
  memorySecretStore,
  type SecretStore,
  type SecuconnectClient,
  type SecuconnectClientOptions,
  type SmartTransactionDraft,
} from '../../../main/secuconnect'
import {
  defaultSeed,
  startSimulator,
  type Seed,
  type Simulator,
  type SimulatorOptions,
} from '../../../simulator'

export const GIFT_CARD = '9276004429942845'
export const STAMMKUNDE = '9276004424644352'
export const LOCKED_CARD = '9276004400000018'
export const PASSCODE_CARD = '9276004400000026'
export const UNKNOWN_CARD = '9276009999999999'

const fixtures = join(__dirname, '../../fixtures/secuconnect')
export const fixture = <T>(name: string): T => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as T

export interface Harness {
  sim: Simulator
  client: SecuconnectClient
  clock: ReturnType<typeof manualClock>
  logger: ReturnType<typeof memoryLogger>
  secrets: SecretStore
  /** A fresh client on the same simulator and clock (another process of the till, a restart). */
  newClient(overrides?: Partial<SecuconnectClientOptions>): SecuconnectClient
  close(): Promise<void>
}

export async function startHarness(
  opts: {
    sim?: Omit<SimulatorOptions, 'clock'>
    client?: Partial<SecuconnectClientOptions>
    seed?: (s: Seed) => void
  } = {},
): Promise<Harness> {
  const clock = manualClock()
  const seed = defaultSeed()
  opts.seed?.(seed)
  const sim = await startSimulator({ autoApprove: true, seed, ...opts.sim, clock })
  const logger = memoryLogger()
  const secrets = memorySecretStore()
  const newClient = (overrides: Partial<SecuconnectClientOptions> = {}): SecuconnectClient =>
    createSecuconnectClient({
      baseUrl: sim.url,
      fetch: globalThis.fetch,
      clock,
      secretStore: secrets,
      logger,
      grant: 'device',
      clientId: 'tresen-test',
      clientSecret: 'tresen-test-secret',
      deviceSerial: 'till-7',
      // Waiting moves the shared manual clock instead of real time.
      sleep: async (ms) => clock.advance(ms),
      ...opts.client,
      ...overrides,
    })
  return { sim, client: newClient(), clock, logger, secrets, newClient, close: () => sim.close() }
}

/** Pair the till (the simulator auto-approves unless told otherwise). */
export async function pair(client: SecuconnectClient): Promise<void> {
  await client.auth.startDevicePairing()
  await client.auth.waitForPairing()
}

export function basket796(cardnumber?: string): SmartTransactionDraft {
  const { products } = fixture<{ products: BasketProductInput[] }>('basket-796.json')
  return {
    is_demo: true,
    ...(cardnumber ? { idents: [{ type: 'card' as const, value: cardnumber }] } : {}),
    basket: { products },
    basket_info: { sum: 796, currency: 'EUR' },
  }
}

/** Receipt text as it reads, with the per-run TA codes replaced and the examples' stray trailing spaces trimmed. */
export function normaliseReceipt(lines: unknown[]): unknown[] {
  return JSON.parse(
    JSON.stringify(lines, (key, value: unknown) => {
      if (typeof value !== 'string') return value
      if (key === 'name') return value.trimEnd()
      return value
    }),
  ).map((line: { type: string; value?: { name?: string; value?: string } }) =>
    line.type === 'name-value' && line.value?.name === 'TA Code:'
      ? { ...line, value: { ...line.value, value: '<TA>' } }
      : line,
  )
}
