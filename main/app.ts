// The composition root: one function builds the register's services from a validated config, for
// Electron, for the browser host and for tests. Each caller passes its own collaborators.
import type { AppConfig } from '../common/config'
import type { AppInfo, Locale } from '../common/ipc/contract'
import type { Clock, Logger } from '../common/ports'
import { createDispatcher, type Dispatch, type Handlers } from './ipc/dispatcher'
import { createEventBus, type EventBus } from './ipc/event-bus'
import type { SecretStorageKind, SecretStore } from './secrets/encrypted-file-store'
import { loadCatalogue, refuseEmptyCatalogue } from './catalog/load'
import { createRegisterService } from './register/register-service'
import { createWeighingService } from './register/weighing'
import { createDeviceManager, type DeviceManager } from '../hardware/manager/device-manager'
import { openJournal, type Journal } from './journal'
import { connectApi, type ApiConnection } from './api-connection/api-connection'
import type { Timeouts } from './secuconnect/transactions'
import { createApiStatusService } from './api-connection/api-status-service'
import { createCheckoutService, type CheckoutService, type CheckoutTuning } from './checkout/checkout-service'
import { createSettingsService, type LiveSettings } from './settings/settings-service'
import { createDemoService } from './demo/demo-service'
import { CONFIG_FILE_NAME } from './config/load-config'
import { join } from 'node:path'
import { createBackofficeService } from './backoffice/backoffice-service'
import { createCounterService } from './counter/counter-service'
import { DEFAULT_TIME_ZONE } from './journal/local-day'
import { AppFailure } from '../common/result'
import { createFiscalExportService } from './fiscal-export/service'
import { version } from '../package.json'
import { createFiscalDevice, type FiscalDevice } from './fiscal/create'
import { createFiscalService, type FiscalService } from './fiscal/lifecycle'
import { fiscalPart } from './checkout/complete'
import { createFiscalHandlers } from './fiscal/handlers'
import { linkTillToCentral } from './central/till-link'
import { MASTER_CACHE_FILE, readMasterCache } from './central/master-data'
import { createZSafeguards, type HeadAnchor } from './journal/z-safeguards'
import { DEFAULT_BACKUP_DIR } from './journal/backup'

export interface AppDeps {
  config: AppConfig
  dataDir: string
  clock: Clock
  logger: Logger
  fetch: typeof globalThis.fetch
  secrets: SecretStore
  transport: AppInfo['transport']
  /** Tests may pass their own device manager; otherwise one is built from `config.devices`. */
  devices?: DeviceManager
  /** The config file settings are saved to (the one read, or `--config`); config.json in `dataDir` if absent. */
  configPath?: string
  /** Where `secrets` keeps its values (boot decides); memory when absent. */
  secretStorage?: SecretStorageKind
  /** Tests: hooks at the named points of a payment (the crash test kills the process at one), read-back pace. */
  checkout?: CheckoutTuning
  /** The TSE's part in the Z closing: signs the journal's chain head (main/journal/z-safeguards.ts). */
  headAnchor?: HeadAnchor
  /**
   * Tests: shorter secuconnect client timeouts than the config allows (a start waits ≥ 120 s by design),
   * so a hung start is tested in the default run. Never set by the Electron or host entry.
   */
  apiTimeouts?: Partial<Timeouts>
}

