// Late signing (main/checkout/sign-late.ts): a paid sale is signed before its receipt only when its TSE
// transaction never finished — never a second time, and not while a finish that may have reached the
// TSE is still unsettled.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FiscalSaleInput, FiscalService } from '../../../main/fiscal/lifecycle'
import type { Journal } from '../../../main/journal'
import { signUnsigned } from '../../../main/checkout/sign-late'
import { line, payCash, tempDir, testJournal } from '../journal/helpers'

let dir: ReturnType<typeof tempDir>
let journal: Journal
let logger: ReturnType<typeof testJournal>['logger']
beforeEach(() => {
  dir = tempDir()
  ;({ journal, logger } = testJournal(dir.dir))
})
afterEach(() => {
  journal.close()
  dir.cleanup()
})

/** A TSE that records what it is asked to sign and writes the final row a real one would. */
function recordingTse() {
  const signed: FiscalSaleInput[] = []
  const fiscal = {
    finishSale(input: FiscalSaleInput) {
      signed.push(input)
      const record = journal.tse.record({
        txId: `tx-${signed.length}`,
        state: 'finished',
        saleId: input.saleId,
        signature: 'sig',
      })
      return Promise.resolve({ record, signed: true })
    },
  } as unknown as FiscalService
  return { fiscal, signed }
}

function paidSale(): number {
  const sale = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 2, 280, 19)] })
  payCash(journal, sale.saleId, 560)
  return sale.saleId
}

describe('signing a paid sale late', () => {
  it('signs a sale without any TSE record once, with its amounts and payments', async () => {
    const { fiscal, signed } = recordingTse()
    const saleId = paidSale()
    await signUnsigned({ journal, fiscal, logger }, saleId)
    await signUnsigned({ journal, fiscal, logger }, saleId)
    expect(signed).toHaveLength(1)
    expect(signed[0]).toEqual({
      saleId,
      training: false,
      lines: [{ total: 560, vatRate: 19, kind: 'piece' }],
      bonus: [],
      payments: [{ method: 'cash', amount: 560 }],
    })
    expect(signed[0]!.sellerId).toBeUndefined()
    expect(journal.tse.finalForSale(saleId)).toMatchObject({ state: 'finished', signature: 'sig' })
    expect(logger.entries.some((e) => e.event === 'checkout.signed-late')).toBe(true)
  })

  it('leaves a sale whose TSE failed (the receipt says so) and one whose finish is still unsettled', async () => {
    const { fiscal, signed } = recordingTse()
    const failed = paidSale()
    journal.tse.record({ txId: 'tx-failed', state: 'failed', saleId: failed, error: 'TSE down' })
    const finishing = paidSale()
    journal.tse.record({
      txId: 'tx-open',
      state: 'finishing',
      saleId: finishing,
      processData: 'Beleg^5.60_0.00_0.00_0.00_0.00^5.60:Bar',
    })
    await signUnsigned({ journal, fiscal, logger }, failed)
    await signUnsigned({ journal, fiscal, logger }, finishing)
    expect(signed).toEqual([])
  })

  it('does nothing without a TSE', async () => {
    const saleId = paidSale()
    await signUnsigned({ journal, fiscal: undefined, logger }, saleId)
    expect(journal.tse.finalForSale(saleId)).toBeUndefined()
  })
})
