// Storno of a completed sale (docs/backoffice.md): a new sale of kind storno with the lines negated,
// refunded the way the money came in. The card part (secucard balance, terminal) goes back with one
// secuconnect cancel per transaction; the cash part is paid out through the drawer. Every external
// effect is journaled before (intent) and after (outcome). A cancel whose answer never arrived is read
// back, never sent again blindly; an interrupted storno is resumed by running it again.
import { AppFailure } from '../../common/result'
import { sumCents } from '../../common/money'
import type { StornoResultView } from '../../common/journal'
import type { ApiReceiptLine } from '../../common/receipt/api-lines'
import type { SellerConfig } from '../../common/sellers'
import { CASH, type SaleRecord } from '../journal'
import { receiptSaleFromJournal } from '../receipts/from-journal'
import { buildSaleReceipt } from '../receipts/sale-receipt'
import {
  isUnknownOutcome,
  SecuconnectApiError,
  SecuconnectError,
  toAppError,
  type SmartTransaction,
} from '../secuconnect'
import type { Backoffice } from './context'
import {
  apiLinesOf,
  cancelSteps,
  openStornoOf,
  paymentOf,
  readCancelBack,
  refundParts,
  transactionsOf,
  type RefundPart,
} from './storno-parts'
import { kickDrawer } from '../../hardware/drawer/kick-once'

