// processData and the fiskaly receipt against the published strings (fiskaly TEST output, fiskaltrust
// samples) and the bakery examples built by the same grammar.
import { describe, expect, it } from 'vitest'
import {
  centsOf,
  eur,
  fiskalyReceipt,
  processData,
  processDataOfFiskaly,
} from '../../../common/fiscal/process-data'
import { fiscalAmounts, processDataOf } from '../../../common/fiscal-amounts'
import { buildQr, isoFromUnix, parseQr } from '../../../common/fiscal/qr'

describe('processData (Kassenbeleg-V1)', () => {
  it('reproduces fiskaly’s TEST output Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar', () => {
    expect(processData('Beleg', { grossBySlot: [2142, 0, 0, 0, 0], cash: 0, nonCash: 2142 })).toBe(
      'Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar',
    )
  })

  it('a bakery sale paid 5,00 € cash with 0,85 € change nets to 4.15:Bar', () => {
    const amounts = fiscalAmounts({
      lines: [
        { total: 280, vatRate: 19 },
        { total: 135, vatRate: 7 },
      ],
      payments: [{ method: 'cash', amount: 415 }],
    })
    expect(processDataOf(amounts)).toBe('Beleg^2.80_1.35_0.00_0.00_0.00^4.15:Bar')
  })

  it('mixed payments are summed per kind; the card balance is a voucher redemption in slot 5, not Unbar', () => {
    const amounts = fiscalAmounts({
      lines: [
        { total: 7533, vatRate: 19 },
        { total: 799, vatRate: 7 },
      ],
      payments: [
        { method: 'cash', amount: 1000 },
        { method: 'terminal', amount: 7000 },
        { method: 'loyalty', amount: 332 },
      ],
    })
    expect(processDataOf(amounts)).toBe('Beleg^75.33_7.99_0.00_0.00_-3.32^10.00:Bar_70.00:Unbar')
  })

  it('a storno carries negative amounts, an abort carries no payment, a cash drop is a negative 0 % slot', () => {
    expect(processData('Beleg', { grossBySlot: [-280, -135, 0, 0, 0], cash: -415, nonCash: 0 })).toBe(
      'Beleg^-2.80_-1.35_0.00_0.00_0.00^-4.15:Bar',
    )
    expect(processData('AVBelegabbruch', { grossBySlot: [280, 0, 0, 0, 0], cash: 0, nonCash: 0 })).toBe(
      'AVBelegabbruch^2.80_0.00_0.00_0.00_0.00^',
    )
    expect(processData('Beleg', { grossBySlot: [0, 0, 0, 0, -5000], cash: -5000, nonCash: 0 })).toBe(
      'Beleg^0.00_0.00_0.00_0.00_-50.00^-50.00:Bar',
    )
  })

  it('amounts are two decimals with a point, cents never floats', () => {
    expect(eur(5)).toBe('0.05')
    expect(eur(-5)).toBe('-0.05')
    expect(eur(123456789)).toBe('1234567.89')
    expect(() => eur(1.5)).toThrow(RangeError)
    expect(() => fiscalAmounts({ lines: [{ total: 1, vatRate: 16 }], payments: [] })).toThrow(
      /no processData slot/,
    )
  })

  it('the fiskaly receipt lists only used slots and derives back the identical processData', () => {
    const amounts = { grossBySlot: [280, 135, 0, 0, 0], cash: 415, nonCash: 0 }
    const r = fiskalyReceipt('Beleg', amounts)
    expect(r).toEqual({
      receipt_type: 'RECEIPT',
      amounts_per_vat_rate: [
        { vat_rate: 'NORMAL', amount: '2.80' },
        { vat_rate: 'REDUCED_1', amount: '1.35' },
      ],
      amounts_per_payment_type: [{ payment_type: 'CASH', amount: '4.15' }],
    })
    expect(processDataOfFiskaly(r)).toBe(processData('Beleg', amounts))
    expect(
      fiskalyReceipt('AVBelegabbruch', { grossBySlot: [0, 0, 0, 0, 0], cash: 0, nonCash: 0 }).receipt_type,
    ).toBe('CANCELLATION')
    expect(fiskalyReceipt('AVTraining', amounts).receipt_type).toBe('TRAINING')
  })

  it('fiskaly amount strings with up to five decimals parse to cents; sub-cent amounts are refused', () => {
    expect(centsOf('2.8')).toBe(280)
    expect(centsOf('-50.00000')).toBe(-5000)
    expect(() => centsOf('1.001')).toThrow(RangeError)
    expect(() => centsOf('1,00')).toThrow(RangeError)
  })
})

describe('QR code string (V0, 12 fields)', () => {
  it('builds fiskaly’s TEST string from its response fields (time_start/time_end in unix seconds)', () => {
    const qr = buildQr({
      clientId: 'ERS f3ab7b96-6d82-433e-a87a-cccc8e001e20',
      processType: 'Kassenbeleg-V1',
      processData: 'Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar',
      transactionNumber: 1,
      signatureCounter: 34,
      startTime: isoFromUnix(1674239242),
      logTime: isoFromUnix(1674239587),
      signatureAlgorithm: 'ecdsa-plain-SHA256',
      logTimeFormat: 'unixTime',
      signature: 'SIG',
      publicKey: 'KEY',
    })
    expect(qr).toBe(
      'V0;ERS f3ab7b96-6d82-433e-a87a-cccc8e001e20;Kassenbeleg-V1;Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar;1;34;2023-01-20T18:27:22.000Z;2023-01-20T18:33:07.000Z;ecdsa-plain-SHA256;unixTime;SIG;KEY',
    )
    expect(parseQr(qr).signatureCounter).toBe(34)
  })

  it('refuses a wrong field count, version, time format or a ";" inside a field', () => {
    expect(() => parseQr('V0;a;b')).toThrow(/12/)
    expect(() => parseQr('V1;a;b;c;1;2;2023-01-20T18:27:22.000Z;2023-01-20T18:27:22.000Z;x;y;z;w')).toThrow(
      /V0/,
    )
    expect(() => parseQr('V0;a;b;c;1;2;2023-01-20T18:27:22Z;2023-01-20T18:27:22.000Z;x;y;z;w')).toThrow(/ISO/)
    expect(() =>
      buildQr({
        clientId: 'a;b',
        processType: '',
        processData: '',
        transactionNumber: 1,
        signatureCounter: 1,
        startTime: '',
        logTime: '',
        signatureAlgorithm: '',
        logTimeFormat: '',
        signature: '',
        publicKey: '',
      }),
    ).toThrow(/clientId/)
  })
})
