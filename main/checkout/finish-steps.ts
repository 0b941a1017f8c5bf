// The end of a payment: the drawer for cash, the completion with its receipt (one commit), printing,
// and the card's fresh balance for the paid screen.
import type { CheckoutResult, PaymentKind } from '../../common/checkout'
import { kickDrawer } from '../../hardware/drawer/kick-once'
import type { SaleRecord } from '../journal'
import { nextPrint, printKeptReceipt } from '../receipts/print-receipt'
import type { SmartTransaction } from '../secuconnect'
import { cardViewOf, type AttachedCard } from './card'
import type { FiscalSaleInput } from '../fiscal/lifecycle'
import { saleToSign } from './sign-late'
import { completePaidSale, recordSaleReceipt, type CompletionExtras } from './complete'
import { publish, publishSoon, track, type CheckoutContext } from './context'
import { BUSY_KEYS, ERROR_KEYS } from './messages'
import { busy, forgetSale, type Session } from './session'
import { moveTo } from './state-machine'

/** What the TSE signs for the sale: its lines and payments as the journal holds them now. */
const signingInput = (ctx: CheckoutContext, s: Session, sale: SaleRecord): FiscalSaleInput =>
  saleToSign(ctx.journal, ctx.journal.sale(sale.saleId) ?? sale, s.sellerId)

/**
 * Inside the commit that moves the sale's money (its durable barrier): the TSE's `finishing` row goes
 * into that commit, so a power cut cannot keep the TSE's signature and lose the row that links it to
 * the sale (docs/fiscal-tse.md "Crash"). startSigning sends the finish after the commit.
 */
export function prepareSigning(ctx: CheckoutContext, s: Session, sale: SaleRecord): void {
  const fiscal = ctx.fiscal
  if (!fiscal || s.signing?.saleId === sale.saleId || s.prepared?.link.saleId === sale.saleId) return
  s.prepared = fiscal.prepareSale(signingInput(ctx, s, sale))
}

/**
 * Starts the paid sale's TSE finish once (the "sign" step in docs/checkout.md), so it overlaps the
 * drawer kick; never rejects (the lifecycle records a failing TSE on the sale's tse_records row).
 */
export function startSigning(ctx: CheckoutContext, s: Session, sale: SaleRecord): void {
  const fiscal = ctx.fiscal
  if (!fiscal || s.signing?.saleId === sale.saleId) return
  const prepared = s.prepared?.link.saleId === sale.saleId ? s.prepared : null
  s.prepared = null
  const finishing = prepared ? fiscal.finishPrepared(prepared) : fiscal.finishSale(signingInput(ctx, s, sale))
  s.signing = {
    saleId: sale.saleId,
    done: finishing.catch((error: unknown) =>
      ctx.logger.log('error', 'checkout.tse-failed', { error: String(error) }),
    ),
  }
}

/** Kicks the drawer for a cash payment; its opening is journaled with the sale's completion. */
export async function openDrawer(
  ctx: CheckoutContext,
  s: Session,
  sale: SaleRecord,
): Promise<CheckoutResult['drawer']> {
  s.busy = busy('drawer', BUSY_KEYS.drawer)
  publishSoon(ctx)
  const { opened } = await kickDrawer(
    ctx.devices.drawer,
    `cash sale ${sale.saleId}`,
    ctx.logger,
    ERROR_KEYS.internal,
  )
  ctx.hooks.at('drawer.opened')
  return opened ? 'opened' : 'failed'
}

/**
 * Completes the sale while the TSE signs, then keeps its receipt with the TSE's block. The completion
 * commits with the drawer opening and the caller's last outcome, the receipt with the declined print of
 * policy "never": two commits, neither an fsync of its own, and the first one off the sale's path.
 */
