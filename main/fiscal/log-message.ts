// The TR-03151 transaction log message and what a TSE signs (BSI TR-03151 / TR-03153). Layout as in
// konfidas/TTC (LogMessageImplementation.java, TransactionLogMessage.java) and stustapay's
// tse_verifier.py; checked against the signature of a published fiskaltrust receipt QR code
// (fiskaltrust/interface-doc, doc/appendix-de-kassensichv/examples) in log-message.test.ts.
//
// The data to be signed is the concatenated DER of: version, certifiedDataType, operationType,
// clientId, processData, processType, transactionNumber, serialNumber, signatureAlgorithm,
// signatureCounter, logTime — i.e. the log message SEQUENCE's content without its header and without
// the trailing signatureValue. The signature is plain r‖s (IEEE P1363), not DER.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto'
import { parseQr, type QrFields } from '../../common/fiscal/qr'

// ---- minimal DER ------------------------------------------------------------------------------

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n])
  const bytes: number[] = []
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

export function tlv(tag: number, value: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(value.length), value])
}

/** Minimal two's complement of a non-negative integer (X.690 8.3). */
export function derIntegerValue(n: number | bigint): Buffer {
  const v = BigInt(n)
  if (v < 0n) throw new RangeError('only non-negative integers are encoded here')
  let hex = v.toString(16)
  if (hex.length % 2) hex = '0' + hex
  let bytes = Buffer.from(hex, 'hex')
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes])
  return bytes
}

export function derOid(oid: string): Buffer {
  const parts = oid.split('.').map((p) => BigInt(p))
  const first = parts[0] * 40n + parts[1]
  const out: number[] = []
  for (const arc of [first, ...parts.slice(2)]) {
    const chunk: number[] = [Number(arc & 0x7fn)]
    for (let v = arc >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80)
    out.push(...chunk)
  }
  return tlv(0x06, Buffer.from(out))
}

/** PrintableString characters (X.680 41.4): TR-03151 encodes clientId and the type strings so. */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/

function printable(tag: number, s: string, what: string): Buffer {
  if (!PRINTABLE.test(s)) throw new RangeError(`${what} has characters outside PrintableString: ${s}`)
  return tlv(tag, Buffer.from(s, 'latin1'))
}

// ---- algorithms -------------------------------------------------------------------------------

/** BSI OIDs of the plain-ECDSA signature algorithms (BSI TR-03111 §5.2.1.1: 0.4.0.127.0.7.1.1.4.1.x). */
export const SIGNATURE_ALGORITHMS = {
  'ecdsa-plain-SHA256': { oid: '0.4.0.127.0.7.1.1.4.1.3', hash: 'sha256' },
  'ecdsa-plain-SHA384': { oid: '0.4.0.127.0.7.1.1.4.1.4', hash: 'sha384' },
  'ecdsa-plain-SHA512': { oid: '0.4.0.127.0.7.1.1.4.1.5', hash: 'sha512' },
} as const
export type SignatureAlgorithm = keyof typeof SIGNATURE_ALGORITHMS

/** certifiedDataType of a transaction log (TR-03151). */
export const TRANSACTION_LOG_OID = '0.4.0.127.0.7.3.7.1.1'

export type LogTimeFormat = 'unixTime' | 'utcTime' | 'generalizedTime'

export interface TransactionLog {
  operationType: 'StartTransaction' | 'UpdateTransaction' | 'FinishTransaction'
  clientId: string
  processData: string
  processType: string
  transactionNumber: number
  /** SHA-256 of the public key (32 bytes). */
  serialNumber: Uint8Array
  signatureAlgorithm: SignatureAlgorithm
  signatureCounter: number
  /** Log time, milliseconds since the epoch (whole seconds for unixTime). */
  logTime: number
  logTimeFormat: LogTimeFormat
}

function logTimeDer(ms: number, format: LogTimeFormat): Buffer {
  const d = new Date(ms)
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  const hms = `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`
  const md = `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`
  switch (format) {
    case 'unixTime':
      return tlv(0x02, derIntegerValue(Math.floor(ms / 1000)))
    case 'utcTime':
      return tlv(0x17, Buffer.from(`${pad(d.getUTCFullYear() % 100)}${md}${hms}Z`, 'latin1'))
    case 'generalizedTime':
      return tlv(0x18, Buffer.from(`${d.getUTCFullYear()}${md}${hms}Z`, 'latin1'))
  }
}

/** The data to be signed: elements 1–13 of the log message, each as complete DER. */
export function dataToBeSigned(log: TransactionLog): Buffer {
  if (log.serialNumber.length !== 32) throw new RangeError('serialNumber must be the 32-byte SHA-256')
  const alg = SIGNATURE_ALGORITHMS[log.signatureAlgorithm]
  if (!alg) throw new RangeError(`unknown signature algorithm ${log.signatureAlgorithm}`)
  return Buffer.concat([
    tlv(0x02, derIntegerValue(2)),
    derOid(TRANSACTION_LOG_OID),
    printable(0x80, log.operationType, 'operationType'),
    printable(0x81, log.clientId, 'clientId'),
    tlv(0x82, Buffer.from(log.processData, 'utf8')),
    printable(0x83, log.processType, 'processType'),
    tlv(0x85, derIntegerValue(log.transactionNumber)),
    tlv(0x04, log.serialNumber),
    tlv(0x30, derOid(alg.oid)),
    tlv(0x02, derIntegerValue(log.signatureCounter)),
    logTimeDer(log.logTime, log.logTimeFormat),
  ])
}

