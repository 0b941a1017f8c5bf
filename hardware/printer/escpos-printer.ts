// The ESC/POS printer actor: owns one transport, its job queue and its status. Each job is
// pre-check status → write → post-check status; a job that fails is kept, never resent on its own.
import type { DeviceState, DeviceStatus } from '../../common/devices'
import { type Clock, type Logger, silentLogger, systemClock } from '../../common/ports'
import { layoutReceipt } from '../../common/receipt/layout'
import type { PrintJob, PrintOutcome, Printer } from '../types'
import { type KickSpec, DEFAULT_KICK } from '../drawer/kick'
import { JobStore, type PrintJobRecord, SerialRunner } from './queue'
import { type PrinterCodepage, renderEscPos } from './render'
import { type StatusVerdict, interpretStatus, readStatusReport } from './status'
import { type PrinterTransport, Listeners, asTransportError } from './transports/transport'

export interface EscPosPrinterOptions {
  id: string
  virtual: boolean
  columns: number
  codepage: PrinterCodepage
  codepageNumber?: number
  statusTimeoutMs: number
  /** 'none' for printers that cannot answer (USB without a bulk-IN endpoint): jobs then count as printed once sent. */
  statusQuery: 'dle-eot' | 'none'
  cut: 'partial' | 'full'
  feedBeforeCut: number
  /**
   * Wait before the post-check. [I] Real-time status answers at once, while the printer may still be
   * printing what it buffered; a paper end hit late in a long receipt shows only after that. 0 trusts the
   * immediate answer; raise it for slow printers.
   */
  postCheckDelayMs: number
  /** QR codes natively (GS ( k) or as plain text for printers without a QR command. */
  qr?: 'native' | 'text'
}

export interface PrinterDeps {
  transport: PrinterTransport
  clock?: Clock
  logger?: Logger
  /** Drawer pulse used for `PrintJob.openDrawer` (the drawer config's pin and timings). */
  kick?: KickSpec
}

/** What createPrinter returns: the Printer interface plus the job store and the raw status the drawer needs. */
export interface QueuedPrinter extends Printer {
  /** An explicit reprint of a stored job under a new key, marked as a copy on paper. */
  reprint(originalKey: string, key: string): Promise<PrintOutcome>
  job(key: string): PrintJobRecord | undefined
  jobs(): PrintJobRecord[]
  /** Full status verdict (includes the drawer pin 3 level); updates `current()`. */
  readStatus(): Promise<StatusVerdict>
  /**
   * Sends a drawer pulse only to a printer that is ready for it, in one slot of the queue: status first,
   * then the bytes. Rejects with PrinterNotReadyError (nothing sent) otherwise. See `DrawerPulseMode`.
   */
  pulseWhenReady(bytes: Uint8Array, mode: DrawerPulseMode): Promise<void>
}

/**
 * 'buffered' is `ESC p`: a printer that is out of paper, offline or has its cover open keeps it in its
 * receive buffer and fires it whenever it resumes (a reload, the next connection) — an opening nobody
 * announced. So it is sent only when the status says the printer prints now. 'realtime' is
 * `DLE DC4 1 m t` (Epson ESC/POS "DLE DC4 fn=1: Generate pulse in real-time"), which the printer executes
 * on arrival even in an offline state, for models that support it; it is sent whenever the printer
 * answers the status query at all (a silent printer may be buffering, so nothing is sent to it).
 */
export type DrawerPulseMode = 'buffered' | 'realtime'

/** The printer was not in a state to take the drawer pulse; nothing was sent. */
export class PrinterNotReadyError extends Error {
  constructor(
    readonly state: DeviceState,
    message: string,
  ) {
    super(message)
    this.name = 'PrinterNotReadyError'
  }
}

