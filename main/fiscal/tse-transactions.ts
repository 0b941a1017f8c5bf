// The TSE steps every signed process shares (main/fiscal/lifecycle.ts, head-anchor.ts, tse-recovery.ts):
// starting a transaction in the background, recording each step and signature in tse_records, the
// outage state (journaled, published for the status bar), and settling a transaction whose answer
// was lost. Nothing is signed later under a false time: a late answer is recorded with the TSE's times.
import { randomUUID } from 'node:crypto'
import type { AppConfig } from '../../common/config'
import { tillSerialOf } from '../../common/config/fiscal'
import type { Clock, Logger } from '../../common/ports'
import type { AbortedProcessInput, Journal, TseRecord } from '../journal'
import { TseError, type Tse, type TseSignature, type TseStarted, type TseStatus } from './tse'

export interface OpenTx {
  txId: string
  /** Resolves to the start, or to null with `error` set; never rejects. */
  started: Promise<TseStarted | null>
  /** The start, once it answered: what a prepare inside a commit can use without waiting. */
  value?: TseStarted
  error?: string
}

/** Names the till as the bon's operator when no seller was involved (as the export does for closings). */
export const TILL_OPERATOR = 'Kasse'

/** A basket emptied before any payment step, for the bon of its cancelled transaction. */
export interface AbandonedBasket {
  sellerId: string
  lines: AbortedProcessInput['lines']
  consumption?: AbortedProcessInput['consumption']
  reason: string
}

/** What a signature belongs to; nothing claimed and cancelled: an aborted process (`abandoned`, if known). */
export interface SignatureLink {
  saleId?: number
  cashMovementId?: number
  closingId?: number
  training?: boolean
  error?: string
  abandoned?: AbandonedBasket
}

export interface FiscalView {
  kind: TseStatus['kind']
  /** The open outage: since when and why. */
  outage: { since: string; reason: string } | null
  training: { on: boolean; since: string | null; by: string | null }
}

export interface FiscalServiceDeps {
  config: AppConfig
  journal: Journal
  tse: Tse | null
  clock: Clock
  logger: Logger
  /** Published whenever the outage state changes (status bar). */
  onChange?: (view: FiscalView) => void
}

export const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString()

export function reasonOf(error: unknown): string {
  if (error instanceof TseError) return error.message
  return error instanceof Error ? error.message : String(error)
}

export type TseTransactions = ReturnType<typeof createTseTransactions>

