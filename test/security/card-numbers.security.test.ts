// Card numbers stay in main: after card sales of every kind (card + cash, gift card, PIN card paid in
// full, scanned card, top-up, a reprint) no full card number is in the journal's bytes, any emitted event,
// the printer's bytes, the demo panel's paper preview, a receipt view or the log. Masked last-4 remain.
import { afterEach, describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { EventMessage } from '../../main/ipc/event-bus'
import {
  BASKET_796,
  checkoutApp,
  GIFT_CARD,
  PIN_CARD,
  STAMMKUNDE,
  type CheckoutTestApp,
} from '../integration/checkout/helpers'

let t: CheckoutTestApp
afterEach(async () => t?.dispose())

const CARDS = [STAMMKUNDE, GIFT_CARD, PIN_CARD]
/**
 * Any 16-digit run (a secucard number or a payment card PAN), not part of a longer number — nor of a
 * hex string: the journal's hash chain holds SHA-256 hex digests, and one in thirty has sixteen decimal
 * digits in a row somewhere (10/16 per character), which is no card number.
 */
const SIXTEEN_DIGITS = /(?<![0-9a-f])\d{16}(?![0-9a-f])/g

/** The cards these sales used, searched for as they are, whatever surrounds them. */
function fullNumbersIn(text: string): string[] {
  const known = CARDS.filter((card) => text.includes(card))
  return [...new Set([...known, ...(text.match(SIXTEEN_DIGITS) ?? [])])]
}

describe('card numbers after card sales', () => {
  it('are masked to the last four in journal bytes, events, printed bytes, paper preview, receipt views and logs', async () => {
    t = await checkoutApp({ receipt: { policy: 'always' } })
    const events: EventMessage[] = []
    t.app.events.subscribe((m) => events.push(m))

    // 1: loyalty card applied, rest in cash.
    await t.basket(BASKET_796)
    await t.run('card.attach', { cardNumber: STAMMKUNDE })
    await t.run('checkout.applyCard')
    expect((await t.run('checkout.payCash', {})).phase).toBe('paid')
    await t.run('checkout.done')
    // 2: gift card balance, rest in cash.
    await t.basket(BASKET_796)
    await t.run('card.attach', { cardNumber: GIFT_CARD })
    await t.run('checkout.applyCard')
    expect((await t.run('checkout.payCash', {})).phase).toBe('paid')
    await t.run('checkout.done')
    // 3: PIN card pays everything.
    await t.basket(BASKET_796)
    await t.run('card.attach', { cardNumber: PIN_CARD })
    await t.run('card.verifyPin', { pin: '1234' })
    await t.run('checkout.applyCard')
    expect((await t.run('checkout.payLoyalty')).phase).toBe('paid')
    await t.run('checkout.done')
    // 4: a card read by the scanner, bonus collected on a cash sale.
    await t.basket(BASKET_796)
    await t.send('demo.scan', { code: STAMMKUNDE })
    await t.app.checkout.idle()
    expect((await t.view()).card).not.toBeNull()
    expect((await t.run('checkout.payCash', {})).phase).toBe('paid')
    await t.run('checkout.done')
    // 5: a top-up on the gift card.
    await t.basket([{ productId: 'topup', amount: 1500 }])
    await t.run('card.attach', { cardNumber: GIFT_CARD })
    const topup = await t.run('checkout.payCash', {})
    expect(topup.phase).toBe('paid')
    await t.run('checkout.done')

    // Reprints and every read-back of the kept receipts.
    await t.send('seller.login', { sellerId: 'chefin', pin: '9999' })
    const sales = await t.send<{ saleId: number }[]>('journal.sales', {})
    expect(sales.length).toBeGreaterThanOrEqual(5)
    const details: unknown[] = []
    for (const { saleId } of sales) {
      const detail = await t.send<{ receipts: { receiptId: number }[] }>('journal.sale', { saleId })
      details.push(detail)
      details.push(await t.send('receipt.reprint', { receiptId: detail.receipts[0].receiptId }))
    }
    const demoView = await t.send('demo.view', {})
    await t.app.close()

    const printer = t.app.devices.virtual.printer!
    const printedBytes = Buffer.from(printer.emulator.receivedBytes()).toString('latin1')
    const paperText = printer
      .decoded()
      .lines.map((l) => l.text)
      .join('\n')
    const journalBytes = ['journal.sqlite', 'journal.sqlite-wal']
      .map((f) => join(t.dataDir, f))
      .filter(existsSync)
      .map((f) => readFileSync(f).toString('latin1'))
      .join('\n')

    const places: Record<string, string> = {
      journal: journalBytes,
      events: JSON.stringify(events),
      'printed bytes': printedBytes,
      paper: paperText,
      'demo paper preview': JSON.stringify(demoView),
      'receipt views and reprints': JSON.stringify(details),
      log: JSON.stringify(t.logger.entries),
    }
    for (const [place, text] of Object.entries(places)) {
      expect(fullNumbersIn(text), place).toEqual([])
      for (const card of CARDS) expect(text.includes(card), `${place} holds ${card}`).toBe(false)
    }
    // What the customer needs to recognise the card is still there.
    expect(paperText).toMatch(/Kartennummer:.*4352/)
    expect(paperText).toMatch(/Kartennummer:.*2845/)
    expect(JSON.stringify(events)).toContain('4352')
  })

  it('a receipt kept before masking comes out of the journal masked', async () => {
    t = await checkoutApp()
    const sale = t.app.journal.beginSale({
      sellerId: 'anna',
      lines: [
        { productId: 'x', name: 'X', kind: 'piece', quantity: 1, unitPrice: 100, total: 100, vatRate: 7 },
      ],
    })
    const document = {
      shop: { name: 'B', address: [] },
      meta: [],
      items: [],
      total: { label: 'Summe', amount: 100 },
      vat: [],
      payments: [],
      apiLines: [{ type: 'name-value' as const, value: { name: 'Kartennummer:', value: STAMMKUNDE } }],
    }
    const { receiptId } = t.app.journal.recordReceipt({
      kind: 'sale',
      saleId: sale.saleId,
      document,
    } as never)
    const kept = t.app.journal.receipt(receiptId)!
    expect(JSON.stringify(kept)).not.toContain(STAMMKUNDE)
    expect(JSON.stringify(kept)).toContain('4352')
  })
})
