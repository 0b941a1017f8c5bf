// The TSE lifecycle at the counter (KassenSichV § 2; fiscal lifecycle as in docs/fiscal-tse.md):
// a transaction starts in the background when a basket gets its first line, is finished at payment
// as Kassenbeleg-V1 / Beleg, and is cancelled (AVBelegabbruch) when the basket is cleared. A parked
// basket keeps its transaction (baskets are per seller).
//
// Never block: a sale waits for the TSE at most one call timeout in total (`budgetMs`); a start that
// already failed means the finish is not even tried. Then the sale goes on unsigned: the record keeps
// the error, the receipt says "TSE ausgefallen", the outage is journaled and published. Nothing is
// signed later under a false time: a late answer is read back and recorded with the TSE's own times.
import type { HeadAnchorReceipt, HeadAnchorRequest } from '../journal/z-safeguards'
import { randomUUID } from 'node:crypto'
import type { AppConfig } from '../../common/config'
import { tillSerialOf } from '../../common/config/fiscal'
import { fiscalAmounts, type FiscalSaleInput as AmountsInput } from '../../common/fiscal-amounts'
import {
  centsOf,
  processData as buildProcessData,
  type FiscalAmounts,
  type Vorgangstyp,
} from '../../common/fiscal/process-data'
import type { Clock, Logger } from '../../common/ports'
import type { Journal, TseRecord } from '../journal'
import { TseError, type Tse, type TseSignature, type TseStarted, type TseStatus } from './tse'

const PROCESS_TYPE = 'Kassenbeleg-V1'

interface OpenTx {
  txId: string
  /** Resolves to the start, or to null with `error` set; never rejects. */
  started: Promise<TseStarted | null>
  error?: string
}

/**
 * A sale as the TSE signs it: its lines, redeemed bonus and payments, the input of the one fiscal
 * function (common/fiscal-amounts.ts) that also feeds the receipt, X/Z and the DSFinV-K export.
 */
export interface FiscalSaleInput extends AmountsInput {
  sellerId?: string
  saleId: number
  typ?: Vorgangstyp
  training?: boolean
}

export interface FiscalOutcome {
  record: TseRecord
  signed: boolean
}

