// The simulated fiskaly SIGN DE v2 TSS: states, admin PIN/PUK, clients, transactions with revisions,
// and one ECDSA key pair per TSS that signs the real TR-03151 log message of every operation.
//
// Curve: NIST P-256 (prime256v1) with ecdsa-plain-SHA256, as fiskaly's cloud TSE uses; public key
// exported as the raw uncompressed point 04‖X‖Y (base64), tss_serial_number = hex SHA-256 of it
// (TR-03153 §7.5). The log time format is unixTime. Shapes follow fiskaly's API reference
// (https://developer.fiskaly.com/api/kassensichv/v2) and the request/response walk-through documented
// in docs/fiscal-tse.md; error codes the simulator invents are marked there.
import { simulatorCertificate } from './certificate'
import { BlobStore } from './blob-store'
import {
  createHash,
  generateKeyPairSync,
  randomBytes,
  sign,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto'
import { processDataOfFiskaly, type FiskalyReceipt } from '../../common/fiscal/process-data'
import { buildQr, isoFromUnix } from '../../common/fiscal/qr'
import { dataToBeSigned, logMessage, tseSerialOf } from '../../main/fiscal/log-message'

export interface SimResponse {
  status: number
  body?: unknown
  /** Raw bytes instead of JSON (the TAR export). */
  raw?: { contentType: string; data: Buffer }
}

export function fiskalyError(status: number, code: string, message: string): SimResponse {
  const error =
    {
      400: 'Bad Request',
      401: 'Unauthorized',
      404: 'Not Found',
      409: 'Conflict',
      422: 'Unprocessable Entity',
      429: 'Too Many Requests',
    }[status] ?? 'Internal Server Error'
  return { status, body: { status_code: status, error, code, message } }
}

export type TssState = 'CREATED' | 'UNINITIALIZED' | 'INITIALIZED' | 'DISABLED' | 'DELETED'

export interface SignedLog {
  operation: 'Start' | 'Update' | 'Finish'
  clientId: string
  transactionNumber: number
  signatureCounter: number
  unixTime: number
  der: Buffer
}

interface Tx {
  id: string
  number: number
  clientId: string
  state: 'ACTIVE' | 'FINISHED' | 'CANCELLED'
  timeStart: number
  timeEnd?: number
  /** Each revision's response as JSON in the TSS's blob store (GET ?tx_revision=n answers any of them). */
  revisions: number[]
  /** SHA-256 of the latest revision's request (blob store): a repeated PUT of it gets the same answer. */
  requestDigest: number
}

/**
 * The signed log messages of one TSS in operation order, kept for the TAR export as bytes outside the
 * V8 heap (blob-store.ts): a header line of JSON, then the DER log message.
 */
export class SignedLogs {
  private readonly blobs = new BlobStore()
  private handles = new Float64Array(1024)
  length = 0

  push(l: SignedLog): void {
    const { der, ...header } = l
    const handle = this.blobs.append(Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), der]))
    if (this.length === this.handles.length) {
      const grown = new Float64Array(this.handles.length * 2)
      grown.set(this.handles)
      this.handles = grown
    }
    this.handles[this.length++] = handle
  }

  at(i: number): SignedLog {
    const bytes = this.blobs.read(this.handles[i]!)
    const nl = bytes.indexOf(0x0a)
    const header = JSON.parse(bytes.subarray(0, nl).toString('utf8')) as Omit<SignedLog, 'der'>
    return { ...header, der: Buffer.from(bytes.subarray(nl + 1)) }
  }

  all(): SignedLog[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i))
  }
}

export interface Tss {
  id: string
  state: TssState
  createdAt: number
  privateKey: KeyObject
  publicKeyRaw: Buffer
  serial: string
  signatureCounter: number
  txCounter: number
  adminPuk: string
  adminPin?: string
  adminAuthenticated: boolean
  pinAttempts: number
  certificateExpired: boolean
  certificateValidUntil: number
  clients: Map<string, { id: string; serial: string; state: 'REGISTERED' | 'DEREGISTERED' }>
  txs: Map<string, Tx>
  /** Transactions in state ACTIVE (the open limit), counted rather than scanned for at every start. */
  active: number
  logs: SignedLogs
  /** Transaction revisions (JSON), outside the V8 heap. */
  blobs: BlobStore
  /** The PEM, made once: ECDSA signatures differ per signing, and a TSS's certificate does not change. */
  certificate?: string
}

