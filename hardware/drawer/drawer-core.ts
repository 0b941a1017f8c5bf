// What every cash drawer does the same way, whatever pulls the solenoid: log the reason, kick at most
// once per request, never retry, then read the sensor (if any) to tell "opened" from "stuck".
import type { DeviceState, DeviceStatus } from '../../common/devices'
import { type Clock, type Logger, silentLogger, systemClock } from '../../common/ports'
import type { CashDrawer, DrawerOpenRequest, DrawerOutcome } from '../types'
import { PrinterNotReadyError } from '../printer/escpos-printer'
import { Listeners, type TransportError, asTransportError } from '../printer/transports/transport'

export interface DrawerCoreOptions {
  id: string
  virtual: boolean
  /** How long one kick occupies the solenoid; a request within it is refused, not queued (E, "Drawer kicked twice"). */
  busyMs: number
  /** How long to watch the sensor for the drawer to open before calling it stuck. */
  confirmMs: number
  pollMs?: number
}

export interface DrawerDeps {
  clock?: Clock
  logger?: Logger
}

/** Sensor reading: true open, false closed, null no sensor (or unreadable). */
export type DrawerSense = boolean | null

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A port that is gone is "disconnected"; one that answers nothing "offline"; one that refuses an operation (an ioctl on a line without modem signals) "error". */
function stateOf(err: TransportError): DeviceState {
  if (err.kind === 'timeout') return 'offline'
  if (err.kind === 'io') return 'error'
  return 'disconnected'
}

export abstract class DrawerCore implements CashDrawer {
  readonly kind = 'drawer' as const
  readonly id: string
  readonly virtual: boolean
  protected readonly clock: Clock
  protected readonly logger: Logger
  private readonly listeners = new Listeners<DeviceStatus>()
  private latest: DeviceStatus
  private lastKickAt = Number.NEGATIVE_INFINITY
  private opening = false

  constructor(
    private readonly core: DrawerCoreOptions,
    deps: DrawerDeps,
  ) {
    this.id = core.id
    this.virtual = core.virtual
    this.clock = deps.clock ?? systemClock
    this.logger = deps.logger ?? silentLogger
    this.latest = this.makeStatus('disconnected', 'not checked yet')
  }

  /** Sends one kick; rejects when it could not be sent. */
  protected abstract kick(): Promise<void>
  protected abstract sense(): Promise<DrawerSense>
  protected abstract release(): Promise<void>
  /** For the log: "printer printer (pin 2, 50/500 ms)", "serial /dev/ttyS0 bytes 07". */
  protected abstract describe(): string

  current(): DeviceStatus {
    return this.latest
  }

  onStatus(listener: (status: DeviceStatus) => void) {
    return this.listeners.add(listener)
  }

  async open(request: DrawerOpenRequest): Promise<DrawerOutcome> {
    const now = this.clock.now()
    if (this.opening || now - this.lastKickAt < this.core.busyMs) {
      this.logger.log('warn', 'drawer.open.refused', {
        drawer: this.id,
        reason: request.reason,
        detail: 'a kick is still running',
      })
      return {
        status: 'failed',
        state: this.latest.state,
        messageKey: 'device.drawer.busy',
        detail: 'the previous kick is still running; not kicked again',
      }
    }
    this.opening = true
    try {
      this.logger.log('info', 'drawer.open', {
        drawer: this.id,
        reason: request.reason,
        via: this.describe(),
      })
      try {
        this.lastKickAt = now
        await this.kick()
      } catch (e) {
        if (e instanceof PrinterNotReadyError) return this.notSent(request, e)
        const err = asTransportError(e)
        const state = stateOf(err)
        this.setStatus(state, `kick not sent: ${err.message}`)
        this.logger.log('warn', 'drawer.open.failed', {
          drawer: this.id,
          reason: request.reason,
          detail: err.message,
        })
        return {
          status: 'failed',
          state,
          messageKey: `status.state.${state}`,
          detail: `kick not sent: ${err.message}`,
        }
      }
      return await this.confirm(request)
    } finally {
      this.opening = false
    }
  }

  /** Refused before anything was sent (the printer it hangs off cannot take the pulse now): no opening happened. */
  private notSent(request: DrawerOpenRequest, e: PrinterNotReadyError): DrawerOutcome {
    this.lastKickAt = Number.NEGATIVE_INFINITY
    this.logger.log('warn', 'drawer.open.not-sent', {
      drawer: this.id,
      reason: request.reason,
      state: e.state,
      detail: e.message,
    })
    return {
      status: 'failed',
      state: e.state,
      messageKey: 'device.drawer.printerNotReady',
      detail: `kick not sent: ${e.message}`,
    }
  }

  async status(): Promise<DeviceStatus> {
    try {
      const open = await this.sense()
      if (open === null) this.setStatus('connected', 'no drawer sensor')
      else this.setStatus(open ? 'drawer-open' : 'drawer-closed', open ? 'sensor: open' : 'sensor: closed')
    } catch (e) {
      const err = asTransportError(e)
      this.setStatus(stateOf(err), err.message)
    }
    return this.latest
  }

  async close(): Promise<void> {
    await this.release()
  }

  /** Watches the sensor after the kick. No second kick here, whatever it reads (no automatic retry). */
  private async confirm(request: DrawerOpenRequest): Promise<DrawerOutcome> {
    // Counted in polls, not clock time: the injected clock may be a test's manual one that never moves.
    const pollMs = this.core.pollMs ?? 50
    let polls = Math.max(1, Math.ceil(this.core.confirmMs / pollMs))
    let open: DrawerSense
    for (;;) {
      // An unreadable sensor after a sent kick is "unknown", not "stuck": only a closed reading is evidence.
      open = await this.sense().catch(() => null)
      if (open !== false || --polls < 0) break
      await sleep(pollMs)
    }
    if (open === null) {
      this.setStatus('connected', 'kicked; no sensor to confirm')
      return { status: 'kicked', open: null }
    }
    if (open) {
      this.setStatus('drawer-open', 'sensor: open')
      return { status: 'kicked', open: true }
    }
    const detail = `kicked once, but the sensor still reads closed after ${this.core.confirmMs} ms — drawer stuck or locked; not kicked again`
    this.setStatus('error', detail, 'device.drawer.stuck')
    this.logger.log('warn', 'drawer.stuck', { drawer: this.id, reason: request.reason })
    return { status: 'failed', state: 'error', messageKey: 'device.drawer.stuck', detail }
  }

  protected setStatus(state: DeviceState, detail: string, messageKey = `status.state.${state}`): void {
    if (this.latest.state === state && this.latest.detail === detail) return
    this.latest = this.makeStatus(state, detail, messageKey)
    this.listeners.emit(this.latest)
  }

  private makeStatus(state: DeviceState, detail: string, messageKey = `status.state.${state}`): DeviceStatus {
    return {
      kind: 'drawer',
      id: this.id,
      virtual: this.virtual,
      state,
      messageKey,
      detail,
      since: new Date(this.clock.now()).toISOString(),
    }
  }
}