/** The complete log message as a TAR export carries it: SEQUENCE { dtbs, signatureValue }. */
export function logMessage(dtbs: Buffer, signature: Uint8Array): Buffer {
  return tlv(0x30, Buffer.concat([dtbs, tlv(0x04, signature)]))
}

// ---- keys -------------------------------------------------------------------------------------

/** Named curves a TSE uses (NIST P-256 at fiskaly, P-384 at D-Trust, brainpoolP384r1 at fiskaltrust's demo). */
const CURVE_OIDS: Record<number, { name: string; oid: string }[]> = {
  65: [{ name: 'prime256v1', oid: '1.2.840.10045.3.1.7' }],
  97: [
    { name: 'secp384r1', oid: '1.3.132.0.34' },
    { name: 'brainpoolP384r1', oid: '1.3.36.3.3.2.8.1.1.11' },
  ],
}
const EC_PUBLIC_KEY_OID = '1.2.840.10045.2.1'

/** Public keys a raw uncompressed point `04‖X‖Y` can be (one per curve of that size), or an SPKI key. */
export function candidateKeys(raw: Buffer): KeyObject[] {
  if (raw[0] === 0x30) return [createPublicKey({ key: raw, format: 'der', type: 'spki' })]
  const curves = raw[0] === 0x04 ? (CURVE_OIDS[raw.length] ?? []) : []
  const keys: KeyObject[] = []
  for (const curve of curves) {
    const spki = tlv(
      0x30,
      Buffer.concat([
        tlv(0x30, Buffer.concat([derOid(EC_PUBLIC_KEY_OID), derOid(curve.oid)])),
        tlv(0x03, Buffer.concat([Buffer.from([0]), raw])),
      ]),
    )
    try {
      keys.push(createPublicKey({ key: spki, format: 'der', type: 'spki' }))
    } catch {
      // Not a point on this curve: try the next one.
    }
  }
  return keys
}

/** TSE serial = hex SHA-256 of the public key as the TSE exports it (TR-03153 §7.5). */
export function tseSerialOf(publicKey: Buffer): string {
  return createHash('sha256').update(publicKey).digest('hex')
}

// ---- independent verification from the receipt's QR code ----------------------------------------

export interface QrVerification {
  ok: boolean
  /** Why not, in English (tests and the setup screen's check). */
  reason?: string
  fields?: QrFields
  /** hex SHA-256 of the public key: must equal the TSE serial printed on the receipt. */
  tseSerial?: string
}

const FORMATS: Record<string, LogTimeFormat> = {
  unixTime: 'unixTime',
  utcTime: 'utcTime',
  generalizedTime: 'generalizedTime',
}

/**
 * Rebuilds the Finish log message from the QR fields and checks the ECDSA signature with the public
 * key from the QR. Knows nothing of the simulator or of our journal.
 */
export function verifyQr(qr: string): QrVerification {
  let fields: QrFields
  try {
    fields = parseQr(qr)
  } catch (error) {
    return { ok: false, reason: (error as Error).message }
  }
  const alg = SIGNATURE_ALGORITHMS[fields.signatureAlgorithm as SignatureAlgorithm]
  if (!alg) return { ok: false, reason: `unknown signature algorithm ${fields.signatureAlgorithm}`, fields }
  const format = FORMATS[fields.logTimeFormat]
  if (!format) return { ok: false, reason: `unsupported log time format ${fields.logTimeFormat}`, fields }
  const publicKey = Buffer.from(fields.publicKey, 'base64')
  const tseSerial = tseSerialOf(publicKey)
  let dtbs: Buffer
  try {
    dtbs = dataToBeSigned({
      operationType: 'FinishTransaction',
      clientId: fields.clientId,
      processData: fields.processData,
      processType: fields.processType,
      transactionNumber: fields.transactionNumber,
      serialNumber: Buffer.from(tseSerial, 'hex'),
      signatureAlgorithm: fields.signatureAlgorithm as SignatureAlgorithm,
      signatureCounter: fields.signatureCounter,
      logTime: Date.parse(fields.logTime),
      logTimeFormat: format,
    })
  } catch (error) {
    return { ok: false, reason: (error as Error).message, fields, tseSerial }
  }
  const signature = Buffer.from(fields.signature, 'base64')
  for (const key of candidateKeys(publicKey)) {
    if (verify(alg.hash, dtbs, { key, dsaEncoding: 'ieee-p1363' }, signature))
      return { ok: true, fields, tseSerial }
  }
  return { ok: false, reason: 'signature does not verify over the rebuilt log message', fields, tseSerial }
}
