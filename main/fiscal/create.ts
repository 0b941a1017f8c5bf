// Picks the TSE from config: fiskaly (credentials from the secret store), the simulator (started here
// on 127.0.0.1 and set up automatically: demo mode), or none ("TSE: nicht angeschlossen").
import { randomBytes } from 'node:crypto'
import type { AppConfig } from '../../common/config'
import { AppFailure } from '../../common/result'
import { tillSerialOf, tseKind } from '../../common/config/fiscal'
import type { Clock, Logger } from '../../common/ports'
import type { SecretStore } from '../secrets/encrypted-file-store'
import { createFiskalyTse, SECRET_KEYS } from './fiskaly/client'
import type { FetchFn } from './fiskaly/http'
import type { Tse } from './tse'
import type { TseSimulator } from '../../simulator/tse'

export interface FiscalDeviceDeps {
  config: AppConfig
  fetch: FetchFn
  clock: Clock
  logger: Logger
  secrets: SecretStore
}

export interface FiscalDevice {
  tse: Tse | null
  /** The embedded simulator (demo, `fiscal.tse: "simulator"`); tests inject faults through it. */
  simulator: TseSimulator | null
  close(): Promise<void>
}

// Fixed ids for the demo TSS: the simulator lives in memory, so each start creates it anew.
const DEMO_TSS_ID = '5e1f0000-0000-4000-8000-000000000001'
const DEMO_CLIENT_ID = '5e1f0000-0000-4000-8000-000000000002'

export async function createFiscalDevice(deps: FiscalDeviceDeps): Promise<FiscalDevice> {
  const { config } = deps
  const kind = tseKind(config)
  const serial = tillSerialOf(config)
  if (kind === 'none') return { tse: null, simulator: null, close: async () => {} }
  if (kind === 'fiskaly') {
    const tse = createFiskalyTse({
      kind,
      baseUrl: config.fiscal.fiskaly.baseUrl,
      fetch: deps.fetch,
      clock: deps.clock,
      logger: deps.logger,
      secrets: deps.secrets,
      tillSerial: serial,
      ...(config.fiscal.fiskaly.tssId ? { tssId: config.fiscal.fiskaly.tssId } : {}),
      ...(config.fiscal.fiskaly.clientId ? { clientId: config.fiscal.fiskaly.clientId } : {}),
      timeouts: config.fiscal.timeouts,
    })
    return { tse, simulator: null, close: async () => {} }
  }
  // Only demo mode may sign with the simulator: its signatures are worthless for a real till.
  if (!config.demo)
    throw AppFailure.of(
      'CONFLICT',
      'fiscal.error.simulatorOutsideDemo',
      'fiscal.tse "simulator" is for demo mode only; use "fiskaly"',
    )
  // Loaded only when used, so a fiskaly till does not carry the simulator's code path at start.
  const { startTseSimulator } = await import('../../simulator/tse')
  const key = 'tresen-demo-key'
  const secret = 'tresen-demo-secret'
  const simulator = await startTseSimulator({
    port: config.fiscal.simulatorPort,
    credentials: { key, secret },
    // Its admin hooks (faults, disable, expire) answer only this start's token.
    adminToken: randomBytes(24).toString('base64url'),
    // The demo till runs for days: its tests look at recent requests only.
    requestLogLimit: 1000,
  })
  simulator.provision(DEMO_TSS_ID, DEMO_CLIENT_ID, serial)
  const secrets: SecretStore = {
    // The simulator's credentials never touch the real secret store.
    get: async (k) =>
      ({ [SECRET_KEYS.apiKey]: key, [SECRET_KEYS.apiSecret]: secret, [SECRET_KEYS.adminPin]: '123456' })[k] ??
      null,
    set: async () => {},
    delete: async () => {},
  }
  const tse = createFiskalyTse({
    kind: 'simulator',
    baseUrl: simulator.url,
    fetch: deps.fetch,
    clock: deps.clock,
    logger: deps.logger,
    secrets,
    tillSerial: serial,
    tssId: DEMO_TSS_ID,
    clientId: DEMO_CLIENT_ID,
    timeouts: config.fiscal.timeouts,
  })
  deps.logger.log('info', 'fiscal.simulator-started', { url: simulator.url })
  return { tse, simulator, close: () => simulator.close() }
}