const ALGORITHM = 'ecdsa-plain-SHA256' as const
const PROCESS_TYPE = 'Kassenbeleg-V1'
const CERT_YEARS = 5

export interface TssContext {
  now(): number
  maxActive: number
  env: 'TEST' | 'LIVE'
}

function newTss(id: string, now: number): Tss {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const jwk = publicKey.export({ format: 'jwk' })
  const raw = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x!, 'base64url'),
    Buffer.from(jwk.y!, 'base64url'),
  ])
  return {
    id,
    state: 'CREATED',
    createdAt: now,
    privateKey,
    publicKeyRaw: raw,
    serial: tseSerialOf(raw),
    signatureCounter: 0,
    txCounter: 0,
    adminPuk: randomBytes(5).toString('hex').toUpperCase(),
    adminAuthenticated: false,
    pinAttempts: 0,
    certificateExpired: false,
    certificateValidUntil: now + CERT_YEARS * 365 * 86_400_000,
    clients: new Map(),
    txs: new Map(),
    active: 0,
    logs: new SignedLogs(),
    blobs: new BlobStore(),
  }
}

export function tssView(t: Tss, ctx: TssContext): Record<string, unknown> {
  const active = t.active
  return {
    _id: t.id,
    _type: 'TSS',
    _env: ctx.env,
    _version: '2.0.34-sim',
    state: t.state,
    time_creation: Math.floor(t.createdAt / 1000),
    ...(t.state !== 'CREATED' || t.publicKeyRaw
      ? {
          serial_number: t.serial,
          public_key: t.publicKeyRaw.toString('base64'),
          // A self-signed certificate that says it is not certified (certificate.ts).
          certificate: (t.certificate ??= simulatorCertificate(
            t.privateKey,
            t.serial,
            t.createdAt,
            t.certificateValidUntil,
          )),
          certificate_valid_until: Math.floor(t.certificateValidUntil / 1000),
          certificate_expired: t.certificateExpired,
          signature_algorithm: ALGORITHM,
          signature_timestamp_format: 'unixTime',
          transaction_data_encoding: 'UTF-8',
          signature_counter: String(t.signatureCounter),
          transaction_counter: String(t.txCounter),
          number_registered_clients: [...t.clients.values()].filter((c) => c.state === 'REGISTERED').length,
          number_active_transactions: active,
          max_number_registered_clients: 199,
          max_number_active_transactions: ctx.maxActive,
          supported_update_variants: 'SIGNED',
        }
      : {}),
  }
}

/** Signs one operation: counter + 1, log time now (whole seconds), the real TR-03151 message. */
function signOperation(
  t: Tss,
  ctx: TssContext,
  op: SignedLog['operation'],
  tx: Tx,
  clientSerial: string,
  processType: string,
  processData: string,
): { value: string; counter: number; unixTime: number } {
  t.signatureCounter += 1
  const unixTime = Math.floor(ctx.now() / 1000)
  const dtbs = dataToBeSigned({
    operationType: `${op}Transaction`,
    clientId: clientSerial,
    processData,
    processType,
    transactionNumber: tx.number,
    serialNumber: Buffer.from(t.serial, 'hex'),
    signatureAlgorithm: ALGORITHM,
    signatureCounter: t.signatureCounter,
    logTime: unixTime * 1000,
    logTimeFormat: 'unixTime',
  })
  const signature = sign('sha256', dtbs, { key: t.privateKey, dsaEncoding: 'ieee-p1363' })
  t.logs.push({
    operation: op,
    clientId: clientSerial,
    transactionNumber: tx.number,
    signatureCounter: t.signatureCounter,
    unixTime,
    der: logMessage(dtbs, signature),
  })
  return { value: signature.toString('base64'), counter: t.signatureCounter, unixTime }
}

const TX_STATES = ['ACTIVE', 'FINISHED', 'CANCELLED'] as const

function receiptOf(body: Record<string, unknown>): FiskalyReceipt | undefined {
  const schema = body.schema as { standard_v1?: { receipt?: FiskalyReceipt } } | undefined
  return schema?.standard_v1?.receipt
}