export interface FiscalView {
  kind: TseStatus['kind']
  /** The open outage: since when and why. */
  outage: { since: string; reason: string } | null
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

export type FiscalService = ReturnType<typeof createFiscalService>

/**
 * A paid sale as the TSE sees it: VAT per rate and the money kept per payment. The step that just
 * succeeded has its outcome journaled with the completion, so an in-flight payment counts its amount.
 */
export function fiscalSaleOf(
  sale: {
    saleId: number
    lines: readonly { total: number; vatRate: number; kind?: string }[]
    bonus?: readonly { vatRate: number; amount: number }[]
    payments: readonly { method: string; amount: number; settled: number; openIntentIds: readonly number[] }[]
  },
  sellerId?: string,
): FiscalSaleInput {
  return {
    saleId: sale.saleId,
    ...(sellerId !== undefined ? { sellerId } : {}),
    lines: sale.lines.map((l) => ({
      total: l.total,
      vatRate: l.vatRate,
      ...(l.kind ? { kind: l.kind } : {}),
    })),
    bonus: (sale.bonus ?? []).map((b) => ({ vatRate: b.vatRate, amount: b.amount })),
    payments: sale.payments.map((p) => ({
      method: p.method,
      amount: p.openIntentIds.length > 0 && p.settled === 0 ? p.amount : p.settled,
    })),
  }
}

const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString()

function reasonOf(error: unknown): string {
  if (error instanceof TseError) return error.message
  return error instanceof Error ? error.message : String(error)
}

export function createFiscalService(deps: FiscalServiceDeps) {
  const { journal, tse, clock, logger, config } = deps
  const budgetMs = config.fiscal.timeouts.txMs
  const open = new Map<string, OpenTx>()
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
    return { kind: tse?.kind ?? 'none', outage: o ? { since: o.at, reason: o.reason } : null }
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

  /** A transaction whose state we do not know: read it back; if it is still ACTIVE, cancel it. */
  async function settleLater(txId: string, attempts = 5): Promise<void> {
    if (!tse) return
    for (let i = 0; i < attempts; i++) {
      await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** i)).unref?.())
      try {
        const back = await tse.read(txId)
        if (back.state === 'ACTIVE') {
          const sig = await tse.abort(txId, back.revision + 1)
          recordSignature(sig, { error: 'cancelled after the TSE answered late' })
        } else if (back.signature) recordSignature(back.signature, {})
        succeeded()
        return
      } catch (error) {
        if (error instanceof TseError && error.kind === 'http' && error.status === 404) return
      }
    }
  }

  function recordSignature(
    sig: TseSignature,
    link: {
      saleId?: number
      cashMovementId?: number
      closingId?: number
      training?: boolean
      error?: string
    },
  ): TseRecord {
    return journal.tse.record({
      txId: sig.txId,
      state: sig.state === 'FINISHED' ? 'finished' : 'cancelled',
      saleId: link.saleId ?? null,
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
      error: link.error ?? null,
      raw: sig.raw,
    })
  }

  /**
   * Signs one process (sale, storno, cash movement) within one call timeout in total. Returns the
   * final record: signed, or failed with the reason (till-clock times, no signature).
   */
  async function sign(
    entry: OpenTx,
    typ: Vorgangstyp,
    amounts: FiscalAmounts,
    link: { saleId?: number; cashMovementId?: number; training?: boolean },
    startedAt: string,
  ): Promise<FiscalOutcome> {
    const data = buildProcessData(typ, amounts)
    // Real elapsed time, not the (injectable) wall clock: this bounds how long the cashier waits.
    const deadline = performance.now() + budgetMs
    const fail = (reason: string): FiscalOutcome => {
      failed(reason)
      return {
        signed: false,
        record: journal.tse.record({
          txId: entry.txId,
          state: 'failed',
          saleId: link.saleId ?? null,
          cashMovementId: link.cashMovementId ?? null,
          processType: PROCESS_TYPE,
          processData: data,
          startTime: startedAt,
          endTime: nowIso(),
          clientId: clientSerial,
          training: link.training ?? false,
          error: reason,
        }),
      }
    }
    if (!tse) return fail(entry.error ?? 'TSE nicht angeschlossen')
    const started = await within(entry.started, deadline)
    if (!started) {
      // The start is still in flight after the whole budget: the sale goes on; settle it later.
      void track(entry.started.then((s) => (s ? settleLater(entry.txId, 3) : undefined)))
      return fail(`no answer within ${budgetMs} ms`)
    }
    if (!started.value) return fail(entry.error ?? 'TSE start failed')
    journal.tse.record({
      txId: entry.txId,
      state: 'finishing',
      saleId: link.saleId ?? null,
      cashMovementId: link.cashMovementId ?? null,
      processType: PROCESS_TYPE,
      processData: data,
      txNumber: started.value.number,
      clientId: clientSerial,
      training: link.training ?? false,
    })
    const finishing = tse.finish(entry.txId, started.value.revision + 1, typ, amounts)
    let result: { value: TseSignature } | null
    try {
      result = await within(finishing, deadline)
    } catch (error) {
      const reason = reasonOf(error)
      if (error instanceof TseError && error.outcomeUnknown) void track(settleSale(entry.txId, link))
      return fail(reason)
    }
    if (!result) {
      void track(finishing.then(() => settleSale(entry.txId, link)).catch(() => settleSale(entry.txId, link)))
      return fail(`no answer within ${budgetMs} ms`)
    }
    succeeded()
    return { signed: true, record: recordSignature(result.value, link) }
  }

  /**
   * After a finish whose answer came too late or not at all: read back; a FINISHED transaction's
   * signature is recorded with the TSE's own times (the receipt already went out unsigned and keeps
   * its mark); one still ACTIVE is cancelled so it does not count against the open limit.
   */
  async function settleSale(txId: string, link: { saleId?: number; cashMovementId?: number }): Promise<void> {
    if (!tse) return
    for (let i = 0; i < 5; i++) {
      try {
        const back = await tse.read(txId)
        if (back.state === 'ACTIVE') {
          const sig = await tse.abort(txId, back.revision + 1)
          recordSignature(sig, { error: 'finish did not reach the TSE; cancelled afterwards' })
        } else if (back.signature)
          recordSignature(back.signature, { ...link, error: 'signed, answer came after the receipt' })
        succeeded()
        return
      } catch {
        await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** i)).unref?.())
      }
    }
  }

  function amountsOf(input: FiscalSaleInput): FiscalAmounts {
    const training = input.training || input.typ === 'AVTraining'
    // The same figures as the receipt, X/Z and DSFinV-K: goods after the bonus per slot, top-ups and
    // the card balance (voucher sold / redeemed) in slot 5, money per Bar/Unbar.
    const amounts = fiscalAmounts(input)
    // Training: no payment may occur in the record (DSFinV-K AVTraining).
    const pays = training ? { cash: 0, nonCash: 0 } : { cash: amounts.cash, nonCash: amounts.nonCash }
    return { grossBySlot: amounts.slots, ...pays }
  }

  /** Cancels a basket's transaction in the background (cleared or abandoned basket). */
  function abortEntry(entry: OpenTx): void {
    if (!tse) return
    void track(
      entry.started.then(async (s) => {
        if (!s) return
        try {
          const sig = await tse.abort(entry.txId, s.revision + 1)
          recordSignature(sig, {})
          succeeded()
        } catch (error) {
          failed(reasonOf(error))
          void track(settleLater(entry.txId))
        }
      }),
    )
  }

  return {
    view,
    clientSerial,
    /** A basket changed: sellers with lines and no transaction start one; emptied baskets cancel theirs. */
    basketsChanged(sellers: readonly { sellerId: string; itemCount: number }[]): void {
      const withLines = new Set(sellers.filter((s) => s.itemCount > 0).map((s) => s.sellerId))
      for (const id of withLines) if (!open.has(id)) open.set(id, startTx())
      for (const [id, entry] of open)
        if (!withLines.has(id)) {
          open.delete(id)
          abortEntry(entry)
        }
    },
    /** Finishes the seller's transaction for a paid sale (or a new one if the basket had none). */
    async finishSale(input: FiscalSaleInput): Promise<FiscalOutcome> {
      let entry = input.sellerId !== undefined ? open.get(input.sellerId) : undefined
      if (input.sellerId !== undefined) open.delete(input.sellerId)
      const startedAt = nowIso()
      entry ??= startTx(input.training)
      const typ = input.training ? 'AVTraining' : (input.typ ?? 'Beleg')
      return sign(
        entry,
        typ,
        amountsOf(input),
        { saleId: input.saleId, training: input.training ?? false },
        startedAt,
      )
    },
    /** Opening float, cash in/out, Geldtransit: a Beleg in the 0 % slot, the money as Bar (signed: in +, out −). */
    async signCashMovement(movementId: number, signedAmount: number): Promise<FiscalOutcome> {
      const startedAt = nowIso()
      return sign(
        startTx(),
        'Beleg',
        { grossBySlot: [0, 0, 0, 0, signedAmount], cash: signedAmount, nonCash: 0 },
        { cashMovementId: movementId },
        startedAt,
      )
    },
    /**
     * The journal's HeadAnchor (main/journal/z-safeguards.ts): signs the chain head as a
     * `SonstigerVorgang` at each Z and links the record to the closing. Throws when the TSE cannot
     * sign; the Z safeguards record that and the Z goes on (docs/journal.md).
     */
    async anchorHead(request: HeadAnchorRequest): Promise<HeadAnchorReceipt> {
      if (!tse) throw new Error('TSE nicht angeschlossen')
      const entry = startTx()
      const started = await entry.started
      if (!started) throw new Error(entry.error ?? 'TSE start failed')
      let sig: TseSignature
      try {
        sig = await tse.finishOther(
          entry.txId,
          started.revision + 1,
          request.processType,
          request.processData,
        )
      } catch (error) {
        const reason = reasonOf(error)
        failed(reason)
        // The started transaction must not stay open: read it back and cancel it.
        void track(settleLater(entry.txId))
        throw new Error(reason, { cause: error })
      }
      succeeded()
      recordSignature(sig, { closingId: request.closingId })
      return {
        transactionNumber: sig.number,
        signatureCounter: sig.signatureCounter,
        signature: sig.signature,
        tseSerial: sig.tssSerial,
      }
    },
    /**
     * On start: transactions left `started` are cancelled, those left `finishing` are read back — a
     * FINISHED one's signature lands on its sale, an ACTIVE one is finished with the recorded amounts
     * (the sale was paid) — and ACTIVE ones the TSE lists for this client are cancelled.
     */
    async recover(): Promise<{ finished: string[]; cancelled: string[]; failed: string[] }> {
      const report = { finished: [] as string[], cancelled: [] as string[], failed: [] as string[] }
      if (!tse) return report
      const known = new Set<string>()
      for (const row of journal.tse.unsettled()) {
        const txId = row.txId!
        known.add(txId)
        try {
          const back = await tse.read(txId)
          const link = {
            ...(row.saleId !== null ? { saleId: row.saleId } : {}),
            ...(row.cashMovementId !== null ? { cashMovementId: row.cashMovementId } : {}),
            training: row.training,
          }
          if (back.state !== 'ACTIVE' && back.signature) {
            recordSignature(back.signature, row.state === 'finishing' ? link : {})
            report.finished.push(txId)
          } else if (row.state === 'finishing' && row.processData) {
            const sig = await finishFromRecord(txId, back.revision + 1, row.processData)
            recordSignature(sig, link)
            report.finished.push(txId)
          } else {
            recordSignature(await tse.abort(txId, back.revision + 1), {})
            report.cancelled.push(txId)
          }
        } catch (error) {
          logger.log('warn', 'fiscal.recover-failed', { txId, error: reasonOf(error) })
          report.failed.push(txId)
        }
      }
      try {
        for (const txId of await tse.listActive()) {
          if (known.has(txId)) continue
          const back = await tse.read(txId)
          if (back.state !== 'ACTIVE') continue
          recordSignature(await tse.abort(txId, back.revision + 1), {
            error: 'left ACTIVE, cancelled on start',
          })
          report.cancelled.push(txId)
        }
      } catch (error) {
        logger.log('warn', 'fiscal.recover-list-failed', { error: reasonOf(error) })
      }
      if (report.finished.length + report.cancelled.length > 0) logger.log('info', 'fiscal.recovered', report)
      return report
    },
    async close(): Promise<void> {
      await Promise.allSettled([...background])
    },
    /** Tests: background work (aborts, late read-backs) done. */
    settled: () => Promise.allSettled([...background]).then(() => undefined),
  }

  /** Finishes a transaction with the processData recorded before a crash. */
  async function finishFromRecord(txId: string, revision: number, data: string): Promise<TseSignature> {
    const [typ, slots, pays] = data.split('^')
    const grossBySlot = slots.split('_').map(centsOf)
    let cash = 0
    let nonCash = 0
    for (const p of pays ? pays.split('_') : []) {
      const [amount, kind] = p.split(':')
      if (kind === 'Bar') cash += centsOf(amount)
      else nonCash += centsOf(amount)
    }
    return tse!.finish(txId, revision, typ as Vorgangstyp, { grossBySlot, cash, nonCash })
  }
}
