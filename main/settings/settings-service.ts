// The settings screen's side in main: shop header, receipt policy and language (manager only, saved to
// the config file and live at once), the configured devices, what is plugged in, and a test print.
//
// The AppConfig object handed to createApp is the live config: an update replaces `config.shop`,
// `config.receipt` and `config.locale` on that same object (whole sub-objects, never edited inside), so
// a service that reads `config.receipt.policy` or `config.shop` when it needs them sees the change at
// once. `current()` returns that object; `onChange` tells who must react (the locale event).
import type { AppConfig } from '../../common/config'
import type { AttachedDevice } from '../../common/devices'
import type { SettingsView } from '../../common/ipc/settings-contract'
import type { Clock, Logger } from '../../common/ports'
import type { DeviceManager } from '../../hardware/manager/device-manager'
import type { EventBus } from '../ipc/event-bus'
import type { AtomicWriteOps } from '../config/atomic-write'
import { saveSettings, type SettingsPatch } from '../config/save-config'
import { deviceSummaries } from './device-summary'
import { testPrintDocument } from './test-print'
import { deviceConfigFor } from '../../common/config/device-pick'
import { AppFailure } from '../../common/result'
import type { DeviceKind } from '../../common/devices'

export type SettingsField = keyof SettingsPatch

export interface LiveSettings {
  /** The live config (the very object createApp was given); read fields when needed, do not keep them. */
  current(): AppConfig
  /** Called after a saved change, with the fields that changed. */
  onChange(listener: (config: AppConfig, changed: SettingsField[]) => void): () => void
}

export interface SettingsServiceDeps {
  config: AppConfig
  /** Where settings are saved: the --config file, or config.json in the data dir. */
  configPath: string
  devices: DeviceManager
  /** The register's manager check (active manager, or a manager PIN); throws FORBIDDEN. */
  authorizeManager(managerPin?: string): { id: string }
  events: EventBus
  clock: Clock
  logger: Logger
  /** Tests replace the file system calls of the atomic write. */
  writeOps?: AtomicWriteOps
}

type SelectDeviceInput = { kind: DeviceKind; bus: AttachedDevice['bus']; path: string; managerPin?: string }