/** fiskaly SIGN DE v2 `schema.raw`: a process type of TR-03153 and its data (base64). */
const RAW_PROCESS_TYPES = new Set(['Kassenbeleg-V1', 'Bestellung-V1', 'SonstigerVorgang'])
function rawOf(body: Record<string, unknown>): { processType: string; data: string } | null | undefined {
  const raw = (body.schema as { raw?: { process_type?: unknown; process_data?: unknown } } | undefined)?.raw
  if (raw === undefined) return undefined
  if (typeof raw.process_type !== 'string' || !RAW_PROCESS_TYPES.has(raw.process_type)) return null
  if (typeof raw.process_data !== 'string') return null
  return { processType: raw.process_type, data: Buffer.from(raw.process_data, 'base64').toString('utf8') }
}

function validReceipt(r: unknown): r is FiskalyReceipt {
  if (!r || typeof r !== 'object') return false
  const rec = r as Record<string, unknown>
  return (
    typeof rec.receipt_type === 'string' &&
    Array.isArray(rec.amounts_per_vat_rate) &&
    (rec.amounts_per_payment_type === undefined || Array.isArray(rec.amounts_per_payment_type))
  )
}

export class TssStore {
  readonly tss = new Map<string, Tss>()
  constructor(readonly ctx: TssContext) {}

  private get(id: string): Tss | SimResponse {
    const t = this.tss.get(id)
    if (!t || t.state === 'DELETED') return fiskalyError(404, 'E_TSS_NOT_FOUND', `TSS ${id} not found`)
    return t
  }

  putTss(id: string): SimResponse {
    const existing = this.tss.get(id)
    if (existing) return fiskalyError(409, 'E_TSS_CONFLICT', `TSS ${id} already exists`)
    const t = newTss(id, this.ctx.now())
    this.tss.set(id, t)
    // The PUK is in this answer only (fiskaly: "store it now").
    return { status: 200, body: { ...tssView(t, this.ctx), admin_puk: t.adminPuk } }
  }

  getTss(id: string): SimResponse {
    const t = this.get(id)
    if ('status' in t) return t
    return { status: 200, body: tssView(t, this.ctx) }
  }

  patchTss(id: string, body: Record<string, unknown>): SimResponse {
    const t = this.get(id)
    if ('status' in t) return t
    const next = body.state
    const allowed: Record<TssState, TssState[]> = {
      CREATED: ['UNINITIALIZED', 'DELETED'],
      UNINITIALIZED: ['INITIALIZED', 'DISABLED', 'DELETED'],
      INITIALIZED: ['DISABLED'],
      DISABLED: ['DELETED'],
      DELETED: [],
    }
    if (typeof next !== 'string' || !allowed[t.state].includes(next as TssState))
      return fiskalyError(
        422,
        'E_TSS_INVALID_STATE_TRANSITION',
        `cannot change TSS from ${t.state} to ${String(next)}`,
      )
    if ((next === 'INITIALIZED' || next === 'DISABLED') && !t.adminAuthenticated)
      return fiskalyError(401, 'E_ADMIN_NOT_AUTHENTICATED', 'authenticate the admin first')
    t.state = next as TssState
    if (next === 'DISABLED') for (const c of t.clients.values()) c.state = 'DEREGISTERED'
    return { status: 200, body: tssView(t, this.ctx) }
  }

  patchAdmin(id: string, body: Record<string, unknown>): SimResponse {
    const t = this.get(id)
    if ('status' in t) return t
    if (typeof body.admin_puk !== 'string' || typeof body.new_admin_pin !== 'string')
      return fiskalyError(400, 'E_BAD_REQUEST', 'admin_puk and new_admin_pin are required')
    if (!/^\d{6,}$/.test(body.new_admin_pin))
      return fiskalyError(400, 'E_BAD_REQUEST', 'admin PIN: at least 6 digits')
    const a = Buffer.from(body.admin_puk)
    const b = Buffer.from(t.adminPuk)
    if (a.length !== b.length || !timingSafeEqual(a, b))
      return fiskalyError(401, 'E_INVALID_PUK', 'wrong admin PUK')
    t.adminPin = body.new_admin_pin
    return { status: 200, body: tssView(t, this.ctx) }
  }

  adminAuth(id: string, body: Record<string, unknown>): SimResponse {
    const t = this.get(id)
    if ('status' in t) return t
    if (!t.adminPin) return fiskalyError(422, 'E_ADMIN_PIN_NOT_SET', 'set the admin PIN with the PUK first')
    if (t.pinAttempts >= 3)
      return fiskalyError(423, 'E_ADMIN_PIN_BLOCKED', 'admin PIN blocked, unblock with the PUK')
    if (body.admin_pin !== t.adminPin) {
      t.pinAttempts += 1
      return fiskalyError(401, 'E_INVALID_PIN', 'wrong admin PIN')
    }
    t.pinAttempts = 0
    t.adminAuthenticated = true
    return { status: 200, body: {} }
  }

