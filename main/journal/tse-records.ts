// The journal's TSE rows (table tse_records, migration 10) and outages (tse_outages). Append-only like
// every journal table: a process's start, its intent to finish and its final row are separate rows.
// The DSFinV-K export reads the latest final row per sale / cash movement / closing (finalFor*).
import type { StatementSync } from 'node:sqlite'

export type TseRecordState = 'started' | 'finishing' | 'finished' | 'cancelled' | 'failed'

export interface TseRecordInput {
  txId?: string | null
  state: TseRecordState
  saleId?: number | null
  cashMovementId?: number | null
  closingId?: number | null
  processType?: string | null
  processData?: string | null
  txNumber?: number | null
  startTime?: string | null
  endTime?: string | null
  signatureCounter?: number | null
  signature?: string | null
  signatureAlgorithm?: string | null
  publicKey?: string | null
  tseSerial?: string | null
  clientId?: string | null
  logTimeFormat?: string | null
  qrCode?: string | null
  training?: boolean
  error?: string | null
  raw?: unknown
}

export interface TseRecord {
  id: number
  txId: string | null
  state: TseRecordState
  saleId: number | null
  cashMovementId: number | null
  closingId: number | null
  processType: string | null
  processData: string | null
  txNumber: number | null
  startTime: string | null
  endTime: string | null
  signatureCounter: number | null
  signature: string | null
  signatureAlgorithm: string | null
  publicKey: string | null
  tseSerial: string | null
  clientId: string | null
  logTimeFormat: string | null
  qrCode: string | null
  training: boolean
  error: string | null
  at: string
}

export interface TseOutage {
  id: number
  event: 'begin' | 'end'
  reason: string
  at: string
}

export interface TseJournal {
  record(input: TseRecordInput): TseRecord
  /** The latest finished/cancelled/failed row of a sale: what its receipt and the export carry. */
  finalForSale(saleId: number): TseRecord | undefined
  finalForCashMovement(movementId: number): TseRecord | undefined
  /** Every row of one TSE transaction, oldest first. */
  byTx(txId: string): TseRecord[]
  /** Every row linked to a sale, oldest first (indexed by sale). */
  forSale(saleId: number): TseRecord[]
  /** Transactions whose last row is `started` or `finishing`: what recovery must settle. */
  unsettled(): TseRecord[]
  all(): TseRecord[]
  outage(event: 'begin' | 'end', reason: string): TseOutage
  /** Keeps the TSE's certificate (PEM) for its serial, once per change (tse.csv). */
  recordCertificate(tseSerial: string, certificate: string): void
  outages(): TseOutage[]
  /** The open outage (a begin without a later end), if any. */
  openOutage(): TseOutage | undefined
}

const FINAL = `state IN ('finished', 'cancelled', 'failed')`

function toRecord(r: Record<string, unknown>): TseRecord {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v))
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v))
  return {
    id: Number(r.id),
    txId: s(r.tx_id),
    state: r.state as TseRecordState,
    saleId: n(r.sale_id),
    cashMovementId: n(r.cash_movement_id),
    closingId: n(r.closing_id),
    processType: s(r.process_type),
    processData: s(r.process_data),
    txNumber: n(r.tx_number),
    startTime: s(r.start_time),
    endTime: s(r.end_time),
    signatureCounter: n(r.signature_counter),
    signature: s(r.signature),
    signatureAlgorithm: s(r.signature_algorithm),
    publicKey: s(r.public_key),
    tseSerial: s(r.tse_serial),
    clientId: s(r.client_id),
    logTimeFormat: s(r.log_time_format),
    qrCode: s(r.qr_code),
    training: Number(r.training) === 1,
    error: s(r.error),
    at: String(r.at),
  }
}