type UpdateInput = {
  shop?: AppConfig['shop']
  receiptPolicy?: AppConfig['receipt']['policy']
  locale?: AppConfig['locale']
  managerPin?: string
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** What the settings screen lists besides the real buses: the twins demo mode works with. */
function virtualAttached(devices: DeviceManager): AttachedDevice[] {
  const twins = devices.virtual
  const entry = (kind: string): AttachedDevice => ({
    bus: 'virtual',
    path: `virtual:${kind}`,
    manufacturer: 'Tresen',
    product: `virtual ${kind}`,
  })
  return [
    entry('scanner'),
    ...(twins.printer ? [entry('printer')] : []),
    ...(twins.drawer ? [entry('drawer')] : []),
  ]
}

export function createSettingsService(deps: SettingsServiceDeps) {
  const { config, devices, events, clock, logger } = deps
  const listeners = new Set<(config: AppConfig, changed: SettingsField[]) => void>()
  // Updates run one after another: each re-reads and rewrites the file, so two at once could lose one.
  let queue: Promise<unknown> = Promise.resolve()
  let testPrints = 0
  // Devices are built once at start (their drivers hold ports and queues); a saved pick waits for it.
  const restartRequired = new Set<DeviceKind>()

  const view = (): SettingsView => ({
    shop: config.shop,
    receiptPolicy: config.receipt.policy,
    locale: config.locale,
    tillId: config.tillId,
    demo: config.demo,
    devices: deviceSummaries(devices.config),
    restartRequired: [...restartRequired],
  })

  const serialize = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work)
    queue = run.catch(() => {})
    return run
  }

  async function update(input: UpdateInput): Promise<SettingsView> {
    const manager = deps.authorizeManager(input.managerPin)
    const patch: SettingsPatch = {
      ...(input.shop !== undefined && !same(input.shop, config.shop) ? { shop: input.shop } : {}),
      ...(input.receiptPolicy !== undefined && input.receiptPolicy !== config.receipt.policy
        ? { receiptPolicy: input.receiptPolicy }
        : {}),
      ...(input.locale !== undefined && input.locale !== config.locale ? { locale: input.locale } : {}),
    }
    const changed = Object.keys(patch) as SettingsField[]
    if (changed.length === 0) return view()
    const saved = await saveSettings(deps.configPath, patch, {
      demo: config.demo,
      ...(deps.writeOps ? { ops: deps.writeOps } : {}),
    })
    // Only the changed fields go live: anything else edited in the file by hand waits for a restart,
    // as it would have without this update.
    if (patch.shop) config.shop = saved.shop
    if (patch.receiptPolicy) config.receipt = saved.receipt
    if (patch.locale) config.locale = saved.locale
    logger.log('info', 'settings.changed', { fields: changed, by: manager.id, path: deps.configPath })
    const next = view()
    events.publish('settings.changed', next)
    for (const listener of [...listeners]) {
      try {
        listener(config, changed)
      } catch (error) {
        logger.log('error', 'settings.listener-failed', { error: String(error) })
      }
    }
    return next
  }

  async function selectDevice(input: SelectDeviceInput): Promise<SettingsView> {
    const manager = deps.authorizeManager(input.managerPin)
    // Only what the till sees plugged in right now can be picked: the block is built from its identity.
    const device = (await attached()).find((d) => d.bus === input.bus && d.path === input.path)
    if (!device)
      throw AppFailure.of(
        'NOT_FOUND',
        'settings.error.deviceGone',
        `No ${input.bus} device at ${input.path} any more`,
        {
          path: input.path,
        },
      )
    // The scale is configured in the config file only (its protocol and serial framing are the scale's).
    const kind = input.kind
    const block = kind === 'scale' ? null : deviceConfigFor(device, kind)
    if (!block || kind === 'scale')
      throw AppFailure.of(
        'VALIDATION',
        'settings.error.deviceKind',
        `A ${input.bus} device cannot be the ${input.kind}`,
        {
          kind: input.kind,
        },
      )
    await saveSettings(
      deps.configPath,
      { device: { kind, config: block } },
      {
        demo: config.demo,
        ...(deps.writeOps ? { ops: deps.writeOps } : {}),
      },
    )
    restartRequired.add(input.kind)
    logger.log('info', 'settings.device-selected', {
      kind: input.kind,
      bus: device.bus,
      by: manager.id,
      path: deps.configPath,
    })
    const next = view()
    events.publish('settings.changed', next)
    return next
  }

  async function attached(): Promise<AttachedDevice[]> {
    let found: AttachedDevice[] = []
    try {
      found = await devices.listAttached()
    } catch (error) {
      // listAttached skips a failing bus itself; this catches a lister that could not even be built.
      logger.log('warn', 'devices.list-failed', { bus: 'all', error: String(error) })
    }
    return config.demo ? [...found, ...virtualAttached(devices)] : found
  }

  async function testPrint(): Promise<{ status: 'printed' | 'failed'; messageKey: string | null }> {
    const key = `test-print-${new Date(clock.now()).toISOString()}-${++testPrints}`
    try {
      const outcome = await devices.printer.print({ key, document: testPrintDocument(config, clock.now()) })
      logger.log(outcome.status === 'failed' ? 'warn' : 'info', 'settings.test-print', {
        key,
        status: outcome.status,
      })
      return outcome.status === 'failed'
        ? { status: 'failed', messageKey: outcome.messageKey }
        : { status: 'printed', messageKey: null }
    } catch (error) {
      logger.log('error', 'settings.test-print', { key, status: 'failed', error: String(error) })
      return { status: 'failed', messageKey: 'status.state.error' }
    }
  }

  const live: LiveSettings = {
    current: () => config,
    onChange(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }

  return {
    ...live,
    view,
    handlers: {
      'settings.get': () => view(),
      'settings.update': (input: UpdateInput) => serialize(() => update(input)),
      'settings.selectDevice': (input: SelectDeviceInput) => serialize(() => selectDevice(input)),
      'devices.attached': () => attached(),
      'devices.testPrint': () => testPrint(),
    },
  }
}