  adminLogout(id: string): SimResponse {
    const t = this.get(id)
    if ('status' in t) return t
    t.adminAuthenticated = false
    return { status: 200, body: {} }
  }

  putClient(id: string, clientId: string, body: Record<string, unknown>): SimResponse {
    const t = this.get(id)
    if ('status' in t) return t
    if (t.state !== 'INITIALIZED') return fiskalyError(422, 'E_TSS_NOT_INITIALIZED', `TSS is ${t.state}`)
    const serial = body.serial_number
    if (typeof serial !== 'string' || !/^[A-Za-z0-9 '()+,\-./:=?]{1,30}$/.test(serial))
      return fiskalyError(400, 'E_BAD_REQUEST', 'serial_number: 1–30 PrintableString characters (TR-03151)')
    const existing = t.clients.get(clientId)
    if (existing) {
      if (existing.serial !== serial)
        return fiskalyError(409, 'E_CLIENT_CONFLICT', 'client exists with another serial')
    } else {
      if ([...t.clients.values()].filter((c) => c.state === 'REGISTERED').length >= 199)
        return fiskalyError(409, 'E_TOO_MANY_CLIENTS', '199 clients per TSS')
      t.clients.set(clientId, { id: clientId, serial, state: 'REGISTERED' })
    }
    return this.getClient(id, clientId)
  }

  getClient(id: string, clientId: string): SimResponse {
    const t = this.get(id)
    if ('status' in t) return t
    const c = t.clients.get(clientId)
    if (!c) return fiskalyError(400, 'E_CLIENT_NOT_FOUND', `client ${clientId} not found`)
    return {
      status: 200,
      body: { _id: c.id, _type: 'CLIENT', serial_number: c.serial, state: c.state, tss_id: t.id },
    }
  }

  patchClient(id: string, clientId: string, body: Record<string, unknown>): SimResponse {
    const t = this.get(id)
    if ('status' in t) return t
    const c = t.clients.get(clientId)
    if (!c) return fiskalyError(400, 'E_CLIENT_NOT_FOUND', `client ${clientId} not found`)
    if (body.state !== 'DEREGISTERED' && body.state !== 'REGISTERED')
      return fiskalyError(400, 'E_BAD_REQUEST', 'state must be REGISTERED or DEREGISTERED')
    if (!t.adminAuthenticated)
      return fiskalyError(401, 'E_ADMIN_NOT_AUTHENTICATED', 'authenticate the admin first')
    c.state = body.state
    return this.getClient(id, clientId)
  }

  putTx(id: string, txId: string, revisionParam: string | null, body: Record<string, unknown>): SimResponse {
    const t = this.get(id)
    if ('status' in t) return t
    const revision = Number(revisionParam)
    if (!Number.isInteger(revision) || revision < 1)
      return fiskalyError(400, 'E_BAD_REQUEST', 'tx_revision must be a positive integer')
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(txId))
      return fiskalyError(400, 'E_BAD_REQUEST', 'tx_id must be a UUID')
    if (!TX_STATES.includes(body.state as never))
      return fiskalyError(400, 'E_BAD_REQUEST', 'state must be ACTIVE, FINISHED or CANCELLED')
    if (t.state === 'DISABLED') return fiskalyError(422, 'E_TSS_DISABLED', 'the TSS is disabled')
    if (t.state !== 'INITIALIZED') return fiskalyError(422, 'E_TSS_NOT_INITIALIZED', `TSS is ${t.state}`)
    if (t.certificateExpired)
      return fiskalyError(422, 'E_CERTIFICATE_EXPIRED', 'the TSS certificate has expired')
    const clientId = body.client_id
    const client = typeof clientId === 'string' ? t.clients.get(clientId) : undefined
    if (!client || client.state !== 'REGISTERED')
      return fiskalyError(400, 'E_CLIENT_NOT_FOUND', `client ${String(clientId)} not registered`)
    const request = createHash('sha256').update(JSON.stringify(body)).digest()
    const tx = t.txs.get(txId)

    if (!tx) {
      if (revision !== 1) return fiskalyError(404, 'E_TX_NOT_FOUND', `transaction ${txId} not found`)
      if (body.state !== 'ACTIVE')
        return fiskalyError(422, 'E_TX_ILLEGAL_STATE', 'a transaction starts ACTIVE')
      if (t.active >= this.ctx.maxActive)
        return fiskalyError(
          429,
          'E_TOO_MANY_ACTIVE_TRANSACTIONS',
          `${this.ctx.maxActive} transactions are open on this TSS; finish or cancel some`,
        )
      t.txCounter += 1
      const fresh: Tx = {
        // A flat copy: the id from the route's regex match is a slice that keeps the whole path alive.
        id: Buffer.from(txId, 'latin1').toString('latin1'),
        number: t.txCounter,
        clientId: client.id,
        state: 'ACTIVE',
        timeStart: 0,
        revisions: [],
        requestDigest: 0,
      }
      const sig = signOperation(t, this.ctx, 'Start', fresh, client.serial, '', '')
      fresh.timeStart = sig.unixTime
      t.txs.set(fresh.id, fresh)
      t.active += 1
      return this.record(t, fresh, client.serial, request, {
        state: 'ACTIVE',
        schema: {},
        log: { operation: 'Start', timestamp: sig.unixTime, timestamp_format: 'unixTime' },
        signature: sig,
      })
    }

    const latest = tx.revisions.length
    if (revision === latest) {
      // The same revision again (a timed-out call repeated): the same answer if it is the same request.
      if (t.blobs.read(tx.requestDigest).equals(request))
        return { status: 200, body: revisionOf(t, tx, latest) }
      return fiskalyError(409, 'E_TX_REVISION_CONFLICT', `revision ${revision} exists with other content`)
    }
    if (revision !== latest + 1)
      return fiskalyError(
        409,
        'E_TX_REVISION_CONFLICT',
        `expected tx_revision ${latest + 1}, got ${revision}`,
      )
    if (tx.state !== 'ACTIVE') return fiskalyError(422, 'E_TX_ALREADY_FINISHED', `transaction is ${tx.state}`)
    if (client.id !== tx.clientId) return fiskalyError(400, 'E_CLIENT_MISMATCH', 'another client started it')

    const receipt = receiptOf(body)
    if (body.state === 'ACTIVE') {
      if (!validReceipt(receipt))
        return fiskalyError(400, 'E_BAD_REQUEST', 'an update needs schema.standard_v1.receipt')
    }
    let data: string
    let processType = PROCESS_TYPE
    const raw = receipt === undefined && body.state === 'FINISHED' ? rawOf(body) : undefined
    if (raw === null)
      return fiskalyError(400, 'E_BAD_REQUEST', 'schema.raw needs a known process_type and process_data')
    if (raw) {
      processType = raw.processType
      data = raw.data
    } else if (receipt !== undefined || body.state === 'FINISHED') {
      if (!validReceipt(receipt))
        return fiskalyError(
          400,
          'E_BAD_REQUEST',
          'schema.standard_v1.receipt with receipt_type and amounts is required',
        )
      try {
        data = processDataOfFiskaly({
          ...receipt,
          amounts_per_payment_type: receipt.amounts_per_payment_type ?? [],
        })
      } catch (error) {
        return fiskalyError(400, 'E_BAD_REQUEST', (error as Error).message)
      }
    } else {
      data = 'AVBelegabbruch^0.00_0.00_0.00_0.00_0.00^'
    }
    const op = body.state === 'ACTIVE' ? 'Update' : 'Finish'
    const sig = signOperation(t, this.ctx, op, tx, client.serial, processType, data)
    if (body.state !== 'ACTIVE') {
      tx.state = body.state as Tx['state']
      tx.timeEnd = sig.unixTime
      t.active -= 1
    }
    return this.record(t, tx, client.serial, request, {
      state: tx.state,
      schema: {
        ...(receipt ? { standard_v1: { receipt } } : {}),
        raw: { process_type: processType, process_data: Buffer.from(data, 'utf8').toString('base64') },
      },
      log: { operation: op, timestamp: sig.unixTime, timestamp_format: 'unixTime' },
      signature: sig,
      ...(op === 'Finish'
        ? {
            qr_code_data: buildQr({
              clientId: client.serial,
              processType,
              processData: data,
              transactionNumber: tx.number,
              signatureCounter: sig.counter,
              startTime: isoFromUnix(tx.timeStart),
              logTime: isoFromUnix(sig.unixTime),
              signatureAlgorithm: ALGORITHM,
              logTimeFormat: 'unixTime',
              signature: sig.value,
              publicKey: t.publicKeyRaw.toString('base64'),
            }),
          }
        : {}),
    })
  }

  private record(
    t: Tss,
    tx: Tx,
    clientSerial: string,
    request: Buffer,
    part: {
      state: string
      schema: unknown
      log: unknown
      signature: { value: string; counter: number }
      qr_code_data?: string
    },
  ): SimResponse {
    const revision = tx.revisions.length + 1
    const body = {
      _id: tx.id,
      _type: 'TRANSACTION',
      _env: this.ctx.env,
      _version: '2.0.34-sim',
      number: tx.number,
      time_start: tx.timeStart,
      ...(tx.timeEnd !== undefined ? { time_end: tx.timeEnd } : {}),
      certificate_serial: t.serial,
      tss_serial_number: t.serial,
      tss_id: t.id,
      client_id: tx.clientId,
      client_serial_number: clientSerial,
      state: part.state,
      revision,
      latest_revision: revision,
      schema: part.schema,
      log: part.log,
      signature: {
        value: part.signature.value,
        algorithm: ALGORITHM,
        counter: String(part.signature.counter),
        public_key: t.publicKeyRaw.toString('base64'),
      },
      ...(part.qr_code_data ? { qr_code_data: part.qr_code_data } : {}),
      metadata: {},
    }
    // latest_revision is filled in when a revision is read (revisionOf).
    tx.revisions.push(t.blobs.append(Buffer.from(JSON.stringify(body), 'utf8')))
    tx.requestDigest = t.blobs.append(request)
    return { status: 200, body }
  }

  getTx(id: string, txId: string, revisionParam: string | null): SimResponse {
    const t = this.get(id)
    if ('status' in t) return t
    const tx = t.txs.get(txId)
    if (!tx) return fiskalyError(404, 'E_TX_NOT_FOUND', `transaction ${txId} not found`)
    const n = revisionParam === null ? tx.revisions.length : Number(revisionParam)
    const body = Number.isInteger(n) && n >= 1 && n <= tx.revisions.length ? revisionOf(t, tx, n) : undefined
    if (!body) return fiskalyError(404, 'E_TX_NOT_FOUND', `revision ${revisionParam} not found`)
    return { status: 200, body }
  }

  listTx(id: string, query: URLSearchParams): SimResponse {
    const t = this.get(id)
    if ('status' in t) return t
    const states = query.getAll('states').flatMap((s) => s.split(','))
    const data = [...t.txs.values()]
      .filter((x) => states.length === 0 || states.includes(x.state))
      .map((x) => revisionOf(t, x, x.revisions.length))
    return { status: 200, body: { data, count: data.length } }
  }

  /** TR-03153 export: log messages named per TR-03153 §5 plus info.csv and the public key. */
  exportFiles(id: string): { name: string; data: Buffer; mtime: number }[] | SimResponse {
    const t = this.get(id)
    if ('status' in t) return t
    const files = t.logs.all().map((l) => ({
      name: `Unixt_${l.unixTime}_Sig-${l.signatureCounter}_Log-Tra_No-${l.transactionNumber}_${l.operation}_Client-${l.clientId.replace(/[^A-Za-z0-9-]/g, '')}.log`,
      data: l.der,
      mtime: l.unixTime,
    }))
    const now = Math.floor(this.ctx.now() / 1000)
    const info = [
      'description:,"fiskaly SIGN DE simulator (Tresen)"',
      'manufacturer-id:,"Tresen simulator"',
      `serial-number:,"${t.serial}"`,
      `signature-algorithm:,"${ALGORITHM}"`,
      'log-time-format:,"unixTime"',
    ].join('\r\n')
    files.push({ name: 'info.csv', data: Buffer.from(info + '\r\n', 'utf8'), mtime: now })
    files.push({ name: `${t.serial}_PublicKey.raw`, data: t.publicKeyRaw, mtime: now })
    return files
  }

  /** Test hook: publicKey/privateKey of a TSS, e.g. for independent verification. */
  publicKey(id: string): Buffer | undefined {
    return this.tss.get(id)?.publicKeyRaw
  }
}

/** Revision n (1-based) of a transaction as fiskaly answers it, with the transaction's latest revision. */
function revisionOf(t: Tss, tx: Tx, n: number): Record<string, unknown> {
  const body = JSON.parse(t.blobs.read(tx.revisions[n - 1]!).toString('utf8')) as Record<string, unknown>
  body.latest_revision = tx.revisions.length
  return body
}

export const sha256hex = (b: Buffer): string => createHash('sha256').update(b).digest('hex')
