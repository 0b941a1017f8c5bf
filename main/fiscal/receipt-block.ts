// The receipt's TSE block from the journal's final TSE record of a sale (§ 6 KassenSichV S. 1 Nr. 2,
// 4, 6, 7): start and end time from the TSE (printed in UTC, as the TSE logs them), transaction
// number, till serial, TSE serial, signature counter, signature — plus the QR code carrying the same
// (DSFinV-K Anhang I). Labels as fiskaly lists them (https://developer.fiskaly.com/sign-de/receipt-data).
import type { Locale } from '../../common/ipc/contract'
import type { ReceiptFiscal } from '../../common/receipt/model'
import type { TseRecord } from '../journal'

const WORDS = {
  de: {
    failed: 'TSE ausgefallen',
    noRecord: 'kein TSE-Vorgang aufgezeichnet',
    none: 'TSE: nicht angeschlossen',
    tx: 'TSE-Transaktion',
    start: 'TSE-Start',
    stop: 'TSE-Stop',
    till: 'Kassen-Seriennummer',
    serial: 'TSE-Seriennummer',
    counter: 'TSE-Signaturzähler',
    signature: 'TSE-Signatur',
    algorithm: 'TSE-Hashalgorithmus',
    format: 'TSE-Zeitformat',
    training: 'TRAINING – kein Verkauf, nicht im Umsatz',
  },
  en: {
    failed: 'TSE failed',
    noRecord: 'no TSE process recorded',
    none: 'TSE: not connected',
    tx: 'TSE transaction',
    start: 'TSE start',
    stop: 'TSE stop',
    till: 'Till serial number',
    serial: 'TSE serial number',
    counter: 'TSE signature counter',
    signature: 'TSE signature',
    algorithm: 'TSE hash algorithm',
    format: 'TSE time format',
    training: 'TRAINING – no sale, not in the takings',
  },
} as const

/** `2026-12-06 08:00:07 UTC`: the TSE's log time, unchanged. */
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`

export interface FiscalReceiptPart {
  fiscal: ReceiptFiscal
  qr?: string
  training?: string
}

/** The TSE block for a receipt: signed fields, or the failure note with the reason. */
export function fiscalReceiptPart(
  record: TseRecord | undefined,
  locale: Locale,
  tillSerial: string,
  /** A TSE is configured: a missing record is then a failure, not "not connected". */
  tseConfigured = true,
  /** The journal lists the sale as a training sale (also without a TSE record). */
  trainingSale = false,
): FiscalReceiptPart {
  const w = WORDS[locale]
  const training = record?.training || trainingSale ? { training: w.training } : {}
  if (!record || record.state === 'failed' || !record.signature) {
    const reason = record?.error ?? (tseConfigured ? w.noRecord : undefined)
    const failed = tseConfigured && reason !== undefined
    return {
      fiscal: {
        status: failed ? 'failed' : 'none',
        note: failed ? `${w.failed}: ${reason}` : w.none,
        rows: [{ label: w.till, value: tillSerial }],
      },
      ...training,
    }
  }
  const fields = {
    startTime: record.startTime ?? '',
    endTime: record.endTime ?? '',
    txNumber: record.txNumber ?? 0,
    tillSerial: record.clientId ?? tillSerial,
    tseSerial: record.tseSerial ?? '',
    signatureCounter: record.signatureCounter ?? 0,
    signature: record.signature,
    signatureAlgorithm: record.signatureAlgorithm ?? '',
    logTimeFormat: record.logTimeFormat ?? '',
    publicKey: record.publicKey ?? '',
  }
  return {
    fiscal: {
      status: 'signed',
      rows: [
        { label: w.tx, value: String(fields.txNumber) },
        { label: w.start, value: utc(fields.startTime) },
        { label: w.stop, value: utc(fields.endTime) },
        { label: w.till, value: fields.tillSerial },
        { label: w.serial, value: fields.tseSerial },
        { label: w.counter, value: String(fields.signatureCounter) },
        { label: w.algorithm, value: fields.signatureAlgorithm },
        { label: w.format, value: fields.logTimeFormat },
        { label: w.signature, value: fields.signature },
      ],
      fields,
    },
    ...(record.qrCode ? { qr: record.qrCode } : {}),
    ...training,
  }
}
