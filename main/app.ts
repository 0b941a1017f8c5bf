// The composition root: one function builds the register's services from a validated config, for
// Electron, for the browser host and for tests. Each caller passes its own collaborators.
import type { AppConfig } from '../common/config'
import type { AppInfo, Locale } from '../common/ipc/contract'
import type { Clock, Logger } from '../common/ports'
import { createDispatcher, type Dispatch, type Handlers } from './ipc/dispatcher'
import { createEventBus, type EventBus } from './ipc/event-bus'
import type { SecretStore } from './secrets/encrypted-file-store'
import { version } from '../package.json'

export interface AppDeps {
  config: AppConfig
  dataDir: string
  clock: Clock
  logger: Logger
  fetch: typeof globalThis.fetch
  secrets: SecretStore
  transport: AppInfo['transport']
}

export interface App {
  config: AppConfig
  dispatch: Dispatch
  events: EventBus
  info(): AppInfo
  close(): Promise<void>
}

export async function createApp(deps: AppDeps): Promise<App> {
  const { config, clock, logger } = deps
  const events = createEventBus(logger)
  const startedAt = new Date(clock.now()).toISOString()
  let locale: Locale = config.locale

  const info = (): AppInfo => ({
    name: 'Tresen',
    version,
    demo: config.demo,
    locale,
    transport: deps.transport,
    startedAt,
    shopName: config.shop.name,
  })

  const handlers: Handlers = {
    'app.info': () => info(),
    'app.setLocale': ({ locale: next }) => {
      locale = next
      events.publish('app.localeChanged', { locale })
      return { locale }
    },
    'devices.status': () => [],
  }

  const dispatch = createDispatcher(handlers, logger)
  logger.log('info', 'app.started', { demo: config.demo, transport: deps.transport, version })

  return {
    config,
    dispatch,
    events,
    info,
    async close() {
      logger.log('info', 'app.closed')
    },
  }
}
