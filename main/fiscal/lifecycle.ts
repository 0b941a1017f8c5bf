// The TSE lifecycle at the counter (KassenSichV § 2; fiscal lifecycle as in docs/fiscal-tse.md):
// a transaction starts in the background when a basket gets its first line, is finished at payment
// as Kassenbeleg-V1 / Beleg, and is cancelled (AVBelegabbruch) when the basket is cleared. A parked
// basket keeps its transaction (baskets are per seller). The shared steps live in
// tse-transactions.ts, the head anchor at the Z in head-anchor.ts, recovery in tse-recovery.ts.
//
// Never block: a sale waits for the TSE at most one call timeout in total (`budgetMs`); a start that
// already failed means the finish is not even tried. Then the sale goes on unsigned: the record keeps
// the error, the receipt says "TSE ausgefallen", the outage is journaled and published. Nothing is
// signed later under a false time: a late answer is read back and recorded with the TSE's own times.
import {
  processData as buildProcessData,
  type FiscalAmounts,
  type Vorgangstyp,
} from '../../common/fiscal/process-data'
import type { HeadAnchorRequest } from '../journal/z-safeguards'
import type { BasketView } from '../../common/basket'
import type { TseRecord } from '../journal'
import { anchorHead } from './head-anchor'
import { tseAmountsOfSale, type FiscalSaleInput } from './sale-input'
import { TseError, type TseSignature, type TseStarted } from './tse'
import { recoverTse } from './tse-recovery'
import {
  createTseTransactions,
  reasonOf,
  type AbandonedBasket,
  type FiscalServiceDeps,
  type OpenTx,
  type SignatureLink,
} from './tse-transactions'

export { fiscalSaleOf, type FiscalSaleInput } from './sale-input'
export type { FiscalServiceDeps, FiscalView } from './tse-transactions'

const PROCESS_TYPE = 'Kassenbeleg-V1'

/** A paid sale's signing, taken in the commit that moved its money (FiscalService.prepareSale). */
export interface PreparedSale {
  entry: OpenTx
  typ: Vorgangstyp
  amounts: FiscalAmounts
  link: { saleId: number; training: boolean }
  startedAt: string
  /** The TSE's start, when its `finishing` row was written with the prepare. */
  started?: TseStarted
}

export interface FiscalOutcome {
  record: TseRecord
  signed: boolean
}

export type FiscalService = ReturnType<typeof createFiscalService>

