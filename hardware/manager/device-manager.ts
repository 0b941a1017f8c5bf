// The main process's one owner of the devices: builds scanner, printer and drawer from the config (virtual
// twins for 'virtual'), merges their status changes into one stream, keeps real devices connected with
// capped backoff, and lists what is attached for the settings screen.
import {
  devicesConfig,
  type DevicesConfig,
  type DrawerConfig,
  type PrinterConfig,
  type ScannerConfig,
} from '../../common/config/devices'
import type { AttachedDevice, DeviceState, DeviceStatus, Scan } from '../../common/devices'
import type { Clock, Logger } from '../../common/ports'
import { createDrawer, kickFromConfig } from '../drawer/create'
import { createPrinter } from '../printer/create'
import type { QueuedPrinter } from '../printer/escpos-printer'
import { HidScanner } from '../scanner/hid-scanner'
import { nodeHidBackend, type HidBackend } from '../scanner/hid-backend'
import { listeners } from '../scanner/listeners'
import { SerialScanner } from '../scanner/serial-scanner'
import { serialportBackend, type SerialBackend } from '../scanner/serial-backend'
import { VirtualScanner } from '../scanner/virtual-scanner'
import type { CashDrawer, Device, Printer, Scanner, Unsubscribe } from '../types'
import { VirtualDrawer } from '../virtual/drawer'
import type { VirtualPrinter } from '../virtual/printer'
import { hidLister, listAttached, serialLister, type AttachedLister } from './attached'
import {
  DEFAULT_BACKOFF,
  backoffDelay,
  isReconnectable,
  type BackoffOptions,
  type Reconnectable,
} from './reconnect'
import { systemTimers, type Timers, type TimerHandle } from './timers'
import { unavailableDrawer, unavailablePrinter } from './unavailable'
import { createScale } from '../scale/create'
import { VirtualScale } from '../scale/virtual-scale'
import type { Scale } from '../types'

/** What a device factory gets besides its config. */
export interface DeviceDeps {
  clock: Clock
  logger: Logger
  timers: Timers
  serial: SerialBackend
}

/**
 * Factories return the device at once; opening happens later — through `connect()` if the device is
 * Reconnectable, else on the device's own schedule (a printer opens per job), while the manager probes
 * `status()` with backoff to notice when a lost device is back. Called for every driver, 'virtual' included;
 * a factory that throws (config it cannot serve) leaves a device that reports the error.
 */
export type PrinterFactory = (config: PrinterConfig, deps: DeviceDeps & { drawer: DrawerConfig }) => Printer
export type DrawerFactory = (config: DrawerConfig, deps: DeviceDeps & { printer: Printer }) => CashDrawer

export interface DeviceFactories {
  printer?: PrinterFactory
  drawer?: DrawerFactory
}

function isQueuedPrinter(printer: Printer): printer is QueuedPrinter {
  return typeof (printer as Partial<QueuedPrinter>).readStatus === 'function'
}

/** The printer engineer's drivers (hardware/printer, hardware/drawer, hardware/virtual). */
export const defaultFactories: Required<DeviceFactories> = {
  // A drawer on the printer's kick port shapes the pulse of print jobs with `openDrawer`.
  printer: (config, deps) =>
    createPrinter(config, { clock: deps.clock, logger: deps.logger, kick: kickFromConfig(deps.drawer) }),
  drawer: (config, deps) =>
    createDrawer(config, {
      clock: deps.clock,
      logger: deps.logger,
      ...(isQueuedPrinter(deps.printer) ? { printer: deps.printer } : {}),
    }),
}

export interface DeviceManagerOptions {
  /** Parsed or raw config; defaults (all virtual) are filled in. */
  config: unknown
  clock: Clock
  logger: Logger
  timers?: Timers
  hid?: HidBackend
  serial?: SerialBackend
  factories?: DeviceFactories
  /** Defaults to 0.5 s doubling up to 5 s: a replugged scanner should work again within seconds. */
  backoff?: BackoffOptions
  random?: () => number
  /** More buses for `listAttached()` (e.g. USB printer device files). */
  listers?: { bus: string; list: AttachedLister }[]
}

