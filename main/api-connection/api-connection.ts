// The register's connection to secuconnect: the client, and in demo mode the built-in simulator on
// 127.0.0.1 with device pairing approved automatically. The live host pairs through the settings screen.
import type { AppConfig } from '../../common/config'
import type { Clock, Logger } from '../../common/ports'
import { clientOptionsFromConfig, createSecuconnectClient, type SecuconnectClient } from '../secuconnect'
import type { Timeouts } from '../secuconnect/transactions'
import type { SecretStore } from '../secrets/secret-store'
import type { Simulator } from '../../simulator'
import { randomBytes } from 'node:crypto'
import { AppFailure } from '../../common/result'
import { observedFetch, type Connectivity } from './observed-fetch'

export interface ApiConnection {
  client: SecuconnectClient
  /** The embedded simulator (demo mode), for the demo panel and tests. */
  simulator: Simulator | null
  /** Resolves when the till holds credentials; in demo mode it pairs on its own. */
  ready: Promise<void>
  connectivity(): Connectivity
  onConnectivity(listener: (connectivity: Connectivity) => void): () => void
  close(): Promise<void>
}

/**
 * The built-in simulator, loaded only when demo mode asks for it: a production start never loads its
 * code (the bundler keeps it in its own chunk) and never listens on its port. Its `/__admin/*` endpoints
 * change cards, faults and the clock, so the embedded one answers them only with a token made for this
 * start (`Simulator.adminToken`), which the app keeps in memory.
 */
async function startEmbeddedSimulator(clock: Clock, logger: Logger): Promise<Simulator> {
  const { startSimulator } = await import('../../simulator')
  return startSimulator({
    port: 0,
    clock,
    autoApprove: true,
    logger,
    adminToken: randomBytes(24).toString('base64url'),
  })
}

export async function connectApi(deps: {
  config: AppConfig['secuconnect']
  /** Only demo mode may run the simulator; a live config naming it is refused (main/config/live-rules.ts). */
  demo: boolean
  fetch: typeof globalThis.fetch
  clock: Clock
  secrets: SecretStore
  logger: Logger
  /** Overrides the config's timeouts (tests only; see AppDeps.apiTimeouts). */
  timeouts?: Partial<Timeouts>
}): Promise<ApiConnection> {
  const { config, logger } = deps
  if (config.host === 'simulator' && !deps.demo)
    throw AppFailure.of(
      'VALIDATION',
      'config.simulatorOutsideDemo',
      'secuconnect.host "simulator" is for demo mode only; give the secuconnect host URL',
    )
  const simulator = config.host === 'simulator' ? await startEmbeddedSimulator(deps.clock, logger) : null
  let connectivity: Connectivity = 'unknown'
  const listeners = new Set<(c: Connectivity) => void>()
  const fetch = observedFetch(deps.fetch, (next) => {
    if (next === connectivity) return
    connectivity = next
    logger.log(next === 'online' ? 'info' : 'warn', 'secuconnect.connectivity', { connectivity: next })
    for (const listener of [...listeners]) listener(next)
  })
  const options = clientOptionsFromConfig(config, {
    fetch,
    clock: deps.clock,
    secretStore: deps.secrets,
    logger,
    ...(simulator ? { simulatorUrl: simulator.url } : {}),
  })
  const client = createSecuconnectClient(
    deps.timeouts ? { ...options, timeouts: { ...options.timeouts, ...deps.timeouts } } : options,
  )
  const stop = new AbortController()
  const ready = (async () => {
    if (!simulator) return
    const status = await client.auth.status()
    if (status.paired) return
    if (config.grant === 'device') {
      await client.auth.startDevicePairing()
      await client.auth.waitForPairing({ signal: stop.signal })
    } else {
      await client.auth.clientCredentials()
    }
    logger.log('info', 'secuconnect.demo-paired', { url: simulator.url })
  })()
  // Pairing trouble must not crash the start; it surfaces when a payment needs the API.
  ready.catch((error) => {
    if (!stop.signal.aborted) logger.log('error', 'secuconnect.demo-pairing-failed', { error: String(error) })
  })
  return {
    client,
    simulator,
    ready,
    connectivity: () => connectivity,
    onConnectivity(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    async close() {
      stop.abort()
      // Let a pairing in flight finish or fail before its server goes away.
      await ready.catch(() => {})
      await simulator?.close()
    },
  }
}
