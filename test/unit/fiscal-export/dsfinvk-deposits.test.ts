// Deposits in the DSFinV-K export: a bottle's deposit is Pfand, the deposit paid back with a returned
// bottle and for empties is PfandRueckzahlung, a whole storno mirrors its receipt (Pfand, negated);
// only the whole storno is BON_STORNO 1, the return of some goods refers to its receipt as a Retoure.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { manualClock } from '../../../common/ports'
import { exportDsfinvk } from '../../../main/fiscal-export/dsfinvk/export'
import { depositCase } from '../../../main/fiscal-export/dsfinvk/deposit-lines'
import type { Journal, SaleLineInput } from '../../../main/journal'
import { checkDsfinvk } from '../../helpers/dsfinvk-check'
import { expectSumsEqualZ, line, MASTER, payCash, stornoAll } from '../../helpers/fiscal-day'
import { tempDir, testJournal } from '../journal/helpers'

let tmp: ReturnType<typeof tempDir>
let journal: Journal
let clock: ReturnType<typeof manualClock>
beforeEach(() => {
  tmp = tempDir()
  clock = manualClock(Date.UTC(2026, 11, 5, 6, 0, 0))
  ;({ journal } = testJournal(tmp.dir, clock))
})
afterEach(() => {
  journal.close()
  tmp.cleanup()
})

const water = (quantity: number): SaleLineInput[] => [
  line('wasser', quantity, 180, 19, { name: 'Mineralwasser', lineId: 'w' }),
  line('pfand-einweg', quantity, 25, 19, {
    name: 'Pfand Einweg',
    lineId: 'p',
    deposit: true,
    depositFor: 'w',
  }),
]

function sell(lines: SaleLineInput[]) {
  clock.advance(5 * 60_000)
  const sale = journal.beginSale({ sellerId: 'anna', lines })
  payCash(journal, sale.saleId, sale.total)
  return journal.completeSale(sale.saleId)
}

/**
 * A day with deposits: two bottles sold, one of them brought back (a partial storno), empties paid
 * back, a bottle sold and its receipt cancelled whole, the Z; exported and format-checked.
 */
async function depositDay() {
  journal.recordCashMovement({
    kind: 'opening_float',
    amount: 10000,
    reason: 'Wechselgeld',
    sellerId: 'anna',
  })
  const bottles = sell(water(2))
  clock.advance(60_000)
  const back = journal.recordPartialStorno({
    originalSaleId: bottles.saleId,
    sellerId: 'chefin',
    reason: 'zurückgebracht',
    lines: [{ lineNo: 1, quantity: 1 }],
  })
  payCash(journal, back.saleId, back.total)
  const returned = journal.completeSale(back.saleId)
  const empties = sell([
    line('pfand-einweg', -3, 25, 19, { name: 'Pfand Einweg', total: -75, deposit: true }),
  ])
  const cancelled = sell(water(1))
  const storno = stornoAll(journal, cancelled.saleId)
  const z = journal.zReport({ denominations: [{ value: 1, count: journal.xReport().cash.expected }] })

  const out = join(tmp.dir, 'export.zip')
  await exportDsfinvk({ dataDir: tmp.dir, range: { fromZ: 1, toZ: 1 }, out, master: MASTER })
  const { files, errors } = await checkDsfinvk(out)
  expect(errors).toEqual([])
  return { bottles, returned, empties, cancelled, storno, z, files }
}

describe('DSFinV-K export of deposits', () => {
  it('books Pfand, PfandRueckzahlung for a returned bottle and for empties, and a whole storno as negated Pfand', async () => {
    const { bottles, returned, empties, cancelled, storno, z, files } = await depositDay()
    const gv = (receiptNo: number | undefined) =>
      files
        .get('lines.csv')!
        .filter((r) => r.BON_ID === String(receiptNo))
        .map((r) => r.GV_TYP)
    expect(gv(bottles.receiptNo)).toEqual(['Umsatz', 'Pfand'])
    expect(gv(returned.receiptNo)).toEqual(['Umsatz', 'PfandRueckzahlung'])
    expect(gv(empties.receiptNo)).toEqual(['PfandRueckzahlung'])
    expect(gv(cancelled.receiptNo)).toEqual(['Umsatz', 'Pfand'])
    expect(gv(storno.receiptNo)).toEqual(['Umsatz', 'Pfand'])
    const amounts = (receiptNo: number | undefined) =>
      files
        .get('lines_vat.csv')!
        .filter((r) => r.BON_ID === String(receiptNo))
        .map((r) => r.POS_BRUTTO)
    expect(amounts(returned.receiptNo)).toEqual(['-1,80000', '-0,25000'])
    expect(amounts(storno.receiptNo)).toEqual(['-1,80000', '-0,25000'])
    // The Z's business cases: Pfand 0,50 + 0,25 − 0,25 (storno); paid back 0,25 + 0,75.
    const cases = files.get('businesscases.csv')!
    const sum = (typ: string) => cases.filter((r) => r.GV_TYP === typ).map((r) => r.Z_UMS_BRUTTO)
    expect(sum('Pfand')).toEqual(['0,50000'])
    expect(sum('PfandRueckzahlung')).toEqual(['-1,00000'])
    expectSumsEqualZ(files, z)
  })

  it('marks only the whole storno BON_STORNO 1: a return of some goods is BON_STORNO 0 with a Retoure reference', async () => {
    const { bottles, returned, cancelled, storno, files } = await depositDay()
    const head = (receiptNo: number | undefined) =>
      files.get('transactions.csv')!.find((r) => r.BON_ID === String(receiptNo))!
    expect(head(bottles.receiptNo).BON_STORNO).toBe('0')
    expect(head(returned.receiptNo)).toMatchObject({ BON_TYP: 'Beleg', BON_STORNO: '0' })
    expect(head(storno.receiptNo)).toMatchObject({ BON_TYP: 'Beleg', BON_STORNO: '1' })
    const refs = files
      .get('references.csv')!
      .map((r) => ({ bon: r.BON_ID, name: r.REF_NAME, typ: r.REF_TYP, to: r.REF_BON_ID }))
    expect(refs).toEqual([
      { bon: String(returned.receiptNo), name: 'Retoure', typ: 'Transaktion', to: String(bottles.receiptNo) },
      { bon: String(storno.receiptNo), name: 'Storno', typ: 'Transaktion', to: String(cancelled.receiptNo) },
    ])
  })

  it('decides the case by sign and by whether the storno cancels the whole receipt', () => {
    expect(depositCase(25, false)).toBe('Pfand')
    expect(depositCase(-25, false)).toBe('PfandRueckzahlung')
    expect(depositCase(-25, true)).toBe('Pfand')
    expect(depositCase(75, true)).toBe('PfandRueckzahlung')
  })
})
