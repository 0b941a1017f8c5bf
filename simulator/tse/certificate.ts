// A self-signed X.509 certificate for a simulated TSS (RFC 5280), so tse.csv's mandatory
// TSE_ZERTIFIKAT_I is filled like a real fiskaly TSS's `certificate` (PEM). It is NOT a BSI-certified
// TSE certificate: its subject says "Tresen TSE-Simulator (nicht zertifiziert)".
import { createPublicKey, sign, X509Certificate, type KeyObject } from 'node:crypto'
import { derIntegerValue, derOid, tlv } from '../../main/fiscal/log-message'

const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts))
const ECDSA_WITH_SHA256 = seq(derOid('1.2.840.10045.4.3.2'))
const utf8Name = (cn: string) => seq(tlv(0x31, seq(derOid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))))
/** GeneralizedTime YYYYMMDDHHMMSSZ (RFC 5280 4.1.2.5.2). */
const time = (ms: number) =>
  tlv(0x18, Buffer.from(new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z', 'ascii'))

/** PEM of a certificate for the TSS `serial` over `privateKey`'s public key, valid from `from` to `until`. */
export function simulatorCertificate(
  privateKey: KeyObject,
  serial: string,
  from: number,
  until: number,
): string {
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' })
  const name = utf8Name(`Tresen TSE-Simulator (nicht zertifiziert) ${serial.slice(0, 16)}`)
  const tbs = seq(
    tlv(0xa0, tlv(0x02, derIntegerValue(2))),
    tlv(0x02, Buffer.from(`01${serial.slice(0, 30)}`, 'hex')),
    ECDSA_WITH_SHA256,
    name,
    seq(time(from), time(until)),
    name,
    spki,
  )
  const signature = sign('sha256', tbs, privateKey)
  const der = seq(tbs, ECDSA_WITH_SHA256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])))
  const pem = `-----BEGIN CERTIFICATE-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`
  new X509Certificate(pem) // throws if the encoding is wrong
  return pem
}