export function createTseJournal(stmt: (sql: string) => StatementSync, now: () => string): TseJournal {
  const get = (sql: string, ...p: (string | number)[]) => {
    const row = stmt(sql).get(...p) as Record<string, unknown> | undefined
    return row ? toRecord(row) : undefined
  }
  const list = (sql: string, ...p: (string | number)[]) =>
    (stmt(sql).all(...p) as Record<string, unknown>[]).map(toRecord)
  return {
    record(input) {
      const at = now()
      const id = Number(
        stmt(
          `INSERT INTO tse_records (tx_id, state, sale_id, cash_movement_id, closing_id, process_type, process_data,
           tx_number, start_time, end_time, signature_counter, signature, signature_algorithm, public_key, tse_serial,
           client_id, log_time_format, qr_code, training, error, raw, at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          input.txId ?? null,
          input.state,
          input.saleId ?? null,
          input.cashMovementId ?? null,
          input.closingId ?? null,
          input.processType ?? null,
          input.processData ?? null,
          input.txNumber ?? null,
          input.startTime ?? null,
          input.endTime ?? null,
          input.signatureCounter ?? null,
          input.signature ?? null,
          input.signatureAlgorithm ?? null,
          input.publicKey ?? null,
          input.tseSerial ?? null,
          input.clientId ?? null,
          input.logTimeFormat ?? null,
          input.qrCode ?? null,
          input.training ? 1 : 0,
          input.error ?? null,
          input.raw === undefined ? null : JSON.stringify(input.raw),
          at,
        ).lastInsertRowid,
      )
      return get('SELECT * FROM tse_records WHERE id = ?', id)!
    },
    finalForSale: (saleId) =>
      get(`SELECT * FROM tse_records WHERE sale_id = ? AND ${FINAL} ORDER BY id DESC LIMIT 1`, saleId),
    finalForCashMovement: (id) =>
      get(`SELECT * FROM tse_records WHERE cash_movement_id = ? AND ${FINAL} ORDER BY id DESC LIMIT 1`, id),
    byTx: (txId) => list('SELECT * FROM tse_records WHERE tx_id = ? ORDER BY id', txId),
    forSale: (saleId) => list('SELECT * FROM tse_records WHERE sale_id = ? ORDER BY id', saleId),
    unsettled: () =>
      list(`SELECT r.* FROM tse_records r
        WHERE r.tx_id IS NOT NULL AND r.id = (SELECT MAX(id) FROM tse_records x WHERE x.tx_id = r.tx_id)
        AND r.state IN ('started', 'finishing') ORDER BY r.id`),
    all: () => list('SELECT * FROM tse_records ORDER BY id'),
    recordCertificate(tseSerial, certificate) {
      const last = stmt(
        'SELECT certificate FROM tse_certificates WHERE tse_serial = ? ORDER BY id DESC LIMIT 1',
      ).get(tseSerial) as { certificate: string } | undefined
      if (last?.certificate === certificate) return
      stmt('INSERT INTO tse_certificates (tse_serial, certificate, at) VALUES (?, ?, ?)').run(
        tseSerial,
        certificate,
        now(),
      )
    },
    outage(event, reason) {
      const at = now()
      const id = Number(
        stmt('INSERT INTO tse_outages (event, reason, at) VALUES (?, ?, ?)').run(event, reason, at)
          .lastInsertRowid,
      )
      return { id, event, reason, at }
    },
    outages: () =>
      (stmt('SELECT * FROM tse_outages ORDER BY id').all() as Record<string, unknown>[]).map((r) => ({
        id: Number(r.id),
        event: r.event as 'begin' | 'end',
        reason: String(r.reason),
        at: String(r.at),
      })),
    openOutage() {
      const r = stmt('SELECT * FROM tse_outages ORDER BY id DESC LIMIT 1').get() as
        Record<string, unknown> | undefined
      if (!r || r.event !== 'begin') return undefined
      return { id: Number(r.id), event: 'begin', reason: String(r.reason), at: String(r.at) }
    },
  }
}
