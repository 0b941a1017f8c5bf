// Sales per article (the baking plan and the favourites' ranking) read from the journal: completed sales
// count, stornos subtract, training sales sold nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { manualClock } from '../../../common/ports'
import type { Journal } from '../../../main/journal'
import { stornoAll } from '../../helpers/fiscal-day'
import { line, payCash, tempDir, testJournal } from './helpers'

let tmp: ReturnType<typeof tempDir>
let journal: Journal
beforeEach(() => {
  tmp = tempDir()
  ;({ journal } = testJournal(tmp.dir, manualClock(Date.UTC(2026, 11, 5, 7, 0, 0))))
})
afterEach(() => {
  journal.close()
  tmp.cleanup()
})

function sell(productId: string, quantity: number, unitPrice: number, training = false) {
  const sale = journal.beginSale({ sellerId: 'anna', lines: [line(productId, quantity, unitPrice, 7)] })
  if (training) journal.training.markSale(sale.saleId)
  payCash(journal, sale.saleId, sale.total)
  return journal.completeSale(sale.saleId)
}

describe('sales per article', () => {
  it('counts completed sales, subtracts stornos and leaves training sales out', () => {
    sell('broetchen', 3, 45)
    sell('broetchen', 10, 45, true)
    const cancelled = sell('kuchen', 1, 290)
    stornoAll(journal, cancelled.saleId)
    const rows = journal.articleSales('2026-12-05T00:00:00.000Z', '2026-12-06T00:00:00.000Z')
    expect(rows.map((r) => [r.productId, r.quantity, r.total])).toEqual([
      ['broetchen', 3, 135],
      ['kuchen', 1, 290],
      ['kuchen', -1, -290],
    ])
  })
})
