// The secuconnect connection as the till shows it: host, pairing, connectivity. Device pairing runs in
// the background after `pairing.start`, so the UI shows the user code at once and learns of the
// confirmation through `api.changed`.
import type { AppConfig } from '../../common/config'
import type { ApiStatus } from '../../common/api-status'
import { SECUCONNECT_LIVE_HOST, SECUCONNECT_TESTING_HOST } from '../../common/config/secuconnect'
import { AppFailure } from '../../common/result'
import type { Logger } from '../../common/ports'
import { toAppError } from '../secuconnect'
import type { EventBus } from '../ipc/event-bus'
import type { ApiConnection } from './api-connection'

function hostKind(host: string): ApiStatus['host'] {
  if (host === 'simulator') return 'simulator'
  const origin = (url: string) => new URL(url).origin
  if (origin(host) === origin(SECUCONNECT_TESTING_HOST)) return 'testing'
  if (origin(host) === origin(SECUCONNECT_LIVE_HOST)) return 'live'
  return 'custom'
}

export function createApiStatusService(deps: {
  api: ApiConnection
  config: AppConfig['secuconnect']
  events: EventBus
  logger: Logger
}) {
  const { api, config, events, logger } = deps
  let pairingRun: AbortController | null = null
  let lastError: ApiStatus['error'] = null

  async function status(): Promise<ApiStatus> {
    const auth = await api.client.auth.status()
    return {
      host: hostKind(config.host),
      grant: auth.grant,
      paired: auth.paired,
      pairing:
        auth.pairing && pairingRun
          ? {
              userCode: auth.pairing.userCode,
              verificationUrl: auth.pairing.verificationUrl,
              expiresAt: new Date(auth.pairing.expiresAt).toISOString(),
            }
          : null,
      connectivity: api.connectivity(),
      error: lastError,
    }
  }

  const publish = async () => events.publish('api.changed', await status())
  const offConnectivity = api.onConnectivity(() => void publish())
  void api.ready.then(publish, publish)

  return {
    status,
    handlers: {
      'api.status': () => status(),
      'pairing.start': async () => {
        if (config.grant !== 'device') {
          throw AppFailure.of(
            'CONFLICT',
            'api.error.noPairing',
            'This till uses client credentials; there is nothing to pair',
          )
        }
        pairingRun?.abort()
        const run = new AbortController()
        pairingRun = run
        lastError = null
        try {
          await api.client.auth.startDevicePairing()
        } catch (error) {
          pairingRun = null
          const appError = toAppError(error)
          lastError = { messageKey: appError.messageKey, message: appError.message }
          await publish()
          throw new AppFailure(appError)
        }
        void api.client.auth
          .waitForPairing({ signal: run.signal })
          .then(
            () => logger.log('info', 'secuconnect.paired'),
            (error: unknown) => {
              if (run.signal.aborted) return
              const appError = toAppError(error)
              lastError = { messageKey: appError.messageKey, message: appError.message }
              logger.log('warn', 'secuconnect.pairing-failed', { messageKey: appError.messageKey })
            },
          )
          .finally(() => {
            if (pairingRun === run) pairingRun = null
            void publish()
          })
        return status()
      },
      'pairing.cancel': async () => {
        pairingRun?.abort()
        pairingRun = null
        await publish()
        return status()
      },
    },
    close() {
      pairingRun?.abort()
      offConnectivity()
    },
  }
}