const messageKey = (state: DeviceState) => `status.state.${state}`
/** The UI's words for a job that broke off after bytes went out: it may be on paper in part. */
export const MAYBE_PARTIAL_KEY = 'device.printer.maybePartial'
/** A copy never opens the drawer: the original sale did, and a reprint is not a cash event. */
const kicks = (job: PrintJob) => job.openDrawer === true && job.copy !== true
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export class EscPosPrinter implements QueuedPrinter {
  readonly kind = 'printer' as const
  readonly id: string
  readonly virtual: boolean
  readonly columns: number
  private readonly runner = new SerialRunner()
  private readonly store = new JobStore()
  private readonly statusListeners = new Listeners<DeviceStatus>()
  private readonly clock: Clock
  private readonly logger: Logger
  private readonly transport: PrinterTransport
  private readonly offLost: () => void
  private readonly kick: KickSpec
  private latest: DeviceStatus

  constructor(
    private readonly options: EscPosPrinterOptions,
    deps: PrinterDeps,
  ) {
    this.id = options.id
    this.virtual = options.virtual
    this.columns = options.columns
    this.transport = deps.transport
    this.clock = deps.clock ?? systemClock
    this.logger = deps.logger ?? silentLogger
    this.kick = deps.kick ?? DEFAULT_KICK
    this.latest = this.makeStatus('disconnected', 'not opened yet')
    this.offLost = this.transport.onLost((e) => this.setStatus('disconnected', e.message))
  }

  current(): DeviceStatus {
    return this.latest
  }

  onStatus(listener: (status: DeviceStatus) => void) {
    return this.statusListeners.add(listener)
  }

  job(key: string): PrintJobRecord | undefined {
    return this.store.get(key)
  }

  jobs(): PrintJobRecord[] {
    return this.store.list()
  }

  async print(job: PrintJob): Promise<PrintOutcome> {
    const known = this.store.done(job.key)
    if (known) {
      this.logger.log('info', 'printer.job.resubmitted', { printer: this.id, key: job.key })
      // Never printed twice: a printed (or still running and then printed) key answers "duplicate";
      // a failed one answers its failure again, so the caller offers the explicit reprint.
      const outcome = await known
      return outcome.status === 'printed' ? { status: 'duplicate', key: job.key } : outcome
    }
    return this.submit(job)
  }

  async reprint(originalKey: string, key: string): Promise<PrintOutcome> {
    const original = this.store.get(originalKey)
    if (!original) {
      return {
        status: 'failed',
        key,
        state: this.latest.state,
        messageKey: 'device.printer.unknownJob',
        detail: `no stored job ${originalKey} to reprint`,
        reached: 'nothing',
      }
    }
    if (this.store.get(key)) return this.print({ ...original.job, key, copy: true })
    this.logger.log('info', 'printer.job.reprint', { printer: this.id, key, copyOf: originalKey })
    return this.submit({ ...original.job, key, copy: true }, originalKey)
  }

  status(): Promise<DeviceStatus> {
    return this.readStatus().then(() => this.latest)
  }

  /** Never rejects: an unreachable printer is a verdict ('disconnected' / 'offline'), not an exception. */
  readStatus(): Promise<StatusVerdict> {
    return this.runner.run(() => this.session(() => this.check()).catch((e: unknown) => this.lost(e)))
  }

  pulseWhenReady(bytes: Uint8Array, mode: DrawerPulseMode): Promise<void> {
    return this.runner.run(() =>
      this.session(async () => {
        const verdict = await this.check().catch((e: unknown) => this.lost(e))
        const answered = verdict.drawerPinHigh !== null || this.options.statusQuery === 'none'
        const ready = mode === 'realtime' ? answered : !verdict.blocking
        if (!ready)
          throw new PrinterNotReadyError(
            verdict.state,
            `printer ${this.id} not ready (${verdict.detail}); drawer pulse not sent, so it cannot fire later`,
          )
        await this.transport.write(bytes)
      }).catch((e: unknown) => {
        if (e instanceof PrinterNotReadyError) throw e
        const err = asTransportError(e)
        this.setStatus(err.kind === 'timeout' ? 'offline' : 'disconnected', err.message)
        throw err
      }),
    )
  }

  writeRaw(bytes: Uint8Array): Promise<void> {
    return this.runner
      .run(() =>
        this.session(async () => {
          await this.transport.write(bytes)
        }),
      )
      .catch((e: unknown) => {
        const err = asTransportError(e)
        this.setStatus(err.kind === 'timeout' ? 'offline' : 'disconnected', err.message)
        throw err
      })
  }

  async close(): Promise<void> {
    this.offLost()
    await this.runner.run(() => this.transport.close())
  }

  private submit(job: PrintJob, copyOf?: string): Promise<PrintOutcome> {
    const record: PrintJobRecord = {
      key: job.key,
      job,
      state: 'queued',
      submittedAt: this.clock.now(),
      ...(copyOf ? { copyOf } : {}),
    }
    return this.store.add(record, (r) => this.runner.run(() => this.execute(r)))
  }

  private async execute(record: PrintJobRecord): Promise<PrintOutcome> {
    record.state = 'printing'
    const { job } = record
    let bytes: Uint8Array
    try {
      bytes = this.render(job)
    } catch (e) {
      // A document the layout cannot place is a bug upstream, but the job must still end with an outcome.
      return this.finish(
        record,
        this.failed(
          job.key,
          'error',
          `not printed: the receipt could not be laid out: ${e instanceof Error ? e.message : String(e)}`,
          'nothing',
        ),
        0,
      )
    }
    const outcome = await this.session(() => this.send(job.key, bytes, kicks(job))).catch((e: unknown) => {
      const err = asTransportError(e)
      this.setStatus('disconnected', err.message)
      return this.failed(
        job.key,
        'disconnected',
        `not printed: cannot open ${this.transport.description}: ${err.message}`,
        'nothing',
      )
    })
    return this.finish(record, outcome, bytes.length)
  }

  private render(job: PrintJob): Uint8Array {
    const document = { ...job.document, copy: job.copy === true || job.document.copy }
    return renderEscPos(layoutReceipt(document, { columns: this.columns }), {
      columns: this.columns,
      codepage: this.options.codepage,
      codepageNumber: this.options.codepageNumber,
      cut: this.options.cut,
      feedBeforeCut: this.options.feedBeforeCut,
      kick: kicks(job) ? this.kick : null,
      qr: this.options.qr ?? 'native',
    })
  }

  private finish(record: PrintJobRecord, outcome: PrintOutcome, bytes: number): PrintOutcome {
    const { job } = record
    record.state = outcome.status === 'printed' ? 'printed' : 'failed'
    record.outcome = outcome
    record.finishedAt = this.clock.now()
    this.logger.log(outcome.status === 'printed' ? 'info' : 'warn', 'printer.job.' + record.state, {
      printer: this.id,
      key: job.key,
      ...(record.copyOf ? { copyOf: record.copyOf } : {}),
      ...(outcome.status === 'failed' ? { state: outcome.state, detail: outcome.detail } : { bytes }),
    })
    return outcome
  }

  private async send(key: string, bytes: Uint8Array, kick: boolean): Promise<PrintOutcome> {
    const before = await this.check().catch((e: unknown) => this.lost(e))
    if (before.blocking)
      return this.failed(key, before.state, `not printed, nothing sent: ${before.detail}`, 'nothing')
    if (kick)
      this.logger.log('info', 'drawer.open', { reason: `print job ${key}`, via: 'printer', printer: this.id })
    try {
      await this.transport.write(bytes)
    } catch (e) {
      const err = this.lost(e)
      return this.failed(
        key,
        err.state,
        `sending stopped (${err.detail}); the receipt may be partly printed — reprint it as a copy`,
        'maybe',
      )
    }
    if (this.options.postCheckDelayMs > 0) await sleep(this.options.postCheckDelayMs)
    const after = await this.check().catch((e: unknown) => this.lost(e))
    if (after.blocking)
      return this.failed(
        key,
        after.state,
        `sent, but the printer then reported: ${after.detail}; the receipt may be incomplete — reprint it as a copy`,
        'maybe',
      )
    return { status: 'printed', key, bytes: bytes.length }
  }

  /** Maps a transport failure to a verdict and publishes it; 'timeout' means the printer stopped taking data. */
  private lost(e: unknown): StatusVerdict {
    const err = asTransportError(e)
    const state: DeviceState = err.kind === 'timeout' ? 'offline' : 'disconnected'
    this.setStatus(state, err.message)
    return { state, detail: err.message, drawerPinHigh: null, blocking: true }
  }

  private async check(): Promise<StatusVerdict> {
    if (this.options.statusQuery === 'none') {
      const verdict: StatusVerdict = {
        state: 'connected',
        detail: 'status not queried (statusQuery: none)',
        drawerPinHigh: null,
        blocking: false,
      }
      this.setStatus(verdict.state, verdict.detail)
      return verdict
    }
    const verdict = interpretStatus(await readStatusReport(this.transport, this.options.statusTimeoutMs))
    this.setStatus(verdict.state, verdict.detail)
    return verdict
  }

  /** Opens the transport for one unit of work and, for non-persistent links (TCP), closes it after. */
  private async session<T>(work: () => Promise<T>): Promise<T> {
    try {
      await this.transport.open()
    } catch (e) {
      const err = asTransportError(e, 'refused')
      this.setStatus('disconnected', err.message)
      throw err
    }
    try {
      return await work()
    } finally {
      if (!this.transport.persistent) await this.transport.close()
    }
  }

  /**
   * A job that may be partly on paper says so ("möglicherweise unvollständig gedruckt"), whatever broke;
   * one that sent nothing names the state that stopped it ("nicht gedruckt: Papier leer").
   */
  private failed(
    key: string,
    state: DeviceState,
    detail: string,
    reached: 'nothing' | 'maybe',
  ): PrintOutcome {
    return {
      status: 'failed',
      key,
      state,
      messageKey: reached === 'maybe' ? MAYBE_PARTIAL_KEY : messageKey(state),
      detail,
      reached,
    }
  }

  private makeStatus(state: DeviceState, detail: string): DeviceStatus {
    return {
      kind: 'printer',
      id: this.id,
      virtual: this.virtual,
      state,
      messageKey: messageKey(state),
      detail,
      since: new Date(this.clock.now()).toISOString(),
    }
  }

  private setStatus(state: DeviceState, detail: string): void {
    if (this.latest.state === state && this.latest.detail === detail) return
    const previous = this.latest.state
    this.latest = this.makeStatus(state, detail)
    if (previous !== state)
      this.logger.log(state === 'connected' ? 'info' : 'warn', 'printer.status', {
        printer: this.id,
        state,
        detail,
      })
    this.statusListeners.emit(this.latest)
  }
}
