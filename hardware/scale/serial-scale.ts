// The Dialog 06 scale driver (./dialog06.ts) over a serial port: one weighing at a time, every answer
// bounded by a timeout, a weight accepted only as the scale's own stable reading whose amount matches the
// till's calculation. The virtual scale is this same driver over an in-memory link (./virtual-scale.ts).
import type { DeviceState, DeviceStatus } from '../../common/devices'
import { type Clock, type Logger, silentLogger, systemClock } from '../../common/ports'
import { pickSerialPort, type SerialBackend, type SerialLike } from '../scanner/serial-backend'
import { Listeners } from '../printer/transports/transport'
import type { Scale, WeighFailure, WeighOutcome, WeighRequest } from '../types'
import {
  describeStatus,
  MAX_FIELD_CENTS,
  readReply,
  STATUS_REQUEST,
  type ScaleReply,
  unitPriceRecord,
  WEIGHT_REQUEST,
} from './dialog06'
import { scaleWeightPrice } from './price'

export interface SerialScaleOptions {
  id?: string
  virtual?: boolean
  path?: string
  vendorId?: number
  productId?: number
  serialNumber?: string
  baudRate: number
  dataBits: 7 | 8
  parity: 'none' | 'odd' | 'even'
  /** How long one answer may take (Mettler Toledo: a stable weight can take 1–2 s). */
  responseTimeoutMs: number
  /** How long a weighing waits for the weight to settle (status 20) before giving up. */
  stableTimeoutMs: number
  /** Pause between tries while the weight settles. */
  retryMs: number
}

export interface SerialScaleDeps {
  serial: SerialBackend
  clock?: Clock
  logger?: Logger
}

type WritableLink = SerialLike & Required<Pick<SerialLike, 'write'>>

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const FAILURE_KEYS: Record<WeighFailure, string> = {
  motion: 'device.scale.motion',
  'same-weighing': 'device.scale.sameWeighing',
  'below-minimum': 'device.scale.belowMinimum',
  'under-zero': 'device.scale.underZero',
  overload: 'device.scale.overload',
  'price-refused': 'device.scale.priceRefused',
  'amount-mismatch': 'device.scale.amountMismatch',
  timeout: 'device.scale.timeout',
  disconnected: 'device.scale.disconnected',
  busy: 'device.scale.busy',
  error: 'device.scale.error',
}

export class SerialScale implements Scale {
  readonly kind = 'scale' as const
  readonly id: string
  readonly virtual: boolean
  private readonly clock: Clock
  private readonly logger: Logger
  private readonly listeners = new Listeners<DeviceStatus>()
  private latest: DeviceStatus
  private port: WritableLink | undefined
  private rx = new Uint8Array(0)
  private waiting: ((reply: ScaleReply | null) => void) | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private weighing = false
  private closed = false

  constructor(
    private readonly options: SerialScaleOptions,
    private readonly deps: SerialScaleDeps,
  ) {
    this.id = options.id ?? 'scale'
    this.virtual = options.virtual ?? false
    this.clock = deps.clock ?? systemClock
    this.logger = deps.logger ?? silentLogger
    this.latest = this.makeStatus('disconnected', 'not opened yet')
  }

  current(): DeviceStatus {
    return this.latest
  }

  onStatus(listener: (status: DeviceStatus) => void) {
    return this.listeners.add(listener)
  }

  /** One weighing at a time: a second request while one runs is refused, not queued (the cashier sees one). */
  weigh(request: WeighRequest): Promise<WeighOutcome> {
    if (this.weighing) return Promise.resolve(this.failed('busy', 'a weighing is already running'))
    if (!Number.isInteger(request.unitPrice) || request.unitPrice <= 0 || request.unitPrice > MAX_FIELD_CENTS)
      return Promise.resolve(
        this.failed('price-refused', `unit price ${request.unitPrice} cannot be sent to the scale`),
      )
    this.weighing = true
    return this.serial(() => this.weighOnce(request.unitPrice)).finally(() => {
      this.weighing = false
    })
  }

  status(): Promise<DeviceStatus> {
    return this.serial(async () => {
      if (!(await this.ensureOpen())) return this.latest
      const reply = await this.exchange(STATUS_REQUEST)
      if (reply === null) this.setStatus('offline', 'no answer to the status request')
      else if (reply.type === 'status') this.setStatus('connected', `status ${reply.code}`)
      else this.setStatus('error', `unexpected answer to the status request: ${reply.type}`)
      return this.latest
    })
  }

