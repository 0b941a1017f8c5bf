// A discounted Kaffeegedeck taken away, in the DSFinV-K export: one Bonpos, a Bonpos_USt row and an
// itemamounts pair per VAT key of its parts (the discount split like the price), subitems per part, INHAUS 0;
// and a sale recorded without consumption writes no INHAUS (docs/vat-rates.md).
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { manualClock } from '../../../common/ports'
import { exportDsfinvk } from '../../../main/fiscal-export/dsfinvk/export'
import type { Journal } from '../../../main/journal'
import { checkDsfinvk } from '../../helpers/dsfinvk-check'
import { line, MASTER, payCash } from '../../helpers/fiscal-day'
import { tempDir, testJournal } from '../journal/helpers'

let tmp: ReturnType<typeof tempDir>
let journal: Journal
beforeEach(() => {
  tmp = tempDir()
  ;({ journal } = testJournal(tmp.dir, manualClock(Date.UTC(2026, 11, 5, 6, 0, 0))))
})
afterEach(() => {
  journal.close()
  tmp.cleanup()
})

const gedeck = [
  { productId: 'kaffee', name: 'Kaffee', quantity: 1, vatRate: 19 as const, weight: 260, amount: 0 },
  { productId: 'apfelkuchen', name: 'Apfelkuchen', quantity: 1, vatRate: 7 as const, weight: 290, amount: 0 },
]

describe('DSFinV-K export of combos and consumption', () => {
  it('writes a discounted take-away Kaffeegedeck as one Bonpos with its VAT keys, discount parts and subitems', async () => {
    const sale = journal.beginSale({
      sellerId: 'anna',
      consumption: 'takeaway',
      lines: [
        {
          ...line('kaffeegedeck', 2, 490, 7, { name: 'Kaffeegedeck' }),
          total: 882,
          components: gedeck,
          discount: {
            kind: 'percent',
            value: 10,
            amount: 98,
            reasonId: 'staff',
            reason: 'Personal',
            managerId: null,
            scope: 'line',
          },
        },
      ],
    })
    expect(sale.vat.map((v) => [v.rate, v.gross])).toEqual([
      [19, 417],
      [7, 465],
    ])
    payCash(journal, sale.saleId, 882)
    const done = journal.completeSale(sale.saleId)
    const plain = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1, 260, 19)] })
    payCash(journal, plain.saleId, 260)
    const plainDone = journal.completeSale(plain.saleId)
    journal.zReport({ denominations: [{ value: 1, count: 882 + 260 }] })

    const out = join(tmp.dir, 'export.zip')
    await exportDsfinvk({ dataDir: tmp.dir, range: { fromZ: 1, toZ: 1 }, out, master: MASTER })
    const check = await checkDsfinvk(out)
    expect(check.errors).toEqual([])
    const bon = String(done.receiptNo)
    const of = (file: string) => check.files.get(file)!.filter((r) => r.BON_ID === bon)
    expect(of('lines.csv').map((l) => [l.POS_ZEILE, l.ARTIKELTEXT, l.INHAUS, l.MENGE])).toEqual([
      ['1', 'Kaffeegedeck', '0', '2,000'],
    ])
    expect(of('lines_vat.csv').map((r) => [r.UST_SCHLUESSEL, r.POS_BRUTTO])).toEqual([
      ['1', '4,17000'],
      ['2', '4,65000'],
    ])
    // 98 ct discount split 260 : 290 = 46 + 52; base amounts 417 + 46 and 465 + 52.
    expect(of('itemamounts.csv').map((r) => [r.TYP, r.UST_SCHLUESSEL, r.PF_BRUTTO])).toEqual([
      ['base_amount', '1', '4,63000'],
      ['discount', '1', '-0,46000'],
      ['base_amount', '2', '5,17000'],
      ['discount', '2', '-0,52000'],
    ])
    expect(
      of('subitems.csv').map((r) => [r.ZI_ART_NR, r.ZI_MENGE, r.ZI_UST_SCHLUESSEL, r.ZI_BASISPREIS_BRUTTO]),
    ).toEqual([
      ['kaffee', '2,000', '1', '4,17000'],
      ['apfelkuchen', '2,000', '2', '4,65000'],
    ])
    // Recorded without consumption (older callers): INHAUS stays empty rather than guessed.
    const plainLines = check.files.get('lines.csv')!.filter((r) => r.BON_ID === String(plainDone.receiptNo))
    expect(plainLines.map((l) => l.INHAUS)).toEqual([''])
  })
})