export function createTseTransactions(deps: FiscalServiceDeps) {
  const { journal, tse, clock, logger, config } = deps
  const budgetMs = config.fiscal.timeouts.txMs
  const background = new Set<Promise<unknown>>()
  const clientSerial = tillSerialOf(config)
  const nowIso = () => new Date(clock.now()).toISOString()

  const track = <T>(p: Promise<T>): Promise<T> => {
    background.add(p)
    void p.finally(() => background.delete(p)).catch(() => {})
    return p
  }

  function view(): FiscalView {
    const o = journal.tse.openOutage()
    return {
      kind: tse?.kind ?? 'none',
      outage: o ? { since: o.at, reason: o.reason } : null,
      training: journal.training.current(),
    }
  }

  function failed(reason: string): void {
    if (journal.tse.openOutage()) return
    journal.tse.outage('begin', reason)
    logger.log('warn', 'fiscal.outage-begin', { reason })
    deps.onChange?.(view())
  }

  function succeeded(): void {
    const o = journal.tse.openOutage()
    if (!o) return
    journal.tse.outage('end', o.reason)
    logger.log('info', 'fiscal.outage-end', { since: o.at })
    deps.onChange?.(view())
  }

  /** Waits for `p` at most until `deadline` (monotonic ms, performance.now()); null when the time is up. */
  async function within<T>(p: Promise<T>, deadline: number): Promise<{ value: T } | null> {
    const left = deadline - performance.now()
    if (left <= 0) return null
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), left)))
    try {
      return await Promise.race([p.then((value) => ({ value })), timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  function startTx(training = false): OpenTx {
    const txId = randomUUID()
    const entry: OpenTx = { txId, started: Promise.resolve(null) }
    if (!tse) {
      entry.error = 'TSE nicht angeschlossen'
      return entry
    }
    entry.started = track(
      tse.start(txId).then(
        (s) => {
          journal.tse.record({
            txId,
            state: 'started',
            txNumber: s.number,
            startTime: iso(s.timeStart),
            clientId: clientSerial,
            training,
          })
          succeeded()
          entry.value = s
          return s
        },
        (error: unknown) => {
          entry.error = reasonOf(error)
          failed(entry.error)
          logger.log('warn', 'fiscal.start-failed', { txId, error: entry.error })
          // The start may have taken effect: settle it once the TSE answers again.
          if (error instanceof TseError && error.outcomeUnknown) void track(settleLater(txId))
          return null
        },
      ),
    )
    return entry
  }

  /**
   * A transaction whose state we do not know: read it back; if it is still ACTIVE, cancel it. `link`
   * says what it belonged to (an abandoned basket's bon keeps its lines).
   */
  async function settleLater(txId: string, attempts = 5, link: SignatureLink = {}): Promise<void> {
    if (!tse) return
    for (let i = 0; i < attempts; i++) {
      await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** i)).unref?.())
      try {
        const back = await tse.read(txId)
        if (back.state === 'ACTIVE') {
          const sig = await tse.abort(txId, back.revision + 1)
          recordSignature(sig, { ...link, error: 'cancelled after the TSE answered late' })
        } else if (back.signature) recordSignature(back.signature, link)
        succeeded()
        return
      } catch (error) {
        if (error instanceof TseError && error.kind === 'http' && error.status === 404) return
      }
    }
  }

  /**
   * Records a transaction's signature. Every cancelled transaction has a bon (DSFinV-K: every TSE
   * transaction is in transactions_tse with its bon, so an auditor finds no gap in the TSE's numbers):
   * one that no sale, cash movement or closing claims gets its AVBelegabbruch bon in the same commit,
   * with the abandoned basket's lines when known, without lines otherwise (a crash, a late answer).
   * Its `error` is then the bon's reason: the TSE signed the cancellation, so the export's
   * TSE_TA_FEHLER (a TSE failure) stays empty.
   */
  function recordSignature(sig: TseSignature, link: SignatureLink): TseRecord {
    const write = (saleId: number | null, error: string | null) =>
      journal.tse.record({
        txId: sig.txId,
        state: sig.state === 'FINISHED' ? 'finished' : 'cancelled',
        saleId,
        cashMovementId: link.cashMovementId ?? null,
        closingId: link.closingId ?? null,
        processType: sig.processType,
        processData: sig.processData,
        txNumber: sig.number,
        startTime: iso(sig.timeStart),
        endTime: iso(sig.timeEnd),
        signatureCounter: sig.signatureCounter,
        signature: sig.signature,
        signatureAlgorithm: sig.signatureAlgorithm,
        publicKey: sig.publicKey,
        tseSerial: sig.tssSerial,
        clientId: sig.clientSerial,
        logTimeFormat: sig.logTimeFormat,
        qrCode: sig.qrCode,
        training: link.training ?? false,
        error,
        raw: sig.raw,
      })
    const claimed =
      link.saleId !== undefined || link.cashMovementId !== undefined || link.closingId !== undefined
    if (sig.state === 'FINISHED' || claimed) return write(link.saleId ?? null, link.error ?? null)
    const basket = link.abandoned
    const reason = basket?.reason ?? link.error ?? 'TSE transaction cancelled without a process'
    const bonInput = (lines: AbortedProcessInput['lines']): AbortedProcessInput => ({
      sellerId: basket?.sellerId ?? TILL_OPERATOR,
      lines,
      // The process began with its TSE transaction (a cleared basket: its first line; a crash's
      // leftover: before the crash), so BON_START agrees with TSE_TA_START in the export.
      ...(sig.timeStart > 0 ? { startedAt: iso(sig.timeStart) } : {}),
      ...(basket?.consumption ? { consumption: basket.consumption } : {}),
      reason,
    })
    return journal.atomically(() => {
      let bon
      try {
        bon = journal.recordAbortedProcess(bonInput(basket?.lines ?? []))
      } catch (error) {
        // Lines the journal refuses must not keep the signature out of it: the bon goes without them.
        logger.log('error', 'fiscal.abort-bon-lines-refused', { txId: sig.txId, error: reasonOf(error) })
        bon = journal.recordAbortedProcess(bonInput([]))
      }
      if (link.training) journal.training.markSale(bon.saleId)
      return write(bon.saleId, null)
    })
  }

  return {
    journal,
    tse,
    logger,
    config,
    budgetMs,
    clientSerial,
    background,
    nowIso,
    track,
    view,
    failed,
    succeeded,
    within,
    startTx,
    settleLater,
    recordSignature,
  }
}
