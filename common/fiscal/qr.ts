// The receipt's TSE QR code (DSFinV-K Anhang I, "V0" format): 12 fields separated by ';'. Field order
// as in fiskaltrust's signature type reference
// (https://docs.fiskaltrust.cloud/docs/poscreators/middleware-doc/germany/reference-tables/ftsignaturetype)
// and every published sample string. Times are ISO-8601 UTC with milliseconds even for `unixTime`.

export interface QrFields {
  /** Till serial = the TSE client's serial number, byte for byte. */
  clientId: string
  processType: string
  processData: string
  transactionNumber: number
  signatureCounter: number
  /** ISO-8601 UTC with ms, log time of the Start. */
  startTime: string
  /** ISO-8601 UTC with ms, log time of the Finish (what the signature covers). */
  logTime: string
  signatureAlgorithm: string
  logTimeFormat: string
  /** base64 */
  signature: string
  /** base64 */
  publicKey: string
}

/** Seconds since the epoch → `YYYY-MM-DDThh:mm:ss.000Z`. */
export function isoFromUnix(seconds: number): string {
  return new Date(seconds * 1000).toISOString()
}

export function buildQr(f: QrFields): string {
  for (const [name, value] of Object.entries(f))
    if (typeof value === 'string' && value.includes(';'))
      throw new RangeError(`QR field ${name} must not contain ';'`)
  return [
    'V0',
    f.clientId,
    f.processType,
    f.processData,
    String(f.transactionNumber),
    String(f.signatureCounter),
    f.startTime,
    f.logTime,
    f.signatureAlgorithm,
    f.logTimeFormat,
    f.signature,
    f.publicKey,
  ].join(';')
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** Parses a `V0;…` string; throws a RangeError naming the bad field. */
export function parseQr(text: string): QrFields {
  const f = text.split(';')
  if (f.length !== 12) throw new RangeError(`QR code has ${f.length} fields, expected 12`)
  if (f[0] !== 'V0') throw new RangeError(`QR code version ${f[0]} is not V0`)
  const int = (s: string, name: string): number => {
    if (!/^\d+$/.test(s)) throw new RangeError(`QR ${name} is not a number: ${s}`)
    return Number(s)
  }
  for (const [i, name] of [
    [6, 'start time'],
    [7, 'log time'],
  ] as const)
    if (!ISO.test(f[i])) throw new RangeError(`QR ${name} is not ISO-8601 UTC with ms: ${f[i]}`)
  return {
    clientId: f[1],
    processType: f[2],
    processData: f[3],
    transactionNumber: int(f[4], 'transaction number'),
    signatureCounter: int(f[5], 'signature counter'),
    startTime: f[6],
    logTime: f[7],
    signatureAlgorithm: f[8],
    logTimeFormat: f[9],
    signature: f[10],
    publicKey: f[11],
  }
}
