// The TR-03151 log message encoder against a real, published TSE signature: fiskaltrust's demo
// cashbox DEMO1256 (brainpoolP384r1, ecdsa-plain-SHA384), receipt QR code from
// fiskaltrust/interface-doc, doc/appendix-de-kassensichv/examples (signed 2020-06-08).
import { generateKeyPairSync, sign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildQr, parseQr } from '../../../common/fiscal/qr'
import {
  candidateKeys,
  dataToBeSigned,
  derIntegerValue,
  derOid,
  logMessage,
  tseSerialOf,
  verifyQr,
} from '../../../main/fiscal/log-message'

const FISKALTRUST_QR =
  'V0;DEMO1256;Kassenbeleg-V1;Beleg^15.00_0.00_0.00_0.00_0.00^15.00:Bar;39;875;2020-06-08T11:34:42.000Z;2020-06-08T11:34:43.000Z;ecdsa-plain-SHA384;unixTime;DdxmTYRiAIm3jQJYwb7dyRthzG0hErod7ZobdmIKpIVlVXESbSzTxZ0cVx08c4PgQ2S4oXedpUZV3vRXIU1q80IfrI2Xh4ZFMEq7515cfIcPIwsFQFEo7ZT58aDlBXlI;BFhnDaPRoUxAYUktkUqoaV2l+TVpLdT7wPTRFDkZcHXFS7WZhGsvKh/lT3jEYJLNLD/sjQVg/JrobVU5kue/k2d9sK7dnWPdMgYlr4E4Ff8ziKclzs1u7BuOYJ4jRI65rg=='

const hex = (s: string) => Buffer.from(s, 'latin1').toString('hex')

describe('TR-03151 transaction log message', () => {
  it('encodes the worked example byte for byte (DEMO1256, tx 39, counter 875, unix 1591616083)', () => {
    const f = parseQr(FISKALTRUST_QR)
    const key = Buffer.from(f.publicKey, 'base64')
    const dtbs = dataToBeSigned({
      operationType: 'FinishTransaction',
      clientId: f.clientId,
      processData: f.processData,
      processType: f.processType,
      transactionNumber: f.transactionNumber,
      serialNumber: Buffer.from(tseSerialOf(key), 'hex'),
      signatureAlgorithm: 'ecdsa-plain-SHA384',
      signatureCounter: f.signatureCounter,
      logTime: Date.parse(f.logTime),
      logTimeFormat: 'unixTime',
    })
    const expected =
      '020102' +
      '060904007f000703070101' +
      '8011' +
      hex('FinishTransaction') +
      '8108' +
      hex('DEMO1256') +
      '8229' +
      hex('Beleg^15.00_0.00_0.00_0.00_0.00^15.00:Bar') +
      '830e' +
      hex('Kassenbeleg-V1') +
      '850127' +
      '0420' +
      tseSerialOf(key) +
      '300c060a04007f00070101040104' +
      '0202036b' +
      '02045ede2253'
    expect(dtbs.toString('hex')).toBe(expected)
  })

  it('the published fiskaltrust signature verifies over the rebuilt message (brainpoolP384r1)', () => {
    const result = verifyQr(FISKALTRUST_QR)
    expect(result.reason).toBeUndefined()
    expect(result.ok).toBe(true)
    expect(
      candidateKeys(Buffer.from(parseQr(FISKALTRUST_QR).publicKey, 'base64'))[0].asymmetricKeyDetails
        ?.namedCurve,
    ).toBe('brainpoolP384r1')
  })

  it('one changed character in processData, clientId case or a one-second log time shift breaks it', () => {
    expect(verifyQr(FISKALTRUST_QR.replace('15.00:Bar', '15.01:Bar')).ok).toBe(false)
    expect(verifyQr(FISKALTRUST_QR.replace('DEMO1256', 'demo1256')).ok).toBe(false)
    expect(verifyQr(FISKALTRUST_QR.replace('11:34:43.000Z', '11:34:44.000Z')).ok).toBe(false)
    // Field 7 (start) is not signed: changing it keeps the signature valid (fiscal time plausibility only).
    expect(verifyQr(FISKALTRUST_QR.replace('11:34:42.000Z', '11:34:41.000Z')).ok).toBe(true)
  })

  it('DER integers are minimal two’s complement, OIDs and long lengths encode per X.690', () => {
    expect(derIntegerValue(0).toString('hex')).toBe('00')
    expect(derIntegerValue(127).toString('hex')).toBe('7f')
    expect(derIntegerValue(128).toString('hex')).toBe('0080')
    expect(derIntegerValue(875).toString('hex')).toBe('036b')
    expect(derOid('1.2.840.10045.3.1.7').toString('hex')).toBe('06082a8648ce3d030107')
    const long = logMessage(Buffer.alloc(300), Buffer.alloc(64))
    // 300 bytes + signature OCTET STRING (2 + 64) = 366 = 0x016e: two length bytes after 0x82
    expect(long.subarray(0, 4).toString('hex')).toBe('3082016e')
  })

  it('a P-256 key signed message round-trips through the QR verifier; serial = SHA-256 of the raw point', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    const jwk = publicKey.export({ format: 'jwk' })
    const raw = Buffer.concat([
      Buffer.from([4]),
      Buffer.from(jwk.x!, 'base64url'),
      Buffer.from(jwk.y!, 'base64url'),
    ])
    const fields = {
      clientId: 'Tresen-kasse-1',
      processType: 'Kassenbeleg-V1',
      processData: 'Beleg^2.80_1.35_0.00_0.00_0.00^4.15:Bar',
      transactionNumber: 128,
      signatureCounter: 4711,
      startTime: '2026-12-06T08:00:00.000Z',
      logTime: '2026-12-06T08:00:07.000Z',
      signatureAlgorithm: 'ecdsa-plain-SHA256',
      logTimeFormat: 'unixTime',
    }
    const dtbs = dataToBeSigned({
      ...fields,
      operationType: 'FinishTransaction',
      serialNumber: Buffer.from(tseSerialOf(raw), 'hex'),
      signatureAlgorithm: 'ecdsa-plain-SHA256',
      logTime: Date.parse(fields.logTime),
      logTimeFormat: 'unixTime',
    })
    const signature = sign('sha256', dtbs, { key: privateKey, dsaEncoding: 'ieee-p1363' })
    const qr = buildQr({
      ...fields,
      signature: signature.toString('base64'),
      publicKey: raw.toString('base64'),
    })
    const result = verifyQr(qr)
    expect(result.ok).toBe(true)
    expect(result.tseSerial).toBe(tseSerialOf(raw))
  })
})
