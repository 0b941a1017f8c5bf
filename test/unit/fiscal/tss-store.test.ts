// The simulated TSS keeps revisions and signed log messages as bytes outside the V8 heap; what it
// answers must be what fiskaly answers (every revision, latest_revision, idempotent repeats).
import { describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { TssStore } from '../../../simulator/tse/tss'
import { BlobStore } from '../../../simulator/tse/blob-store'

const TSS = randomUUID()
const CLIENT = randomUUID()
const receipt = {
  receipt_type: 'RECEIPT',
  amounts_per_vat_rate: [{ vat_rate: 'NORMAL', amount: '3.50' }],
  amounts_per_payment_type: [{ payment_type: 'CASH', amount: '3.50' }],
}

function store(): TssStore {
  const s = new TssStore({ now: () => 1_700_000_000_000, maxActive: 2, env: 'TEST' })
  const { admin_puk } = s.putTss(TSS).body as { admin_puk: string }
  s.patchTss(TSS, { state: 'UNINITIALIZED' })
  s.patchAdmin(TSS, { admin_puk, new_admin_pin: '123456' })
  s.adminAuth(TSS, { admin_pin: '123456' })
  s.patchTss(TSS, { state: 'INITIALIZED' })
  s.putClient(TSS, CLIENT, { serial_number: 'TILL-1' })
  return s
}

describe('simulated TSS store', () => {
  it('answers every revision of a transaction with the latest revision number', () => {
    const s = store()
    const tx = randomUUID()
    const start = s.putTx(TSS, tx, '1', { state: 'ACTIVE', client_id: CLIENT }).body as Record<
      string,
      unknown
    >
    const finish = s.putTx(TSS, tx, '2', {
      state: 'FINISHED',
      client_id: CLIENT,
      schema: { standard_v1: { receipt } },
    }).body as Record<string, unknown>
    expect(s.getTx(TSS, tx, '1').body).toEqual({ ...start, latest_revision: 2 })
    expect(s.getTx(TSS, tx, null).body).toEqual(finish)
    expect(s.getTx(TSS, tx, '3').status).toBe(404)
    expect(s.getTx(TSS, tx, 'x').status).toBe(404)
    expect(s.listTx(TSS, new URLSearchParams('states=FINISHED')).body).toEqual({ data: [finish], count: 1 })
  })

  it('repeats the same answer for a repeated request and refuses other content under that revision', () => {
    const s = store()
    const tx = randomUUID()
    const request = { state: 'FINISHED', client_id: CLIENT, schema: { standard_v1: { receipt } } }
    s.putTx(TSS, tx, '1', { state: 'ACTIVE', client_id: CLIENT })
    const first = s.putTx(TSS, tx, '2', request)
    expect(s.putTx(TSS, tx, '2', request)).toEqual(first)
    expect(s.putTx(TSS, tx, '2', { ...request, state: 'CANCELLED' }).status).toBe(409)
    expect((s.getTss(TSS).body as { signature_counter: string }).signature_counter).toBe('2')
  })

  it('counts ACTIVE transactions against the open limit and frees the slot at the finish', () => {
    const s = store()
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()]
    s.putTx(TSS, a, '1', { state: 'ACTIVE', client_id: CLIENT })
    s.putTx(TSS, b, '1', { state: 'ACTIVE', client_id: CLIENT })
    expect(s.putTx(TSS, c, '1', { state: 'ACTIVE', client_id: CLIENT }).status).toBe(429)
    s.putTx(TSS, a, '2', { state: 'CANCELLED', client_id: CLIENT })
    expect((s.getTss(TSS).body as { number_active_transactions: number }).number_active_transactions).toBe(1)
    expect(s.putTx(TSS, c, '1', { state: 'ACTIVE', client_id: CLIENT }).status).toBe(200)
  })

  it('keeps one signed log message per operation for the export, in order', () => {
    const s = store()
    const tx = randomUUID()
    s.putTx(TSS, tx, '1', { state: 'ACTIVE', client_id: CLIENT })
    s.putTx(TSS, tx, '2', { state: 'FINISHED', client_id: CLIENT, schema: { standard_v1: { receipt } } })
    const logs = s.tss.get(TSS)!.logs.all()
    expect(logs.map((l) => [l.operation, l.signatureCounter, l.transactionNumber])).toEqual([
      ['Start', 1, 1],
      ['Finish', 2, 1],
    ])
    expect(logs[0]!.der[0]).toBe(0x30) // a DER SEQUENCE
  })
})

describe('blob store', () => {
  it('reads back records across 1 MiB chunks and one larger than a chunk', () => {
    const b = new BlobStore()
    const blobs = Array.from({ length: 40 }, (_, i) => Buffer.alloc(60_000 + i, i))
    blobs.splice(20, 0, Buffer.alloc(3 << 20, 7))
    const handles = blobs.map((x) => b.append(x))
    blobs.forEach((x, i) => expect(b.read(handles[i]!).equals(x)).toBe(true))
  })
})
