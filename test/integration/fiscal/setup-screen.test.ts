// The manager's TSE setup through the IPC contract against a fiskaly-compatible server (the simulator
// standing in for fiskaly's cloud): credentials into the secret store, a new TSS initialised with its
// PUK shown once and stored, this till registered as client with its one serial.
import { DatabaseSync } from 'node:sqlite'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { appConfig } from '../../../common/config'
import { SECRET_KEYS } from '../../../main/fiscal/fiskaly/client'
import { JOURNAL_FILE } from '../../../main/journal/database'
import { memorySecretStore } from '../../../main/secrets/encrypted-file-store'
import { startTseSimulator, type TseSimulator } from '../../../simulator/tse'
import { createTestApp, type TestApp } from '../../helpers/test-app'

let t: TestApp | undefined
let sim: TseSimulator | undefined
afterEach(async () => {
  await t?.dispose()
  await sim?.close()
})

describe('TSE setup screen (fiskaly)', () => {
  it('stores the access, creates and initialises a TSS (PUK once, kept encrypted), registers the till', async () => {
    sim = await startTseSimulator({ credentials: { key: 'key-1', secret: 'secret-1' } })
    const secrets = memorySecretStore()
    t = await createTestApp({
      config: appConfig.parse({ demo: true, fiscal: { tse: 'fiskaly', fiskaly: { baseUrl: sim.url } } }),
      secrets,
    })
    const send = async <T>(command: string, input: unknown = {}) => {
      const r = await t!.app.dispatch(command, input)
      if (!r.ok) throw new Error(r.error.messageKey)
      return r.value as T
    }
    expect(await send('fiscal.status')).toMatchObject({ kind: 'fiskaly', configured: false })
    await send('seller.login', { sellerId: 'chefin', pin: '9999' })
    await send('fiscal.setup', { action: 'credentials', apiKey: 'key-1', apiSecret: 'secret-1' })
    expect(await secrets.get(SECRET_KEYS.apiSecret)).toBe('secret-1')
    const created = await send<{ adminPuk: string; status: Record<string, unknown> }>('fiscal.setup', {
      action: 'createTss',
    })
    expect(created.adminPuk).toMatch(/^[0-9A-F]{10}$/)
    expect(await secrets.get(SECRET_KEYS.adminPuk)).toBe(created.adminPuk)
    expect(created.status).toMatchObject({
      state: 'INITIALIZED',
      clientSerial: 'TRESEN-kasse-1',
      clientState: 'REGISTERED',
    })
    // Registering again is idempotent (same client id, same serial).
    const again = await send<{ adminPuk?: string }>('fiscal.setup', { action: 'registerClient' })
    expect(again.adminPuk).toBeUndefined()
  })

  it('keeps the certificate of a TSS created in the setup tab in the journal (tse.csv), not only the one read at start', async () => {
    sim = await startTseSimulator({ credentials: { key: 'key-1', secret: 'secret-1' } })
    t = await createTestApp({
      config: appConfig.parse({ demo: true, fiscal: { tse: 'fiskaly', fiskaly: { baseUrl: sim.url } } }),
    })
    const dispatch = (command: string, input: unknown = {}) => t!.app.dispatch(command, input)
    await dispatch('seller.login', { sellerId: 'chefin', pin: '9999' })
    await dispatch('fiscal.setup', { action: 'credentials', apiKey: 'key-1', apiSecret: 'secret-1' })
    // Before: no TSS at start, so nothing was recorded.
    expect(certificates(t.dataDir)).toEqual([])
    const created = await dispatch('fiscal.setup', { action: 'createTss' })
    expect(created.ok ? null : created.error).toBeNull()
    const [tss] = [...sim.store.tss.values()]
    const expected = sim.store.getTss(tss!.id).body as { serial_number: string; certificate: string }
    expect(expected.certificate).toContain('BEGIN CERTIFICATE')
    expect(certificates(t.dataDir)).toEqual([
      { tse_serial: expected.serial_number, certificate: expected.certificate },
    ])
    expect(tss!.serial).toBe(expected.serial_number)
  })

  it('takes the TSS out of service only when the request confirms it; then it signs nothing more', async () => {
    sim = await startTseSimulator({ credentials: { key: 'key-1', secret: 'secret-1' } })
    t = await createTestApp({
      config: appConfig.parse({ demo: true, fiscal: { tse: 'fiskaly', fiskaly: { baseUrl: sim.url } } }),
    })
    const dispatch = (command: string, input: unknown = {}) => t!.app.dispatch(command, input)
    await dispatch('seller.login', { sellerId: 'chefin', pin: '9999' })
    await dispatch('fiscal.setup', { action: 'credentials', apiKey: 'key-1', apiSecret: 'secret-1' })
    expect((await dispatch('fiscal.setup', { action: 'createTss' })).ok).toBe(true)
    // Without the confirmation the contract refuses it before main calls the TSE.
    const unconfirmed = await dispatch('fiscal.setup', { action: 'disableTss' })
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect([...sim.store.tss.values()].map((s) => s.state)).toEqual(['INITIALIZED'])

    const disabled = await dispatch('fiscal.setup', { action: 'disableTss', confirm: true })
    expect(disabled.ok ? null : disabled.error).toBeNull()
    expect(disabled).toMatchObject({ ok: true, value: { status: { state: 'DISABLED' } } })
    expect([...sim.store.tss.values()].map((s) => s.state)).toEqual(['DISABLED'])
  })

  it('a seller who is not a manager cannot change the TSE', async () => {
    sim = await startTseSimulator()
    t = await createTestApp({
      config: appConfig.parse({ demo: true, fiscal: { tse: 'fiskaly', fiskaly: { baseUrl: sim.url } } }),
    })
    await t.app.dispatch('seller.login', { sellerId: 'anna', pin: '1111' })
    const r = await t.app.dispatch('fiscal.setup', { action: 'createTss' })
    expect(r.ok).toBe(false)
    expect(sim.store.tss.size).toBe(0)
  })
})

/** The journal's tse_certificates rows, read from the file as the export does. */
function certificates(dataDir: string): { tse_serial: string; certificate: string }[] {
  const db = new DatabaseSync(join(dataDir, JOURNAL_FILE), { readOnly: true })
  try {
    return db
      .prepare('SELECT tse_serial, certificate FROM tse_certificates ORDER BY id')
      .all()
      .map((r) => ({ tse_serial: String(r.tse_serial), certificate: String(r.certificate) }))
  } finally {
    db.close()
  }
}