  async close(): Promise<void> {
    this.closed = true
    await this.queue.catch(() => {})
    this.drop()
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work)
    this.queue = run.catch(() => {})
    return run
  }

  private async weighOnce(unitPrice: number): Promise<WeighOutcome> {
    if (!(await this.ensureOpen())) return this.failed('disconnected', this.latest.detail ?? 'scale not open')
    const tries = Math.max(1, Math.ceil(this.options.stableTimeoutMs / this.options.retryMs))
    let lastRefusal: { reason: WeighFailure; text: string } = { reason: 'motion', text: 'scale in motion' }
    for (let attempt = 0; attempt < tries; attempt++) {
      if (attempt > 0) await sleep(this.options.retryMs)
      const priced = await this.exchange(unitPriceRecord(unitPrice))
      if (priced === null) return this.noAnswer('unit price')
      if (priced.type !== 'ack') {
        const why = priced.type === 'nak' ? await this.whyNak() : null
        return this.failed(why?.reason ?? 'price-refused', `unit price refused: ${why?.text ?? priced.type}`)
      }
      const answer = await this.exchange(WEIGHT_REQUEST)
      if (answer === null) return this.noAnswer('weight request')
      if (answer.type === 'weight') return this.accept(answer, unitPrice)
      if (answer.type !== 'nak')
        return this.failed('error', `unexpected answer to the weight request: ${describe(answer)}`)
      const why = await this.whyNak()
      if (why === null) return this.noAnswer('status request')
      lastRefusal = why
      // Only a settling weight is worth waiting for; everything else needs the cashier.
      if (why.reason !== 'motion') return this.failed(why.reason, why.text)
    }
    return this.failed(
      lastRefusal.reason,
      `${lastRefusal.text}; no stable weight within ${this.options.stableTimeoutMs} ms`,
    )
  }

  private accept(reply: Extract<ScaleReply, { type: 'weight' }>, unitPrice: number): WeighOutcome {
    this.setStatus('connected', `weighed ${reply.grams} g`)
    if (reply.unitPrice !== unitPrice)
      return this.failed('error', `the scale weighed at ${reply.unitPrice} ct/kg, not the ${unitPrice} sent`)
    if (reply.grams <= 0) return this.failed('below-minimum', `the scale reported ${reply.grams} g`)
    const ours = scaleWeightPrice(reply.grams, unitPrice)
    // The scale's amount is the one on its verified display; a different one of ours is never printed.
    if (reply.amount !== ours)
      return this.failed(
        'amount-mismatch',
        `the scale computed ${reply.amount} ct for ${reply.grams} g × ${unitPrice} ct/kg, the till ${ours} ct`,
      )
    this.logger.log('info', 'scale.weighed', { scale: this.id, grams: reply.grams, unitPrice, amount: ours })
    return { status: 'stable', grams: reply.grams, unitPrice, amount: reply.amount }
  }

  private async whyNak(): Promise<{ reason: WeighFailure; text: string } | null> {
    const status = await this.exchange(STATUS_REQUEST)
    if (status === null) return null
    if (status.type !== 'status') return { reason: 'error', text: `NAK, then ${describe(status)}` }
    const { refusal, text } = describeStatus(status.code)
    return { reason: refusal ?? 'error', text: `${text} (status ${status.code})` }
  }

  private noAnswer(what: string): WeighOutcome {
    const detail = `no answer to the ${what} within ${this.options.responseTimeoutMs} ms`
    this.setStatus('offline', detail)
    return this.failed('timeout', detail)
  }

  /** Sends one frame and waits for one reply; null when none comes in time. Stale bytes are dropped first. */
  private exchange(frame: Uint8Array): Promise<ScaleReply | null> {
    const port = this.port
    if (!port) return Promise.resolve(null)
    this.rx = new Uint8Array(0)
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = null
        resolve(null)
      }, this.options.responseTimeoutMs)
      this.waiting = (reply) => {
        clearTimeout(timer)
        this.waiting = null
        resolve(reply)
      }
      port.write(frame, (error) => {
        if (error) this.waiting?.(null)
      })
    })
  }

  private onData(chunk: Uint8Array): void {
    const next = new Uint8Array(this.rx.length + chunk.length)
    next.set(this.rx)
    next.set(chunk, this.rx.length)
    this.rx = next
    const read = readReply(this.rx)
    if (!read) return
    this.rx = this.rx.subarray(read.used)
    this.waiting?.(read.reply)
  }

  private async ensureOpen(): Promise<boolean> {
    if (this.port) return true
    if (this.closed) return false
    let path: string
    try {
      const pick = pickSerialPort(await this.deps.serial.list(), this.options)
      if ('missing' in pick) {
        this.setStatus('disconnected', pick.missing)
        return false
      }
      path = pick.port.path
    } catch (error) {
      this.setStatus('disconnected', `serial ports cannot be listed: ${String(error)}`)
      return false
    }
    try {
      const port = await this.deps.serial.open({
        path,
        baudRate: this.options.baudRate,
        dataBits: this.options.dataBits,
        parity: this.options.parity,
      })
      if (typeof port.write !== 'function') throw new Error('the serial backend cannot write')
      this.port = port as WritableLink
      port.on('data', (d: Buffer) => this.onData(new Uint8Array(d)))
      port.on('error', (error) =>
        this.logger.log('warn', 'scale.port-error', { scale: this.id, error: String(error) }),
      )
      port.on('close', () => {
        if (this.port !== port) return
        this.port = undefined
        this.waiting?.(null)
        this.setStatus('disconnected', `${path} closed (unplugged?)`)
      })
      this.setStatus('connected', `open on ${path}`)
      return true
    } catch (error) {
      this.setStatus('disconnected', `cannot open ${path}: ${String(error)}`)
      return false
    }
  }

  private drop(): void {
    const port = this.port
    this.port = undefined
    if (!port) return
    port.removeAllListeners()
    port.on('error', () => {})
    if (port.isOpen) port.close(() => {})
  }

  private failed(reason: WeighFailure, detail: string): WeighOutcome {
    this.logger.log('warn', 'scale.weigh-failed', { scale: this.id, reason, detail })
    return { status: 'failed', reason, messageKey: FAILURE_KEYS[reason], detail }
  }

  private makeStatus(state: DeviceState, detail: string): DeviceStatus {
    return {
      kind: 'scale',
      id: this.id,
      virtual: this.virtual,
      state,
      messageKey: `status.state.${state}`,
      detail,
      since: new Date(this.clock.now()).toISOString(),
    }
  }

  private setStatus(state: DeviceState, detail: string): void {
    if (this.latest.state === state) return
    this.latest = this.makeStatus(state, detail)
    this.logger.log(state === 'connected' ? 'info' : 'warn', 'scale.status', {
      scale: this.id,
      state,
      detail,
    })
    this.listeners.emit(this.latest)
  }
}

function describe(reply: ScaleReply): string {
  return reply.type === 'invalid' ? reply.text : reply.type
}