export function createFiscalService(deps: FiscalServiceDeps) {
  const t = createTseTransactions(deps)
  const { journal, tse, budgetMs, clientSerial, background, nowIso, track, failed, succeeded, within } = t
  const { startTx, settleLater, recordSignature } = t
  const open = new Map<string, OpenTx>()

  /** The seller's open transaction for a paid sale (a new one if the basket had none), and its figures. */
  function takeSale(input: FiscalSaleInput): PreparedSale {
    let entry = input.sellerId !== undefined ? open.get(input.sellerId) : undefined
    if (input.sellerId !== undefined) open.delete(input.sellerId)
    const startedAt = nowIso()
    entry ??= startTx(input.training)
    return {
      entry,
      typ: input.training ? 'AVTraining' : (input.typ ?? 'Beleg'),
      amounts: tseAmountsOfSale(input),
      link: { saleId: input.saleId, training: input.training ?? false },
      startedAt,
    }
  }

  /** Sends a taken sale's finish; `started` set means its `finishing` row is already in the journal. */
  const finishTaken = (p: PreparedSale): Promise<FiscalOutcome> =>
    sign(p.entry, p.typ, p.amounts, p.link, p.startedAt, p.started)

  /** The row recovery reads back and finishes from: the process data, before the finish leaves. */
  function recordFinishing(
    txId: string,
    started: TseStarted,
    data: string,
    link: { saleId?: number; cashMovementId?: number; training?: boolean },
  ): void {
    journal.tse.record({
      txId,
      state: 'finishing',
      saleId: link.saleId ?? null,
      cashMovementId: link.cashMovementId ?? null,
      processType: PROCESS_TYPE,
      processData: data,
      txNumber: started.number,
      clientId: clientSerial,
      training: link.training ?? false,
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
    /** The `finishing` row is already on disk (prepareSale): the finish may leave at once. */
    prepared?: TseStarted,
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
    let revision: number
    if (prepared) revision = prepared.revision
    else {
      const started = await within(entry.started, deadline)
      if (!started) {
        // The start is still in flight after the whole budget: the sale goes on; settle it later.
        void track(entry.started.then((s) => (s ? settleLater(entry.txId, 3) : undefined)))
        return fail(`no answer within ${budgetMs} ms`)
      }
      if (!started.value) return fail(entry.error ?? 'TSE start failed')
      // On disk before the finish leaves: a power cut must not leave a signature the journal cannot
      // link to its process (docs/fiscal-tse.md "Crash").
      journal.atomically(() => recordFinishing(entry.txId, started.value!, data, link), { durable: true })
      revision = started.value.revision
    }
    const finishing = tse.finish(entry.txId, revision + 1, typ, amounts)
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

  /**
   * Cancels a basket's transaction in the background. `link` says whose process it was: a sale the
   * checkout aborted (its AVBelegabbruch carries the cancellation), or an emptied basket, whose bon
   * is written with the cancellation (tse-transactions.ts recordSignature).
   */
  function abortEntry(entry: OpenTx, link: SignatureLink): void {
    if (!tse) return
    void track(
      entry.started.then(async (s) => {
        if (!s) return
        try {
          const sig = await tse.abort(entry.txId, s.revision + 1)
          recordSignature(sig, link)
          succeeded()
        } catch (error) {
          failed(reasonOf(error))
          void track(settleLater(entry.txId, undefined, link))
        }
      }),
    )
  }

  /** The lines each seller's basket had when last shown, for the bon of a basket that is emptied. */
  const lastShown = new Map<string, Omit<AbandonedBasket, 'reason'>>()

  return {
    view: t.view,
    clientSerial,
    /**
     * A basket changed: sellers with lines and no transaction start one; an emptied basket's is
     * cancelled, and its bon (AVBelegabbruch) keeps the lines the basket had before it was emptied.
     */
    basketsChanged(register: {
      sellers: readonly { sellerId: string; itemCount: number }[]
      /** The active seller's basket (the register shows one). */
      basket: Pick<BasketView, 'sellerId' | 'lines' | 'consumption'> | null
    }): void {
      const { basket } = register
      if (basket && basket.lines.length > 0)
        lastShown.set(basket.sellerId, {
          sellerId: basket.sellerId,
          lines: basket.lines,
          consumption: basket.consumption,
        })
      const withLines = new Set(register.sellers.filter((s) => s.itemCount > 0).map((s) => s.sellerId))
      for (const id of withLines) if (!open.has(id)) open.set(id, startTx())
      for (const [id, entry] of open)
        if (!withLines.has(id)) {
          open.delete(id)
          const shown = lastShown.get(id) ?? { sellerId: id, lines: [] }
          abortEntry(entry, {
            abandoned: { ...shown, reason: 'basket emptied at the till' },
            training: journal.training.current().on,
          })
        }
      // An emptied basket's lines went into its bon; a paid one's transaction was taken by its sale.
      for (const id of lastShown.keys()) if (!withLines.has(id)) lastShown.delete(id)
    },
    /**
     * The checkout aborted a begun sale that moved no money (cancelled payment, card removed): its
     * transaction is cancelled with the sale's id (DSFinV-K: the aborted bon has its TSE record), and
     * the basket, which keeps its lines, gets a new transaction for the next try.
     */
    saleAborted(sellerId: string, saleId: number): void {
      const entry = open.get(sellerId)
      if (!entry) return
      open.delete(sellerId)
      abortEntry(entry, { saleId })
      open.set(sellerId, startTx())
    },
    /**
     * Called inside the commit that moves a paid sale's money (the durable outcome of its start, a cash
     * tender's intent): takes the seller's transaction and, when the TSE has answered its start, writes
     * the `finishing` row into that commit, so it is on disk before the finish leaves at no fsync of its
     * own. `finishPrepared` sends the finish once the commit is done.
     */
    prepareSale(input: FiscalSaleInput): PreparedSale {
      const taken = takeSale(input)
      const started = tse && !taken.entry.error ? taken.entry.value : undefined
      if (!started) return taken
      recordFinishing(taken.entry.txId, started, buildProcessData(taken.typ, taken.amounts), taken.link)
      return { ...taken, started }
    },
    /**
     * Sends the finish of a sale `prepareSale` took; if the prepare could not write the `finishing` row
     * (the TSE had not answered the start), it gets a durable commit of its own first.
     */
    finishPrepared: finishTaken,
    /**
     * Finishes the seller's transaction for a paid sale (or a new one if the basket had none); its
     * `finishing` row gets a durable commit of its own before the finish leaves. Async, so a throw
     * while taking the sale rejects, as the callers' `.catch` expects.
     */
    async finishSale(input: FiscalSaleInput): Promise<FiscalOutcome> {
      return finishTaken(takeSale(input))
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
    /** The journal's HeadAnchor (main/journal/z-safeguards.ts): the chain head signed at each Z. */
    anchorHead: (request: HeadAnchorRequest) => anchorHead(t, request),
    /** On start: the TSE transactions a crash left open are finished or cancelled (tse-recovery.ts). */
    recover: () => recoverTse(t),
    /** The manager switches training mode (journaled with the manager); the view is published. */
    setTraining(on: boolean, managerId: string): ReturnType<typeof t.view> {
      const before = journal.training.current().on
      journal.training.set(on, managerId)
      const view = t.view()
      if (before !== on) {
        t.logger.log('info', 'fiscal.training', { on, by: managerId })
        deps.onChange?.(view)
      }
      return view
    },
    async close(): Promise<void> {
      await Promise.allSettled([...background])
    },
    /** Tests: background work (aborts, late read-backs) done. */
    settled: () => Promise.allSettled([...background]).then(() => undefined),
  }
}
