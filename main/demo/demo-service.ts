// The demo panel (demo mode only): what the virtual printer put on paper, the virtual drawer, a code
// "scanned" on the virtual scanner, and faults to show how the till copes — a printer out of paper, a
// stuck drawer, an unplugged scanner, an API that is down, slow or failing. Every fault acts on the same
// twin or simulator the real code paths talk to, so the till reacts exactly as it would for real.
import type { AppConfig } from '../../common/config'
import { demoFault, type DemoFault, type DemoView } from '../../common/ipc/settings-contract'
import type { Logger } from '../../common/ports'
import { AppFailure } from '../../common/result'
import type { DeviceManager } from '../../hardware/manager/device-manager'
import type { FaultSpecInput } from '../../simulator/faults'
import type { Simulator } from '../../simulator'
import type { EventBus } from '../ipc/event-bus'
import { paperByJob } from './paper'

export interface DemoServiceDeps {
  config: AppConfig
  devices: DeviceManager
  /** The embedded secuconnect simulator (null when the till talks to a real host). */
  simulator: Simulator | null
  events: EventBus
  logger: Logger
  /** How often the virtual printer is checked for new paper (it has no job-finished event). */
  pollMs?: number
}

type ApiFault = Extract<DemoFault, `api.${string}`>

/** How slow "slow" is: clearly noticeable, yet well inside the client's 10 s read timeout. */
export const DEMO_API_LATENCY_MS = 2500

/**
 * The simulator faults behind each API toggle, in the order they are matched (the simulator applies the
 * first matching fault): down beats failing beats slow. OAuth stays reachable for "error", so the till
 * sees the API's own 503 rather than a sign-in problem.
 */
const API_FAULTS: Record<ApiFault, FaultSpecInput> = {
  'api.offline': { path: '/**', kind: 'reset', persistent: true },
  'api.error': { path: '/api/**', kind: 'status', status: 503, persistent: true },
  'api.slow': { path: '/**', kind: 'latency', ms: DEMO_API_LATENCY_MS, persistent: true },
}
const API_ORDER = Object.keys(API_FAULTS) as ApiFault[]
const isApiFault = (fault: DemoFault): fault is ApiFault => fault in API_FAULTS

