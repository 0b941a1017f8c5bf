// The DSFinV-K export of the running app carries the TSE's own TAR export (BSI TR-03153): the TSE
// port's exportTar is the export's TseTarExporter (main/app.ts). Demo mode: the embedded simulator.
import { afterEach, describe, expect, it } from 'vitest'
import type { TestApp } from '../../helpers/test-app'
import { checkoutApp } from '../checkout/helpers'
import { call, login } from '../../helpers/sales'
import { exportClosing } from '../../helpers/dsfinvk-export'

let t: TestApp | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
})

describe('DSFinV-K export with the TSE connected', () => {
  it("puts the simulator TSE's TAR export into the zip; transactions_tse and tse.csv come from the sale's signed tse_records", async () => {
    // A sale through the counter, so the TSE lifecycle signs it (start at the first line, finish at pay).
    const c = await checkoutApp()
    t = c
    expect(t.app.fiscalDevice.tse).not.toBeNull()
    await c.basket([{ productId: 'kaffee', quantity: 2 }])
    const paid = await c.run('checkout.payCash', { tendered: 2000 })
    expect(paid.phase).toBe('paid')
    await t.app.checkout.idle()
    await login(t.app, 'chefin', '9999')
    await call(t.app, 'report.z', { denominations: [] })
    const { check, errors, tseTar } = await exportClosing(t.app)
    expect(tseTar).toBe('included')
    const tar = check.raw.get('tse/tse-export.tar')
    expect(tar).toBeInstanceOf(Buffer)
    // A POSIX tar: "ustar" magic at offset 257 of the first header.
    expect(tar!.subarray(257, 262).toString('latin1')).toBe('ustar')

    // transactions_tse and tse.csv come from the TSE's own records of this day (tse_records): one row
    // per transaction (its final step, not the start or the intent to finish), with the signature.
    // The demo config has no tax number; everything else passes the format check.
    expect(errors).toEqual([])
    const saleId = paid.result!.saleId
    const record = t.app.journal.tse.finalForSale(saleId)!
    expect(record.signature).toBeTruthy()
    const rows = check.files.get('transactions_tse.csv')!.filter((r) => r.BON_ID === String(saleId))
    expect(rows).toEqual([
      expect.objectContaining({
        TSE_ID: '1',
        TSE_TANR: String(record.txNumber),
        TSE_TA_SIGZ: String(record.signatureCounter),
        TSE_TA_SIG: record.signature,
        TSE_TA_VORGANGSART: 'Kassenbeleg-V1',
        TSE_VORGANGSDATEN: record.processData,
        TSE_TA_FEHLER: '',
      }),
    ])
    expect(record.processData).toMatch(/^Beleg\^/)
    expect(check.files.get('tse.csv')).toEqual([
      expect.objectContaining({
        TSE_ID: '1',
        TSE_SERIAL: record.tseSerial,
        TSE_PUBLIC_KEY: record.publicKey,
        TSE_SIG_ALGO: record.signatureAlgorithm,
        TSE_ZEITFORMAT: 'unixTime',
        // The TSS's certificate as the app kept it at start (the simulator's is self-signed).
        TSE_ZERTIFIKAT_I: expect.stringMatching(/^MI[A-Za-z0-9+/]+=*$/),
      }),
    ])
  }, 30_000)
})