export async function finish(
  ctx: CheckoutContext,
  s: Session,
  begun: SaleRecord,
  apiLines: SmartTransaction['receipt'],
  drawer: CheckoutResult['drawer'],
  last: Pick<CompletionExtras, 'before' | 'points'> = {},
): Promise<void> {
  const { journal, register, config } = ctx
  const policy = config.receipt.policy
  const { saleId } = begun
  // The TSE signs before the receipt is built; a failing TSE costs at most one timeout.
  startSigning(ctx, s, begun)
  // One turn of the event loop lets the TSE's request leave before the completion's commit.
  await new Promise((resolve) => setImmediate(resolve))
  const completed = completePaidSale(ctx.completeDeps, saleId, {
    before: () => {
      last.before?.()
      if (drawer === 'opened')
        journal.recordCashMovement({
          kind: 'drawer_open',
          reason: 'sale',
          saleId,
          sellerId: begun.sellerId,
        })
    },
    ...(last.points ? { points: last.points } : {}),
  })
  await s.signing?.done
  s.signing = null
  const { sale, receiptId, document } = recordSaleReceipt(
    ctx.completeDeps,
    completed,
    apiLines,
    policy === 'never'
      ? {
          after: ({ receiptId: id }) =>
            journal.recordPrintOutcome({
              receiptId: id,
              status: 'declined',
              detail: 'receipt policy: never',
            }),
          afterPoints: ['print.outcome'],
        }
      : {},
  )
  ctx.logger.log('info', 'checkout.paid', { saleId, receiptNo: sale.receiptNo, total: sale.total })
  const settled = sale.payments.filter((p) => p.settled !== 0)
  const cash = settled.find((p) => p.method === 'cash')
  s.result = {
    saleId,
    receiptId,
    receiptNo: sale.receiptNo!,
    total: sale.total,
    payments: settled.map((p) => ({ kind: p.method as PaymentKind, amount: p.settled })),
    tendered: cash?.tendered ?? null,
    change: cash?.tendered !== undefined ? cash.tendered - cash.settled : 0,
    card: s.cardUsed && s.card ? cardViewOf(s.card) : null,
    receipt: document,
    print: policy === 'ask' ? 'asking' : 'none',
    printErrorKey: null,
    drawer,
  }
  forgetSale(s)
  s.pending = null
  s.tx = null
  moveTo(s, 'paid')
  s.error = null
  s.busy = policy === 'always' ? busy('print', BUSY_KEYS.printing) : null
  // The paid screen first; the basket's release follows in the same turn (each register change is
  // published too, and the cashier waits for none of them).
  publish(ctx)
  register.unlockPayment()
  if (register.view().activeSellerId === s.sellerId) register.clearActive()
  if (policy === 'always') await print(ctx, s, false)
  if (s.cardUsed && s.card) track(ctx, refreshCard(ctx, s, s.card))
}

/**
 * Prints the sale's receipt, or after a failure that may have put part of it on paper a copy (the
 * printer never resends a job under the same key). A failure is recorded and shown, never thrown.
 */
export async function print(ctx: CheckoutContext, s: Session, copy: boolean): Promise<void> {
  const { journal, logger } = ctx
  const result = s.result!
  s.busy = busy('print', BUSY_KEYS.printing)
  publish(ctx)
  const printer = ctx.devices.printer
  const prints =
    journal.sale(result.saleId)?.receipts.find((r) => r.receiptId === result.receiptId)?.prints ?? []
  // Only a receipt that (possibly) reached the paper becomes a copy; one the printer never got (paper
  // out before the job, connection refused) is printed as the original.
  const next = copy ? nextPrint(prints) : ({ copy: false, attempt: 0 } as const)
  const printed = await printKeptReceipt(
    { journal, printer, logger },
    {
      receiptId: result.receiptId,
      document: result.receipt,
      ...(next.copy ? { copyNo: prints.length } : next.attempt > 0 ? { attempt: next.attempt } : {}),
    },
    ERROR_KEYS.internal,
  )
  result.print = printed.print
  result.printErrorKey = printed.printErrorKey
  ctx.hooks.at('print.outcome')
  s.busy = null
}

/** The card's balance after the sale, for the paid screen; off the payment's critical path. */
async function refreshCard(ctx: CheckoutContext, s: Session, card: AttachedCard): Promise<void> {
  try {
    const merchantCard = await ctx.client.merchantCards.findByCardNumber(card.number)
    if (!merchantCard) return
    card.merchantCard = merchantCard
    if (s.result && s.card === card) s.result.card = cardViewOf(card)
    publish(ctx)
  } catch (error) {
    ctx.logger.log('warn', 'checkout.card-refresh-failed', { error: String(error) })
  }
}