export interface DeviceManager {
  readonly config: DevicesConfig
  /** The configured scanner (the virtual one when the config says 'virtual'). */
  readonly scanner: Scanner
  readonly printer: Printer
  readonly drawer: CashDrawer
  /** The shop scale; null when none is configured (weights are then typed in). */
  readonly scale: Scale | null
  /**
   * The virtual devices. The virtual scanner always exists and its scans always reach `onScan`, so demo mode,
   * tests and manual code entry can inject codes even with a real scanner configured. Printer and drawer
   * are set only when configured as 'virtual'. Re-read after `reconfigure`.
   */
  readonly virtual: {
    readonly scanner: VirtualScanner
    readonly printer: VirtualPrinter | null
    readonly drawer: VirtualDrawer | null
    readonly scale: VirtualScale | null
  }
  /** Current status of the configured scanner, printer, drawer and scale. */
  statuses(): DeviceStatus[]
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe
  /** Scans from the configured scanner and the virtual one; survives `reconfigure`. */
  onScan(listener: (scan: Scan) => void): Unsubscribe
  listAttached(): Promise<AttachedDevice[]>
  /** Try every disconnected real device now instead of waiting for its backoff (settings "reconnect" button). */
  reconnectNow(): Promise<void>
  reconfigure(config: unknown): Promise<void>
  close(): Promise<void>
}

export const MANAGER_BACKOFF: BackoffOptions = { ...DEFAULT_BACKOFF, maxMs: 5_000 }

type Probeable = Device & { status(): Promise<DeviceStatus> }

/** Devices the manager can try to bring back: those that reconnect, and those that can be asked for status. */
function canProbe(device: Device): device is Device & (Reconnectable | Probeable) {
  return isReconnectable(device) || typeof (device as Partial<Probeable>).status === 'function'
}

/**
 * States after which the manager keeps trying. A scanner's connect() tells success itself; a printer or drawer
 * that went offline (no status reply) is as good as gone until a status query is answered again.
 */
function isLost(device: Device, state: DeviceState): boolean {
  return state === 'disconnected' || (!isReconnectable(device) && state === 'offline')
}

function isVirtualPrinter(printer: Printer): printer is VirtualPrinter {
  return printer.virtual && typeof (printer as Partial<VirtualPrinter>).decoded === 'function'
}

interface Supervised<D extends Device> {
  device: D
  closing: boolean
  trying: boolean
  attempt: number
  timer?: TimerHandle
  unsubscribe: Unsubscribe[]
}