export interface App {
  /** The live config: settings changes replace its `shop`, `receipt` and `locale` in place. */
  config: AppConfig
  /** Current settings and their changes (main/settings); read `settings.current()` when needed. */
  settings: LiveSettings
  devices: DeviceManager
  journal: Journal
  api: ApiConnection
  /** The payment state machines; `checkout.recovery` says what recovery on start did. */
  checkout: CheckoutService
  /** The TSE lifecycle (main/fiscal) and its device; `fiscalDevice.simulator` in demo mode. */
  fiscal: FiscalService
  fiscalDevice: FiscalDevice
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
    secretStorage: deps.secretStorage ?? 'memory',
  })

  const loaded = await loadCatalogue(config.catalog)
  // A till of a shop with a head office sells with the master data it last received, even offline.
  const master = config.central ? await readMasterCache(join(deps.dataDir, MASTER_CACHE_FILE), logger) : null
  if (master?.data.shop) config.shop = master.data.shop
  if (master?.data.sellers) config.sellers = master.data.sellers
  // Discount rules from the head office replace the config's own while a version carries them.
  const ownDiscounts = config.discounts
  if (master?.data.discounts) config.discounts = master.data.discounts
  const catalogue = master ? { ...loaded, catalogue: master.data.catalogue } : loaded
  // A live till with nothing to sell is a broken catalogue, not an empty shop.
  if (!config.demo) refuseEmptyCatalogue(catalogue.report)
  if (catalogue.report.problems.length > 0) {
    logger.log('warn', 'catalog.import-problems', {
      source: catalogue.report.source,
      problems: catalogue.report.problems,
    })
  }
  const journal = openJournal({ dataDir: deps.dataDir, clock, logger })
  const api = await connectApi({
    config: config.secuconnect,
    demo: config.demo,
    ...(deps.apiTimeouts ? { timeouts: deps.apiTimeouts } : {}),
    fetch: deps.fetch,
    clock,
    secrets: deps.secrets,
    logger,
  }).catch((error: unknown) => {
    journal.close()
    throw error
  })
  const apiStatus = createApiStatusService({ api, config: config.secuconnect, events, logger })
  const fiscalDevice = await createFiscalDevice({
    config,
    fetch: deps.fetch,
    clock,
    logger,
    secrets: deps.secrets,
  })
  const fiscal = createFiscalService({
    config,
    journal,
    tse: fiscalDevice.tse,
    clock,
    logger,
    onChange: (view) => events.publish('fiscal.changed', view),
  })
  // The TSE's certificate is kept in the journal for the DSFinV-K tse.csv (also the CLI export, which
  // has no TSE at hand); read in the background, a TSE that does not answer now is read at the next start.
  const certificateRead = fiscalDevice.tse
    ? fiscalDevice.tse
        .status()
        .then((s) => {
          if (s.serial && s.certificate) journal.tse.recordCertificate(s.serial, s.certificate)
        })
        .catch((error: unknown) => logger.log('warn', 'fiscal.certificate-unread', { error: String(error) }))
    : Promise.resolve()
  // Transactions ACTIVE or half-finished from before a crash are settled first (bounded), so a
  // recovered sale's receipt carries the signature its finish got.
  const fiscalRecovered = Promise.race([
    fiscal
      .recover()
      .catch((error: unknown) => logger.log('error', 'fiscal.recover-failed', { error: String(error) })),
    new Promise<void>((resolve) => setTimeout(resolve, 3 * config.fiscal.timeouts.txMs).unref()),
  ])
  let inStoreLayout = config.devices.scanning.inStore
  const register = createRegisterService({
    catalogue: catalogue.catalogue,
    sellers: config.sellers,
    events,
    clock,
    logger,
    discounts: () => config.discounts,
    // A scanned loyalty card is attached to the active seller's checkout, like a typed one.
    onCard: (cardNumber) => checkout.onCardScanned(cardNumber),
    // Typed-in codes are classified by main with the scanners' layout; caps from the config.
    inStore: () => inStoreLayout,
    limits: () => config.limits,
    defaultConsumption: () => config.defaultConsumption,
  })
  const devices = deps.devices ?? createDeviceManager({ config: config.devices, clock, logger })
  const unsubscribers = [
    devices.onStatus((status) => events.publish('devices.status', status)),
    // Scans from every scanner (real or virtual) go to the register; the outcome reaches the UI as an event.
    devices.onScan((scan) => void register.handleScan(scan)),
    // A basket's first line starts its TSE transaction, an emptied basket cancels it (main/fiscal).
    events.subscribe((message) => {
      if (message.type === 'register.changed') fiscal.basketsChanged(message.payload)
    }),
  ]
  const settings = createSettingsService({
    config,
    configPath: deps.configPath ?? join(deps.dataDir, CONFIG_FILE_NAME),
    devices,
    authorizeManager: register.authorizeManager,
    events,
    clock,
    logger,
  })
  const demo = createDemoService({ config, devices, simulator: api.simulator, events, logger })
  unsubscribers.push(
    settings.onChange((next, changed) => {
      inStoreLayout = next.devices.scanning.inStore
      if (!changed.includes('locale')) return
      locale = next.locale
      events.publish('app.localeChanged', { locale })
    }),
  )
  const zSafeguards = createZSafeguards({
    journal,
    // The chain head is signed into the TSE at each Z (main/fiscal anchorHead); tests may pass their own.
    ...(deps.headAnchor ? { tse: deps.headAnchor } : fiscalDevice.tse ? { tse: fiscal } : {}),
    backupDir: config.backupDir ?? join(deps.dataDir, DEFAULT_BACKUP_DIR),
    logger,
  })
  unsubscribers.push(journal.integrity.onChange((status) => events.publish('journal.integrity', status)))
  // The start checked the entries since the last verified head; the whole journal is checked now, in
  // steps between sales (a big journal takes seconds, docs/journal.md).
  const fullVerify = journal.integrity
    .verifyInBackground()
    .catch((error) => logger.log('error', 'journal.verify-failed', { error: String(error) }))
  const backoffice = createBackofficeService({
    config,
    journal,
    zSafeguards,
    client: api.client,
    devices,
    register,
    events,
    clock,
    logger,
    locale: () => locale,
    fiscal,
    fiscalPart: (saleId) => fiscalPart(journal, config, saleId, locale),
  })
  // DSFinV-K export and § 146a registration data (docs/fiscal-export.md). The TSE's TAR export
  // (fiskaly SIGN DE v2 or the simulator, main/fiscal) goes into the zip; no TSE, no TAR.
  const tarSource = fiscalDevice.tse
  const fiscalExport = createFiscalExportService({
    config,
    dataDir: deps.dataDir,
    authorizeManager: register.authorizeManager,
    clock,
    logger,
    version,
    ...(tarSource ? { tse: { exportTar: () => tarSource.exportTar() } } : {}),
  })
  // A storno interrupted by a crash gets its card cancel read back once the API is reachable.
  const backofficeRecovery = api.ready.then(
    () =>
      backoffice
        .recover()
        .catch((error) => logger.log('error', 'backoffice.recover-failed', { error: String(error) })),
    // Pairing trouble is logged by the connection; the storno waits for the next start or a manager.
    () => {},
  )
  // Recovery of unfinished sales starts here, in the background (`checkout.recovery`).
  const checkout = createCheckoutService({
    config,
    journal,
    client: api.client,
    apiReady: api.ready.then(() => fiscalRecovered.then(() => {})),
    devices,
    register,
    events,
    clock,
    logger,
    fiscal,
    ...deps.checkout,
  })

  // Favourites, the "Bon" key of the last sale, sales per article (main/counter).
  const counter = createCounterService({
    catalogue: () => register.handlers['catalog.get'](),
    journal,
    printer: () => devices.printer,
    events,
    clock,
    logger,
    timeZone: DEFAULT_TIME_ZONE,
    dataDir: deps.dataDir,
    requireSeller: () => {
      if (register.view().activeSellerId === null)
        throw AppFailure.of('FORBIDDEN', 'register.error.noSeller', 'Log in as a seller first')
    },
  })
  unsubscribers.push(counter.close)
  if (master?.data.favourites) counter.setHeadOfficeFavourites(master.data.favourites)

  const tillLink = config.central
    ? linkTillToCentral({
        config,
        central: config.central,
        dataDir: deps.dataDir,
        master,
        ownDiscounts,
        register,
        counter,
        events,
        clock,
        logger,
      })
    : null
  const central = tillLink?.central ?? null
  const weighing = createWeighingService({ register, devices, logger, demo: config.demo })

  const handlers: Handlers = {
    ...register.handlers,
    ...counter.handlers,
    ...weighing.handlers,
    ...checkout.handlers,
    ...backoffice.handlers,
    ...apiStatus.handlers,
    ...settings.handlers,
    ...demo.handlers,
    ...createFiscalHandlers({
      config,
      fiscal,
      device: fiscalDevice,
      secrets: deps.secrets,
      authorizeManager: register.authorizeManager,
      logger,
      // A TSS created in the setup tab: its certificate goes into the journal as at start.
      onTssChanged: (s) => {
        if (s.serial && s.certificate) journal.tse.recordCertificate(s.serial, s.certificate)
      },
    }),
    ...fiscalExport.handlers,
    'app.info': () => info(),
    'app.setLocale': ({ locale: next }) => {
      locale = next
      events.publish('app.localeChanged', { locale })
      return { locale }
    },
    'devices.status': () => devices.statuses(),
    'catalog.report': () => catalogue.report,
    'central.status': () =>
      central?.status() ?? {
        configured: false,
        shopId: null,
        online: false,
        lagRows: 0,
        lagSeconds: 0,
        masterVersion: 0,
        problem: null,
      },
  }

  const dispatch = createDispatcher(handlers, logger)
  logger.log('info', 'app.started', { demo: config.demo, transport: deps.transport, version })

  return {
    config,
    settings,
    devices,
    journal,
    api,
    checkout,
    fiscal,
    fiscalDevice,
    dispatch,
    events,
    info,
    async close() {
      for (const off of unsubscribers) off()
      // Before devices, API and journal go: a payment step in flight finishes and is journaled.
      await checkout.close()
      await certificateRead
      await fiscal.close()
      await fiscalDevice.close()
      demo.close()
      apiStatus.close()
      await devices.close()
      await api.close()
      // After the API is closed its pairing has ended, so this cannot wait forever; the journal is still open.
      await backofficeRecovery
      await tillLink?.close()
      // A full verify still running stops at its next step (journal closed); nothing to wait for.
      journal.close()
      // The anchor record written after the last sale may still be in flight (a temp file in the data
      // folder until its rename or unlink): whoever removes or copies the folder after close finds it settled.
      await journal.integrity.flushed()
      await fullVerify
      logger.log('info', 'app.closed')
    },
  }
}