export function createDemoService(deps: DemoServiceDeps) {
  const { config, devices, events, logger } = deps
  const apiFaults = new Set<ApiFault>()
  let drawerStuck = false
  let openings = 0
  let drawerState: string | null = null
  let lastPublished = ''
  let lastFingerprint = ''

  const notVirtual = (device: string) =>
    AppFailure.of(
      'CONFLICT',
      'demo.error.notVirtual',
      `The ${device} is a real device; the demo panel only drives virtual ones`,
      { device },
    )

  function guard(): void {
    if (!config.demo)
      throw AppFailure.of('FORBIDDEN', 'demo.error.notDemo', 'The demo panel exists in demo mode only')
  }

  function faults(): DemoFault[] {
    const printer = devices.virtual.printer?.emulator.state
    const active = new Set<DemoFault>(apiFaults)
    if (printer?.paperOut) active.add('printer.paper-out')
    if (printer?.coverOpen) active.add('printer.cover-open')
    if (printer && !printer.power) active.add('printer.offline')
    if (drawerStuck && devices.virtual.drawer) active.add('drawer.stuck')
    if (devices.virtual.scanner.current().state === 'disconnected') active.add('scanner.unplugged')
    // In the contract's order, so the panel lists them the same way every time.
    return demoFault.options.filter((f) => active.has(f))
  }

  /**
   * What the paper text depends on: the jobs and their states. Status requests (DLE EOT, sent by every
   * status check and the drawer's polls) and drawer kicks reach the printer as bytes too but print no
   * text — with the received bytes in this key, every status check decoded the whole roll again, CPU
   * and garbage that grew with each printed receipt of the day (docs/memory.md).
   */
  function paperKey(): string {
    const printer = devices.virtual.printer
    if (!printer) return ''
    const jobs = printer.jobs()
    const states = jobs.map((j) => `${j.state[0]}${j.outcome?.status[0] ?? '-'}`).join('')
    return `${jobs.length}:${jobs.at(-1)?.key ?? ''}:${states}`
  }
  let paperCache: { key: string; printed: number; paper: DemoView['paper'] } = {
    key: '',
    printed: 0,
    paper: [],
  }
  /** The paper per job, decoded again only when a job came or changed state, or the roll was cleared. */
  function paper(): DemoView['paper'] {
    const printer = devices.virtual.printer
    if (!printer) return []
    const key = paperKey()
    const printed = printer.emulator.printedCount
    if (key !== paperCache.key || printed < paperCache.printed)
      paperCache = { key, printed, paper: paperByJob(printer.emulator.printedBytes(), printer.jobs()) }
    return paperCache.paper
  }

  function view(): DemoView {
    const drawer = devices.virtual.drawer
    return {
      paper: paper(),
      drawer: { open: drawer?.drawerOpen ?? false, openings },
      faults: faults(),
    }
  }

  /** Publishes demo.changed when what the panel shows differs from what it was last told. */
  function publishIfChanged(): DemoView {
    const next = view()
    const text = JSON.stringify(next)
    if (text !== lastPublished) {
      lastPublished = text
      events.publish('demo.changed', next)
    }
    return next
  }

  // The drawer's opening count comes from its status: a change to "open" is one opening (a stuck
  // drawer's kick is not one). Through the manager, so it follows a reconfigured drawer.
  const offStatus = devices.onStatus((status) => {
    if (!config.demo || status.kind !== 'drawer' || !status.virtual) return
    if (status.state === 'drawer-open' && drawerState !== 'drawer-open') openings++
    drawerState = status.state
    publishIfChanged()
  })

  // Print jobs end without an event the manager forwards; a cheap counter compare finds new paper.
  const poll = config.demo
    ? setInterval(() => {
        const fingerprint = paperKey()
        if (fingerprint === lastFingerprint) return
        lastFingerprint = fingerprint
        publishIfChanged()
      }, deps.pollMs ?? 400)
    : null
  poll?.unref?.()

  async function setPrinterFault(fault: DemoFault, on: boolean): Promise<void> {
    const printer = devices.virtual.printer
    if (!printer) throw notVirtual('printer')
    if (fault === 'printer.paper-out') printer.emulator.set({ paperOut: on })
    else if (fault === 'printer.cover-open') printer.emulator.set({ coverOpen: on })
    // Offline = switched off or cable gone: the printer answers nothing, as a real one would.
    else printer.emulator.set({ power: !on })
    // Ask now, so the status bar shows it before the next sale does.
    await printer.status()
  }

  function setApiFault(fault: ApiFault, on: boolean): void {
    const simulator = deps.simulator
    if (!simulator)
      throw AppFailure.of(
        'CONFLICT',
        'demo.error.noSimulator',
        'The till talks to a real secuconnect host, not the simulator',
      )
    if (on) apiFaults.add(fault)
    else apiFaults.delete(fault)
    // The simulator removes faults only all at once; the others go back in their matching order.
    simulator.clearFaults()
    for (const f of API_ORDER) if (apiFaults.has(f)) simulator.injectFault(API_FAULTS[f])
  }

  async function setFault(fault: DemoFault, on: boolean): Promise<void> {
    if (fault.startsWith('printer.')) return setPrinterFault(fault, on)
    if (isApiFault(fault)) return setApiFault(fault, on)
    if (fault === 'drawer.stuck') {
      const drawer = devices.virtual.drawer
      if (!drawer) throw notVirtual('drawer')
      drawer.setStuck(on)
      drawerStuck = on
      return
    }
    const scanner = devices.virtual.scanner
    if (on) scanner.unplug('demo panel: scanner unplugged')
    else scanner.plug()
  }

  return {
    view,
    handlers: {
      'demo.view': () => {
        guard()
        return view()
      },
      'demo.scan': ({ code }: { code: string }) => {
        guard()
        const scanner = devices.virtual.scanner
        if (scanner.current().state === 'disconnected') {
          throw AppFailure.of(
            'DEVICE',
            'demo.error.scannerUnplugged',
            'The virtual scanner is unplugged (demo fault); plug it in first',
          )
        }
        const read = code.trim()
        if (read === '') {
          throw new AppFailure({
            code: 'VALIDATION',
            messageKey: 'error.validation',
            message: 'The code is empty',
            issues: [{ path: 'code', message: 'empty' }],
          })
        }
        // The same path as a real read: classification, then the manager's onScan → register → scan.result.
        // A card read again within the debounce window is dropped here, as on a real scanner.
        scanner.inject(read, { source: 'virtual' })
        return publishIfChanged()
      },
      'demo.fault': async ({ fault, on }: { fault: DemoFault; on: boolean }) => {
        guard()
        await setFault(fault, on)
        logger.log('info', 'demo.fault', { fault, on })
        return publishIfChanged()
      },
      'demo.closeDrawer': async () => {
        guard()
        const drawer = devices.virtual.drawer
        if (!drawer) throw notVirtual('drawer')
        drawer.shut()
        await drawer.status()
        return publishIfChanged()
      },
    },
    close() {
      offStatus()
      if (poll) clearInterval(poll)
    },
  }
}
