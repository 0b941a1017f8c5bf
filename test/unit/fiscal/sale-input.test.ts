// What the TSE signs for a sale is what the receipt and X/Z book: fiscalSaleOf keeps every input the
// one fiscal function (common/fiscal-amounts.ts) needs — a combo's parts, the bonus, the top-up kind.
import { describe, expect, it } from 'vitest'
import { fiscalAmounts } from '../../../common/fiscal-amounts'
import { processData } from '../../../common/fiscal/process-data'
import { fiscalSaleOf, tseAmountsOfSale } from '../../../main/fiscal/sale-input'

const paid = (method: string, settled: number) => ({ method, amount: settled, settled, openIntentIds: [] })

describe('fiscalSaleOf', () => {
  it('a combo line (Kaffeegedeck: coffee 19 % + cake 7 %) is signed split over its parts, as the receipt books it', () => {
    const sale = {
      saleId: 1,
      lines: [
        {
          total: 650,
          vatRate: 19,
          kind: 'piece',
          components: [
            { vatRate: 19, weight: 300 },
            { vatRate: 7, weight: 350 },
          ],
        },
      ],
      payments: [paid('cash', 650)],
    }
    const booked = fiscalAmounts({ lines: sale.lines, payments: [{ method: 'cash', amount: 650 }] })
    expect(booked.vat.map((v) => [v.rate, v.gross])).toEqual([
      [19, 300],
      [7, 350],
    ])
    expect(processData('Beleg', tseAmountsOfSale(fiscalSaleOf(sale)))).toBe(
      'Beleg^3.00_3.50_0.00_0.00_0.00^6.50:Bar',
    )
  })

  it('a top-up and the bonus reach the TSE: slot 5 and the goods after the discount', () => {
    const sale = {
      saleId: 2,
      lines: [
        { total: 2000, vatRate: 0, kind: 'topup' },
        { total: 400, vatRate: 7 },
      ],
      bonus: [{ vatRate: 7, amount: 20 }],
      payments: [paid('cash', 2380)],
    }
    expect(processData('Beleg', tseAmountsOfSale(fiscalSaleOf(sale)))).toBe(
      'Beleg^0.00_3.80_0.00_0.00_20.00^23.80:Bar',
    )
  })
})
