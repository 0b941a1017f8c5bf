// Completed sales for back-office tests, written straight through the journal API (and for card sales
// through the secuconnect client against the app's embedded simulator), the way the checkout journals
// them: intent before each external step, outcome after it. So storno, reports and reprint can be
// tested without depending on the checkout service.
import type { App } from '../../main/app'
import type { EventMessage } from '../../main/ipc/event-bus'
import type { SaleLineInput, SaleRecord } from '../../main/journal'
import { receiptSaleFromJournal } from '../../main/receipts/from-journal'
import { buildSaleReceipt } from '../../main/receipts/sale-receipt'
import type { ApiReceiptLine } from '../../common/receipt/api-lines'
import type { SmartTransactionDraft } from '../../main/secuconnect'

export const STAMMKUNDE = '9276004424644352'
export const GIFT_CARD = '9276004429942845'

/** The basket of the spec (000/004): 349 + 249 at 7 %, 2 × 99 at 19 % = 796. */
export const BASKET_796: SaleLineInput[] = [
  { productId: 'sandwich', name: 'Sandwich Romano', quantity: 1, unitPrice: 349, total: 349, vatRate: 7 },
  { productId: 'fruit', name: 'Obstsalat klein', quantity: 1, unitPrice: 249, total: 249, vatRate: 7 },
  { productId: 'water', name: 'Wasser 0,25 l', quantity: 2, unitPrice: 99, total: 198, vatRate: 19 },
]

export const line = (
  name: string,
  quantity: number,
  unitPrice: number,
  vatRate: 0 | 7 | 19,
): SaleLineInput => ({
  productId: name.toLowerCase().replace(/\W+/g, '-'),
  name,
  quantity,
  unitPrice,
  total: quantity * unitPrice,
  vatRate,
})

const totalOf = (lines: SaleLineInput[]) => lines.reduce((sum, l) => sum + l.total, 0)

/** Completes the sale and keeps its receipt, as the checkout does after the last payment step. */
function complete(app: App, saleId: number, apiLines: ApiReceiptLine[]): SaleRecord {
  const sale = app.journal.completeSale(saleId)
  const sellerName = app.config.sellers.find((s) => s.id === sale.sellerId)?.name ?? sale.sellerId
  const document = buildSaleReceipt(receiptSaleFromJournal(sale, sellerName, apiLines), {
    shop: app.config.shop,
    tillId: app.config.tillId,
    locale: 'de',
  })
  app.journal.recordReceipt({ kind: 'sale', saleId, document })
  const done = app.journal.sale(saleId)
  if (!done) throw new Error(`sale ${saleId} vanished`)
  return done
}

/** A cash sale without a card: tender intent, settled, completed (no API call). */
export function cashSale(
  app: App,
  opts: { sellerId?: string; lines?: SaleLineInput[]; tendered?: number } = {},
): SaleRecord {
  const lines = opts.lines ?? BASKET_796
  const sale = app.journal.beginSale({ sellerId: opts.sellerId ?? 'anna', lines })
  const { intentId } = app.journal.recordPaymentIntent({
    saleId: sale.saleId,
    method: 'cash',
    amount: sale.total,
    tendered: opts.tendered ?? sale.total,
    step: 'tender',
  })
  app.journal.recordPaymentOutcome({ intentId, status: 'settled' })
  return complete(app, sale.saleId, [])
}

function draft(lines: SaleLineInput[], card?: string): SmartTransactionDraft {
  return {
    is_demo: true,
    ...(card ? { idents: [{ type: 'card' as const, value: card }] } : {}),
    basket: {
      products: lines.map((l, i) => ({
        id: i + 1,
        articleNumber: null,
        ean: l.ean ?? null,
        desc: l.name,
        quantity: l.quantity,
        priceOne: l.unitPrice,
        tax: l.vatRate,
      })),
    },
    basket_info: { sum: totalOf(lines), currency: 'EUR' },
  }
}

/**
 * A secucard sale: the card's balance pays what preTransaction applies (payment "loyalty"), the rest is
 * cash through start/cash (payment "cash"), both parts settled by the one start, as the checkout does.
 * The API calls run first and the journal rows are written together afterwards: the app's own recovery
 * runs in the background after start and would abort a test sale left open across an await.
 */
