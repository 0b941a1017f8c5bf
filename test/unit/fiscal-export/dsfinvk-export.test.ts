import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { manualClock } from '../../../common/ports'
import { exportDsfinvk } from '../../../main/fiscal-export/dsfinvk/export'
import { tseExportSource } from '../../../main/fiscal-export/tse-export'
import type { Journal } from '../../../main/journal'
import { checkDsfinvk, SPEC } from '../../helpers/dsfinvk-check'
import { demoDay, expectSumsEqualZ, MASTER } from '../../helpers/fiscal-day'
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

describe('DSFinV-K export of a demo day', () => {
  it('passes the independent format check: all 20 files with headers, types, value lists, integrity and sums', async () => {
    const z = demoDay(journal, clock)
    const out = join(tmp.dir, 'export.zip')
    const result = await exportDsfinvk({ dataDir: tmp.dir, range: { fromZ: 1, toZ: 1 }, out, master: MASTER })
    expect(result).toMatchObject({ closings: [1], tseTar: 'none' })
    const check = await checkDsfinvk(out)
    expect(check.errors).toEqual([])
    expect([...check.raw.keys()].sort()).toEqual(
      ['gdpdu-01-09-2004.dtd', 'index.xml', ...SPEC.tables.map((t) => t.file)].sort(),
    )
    // Empty tables still carry their header line.
    for (const f of ['slaves.csv', 'pa.csv', 'subitems.csv', 'allocation_groups.csv', 'itemamounts.csv'])
      expect(check.raw.get(f)!.toString('utf8')).toBe(
        SPEC.tables
          .find((t) => t.file === f)!
          .columns.map((c) => c.name)
          .join(';') + '\r\n',
      )
    expectSumsEqualZ(check.files, z)
  })

  it('ships the official gdpdu-01-09-2004.dtd byte for byte', async () => {
    demoDay(journal, clock)
    const out = join(tmp.dir, 'export.zip')
    await exportDsfinvk({ dataDir: tmp.dir, range: { fromZ: 1, toZ: 1 }, out, master: MASTER })
    const { raw } = await checkDsfinvk(out)
    const dtd = raw.get('gdpdu-01-09-2004.dtd')!
    expect(createHash('sha256').update(dtd).digest('hex')).toBe(
      'af3d4c5a19e991f2d8c53995bc708680bbd7ff9326fde539c55b7e2c63f848a2',
    )
    expect(dtd.equals(readFileSync(join(__dirname, '../../fixtures/dsfinvk/gdpdu-01-09-2004.dtd')))).toBe(
      true,
    )
  })

  it('books the seed 004 sale as goods, Rabatt per rate, MehrzweckgutscheinEinloesung and 5,76 € Bar', async () => {
    demoDay(journal, clock)
    const out = join(tmp.dir, 'export.zip')
    await exportDsfinvk({ dataDir: tmp.dir, range: { fromZ: 1, toZ: 1 }, out, master: MASTER })
    const { files } = await checkDsfinvk(out)
    const bon = '3'
    const lines = files.get('lines.csv')!.filter((r) => r.BON_ID === bon)
    const vat = files.get('lines_vat.csv')!.filter((r) => r.BON_ID === bon)
    expect(lines.map((l, i) => [l.GV_TYP, vat[i]!.UST_SCHLUESSEL, vat[i]!.POS_BRUTTO])).toEqual([
      ['Umsatz', '2', '3,49000'],
      ['Umsatz', '2', '2,49000'],
      ['Umsatz', '1', '1,98000'],
      ['Rabatt', '2', '-0,15000'],
      ['Rabatt', '1', '-0,05000'],
      ['MehrzweckgutscheinEinloesung', '5', '-2,00000'],
    ])
    expect(files.get('transactions.csv')!.find((r) => r.BON_ID === bon)).toMatchObject({
      UMS_BRUTTO: '5,76',
      BON_TYP: 'Beleg',
    })
    expect(files.get('datapayment.csv')!.filter((r) => r.BON_ID === bon)).toEqual([
      expect.objectContaining({ ZAHLART_TYP: 'Bar', BASISWAEH_BETRAG: '5,76' }),
    ])
    expect(
      files
        .get('transactions_vat.csv')!
        .filter((r) => r.BON_ID === bon)
        .map((r) => [r.UST_SCHLUESSEL, r.BON_BRUTTO, r.BON_UST]),
    ).toEqual([
      ['2', '5,83000', '0,38000'],
      ['1', '1,93000', '0,31000'],
      ['5', '-2,00000', '0,00000'],
    ])
    // The top-up: MehrzweckgutscheinKauf, not taxable; the storno refers to its original.
    expect(files.get('lines.csv')!.find((r) => r.BON_ID === '4')).toMatchObject({
      GV_TYP: 'MehrzweckgutscheinKauf',
    })
    expect(files.get('transactions.csv')!.find((r) => r.BON_ID === '5')).toMatchObject({
      BON_STORNO: '1',
      UMS_BRUTTO: '-5,50',
    })
    expect(files.get('references.csv')).toEqual([
      expect.objectContaining({ BON_ID: '5', REF_TYP: 'Transaktion', REF_BON_ID: '1', REF_Z_NR: '1' }),
    ])
    expect(files.get('transactions.csv')!.filter((r) => r.BON_TYP === 'AVBelegabbruch')).toHaveLength(1)
    expect(files.get('businesscases.csv')!.map((r) => r.GV_TYP)).toEqual(
      expect.arrayContaining(['Anfangsbestand', 'Geldtransit', 'Auszahlung', 'DifferenzSollIst']),
    )
  })

  it('matches the golden export of the fixed demo day (every CSV and index.xml)', async () => {
    demoDay(journal, clock)
    const out = join(tmp.dir, 'export.zip')
    await exportDsfinvk({ dataDir: tmp.dir, range: { fromZ: 1, toZ: 1 }, out, master: MASTER })
    const { raw } = await checkDsfinvk(out)
    const goldenDir = join(__dirname, '../../fixtures/dsfinvk/golden')
    const golden = readdirSync(goldenDir).sort()
    expect(golden).toEqual([...raw.keys()].filter((k) => k !== 'gdpdu-01-09-2004.dtd').sort())
    for (const f of golden)
      expect(raw.get(f)!.toString('utf8'), f).toBe(readFileSync(join(goldenDir, f), 'utf8'))
  })

  it('exports TSE records: signature where signed, the error text where the TSE was down, tse.csv master data', async () => {
    demoDay(journal, clock)
    // tse_records as the TSE port writes them (main/fiscal through journal.tse; chained like every row).
    journal.tse.record({
      txId: 't-2',
      state: 'finished',
      saleId: 2,
      processType: 'Kassenbeleg-V1',
      processData: 'Beleg^0.00_4.50_0.00_0.00_0.00^4.50:Unbar',
      txNumber: 7,
      startTime: '2026-12-05T06:14:00.000Z',
      endTime: '2026-12-05T06:14:01.000Z',
      signatureCounter: 35,
      signature: 'c2lnbmF0dXJl',
      tseSerial: 'ab12',
      clientId: 'TRESEN-0001',
      logTimeFormat: 'unixTime',
    })
    journal.tse.record({
      txId: 't-3',
      state: 'failed',
      saleId: 3,
      processType: 'Kassenbeleg-V1',
      error: 'TSE ausgefallen: Zeitüberschreitung',
      tseSerial: 'ab12',
    })
    const out = join(tmp.dir, 'export.zip')
    await exportDsfinvk({
      dataDir: tmp.dir,
      range: { fromZ: 1, toZ: 1 },
      out,
      master: {
        ...MASTER,
        tse: [
          {
            serial: 'ab12',
            sigAlgo: 'ecdsa-plain-SHA256',
            timeFormat: 'unixTime',
            publicKey: 'QkFTRTY0',
            certificate: 'Q0VSVA==',
          },
        ],
      },
    })
    const { files, errors } = await checkDsfinvk(out)
    expect(errors).toEqual([])
    const tse = files.get('transactions_tse.csv')!
    expect(tse.find((r) => r.BON_ID === '2')).toMatchObject({
      TSE_ID: '1',
      TSE_TANR: '7',
      TSE_TA_SIGZ: '35',
      TSE_TA_SIG: 'c2lnbmF0dXJl',
      TSE_TA_START: '2026-12-05T06:14:00.000Z',
      TSE_TA_FEHLER: '',
    })
    expect(tse.find((r) => r.BON_ID === '3')).toMatchObject({
      TSE_TA_FEHLER: 'TSE ausgefallen: Zeitüberschreitung',
      TSE_TA_SIG: '',
    })
    expect(files.get('tse.csv')).toEqual([
      expect.objectContaining({
        TSE_ID: '1',
        TSE_SERIAL: 'ab12',
        TSE_PUBLIC_KEY: 'QkFTRTY0',
        TSE_ZERTIFIKAT_I: 'Q0VSVA==',
      }),
    ])
  })

  it('keeps the TSE TAR export with the DSFinV-K export, and says so in the zip when it could not be fetched', async () => {
    demoDay(journal, clock)
    const tar = Buffer.from('ustar-bytes-of-the-tse-export')
    const out = join(tmp.dir, 'export.zip')
    const ok = await exportDsfinvk({
      dataDir: tmp.dir,
      range: { fromZ: 1, toZ: 1 },
      out,
      master: MASTER,
      tse: tseExportSource({ exportTar: async () => Readable.from([tar]) }),
    })
    expect(ok.tseTar).toBe('included')
    expect((await checkDsfinvk(out)).raw.get('tse/tse-export.tar')).toEqual(tar)
    const out2 = join(tmp.dir, 'export2.zip')
    const failed = await exportDsfinvk({
      dataDir: tmp.dir,
      range: { fromZ: 1, toZ: 1 },
      out: out2,
      master: MASTER,
      tse: tseExportSource({
        exportTar: async () => {
          throw new Error('TSE nicht erreichbar')
        },
      }),
    })
    expect(failed.tseTar).toEqual({ error: 'TSE nicht erreichbar' })
    const raw = (await checkDsfinvk(out2)).raw
    expect(raw.get('tse/TSE-EXPORT-FEHLT.txt')?.toString('utf8')).toContain('TSE nicht erreichbar')
  })

  it('refuses a range without closings and never overwrites an existing file', async () => {
    demoDay(journal, clock)
    const out = join(tmp.dir, 'export.zip')
    await expect(
      exportDsfinvk({ dataDir: tmp.dir, range: { fromZ: 5, toZ: 9 }, out, master: MASTER }),
    ).rejects.toThrow('No Z closing between Z 5 and Z 9')
    writeFileSync(out, 'keep me')
    await expect(
      exportDsfinvk({ dataDir: tmp.dir, range: { fromZ: 1, toZ: 1 }, out, master: MASTER }),
    ).rejects.toThrow()
    expect(readFileSync(out, 'utf8')).toBe('keep me')
  })
})
