// The secuconnect client the app uses: auth, Smart Transactions and loyalty cards over one transport.
import { SECUCONNECT_TESTING_HOST, type SecuconnectConfig } from '../../common/config/secuconnect'
import type { Clock, Logger } from '../../common/ports'
import { createApi } from './api'
import { createAuth, type Auth, type Grant, type Sleep } from './auth'
import { createTransport, type FetchFn } from './http'
import { createMerchantCards, type MerchantCards } from './merchant-cards'
import type { SecretStore } from '../secrets/secret-store'
import { createTransactions, type Timeouts, type Transactions } from './transactions'

export interface SecuconnectClientOptions {
  /** Host without path, e.g. https://connect-testing.secuconnect.com or the simulator's URL. */
  baseUrl: string
  fetch: FetchFn
  clock: Clock
  secretStore: SecretStore
  logger: Logger
  grant: Grant
  clientId: string
  /** Else read from the secret store under `<keyPrefix>client_secret`. */
  clientSecret?: string
  /** The till serial; the device uuid is `/vendor/tresen/serial/<serial>`. */
  deviceSerial: string
  timeouts?: Partial<Timeouts>
  /** Waits between pairing polls and reconcile reads; tests pass one that moves a manual clock. */
  sleep?: Sleep
  /** Secret store key prefix, default `secuconnect.`. */
  keyPrefix?: string
  userAgent?: string
}

export interface SecuconnectClient {
  auth: Omit<Auth, 'accessToken' | 'invalidate'>
  transactions: Transactions
  merchantCards: MerchantCards
}

export const DEFAULT_TIMEOUTS: Timeouts = { readMs: 10_000, writeMs: 30_000, startMs: 150_000 }

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })

export const deviceUuid = (serial: string): string => `/vendor/tresen/serial/${serial}`

export function createSecuconnectClient(opts: SecuconnectClientOptions): SecuconnectClient {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts }
  const sleep = opts.sleep ?? realSleep
  const transport = createTransport({
    baseUrl: opts.baseUrl,
    fetch: opts.fetch,
    clock: opts.clock,
    logger: opts.logger,
    userAgent: opts.userAgent ?? 'Tresen-secuconnect/0.1',
  })
  const auth = createAuth({
    transport,
    clock: opts.clock,
    logger: opts.logger,
    secretStore: opts.secretStore,
    sleep,
    grant: opts.grant,
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    deviceUuid: deviceUuid(opts.deviceSerial),
    timeoutMs: timeouts.writeMs,
    keyPrefix: opts.keyPrefix ?? 'secuconnect.',
  })
  const api = createApi(transport, auth)
  const { accessToken: _a, invalidate: _i, ...publicAuth } = auth
  return {
    auth: publicAuth,
    transactions: createTransactions({ api, logger: opts.logger, sleep, timeouts }),
    merchantCards: createMerchantCards(api, timeouts.readMs, timeouts.writeMs),
  }
}

export interface ConfigDeps {
  fetch: FetchFn
  clock: Clock
  secretStore: SecretStore
  logger: Logger
  /** Where the embedded simulator listens, when `host` is "simulator" (demo mode). */
  simulatorUrl?: string
}

/** Client options from the app config; the demo client id is what the simulator accepts by default. */
export function clientOptionsFromConfig(
  config: SecuconnectConfig,
  deps: ConfigDeps,
): SecuconnectClientOptions {
  const simulated = config.host === 'simulator'
  if (simulated && !deps.simulatorUrl)
    throw new Error('secuconnect host is "simulator" but no simulator URL was given')
  return {
    baseUrl: simulated ? deps.simulatorUrl! : config.host || SECUCONNECT_TESTING_HOST,
    fetch: deps.fetch,
    clock: deps.clock,
    secretStore: deps.secretStore,
    logger: deps.logger,
    grant: config.grant,
    clientId: config.clientId ?? (simulated ? 'tresen-demo' : ''),
    clientSecret: config.clientSecret ?? (simulated ? 'tresen-demo-secret' : undefined),
    deviceSerial: config.deviceSerial,
    timeouts: config.timeouts,
  }
}
