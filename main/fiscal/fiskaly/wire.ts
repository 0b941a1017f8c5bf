// What fiskaly SIGN DE API v2 answers, validated (https://developer.fiskaly.com/api/kassensichv/v2):
// a transaction (TX) and a TSS object, and the signature fields the receipt, the QR code (DSFinV-K
// Anhang I "QR-Code") and the export take from a finished transaction. Anything unexpected is a
// TseError('protocol'), never a crash; the simulator answers in the same shape.
import { z } from 'zod'
import { buildQr, isoFromUnix } from '../../../common/fiscal/qr'
import { TseError, type TseSignature, type TseSigner, type TseUpdated } from '../tse'

const intLike = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)])

export const txWire = z.object({
  _id: z.string(),
  number: intLike,
  time_start: intLike,
  time_end: intLike.optional(),
  state: z.enum(['ACTIVE', 'FINISHED', 'CANCELLED']),
  revision: intLike,
  latest_revision: intLike.optional(),
  tss_serial_number: z.string().regex(/^[0-9a-f]{64}$/i),
  client_serial_number: z.string(),
  schema: z
    .object({ raw: z.object({ process_type: z.string(), process_data: z.string() }).optional() })
    .passthrough()
    .optional(),
  log: z.object({ timestamp: intLike.optional(), timestamp_format: z.string() }).passthrough().optional(),
  signature: z
    .object({
      value: z.string().min(1),
      algorithm: z.string(),
      counter: intLike,
      public_key: z.string().min(1),
    })
    .passthrough(),
  qr_code_data: z.string().optional(),
})
export type TxWire = z.output<typeof txWire>

export const tssWire = z
  .object({
    _id: z.string(),
    state: z.string(),
    serial_number: z.string().optional(),
    signature_algorithm: z.string().optional(),
    signature_counter: intLike.optional(),
    transaction_counter: intLike.optional(),
    number_active_transactions: intLike.optional(),
    certificate_valid_until: intLike.optional(),
    certificate: z.string().nullable().optional(),
    certificate_expired: z.boolean().optional(),
    admin_puk: z.string().optional(),
  })
  .passthrough()

export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  const issue = r.error.issues[0]
  throw new TseError(
    `unexpected ${what} from the TSE: ${issue.path.join('.')} ${issue.message}`,
    'protocol',
    200,
  )
}

/** Who signed and the signature itself: the same fields in a finish's answer and an update's. */
function signerOf(w: TxWire): TseSigner {
  return {
    tssSerial: w.tss_serial_number.toLowerCase(),
    clientSerial: w.client_serial_number,
    signature: w.signature.value,
    signatureAlgorithm: w.signature.algorithm,
    signatureCounter: w.signature.counter,
    publicKey: w.signature.public_key,
  }
}

export function signatureOf(w: TxWire): TseSignature {
  try {
    return signatureFields(w)
  } catch (error) {
    if (error instanceof TseError) throw error
    throw new TseError(`unusable transaction from the TSE: ${(error as Error).message}`, 'protocol', 200)
  }
}

function signatureFields(w: TxWire): TseSignature {
  if (w.state === 'ACTIVE') throw new TseError('transaction is still ACTIVE', 'protocol', 200)
  const processType = w.schema?.raw?.process_type ?? 'Kassenbeleg-V1'
  const processData = w.schema?.raw ? Buffer.from(w.schema.raw.process_data, 'base64').toString('utf8') : ''
  const timeEnd = w.time_end ?? w.time_start
  const logTimeFormat = w.log?.timestamp_format ?? 'unixTime'
  const qrCode =
    w.qr_code_data ??
    buildQr({
      clientId: w.client_serial_number,
      processType,
      processData,
      transactionNumber: w.number,
      signatureCounter: w.signature.counter,
      startTime: isoFromUnix(w.time_start),
      logTime: isoFromUnix(timeEnd),
      signatureAlgorithm: w.signature.algorithm,
      logTimeFormat,
      signature: w.signature.value,
      publicKey: w.signature.public_key,
    })
  return {
    txId: w._id,
    state: w.state,
    number: w.number,
    timeStart: w.time_start,
    timeEnd,
    ...signerOf(w),
    logTimeFormat,
    processType,
    processData,
    qrCode,
    revision: w.revision,
    raw: w,
  }
}

/** The fields of a signed update (revision > 1, still ACTIVE): no QR code, no end time. */
export function updateOf(w: TxWire): TseUpdated {
  if (w.state !== 'ACTIVE') throw new TseError(`transaction is ${w.state}, expected ACTIVE`, 'protocol', 200)
  if (!w.schema?.raw) throw new TseError('the update came without schema.raw', 'protocol', 200)
  if (w.log?.timestamp === undefined)
    throw new TseError('the update came without log.timestamp', 'protocol', 200)
  return {
    txId: w._id,
    state: 'ACTIVE',
    revision: w.revision,
    number: w.number,
    timeStart: w.time_start,
    logTime: w.log.timestamp,
    logTimeFormat: w.log.timestamp_format,
    ...signerOf(w),
    processType: w.schema.raw.process_type,
    processData: Buffer.from(w.schema.raw.process_data, 'base64').toString('utf8'),
    raw: w,
  }
}
