// The fiskaly SIGN DE API v2 client behind the TSE port. Call sequence as in fiskaly's quickstart
// (https://workspace.fiskaly.com/countries/germany/quickstart) and the TSS guide
// (https://developer.fiskaly.com/api/kassensichv/v2): PUT /tss/{id} → PATCH UNINITIALIZED →
// PATCH /admin (PUK → PIN) → POST /admin/auth → PATCH INITIALIZED → PUT /client/{id};
// transactions PUT /tss/{id}/tx/{uuid}?tx_revision=n. Every answer is validated; anything unexpected
// is a TseError('protocol'), never a crash.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { fiskalyReceipt, type FiscalAmounts, type Vorgangstyp } from '../../../common/fiscal/process-data'
import type { Clock, Logger } from '../../../common/ports'
import type { SecretStore } from '../../secrets/encrypted-file-store'
import {
  TseError,
  type Tse,
  type TseSetupResult,
  type TseSignature,
  type TseStatus,
  type TseTxReadback,
} from '../tse'
import { createFiskalyHttp, type FetchFn, type FiskalyHttp } from './http'
import { parse, signatureOf, tssWire, txWire, updateOf, type TxWire } from './wire'

export const SECRET_KEYS = {
  apiKey: 'fiskaly.apiKey',
  apiSecret: 'fiskaly.apiSecret',
  adminPin: 'fiskaly.adminPin',
  adminPuk: 'fiskaly.adminPuk',
  tssId: 'fiskaly.tssId',
  clientId: 'fiskaly.clientId',
} as const

export interface FiskalyTseDeps {
  kind: 'fiskaly' | 'simulator'
  baseUrl: string
  fetch: FetchFn
  clock: Clock
  logger: Logger
  secrets: SecretStore
  tillSerial: string
  /** From config; the secret store's ids (written by setup) are used when absent. */
  tssId?: string
  clientId?: string
  timeouts: { txMs: number; authMs: number; setupMs: number }
}