export function createDeviceManager(options: DeviceManagerOptions): DeviceManager {
  const { clock, logger } = options
  const timers = options.timers ?? systemTimers
  const backoff = options.backoff ?? MANAGER_BACKOFF
  const random = options.random ?? Math.random
  const serial = options.serial ?? serialportBackend()
  const factories = { ...defaultFactories, ...options.factories }
  const statusOut = listeners<DeviceStatus>(logger, 'devices.status')
  const scanOut = listeners<Scan>(logger, 'devices.scan')

  let config = devicesConfig.parse(options.config ?? {})
  let hid = options.hid
  // node-hid's driver type (hidraw vs libusb) is fixed at its first load, so the backend follows the config
  // it is first needed for.
  const hidBackend = (): HidBackend =>
    (hid ??= nodeHidBackend({
      driverType: config.scanner.driver === 'hid' && config.scanner.exclusive ? 'libusb' : 'hidraw',
      logger,
    }))
  const deps: DeviceDeps = { clock, logger, timers, serial }
  let closed = false

  const buildVirtualScanner = () =>
    new VirtualScanner({
      clock,
      logger,
      timers,
      scanning: config.scanning,
      layout: config.scanner.driver === 'hid' ? config.scanner.layout : 'de',
    })

  function buildScanner(c: ScannerConfig, virtual: VirtualScanner): Scanner {
    const base = { clock, logger, timers, scanning: config.scanning }
    if (c.driver === 'hid') return new HidScanner({ ...base, config: c, hid: hidBackend() })
    if (c.driver === 'serial') return new SerialScanner({ ...base, config: c, serial })
    return virtual
  }

  function buildPrinter(c: PrinterConfig): Printer {
    try {
      return factories.printer(c, { ...deps, drawer: config.drawer })
    } catch (error) {
      logger.log('error', 'devices.build-failed', { kind: 'printer', driver: c.driver, error: String(error) })
      return unavailablePrinter(
        clock,
        `printer '${c.driver}' not usable: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }

  function buildDrawer(c: DrawerConfig, printer: Printer): CashDrawer {
    try {
      return factories.drawer(c, { ...deps, printer })
    } catch (error) {
      logger.log('error', 'devices.build-failed', { kind: 'drawer', driver: c.driver, error: String(error) })
      return unavailableDrawer(
        clock,
        `drawer '${c.driver}' not usable: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }

  function supervise<D extends Device>(device: D): Supervised<D> {
    const entry: Supervised<D> = { device, closing: false, trying: false, attempt: 0, unsubscribe: [] }
    entry.unsubscribe.push(
      device.onStatus((status) => {
        statusOut.emit(status)
        // A loss between attempts starts the retry loop; during an attempt the attempt decides.
        if (isLost(device, status.state) && !entry.closing && !entry.trying && entry.timer === undefined)
          schedule(entry)
      }),
    )
    if (canProbe(device)) void attempt(entry)
    return entry
  }

  async function attempt(entry: Supervised<Device>): Promise<void> {
    const device = entry.device
    if (entry.closing || !canProbe(device)) return
    entry.trying = true
    let ok = false
    try {
      ok = isReconnectable(device) ? await device.connect() : !isLost(device, (await device.status()).state)
    } catch (error) {
      logger.log('warn', 'devices.connect-failed', { id: entry.device.id, error: String(error) })
    } finally {
      entry.trying = false
    }
    if (entry.closing) return
    if (ok) entry.attempt = 0
    else schedule(entry)
  }

  function schedule(entry: Supervised<Device>): void {
    if (entry.closing || !canProbe(entry.device) || entry.timer !== undefined) return
    const delay = backoffDelay(entry.attempt++, backoff, random)
    logger.log('debug', 'devices.reconnect-scheduled', {
      id: entry.device.id,
      attempt: entry.attempt,
      delayMs: delay,
    })
    entry.timer = timers.setTimeout(() => {
      entry.timer = undefined
      void attempt(entry)
    }, delay)
  }

  async function retire(entry: Supervised<Device> | undefined): Promise<void> {
    if (!entry) return
    entry.closing = true
    if (entry.timer !== undefined) timers.clearTimeout(entry.timer)
    entry.timer = undefined
    for (const u of entry.unsubscribe) u()
    await entry.device
      .close()
      .catch((error: unknown) =>
        logger.log('warn', 'devices.close-failed', { id: entry.device.id, error: String(error) }),
      )
  }

  let virtualScanner = buildVirtualScanner()
  let virtualScanSub = virtualScanner.onScan((s) => scanOut.emit(s))
  let scanner!: Supervised<Scanner>
  let scannerScanSub: Unsubscribe = () => {}
  let printer!: Supervised<Printer>
  let drawer!: Supervised<CashDrawer>
  let scale: Supervised<Scale> | null = null

  function startScanner(): void {
    const device = buildScanner(config.scanner, virtualScanner)
    // The virtual scanner's scans are already forwarded; do not forward them twice.
    scannerScanSub = device === virtualScanner ? () => {} : device.onScan((s) => scanOut.emit(s))
    scanner = supervise(device)
  }
  function startPrinter(): void {
    printer = supervise(buildPrinter(config.printer))
  }
  function startDrawer(): void {
    drawer = supervise(buildDrawer(config.drawer, printer.device))
  }
  function startScale(): void {
    let device: Scale | null = null
    try {
      device = createScale(config.scale, { serial, clock, logger })
    } catch (error) {
      logger.log('error', 'devices.build-failed', { kind: 'scale', error: String(error) })
    }
    scale = device ? supervise(device) : null
  }

  startScanner()
  startPrinter()
  startDrawer()
  startScale()

  const all = (): Supervised<Device>[] => [scanner, printer, drawer, ...(scale ? [scale] : [])]

  // Status polling: a healthy printer is otherwise asked only around a job, so "paper out" would show
  // only at the next print and stay after a refill. Lost devices are left to their backoff probes, and
  // devices that reconnect themselves (scanners) report on their own.
  let pollTimer: TimerHandle | undefined
  let polling: Promise<void> = Promise.resolve()
  function schedulePoll(): void {
    if (closed || config.statusPollMs === 0 || pollTimer !== undefined) return
    pollTimer = timers.setTimeout(() => {
      pollTimer = undefined
      polling = pollOnce().finally(schedulePoll)
    }, config.statusPollMs)
  }
  async function pollOnce(): Promise<void> {
    for (const entry of [printer, drawer, ...(scale ? [scale] : [])] as Supervised<Device>[]) {
      const device = entry.device as Device & Partial<Probeable>
      if (closed || entry.closing || entry.trying || entry.timer !== undefined) continue
      if (isReconnectable(device) || typeof device.status !== 'function') continue
      if (isLost(device, device.current().state)) continue
      try {
        await device.status()
      } catch (error) {
        logger.log('warn', 'devices.poll-failed', { id: device.id, error: String(error) })
      }
    }
  }
  schedulePoll()

  const manager: DeviceManager = {
    get config() {
      return config
    },
    get scanner() {
      return scanner.device
    },
    get printer() {
      return printer.device
    },
    get drawer() {
      return drawer.device
    },
    get scale() {
      return scale?.device ?? null
    },
    get virtual() {
      return {
        scanner: virtualScanner,
        printer: isVirtualPrinter(printer.device) ? printer.device : null,
        drawer: drawer.device instanceof VirtualDrawer ? drawer.device : null,
        scale: scale?.device instanceof VirtualScale ? scale.device : null,
      }
    },
    statuses: () => all().map((e) => e.device.current()),
    onStatus: (listener) => statusOut.add(listener),
    onScan: (listener) => scanOut.add(listener),
    listAttached: () =>
      listAttached(
        [
          { bus: 'hid', list: hidLister(hidBackend()) },
          { bus: 'serial', list: serialLister(serial) },
          ...(options.listers ?? []),
        ],
        logger,
      ),
    async reconnectNow() {
      await Promise.all(
        all().map(async (entry) => {
          if (entry.closing || entry.trying || !canProbe(entry.device)) return
          if (entry.timer !== undefined) timers.clearTimeout(entry.timer)
          entry.timer = undefined
          entry.attempt = 0
          await attempt(entry)
        }),
      )
    },
    async reconfigure(next) {
      if (closed) throw new Error('device manager is closed')
      const prev = config
      config = devicesConfig.parse(next ?? {})
      if (prev.statusPollMs !== config.statusPollMs && pollTimer !== undefined) {
        timers.clearTimeout(pollTimer)
        pollTimer = undefined
      }
      schedulePoll()
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
      const scanningChanged = !same(prev.scanning, config.scanning) || !same(prev.scanner, config.scanner)
      if (scanningChanged) {
        scannerScanSub()
        await retire(scanner)
        if (scanner.device !== virtualScanner) {
          virtualScanSub()
          await virtualScanner.close()
        } else virtualScanSub()
        virtualScanner = buildVirtualScanner()
        virtualScanSub = virtualScanner.onScan((s) => scanOut.emit(s))
        startScanner()
      }
      // The printer carries the kick pulse of a drawer on its port, so such a drawer change rebuilds it too.
      const printerChanged =
        !same(prev.printer, config.printer) ||
        !same(kickFromConfig(prev.drawer), kickFromConfig(config.drawer))
      if (printerChanged) {
        // A printer-driven drawer holds the old printer; it goes with it.
        await retire(drawer)
        await retire(printer)
        startPrinter()
        startDrawer()
      } else if (!same(prev.drawer, config.drawer)) {
        await retire(drawer)
        startDrawer()
      }
      if (!same(prev.scale, config.scale)) {
        await retire(scale ?? undefined)
        startScale()
      }
      logger.log('info', 'devices.reconfigured', {
        scanner: config.scanner.driver,
        printer: config.printer.driver,
        drawer: config.drawer.driver,
      })
    },
    async close() {
      if (closed) return
      closed = true
      if (pollTimer !== undefined) timers.clearTimeout(pollTimer)
      pollTimer = undefined
      await polling
      scannerScanSub()
      virtualScanSub()
      await retire(scale ?? undefined)
      await retire(drawer)
      await retire(printer)
      await retire(scanner)
      if (scanner.device !== virtualScanner) await virtualScanner.close()
      statusOut.clear()
      scanOut.clear()
    },
  }
  return manager
}