export function createStorno(bo: Backoffice) {
  const { journal, client, logger } = bo.deps
  /** Sales whose storno runs right now: a second tap must not start a second refund beside it. */
  const running = new Set<number>()

  const saleOrThrow = (saleId: number): SaleRecord => bo.sale(saleId)

  /** After a cancel that failed for sure: record it, and drop the storno attempt if no money moved yet. */
  function cancelFailed(stornoId: number, intentId: number, tx: string, error: unknown): never {
    const app = toAppError(error)
    journal.recordPaymentOutcome({ intentId, status: 'failed', detail: { error: app.message.slice(0, 300) } })
    const storno = saleOrThrow(stornoId)
    if (storno.paid === 0 && storno.payments.every((p) => p.openIntentIds.length === 0)) {
      journal.abortSale(stornoId, 'card cancellation failed; nothing was refunded')
      bo.changed('storno', stornoId)
    }
    logger.log('warn', 'storno.cancel-failed', {
      stornoSaleId: stornoId,
      transactionId: tx,
      error: app.message,
    })
    const refused = error instanceof SecuconnectApiError && error.status < 500
    throw new AppFailure({
      code: app.code,
      messageKey: refused ? 'backoffice.error.cancelRefused' : 'backoffice.error.cancelFailed',
      message: `secuconnect did not cancel ${tx}: ${app.message}`,
      ...(app.params ? { params: app.params } : {}),
    })
  }

  /** One secuconnect cancel for `tx`, sent at most once per attempt that could have reached it. */
  async function cancelTransaction(
    stornoId: number,
    tx: string,
    parts: RefundPart[],
  ): Promise<ApiReceiptLine[]> {
    const carrier = parts.find((p) => p.method !== CASH) ?? parts[0]
    // The cancel moves card money back when a card part carries it; on a cash-only transaction
    // (top-up or bonus collected) it takes back the card effects and the cash follows through the drawer.
    const outcomeStatus = carrier.method === CASH ? 'done' : 'settled'
    let lines: ApiReceiptLine[] | null = null
    let storno = saleOrThrow(stornoId)
    const steps = cancelSteps(storno, tx)
    let cancelled = steps.some(
      ({ step }) => step.outcome?.status === 'settled' || step.outcome?.status === 'done',
    )
    const open = steps.find(({ step }) => step.outcome === undefined)
    if (!cancelled && open) {
      // An earlier attempt sent the cancel and never learnt the answer: ask, do not send it again.
      const found = await readCancelBack(bo, tx)
      if (found.applied) {
        journal.recordPaymentOutcome({
          intentId: open.step.intentId,
          status: open.payment.method === CASH ? 'done' : 'settled',
          transactionId: tx,
        })
        lines = found.transaction.receipt
        cancelled = true
      } else if (found.transaction.status === 'ok') {
        journal.recordPaymentOutcome({
          intentId: open.step.intentId,
          status: 'failed',
          detail: { readBack: 'ok, not cancelled' },
        })
      } else {
        throw AppFailure.of(
          'CONFLICT',
          'backoffice.error.cancelImpossible',
          `Transaction ${tx} is ${found.transaction.status}; it cannot be cancelled`,
          {
            status: found.transaction.status,
          },
        )
      }
    }
    if (!cancelled) {
      storno = saleOrThrow(stornoId)
      const payment = paymentOf(storno, carrier)
      // cancel moves money back: its intent and its outcome are durable commits.
      const { intentId } = journal.atomically(
        () =>
          journal.recordPaymentIntent({
            saleId: stornoId,
            ...(payment
              ? { paymentId: payment.paymentId }
              : { method: carrier.method, amount: carrier.amount }),
            step: 'cancel',
            transactionId: tx,
          }),
        { durable: true },
      )
      let transaction: SmartTransaction
      try {
        transaction = await client.transactions.cancel(tx)
      } catch (error) {
        const unknown =
          error instanceof SecuconnectError &&
          (error.outcome ? error.outcome.effect === 'unknown' : isUnknownOutcome(error))
        if (unknown) {
          // The intent stays open: the next attempt (or the start-up recovery) reads the transaction back.
          logger.log('warn', 'storno.cancel-unknown', { stornoSaleId: stornoId, transactionId: tx })
          throw AppFailure.of(
            'TIMEOUT',
            'backoffice.error.cancelUnknown',
            'The card cancellation could not be confirmed yet; try the storno again',
          )
        }
        cancelFailed(stornoId, intentId, tx, error)
      }
      journal.atomically(
        () => journal.recordPaymentOutcome({ intentId, status: outcomeStatus, transactionId: tx }),
        {
          durable: true,
        },
      )
      lines = transaction.receipt
    }
    // Further card parts on the same transaction went back with that one cancel.
    for (const part of parts) {
      if (part === carrier || part.method === CASH) continue
      storno = saleOrThrow(stornoId)
      const payment = paymentOf(storno, part)
      if (payment?.settled === part.amount) continue
      const openStep = payment?.steps.find((s) => s.outcome === undefined)
      const intentId =
        openStep?.intentId ??
        journal.recordPaymentIntent({
          saleId: stornoId,
          ...(payment ? { paymentId: payment.paymentId } : { method: part.method, amount: part.amount }),
          step: 'cancel',
          transactionId: tx,
          detail: { withCancelOf: carrier.method },
        }).intentId
      journal.recordPaymentOutcome({ intentId, status: 'settled', transactionId: tx })
    }
    return lines ?? apiLinesOf(bo, tx)
  }

  /** Pays the cash part out: intent, the logged drawer opening, outcome. */
  async function refundCash(
    stornoId: number,
    part: RefundPart,
    manager: SellerConfig,
  ): Promise<'opened' | 'not-needed' | 'failed'> {
    const storno = saleOrThrow(stornoId)
    const payment = paymentOf(storno, part)
    const settled = payment?.settled ?? 0
    if (settled === part.amount) return 'not-needed'
    const openRefund = payment?.steps.find((s) => s.step === 'refund' && s.outcome === undefined)
    // The refund's intent and the drawer opening: one durable commit before the drawer opens.
    const intentId = journal.atomically(
      () => {
        const id =
          openRefund?.intentId ??
          journal.recordPaymentIntent({
            saleId: stornoId,
            ...(payment ? { paymentId: payment.paymentId } : { method: CASH, amount: part.amount }),
            step: 'refund',
            ...(part.transactionId === undefined ? {} : { transactionId: part.transactionId }),
          }).intentId
        journal.recordCashMovement({
          kind: 'drawer_open',
          reason: 'refund',
          sellerId: manager.id,
          saleId: stornoId,
        })
        return id
      },
      { durable: true },
    )
    const kick = await kickDrawer(
      bo.deps.devices.drawer,
      `storno ${stornoId}: refund ${-part.amount} cents`,
      logger,
      'backoffice.error.drawerFailed',
    )
    const drawer = kick.opened ? ('opened' as const) : ('failed' as const)
    // The manager pays out what the screen shows, with the key if the drawer did not open: the refund
    // is booked either way, and a drawer that failed shows up in the result and the log.
    if (drawer === 'failed') logger.log('warn', 'storno.drawer-failed', { stornoSaleId: stornoId })
    journal.atomically(
      () => journal.recordPaymentOutcome({ intentId, status: 'settled', amount: part.amount - settled }),
      { durable: true },
    )
    return drawer
  }

  /** Receipt of a completed storno: kept first, then printed; the paper may fail, the storno stays. */
  async function finish(
    original: SaleRecord,
    stornoId: number,
    apiLines: ApiReceiptLine[],
    drawer: StornoResultView['drawer'],
  ): Promise<StornoResultView> {
    const storno = saleOrThrow(stornoId)
    const document = buildSaleReceipt(
      {
        ...receiptSaleFromJournal(storno, bo.sellerName(storno.sellerId), apiLines),
        ...(original.receiptNo === undefined ? {} : { originalReceiptNo: original.receiptNo }),
      },
      bo.receiptContext(),
    )
    const { receiptId } = journal.recordReceipt({ kind: 'storno', saleId: stornoId, document })
    bo.changed('storno', stornoId)
    const printed = await bo.print({ receiptId, document })
    bo.changed('print', stornoId)
    const refunded = (cash: boolean) =>
      sumCents(
        storno.payments.filter((p) => (p.method === CASH) === cash).map((p) => -p.settled),
        'refund',
      )
    return {
      stornoSaleId: stornoId,
      receiptNo: storno.receiptNo ?? 0,
      receiptId,
      receipt: document,
      cashRefund: refunded(true),
      cardRefund: refunded(false),
      print: printed.print,
      drawer,
    }
  }

  async function run(original: SaleRecord, manager: SellerConfig, reason: string): Promise<StornoResultView> {
    const parts = refundParts(original)
    let storno = openStornoOf(bo, original)
    if (storno) {
      logger.log('info', 'storno.resumed', { saleId: original.saleId, stornoSaleId: storno.saleId })
    } else {
      storno = journal.recordStorno({ originalSaleId: original.saleId, sellerId: manager.id, reason })
      logger.log('info', 'storno.started', {
        saleId: original.saleId,
        stornoSaleId: storno.saleId,
        by: manager.id,
      })
      bo.changed('storno', storno.saleId)
    }
    const stornoId = storno.saleId
    const apiLines: ApiReceiptLine[] = []
    for (const tx of transactionsOf(parts))
      apiLines.push(
        ...(await cancelTransaction(
          stornoId,
          tx,
          parts.filter((p) => p.transactionId === tx),
        )),
      )
    let drawer: StornoResultView['drawer'] = 'not-needed'
    for (const part of parts.filter((p) => p.method === CASH)) {
      const opened = await refundCash(stornoId, part, manager)
      if (opened !== 'not-needed') drawer = opened
    }
    const completed = journal.completeSale(stornoId)
    logger.log('info', 'storno.completed', {
      saleId: original.saleId,
      stornoSaleId: stornoId,
      receiptNo: completed.receiptNo,
    })
    return finish(original, stornoId, apiLines, drawer)
  }

  return {
    /** Shared with the partial storno (partial-return.ts): the cash payout and the STORNO receipt. */
    refundCash,
    finish,
    async execute(input: { saleId: number; reason: string; managerPin?: string }): Promise<StornoResultView> {
      const manager = bo.manager(input.managerPin)
      const original = saleOrThrow(input.saleId)
      if (original.kind === 'storno')
        throw AppFailure.of(
          'CONFLICT',
          'backoffice.error.stornoOfStorno',
          `Sale ${original.saleId} is itself a storno`,
          { saleId: original.saleId },
        )
      if (original.status !== 'completed')
        throw AppFailure.of(
          'CONFLICT',
          'journal.error.stornoNotAllowed',
          `Sale ${original.saleId} is ${original.status}`,
          {
            saleId: original.saleId,
          },
        )
      if (running.has(original.saleId))
        throw AppFailure.of(
          'CONFLICT',
          'backoffice.error.stornoRunning',
          `A storno of sale ${original.saleId} is running`,
          { saleId: original.saleId },
        )
      const done = original.stornoSaleId === undefined ? undefined : journal.sale(original.stornoSaleId)
      running.add(original.saleId)
      try {
        if (done?.status === 'completed') {
          // Completed but its receipt never got written (the process stopped in between): write it now.
          if (!done.receipts.some((r) => r.kind === 'storno')) {
            const lines = await Promise.all(
              transactionsOf(refundParts(original)).map((tx) => apiLinesOf(bo, tx)),
            )
            return await finish(original, done.saleId, lines.flat(), 'not-needed')
          }
          throw AppFailure.of(
            'CONFLICT',
            'journal.error.alreadyStornoed',
            `Sale ${original.saleId} is already cancelled by receipt ${done.receiptNo}`,
            {
              saleId: original.saleId,
              receiptNo: done.receiptNo ?? 0,
            },
          )
        }
        return await run(original, manager, input.reason)
      } finally {
        running.delete(original.saleId)
      }
    },

    /**
     * On start: a storno interrupted while its card cancel was under way gets the cancel's outcome from
     * secuconnect; one that moved no money yet is dropped (it can simply be repeated). One that already
     * gave money back stays open until a manager runs the storno again, which finishes it.
     */
    async recover(): Promise<void> {
      for (const { sale } of journal.unfinished().sales) {
        if (sale.kind !== 'storno') continue
        for (const payment of sale.payments) {
          for (const step of payment.steps) {
            if (step.step !== 'cancel' || step.outcome !== undefined || step.transactionId === undefined)
              continue
            try {
              const found = await client.transactions.reconcile(step.transactionId, 'cancelled')
              if (found.applied)
                journal.recordPaymentOutcome({
                  intentId: step.intentId,
                  status: payment.method === CASH ? 'done' : 'settled',
                  transactionId: step.transactionId,
                })
              else if (found.transaction.status === 'ok')
                journal.recordPaymentOutcome({
                  intentId: step.intentId,
                  status: 'failed',
                  detail: { readBack: 'ok, not cancelled' },
                })
            } catch (error) {
              logger.log('warn', 'storno.recover-unreadable', {
                stornoSaleId: sale.saleId,
                transactionId: step.transactionId,
                error: String(error),
              })
            }
          }
        }
        const now = saleOrThrow(sale.saleId)
        if (now.paid === 0 && now.payments.every((p) => p.openIntentIds.length === 0)) {
          journal.abortSale(sale.saleId, 'storno interrupted before any refund')
          logger.log('info', 'storno.recover-aborted', { stornoSaleId: sale.saleId })
          bo.changed('storno', sale.saleId)
        } else {
          logger.log('warn', 'storno.recover-open', {
            stornoSaleId: sale.saleId,
            paid: now.paid,
            total: now.total,
          })
        }
      }
    },
  }
}