export function createFiskalyTse(deps: FiskalyTseDeps): Tse & { http: FiskalyHttp } {
  const { secrets, timeouts } = deps
  const http = createFiskalyHttp({
    baseUrl: deps.baseUrl,
    fetch: deps.fetch,
    clock: deps.clock,
    logger: deps.logger,
    authTimeoutMs: timeouts.authMs,
    credentials: async () => {
      const [apiKey, apiSecret] = await Promise.all([
        secrets.get(SECRET_KEYS.apiKey),
        secrets.get(SECRET_KEYS.apiSecret),
      ])
      return apiKey && apiSecret ? { apiKey, apiSecret } : null
    },
  })

  async function ids(): Promise<{ tssId: string; clientId: string }> {
    const tssId = deps.tssId ?? (await secrets.get(SECRET_KEYS.tssId))
    const clientId = deps.clientId ?? (await secrets.get(SECRET_KEYS.clientId))
    if (!tssId || !clientId) throw new TseError('no TSS or client set up', 'config')
    return { tssId, clientId }
  }

  const txPath = (tssId: string, txId: string) => `/tss/${tssId}/tx/${txId}`

  async function putTx(txId: string, revision: number, body: Record<string, unknown>): Promise<TxWire> {
    const { tssId, clientId } = await ids()
    const answer = await http.send({
      method: 'PUT',
      path: txPath(tssId, txId),
      query: { tx_revision: revision },
      body: { ...body, client_id: clientId },
      timeoutMs: timeouts.txMs,
    })
    return parse(txWire, answer, 'transaction')
  }

  async function read(txId: string): Promise<TseTxReadback> {
    const { tssId } = await ids()
    const w = parse(
      txWire,
      await http.send({ method: 'GET', path: txPath(tssId, txId), timeoutMs: timeouts.txMs }),
      'transaction',
    )
    return {
      state: w.state,
      revision: w.latest_revision ?? w.revision,
      number: w.number,
      timeStart: w.time_start,
      ...(w.state !== 'ACTIVE' ? { signature: signatureOf(w) } : {}),
    }
  }

  async function close(
    txId: string,
    revision: number,
    state: 'FINISHED' | 'CANCELLED',
    receipt:
      ReturnType<typeof fiskalyReceipt> | { raw: { process_type: string; process_data: string } } | undefined,
  ): Promise<TseSignature> {
    const schema = receipt && 'raw' in receipt ? receipt : receipt ? { standard_v1: { receipt } } : undefined
    const body = { state, ...(schema ? { schema } : {}) }
    const w = await putTx(txId, revision, body)
    if (w.state !== state) throw new TseError(`transaction is ${w.state}, expected ${state}`, 'protocol', 200)
    return signatureOf(w)
  }

  async function adminAuth(tssId: string): Promise<void> {
    const pin = await secrets.get(SECRET_KEYS.adminPin)
    if (!pin) throw new TseError('no admin PIN stored', 'config')
    await http.send({
      method: 'POST',
      path: `/tss/${tssId}/admin/auth`,
      body: { admin_pin: pin },
      timeoutMs: timeouts.setupMs,
    })
  }

  return {
    kind: deps.kind,
    http,
    async start(txId) {
      const w = await putTx(txId, 1, { state: 'ACTIVE' })
      if (w.state !== 'ACTIVE') throw new TseError(`new transaction is ${w.state}`, 'protocol', 200)
      return { txId, number: w.number, timeStart: w.time_start, revision: w.revision }
    },
    async update(txId, revision, typ: Vorgangstyp, amounts: FiscalAmounts) {
      // fiskaly supports only the SIGNED update variant: every update is a signed log message.
      const w = await putTx(txId, revision, {
        state: 'ACTIVE',
        schema: { standard_v1: { receipt: fiskalyReceipt(typ, amounts) } },
      })
      return updateOf(w)
    },
    finish: (txId, revision, typ: Vorgangstyp, amounts: FiscalAmounts) =>
      close(txId, revision, 'FINISHED', fiskalyReceipt(typ, amounts)),
    finishOther: (txId, revision, processType, processData) =>
      close(txId, revision, 'FINISHED', {
        raw: { process_type: processType, process_data: Buffer.from(processData, 'utf8').toString('base64') },
      }),
    abort: (txId, revision, amounts) =>
      close(
        txId,
        revision,
        'CANCELLED',
        fiskalyReceipt('AVBelegabbruch', amounts ?? { grossBySlot: [0, 0, 0, 0, 0], cash: 0, nonCash: 0 }),
      ),
    read,
    async listActive() {
      const { tssId, clientId } = await ids()
      const answer = await http.send({
        method: 'GET',
        path: `/tss/${tssId}/tx`,
        query: { states: 'ACTIVE', client_id: clientId, limit: 100 },
        timeoutMs: timeouts.setupMs,
      })
      const list = parse(
        z.object({
          data: z.array(z.object({ _id: z.string(), client_id: z.string().optional() }).passthrough()),
        }),
        answer,
        'transaction list',
      )
      return list.data.filter((t) => !t.client_id || t.client_id === clientId).map((t) => t._id)
    },
    async status(): Promise<TseStatus> {
      const base: TseStatus = { kind: deps.kind, configured: false }
      let tssId: string, clientId: string
      try {
        ;({ tssId, clientId } = await ids())
      } catch (error) {
        return { ...base, error: (error as Error).message }
      }
      try {
        const t = parse(
          tssWire,
          await http.send({ method: 'GET', path: `/tss/${tssId}`, timeoutMs: timeouts.txMs }),
          'TSS',
        )
        const c = parse(
          z.object({ serial_number: z.string(), state: z.string() }).passthrough(),
          await http.send({
            method: 'GET',
            path: `/tss/${tssId}/client/${clientId}`,
            timeoutMs: timeouts.txMs,
          }),
          'client',
        )
        return {
          ...base,
          configured: true,
          tssId,
          clientId,
          state: t.state,
          ...(t.serial_number ? { serial: t.serial_number } : {}),
          clientSerial: c.serial_number,
          clientState: c.state,
          ...(t.signature_algorithm ? { signatureAlgorithm: t.signature_algorithm } : {}),
          ...(t.signature_counter !== undefined ? { signatureCounter: t.signature_counter } : {}),
          ...(t.transaction_counter !== undefined ? { transactionCounter: t.transaction_counter } : {}),
          ...(t.number_active_transactions !== undefined
            ? { activeTransactions: t.number_active_transactions }
            : {}),
          ...(t.certificate ? { certificate: t.certificate } : {}),
          ...(t.certificate_valid_until !== undefined
            ? { certificateValidUntil: new Date(t.certificate_valid_until * 1000).toISOString() }
            : {}),
          ...(t.certificate_expired !== undefined ? { certificateExpired: t.certificate_expired } : {}),
        }
      } catch (error) {
        return { ...base, configured: true, tssId, clientId, error: (error as Error).message }
      }
    },
    async createTss(): Promise<TseSetupResult> {
      const tssId = randomUUID()
      const setup = { timeoutMs: timeouts.setupMs }
      const created = parse(
        tssWire,
        await http.send({ method: 'PUT', path: `/tss/${tssId}`, body: {}, ...setup }),
        'TSS',
      )
      if (!created.admin_puk) throw new TseError('the new TSS came without admin_puk', 'protocol', 200)
      // The PUK exists only in this answer: keep it before anything else can fail.
      await secrets.set(SECRET_KEYS.adminPuk, created.admin_puk)
      await secrets.set(SECRET_KEYS.tssId, tssId)
      await http.send({ method: 'PATCH', path: `/tss/${tssId}`, body: { state: 'UNINITIALIZED' }, ...setup })
      const pin =
        (await secrets.get(SECRET_KEYS.adminPin)) ??
        String(100000 + Math.floor(Math.random() * 900000)) + String(Math.floor(Math.random() * 10))
      await secrets.set(SECRET_KEYS.adminPin, pin)
      await http.send({
        method: 'PATCH',
        path: `/tss/${tssId}/admin`,
        body: { admin_puk: created.admin_puk, new_admin_pin: pin },
        ...setup,
      })
      await adminAuth(tssId)
      await http.send({ method: 'PATCH', path: `/tss/${tssId}`, body: { state: 'INITIALIZED' }, ...setup })
      const client = await this.registerClient()
      await http
        .send({ method: 'POST', path: `/tss/${tssId}/admin/logout`, body: {}, ...setup })
        .catch(() => {})
      return { tssId, adminPuk: created.admin_puk, clientId: client.clientId, serial: client.serial }
    },
    async registerClient() {
      const tssId = deps.tssId ?? (await secrets.get(SECRET_KEYS.tssId))
      if (!tssId) throw new TseError('no TSS set up', 'config')
      const clientId = deps.clientId ?? (await secrets.get(SECRET_KEYS.clientId)) ?? randomUUID()
      await http.send({
        method: 'PUT',
        path: `/tss/${tssId}/client/${clientId}`,
        body: { serial_number: deps.tillSerial },
        timeoutMs: timeouts.setupMs,
      })
      await secrets.set(SECRET_KEYS.clientId, clientId)
      return { clientId, serial: deps.tillSerial }
    },
    async disable() {
      const { tssId } = await ids()
      await adminAuth(tssId)
      await http.send({
        method: 'PATCH',
        path: `/tss/${tssId}`,
        body: { state: 'DISABLED' },
        timeoutMs: timeouts.setupMs,
      })
    },
    async exportTar() {
      const { tssId } = await ids()
      const exportId = randomUUID()
      await http.send({
        method: 'PUT',
        path: `/tss/${tssId}/export/${exportId}`,
        body: {},
        timeoutMs: timeouts.setupMs,
      })
      // fiskaly prepares the export asynchronously: poll its state, then fetch the file.
      for (let i = 0; i < 120; i++) {
        const e = parse(
          z.object({ state: z.string() }).passthrough(),
          await http.send({
            method: 'GET',
            path: `/tss/${tssId}/export/${exportId}`,
            timeoutMs: timeouts.setupMs,
          }),
          'export',
        )
        if (e.state === 'COMPLETED') break
        if (e.state === 'ERROR' || e.state === 'CANCELLED') throw new TseError(`export ${e.state}`, 'http')
        await new Promise((r) => setTimeout(r, 1000))
      }
      return http.send<Buffer>({
        method: 'GET',
        path: `/tss/${tssId}/export/${exportId}/file`,
        timeoutMs: 600_000,
        binary: true,
      })
    },
  }
}