export async function cardSale(
  app: App,
  opts: { card?: string; sellerId?: string; lines?: SaleLineInput[] } = {},
): Promise<{ sale: SaleRecord; transactionId: string; fromCard: number; cash: number }> {
  await app.api.ready
  const { client } = app.api
  const lines = opts.lines ?? BASKET_796
  const created = await client.transactions.create(draft(lines, opts.card ?? STAMMKUNDE))
  const { missing_sum: cash } = await client.transactions.preTransaction(created.id)
  const paid = await client.transactions.startCash(created.id)
  if (paid.status !== 'ok') throw new Error(`start/cash answered ${paid.status}`)
  const sale = app.journal.beginSale({ sellerId: opts.sellerId ?? 'anna', lines })
  const fromCard = sale.total - cash
  const parts = [
    ...(fromCard > 0 ? [{ method: 'loyalty', amount: fromCard }] : []),
    ...(cash > 0 ? [{ method: 'cash', amount: cash, tendered: cash }] : []),
  ]
  for (const part of parts) {
    const { intentId } = app.journal.recordPaymentIntent({
      saleId: sale.saleId,
      ...part,
      step: 'start',
      transactionId: created.id,
    })
    app.journal.recordPaymentOutcome({ intentId, status: 'settled', transactionId: created.id })
  }
  return { sale: complete(app, sale.saleId, paid.receipt), transactionId: created.id, fromCard, cash }
}

/** Paid on the card terminal through secuconnect (start/cashless), no loyalty card; journaled as cardSale is. */
export async function terminalSale(
  app: App,
  opts: { sellerId?: string; lines?: SaleLineInput[] } = {},
): Promise<{ sale: SaleRecord; transactionId: string }> {
  await app.api.ready
  const { client } = app.api
  const lines = opts.lines ?? BASKET_796
  const created = await client.transactions.create(draft(lines))
  const paid = await client.transactions.startCashless(created.id)
  if (paid.status !== 'ok') throw new Error(`start/cashless answered ${paid.status}`)
  const sale = app.journal.beginSale({ sellerId: opts.sellerId ?? 'anna', lines })
  const { intentId } = app.journal.recordPaymentIntent({
    saleId: sale.saleId,
    method: 'terminal',
    amount: sale.total,
    step: 'start',
    transactionId: created.id,
  })
  app.journal.recordPaymentOutcome({ intentId, status: 'settled', transactionId: created.id })
  return { sale: complete(app, sale.saleId, paid.receipt), transactionId: created.id }
}

/** Unwraps a dispatch result, failing the test with the error when it is not ok. */
export async function call<T>(app: App, command: string, input: unknown = {}): Promise<T> {
  const result = await app.dispatch(command, input)
  if (!result.ok)
    throw new Error(
      `${command} failed: ${result.error.code} ${result.error.messageKey}: ${result.error.message}`,
    )
  return result.value as T
}

/** The AppError of a dispatch that must fail. */
export async function failure(
  app: App,
  command: string,
  input: unknown = {},
): Promise<{ code: string; messageKey: string; params?: Record<string, unknown> }> {
  const result = await app.dispatch(command, input)
  if (result.ok) throw new Error(`${command} succeeded but should have failed`)
  return result.error
}

export async function login(app: App, sellerId: string, pin: string): Promise<void> {
  await call(app, 'seller.login', { sellerId, pin })
}

/** What reached the virtual printer's paper, line by line. */
export const paperLines = (app: App): string[] =>
  app.devices.virtual.printer?.decoded().lines.map((l) => l.text) ?? []

/** Every event the app publishes from now on. */
export function recordEvents(app: App): EventMessage[] {
  const events: EventMessage[] = []
  app.events.subscribe((m) => events.push(m))
  return events
}

/** The drawer refuses a second kick within its busy time: a test's manual clock moves past it. */
export const pastDrawerBusy = (clock: { advance(ms: number): void }): void => clock.advance(2_000)
