// The fiskaly client against the TSE simulator over real HTTP: setup, the transaction lifecycle,
// signatures an independent verifier accepts, revisions, errors, faults, the limit and the TAR export.
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { memorySecretStore } from '../../../main/secrets/encrypted-file-store'
import { createFiskalyTse, SECRET_KEYS } from '../../../main/fiscal/fiskaly/client'
import { verifyQr, candidateKeys } from '../../../main/fiscal/log-message'
import { TseError } from '../../../main/fiscal/tse'
import { startTseSimulator, type TseSimulator } from '../../../simulator/tse'
import { untar } from '../../../simulator/tse/tar'
import { silentLogger, systemClock } from '../../../common/ports'

const SALE = { grossBySlot: [280, 135, 0, 0, 0], cash: 415, nonCash: 0 }

let sim: TseSimulator
beforeEach(async () => {
  sim = await startTseSimulator({ credentials: { key: 'key', secret: 'secret' }, maxActive: 5 })
})
afterEach(async () => {
  await sim.close()
})

function client(
  secrets = memorySecretStore({ [SECRET_KEYS.apiKey]: 'key', [SECRET_KEYS.apiSecret]: 'secret' }),
  txMs = 1500,
) {
  return {
    secrets,
    tse: createFiskalyTse({
      kind: 'simulator',
      baseUrl: sim.url,
      fetch,
      clock: systemClock,
      logger: silentLogger,
      secrets,
      tillSerial: 'TRESEN-kasse-1',
      timeouts: { txMs, authMs: 1500, setupMs: 30_000 },
    }),
  }
}

describe('fiskaly client ↔ TSE simulator', () => {
  it('creates, personalises and initialises a TSS, keeps PUK and PIN, registers the till serial', async () => {
    const { tse, secrets } = client()
    const setup = await tse.createTss()
    expect(setup.adminPuk).toMatch(/^[0-9A-F]{10}$/)
    expect(await secrets.get(SECRET_KEYS.adminPuk)).toBe(setup.adminPuk)
    expect(await secrets.get(SECRET_KEYS.adminPin)).toMatch(/^\d{6,}$/)
    const status = await tse.status()
    expect(status).toMatchObject({
      state: 'INITIALIZED',
      clientSerial: 'TRESEN-kasse-1',
      clientState: 'REGISTERED',
    })
    expect(status.serial).toMatch(/^[0-9a-f]{64}$/)
  })

  it('a finished sale’s QR code verifies independently: log message rebuilt, ECDSA P-256, serial = SHA-256(key)', async () => {
    const { tse } = client()
    await tse.createTss()
    const txId = randomUUID()
    const started = await tse.start(txId)
    expect(started).toMatchObject({ revision: 1, number: 1 })
    const signed = await tse.finish(txId, 2, 'Beleg', SALE)
    expect(signed.processData).toBe('Beleg^2.80_1.35_0.00_0.00_0.00^4.15:Bar')
    expect(signed.processType).toBe('Kassenbeleg-V1')
    expect(signed.signatureAlgorithm).toBe('ecdsa-plain-SHA256')
    expect(signed.logTimeFormat).toBe('unixTime')
    // Counter: start = 1, finish = 2 (every signed operation counts).
    expect(signed.signatureCounter).toBe(2)
    const check = verifyQr(signed.qrCode)
    expect(check.reason).toBeUndefined()
    expect(check.ok).toBe(true)
    const key = Buffer.from(signed.publicKey, 'base64')
    expect(createHash('sha256').update(key).digest('hex')).toBe(signed.tssSerial)
    expect(check.tseSerial).toBe(signed.tssSerial)
    expect(candidateKeys(key)[0].asymmetricKeyDetails?.namedCurve).toBe('prime256v1')
    expect(signed.qrCode.split(';')[1]).toBe('TRESEN-kasse-1')
  })

  it('an abort is signed as AVBelegabbruch, a read-back returns the same signature', async () => {
    const { tse } = client()
    await tse.createTss()
    const txId = randomUUID()
    await tse.start(txId)
    const aborted = await tse.abort(txId, 2, { grossBySlot: [280, 0, 0, 0, 0], cash: 0, nonCash: 0 })
    expect(aborted.state).toBe('CANCELLED')
    expect(aborted.processData).toBe('AVBelegabbruch^2.80_0.00_0.00_0.00_0.00^')
    expect(verifyQr(aborted.qrCode).ok).toBe(true)
    const back = await tse.read(txId)
    expect(back.state).toBe('CANCELLED')
    expect(back.signature?.signature).toBe(aborted.signature)
  })

  it('the same revision sent twice (a timed-out call repeated) answers the same; a stale revision is a 409', async () => {
    const { tse } = client()
    await tse.createTss()
    const txId = randomUUID()
    await tse.start(txId)
    const a = await tse.finish(txId, 2, 'Beleg', SALE)
    const b = await tse.finish(txId, 2, 'Beleg', SALE)
    expect(b.signature).toBe(a.signature)
    const err = await tse.finish(txId, 2, 'Beleg', { ...SALE, cash: 500 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TseError)
    expect(err).toMatchObject({ kind: 'http', status: 409, code: 'E_TX_REVISION_CONFLICT' })
  })

  it('typed errors: wrong credentials 401, disabled TSS, expired certificate, unknown transaction', async () => {
    const bad = client(memorySecretStore({ [SECRET_KEYS.apiKey]: 'key', [SECRET_KEYS.apiSecret]: 'wrong' }))
    await expect(bad.tse.createTss()).rejects.toMatchObject({
      kind: 'http',
      status: 401,
      code: 'E_UNAUTHORIZED',
    })
    const { tse } = client()
    const { tssId } = await tse.createTss()
    sim.expireCertificate(tssId)
    await expect(tse.start(randomUUID())).rejects.toMatchObject({
      status: 422,
      code: 'E_CERTIFICATE_EXPIRED',
    })
    sim.expireCertificate(tssId, false)
    sim.setTssState(tssId, 'DISABLED')
    await expect(tse.start(randomUUID())).rejects.toMatchObject({ status: 422, code: 'E_TSS_DISABLED' })
    sim.setTssState(tssId, 'INITIALIZED')
    await expect(tse.read(randomUUID())).rejects.toMatchObject({ status: 404, code: 'E_TX_NOT_FOUND' })
  })

  it('faults: a hanging call times out within the tx timeout, a 503 and a refused connection are typed', async () => {
    const { tse } = client(undefined, 600)
    await tse.createTss()
    sim.injectFault({ path: '/api/v2/tss/*/tx/*', kind: 'hang' })
    const t0 = Date.now()
    await expect(tse.start(randomUUID())).rejects.toMatchObject({ kind: 'timeout' })
    expect(Date.now() - t0).toBeLessThan(1200)
    sim.injectFault({ path: '/api/v2/tss/*/tx/*', kind: 'status', status: 503 })
    await expect(tse.start(randomUUID())).rejects.toMatchObject({
      kind: 'http',
      status: 503,
      outcomeUnknown: true,
    })
    await sim.refuse(300)
    await expect(tse.start(randomUUID())).rejects.toMatchObject({ kind: 'network' })
    await new Promise((r) => setTimeout(r, 500))
    await expect(tse.start(randomUUID())).resolves.toMatchObject({ revision: 1 })
  })

  it('a start whose answer is lost took effect: the read-back finds it ACTIVE and it can be finished', async () => {
    const { tse } = client(undefined, 600)
    await tse.createTss()
    const txId = randomUUID()
    sim.injectFault({ path: '/api/v2/tss/*/tx/*', method: 'PUT', kind: 'hang', afterEffect: true })
    await expect(tse.start(txId)).rejects.toMatchObject({ kind: 'timeout' })
    const back = await tse.read(txId)
    expect(back).toMatchObject({ state: 'ACTIVE', revision: 1 })
    const signed = await tse.finish(txId, back.revision + 1, 'Beleg', SALE)
    expect(verifyQr(signed.qrCode).ok).toBe(true)
  })

  it('the open-transactions limit (2 000 at fiskaly, 5 here) refuses new starts until some are closed; listActive finds them', async () => {
    const { tse } = client()
    await tse.createTss()
    const ids = []
    for (let i = 0; i < 5; i++) {
      ids.push(randomUUID())
      await tse.start(ids[i])
    }
    await expect(tse.start(randomUUID())).rejects.toMatchObject({
      status: 429,
      code: 'E_TOO_MANY_ACTIVE_TRANSACTIONS',
    })
    expect((await tse.listActive()).sort()).toEqual([...ids].sort())
    await tse.abort(ids[0], 2)
    await expect(tse.start(randomUUID())).resolves.toMatchObject({ revision: 1 })
  })

  it('an expired token is refreshed once (single flight) and the call goes through', async () => {
    const { tse } = client()
    await tse.createTss()
    sim.expireTokens()
    const results = await Promise.all([
      tse.start(randomUUID()),
      tse.start(randomUUID()),
      tse.start(randomUUID()),
    ])
    expect(results).toHaveLength(3)
    const auths = sim.requests().filter((r) => r.path === '/api/v2/auth')
    // One for setup, one after the tokens were dropped: the three calls shared it.
    expect(auths.length).toBe(2)
  })

  it('the TAR export holds every log message under its TR-03153 name, plus info.csv', async () => {
    const { tse } = client()
    await tse.createTss()
    const txId = randomUUID()
    await tse.start(txId)
    const signed = await tse.finish(txId, 2, 'Beleg', SALE)
    const files = untar(await tse.exportTar())
    const names = files.map((f) => f.name)
    expect(names).toContain('info.csv')
    const finish = files.find((f) => /_Sig-2_Log-Tra_No-1_Finish_Client-TRESEN-kasse-1\.log$/.test(f.name))
    expect(finish?.name).toMatch(new RegExp(`^Unixt_${signed.timeEnd}_`))
    // The log message ends with the signature as OCTET STRING.
    const sig = Buffer.from(signed.signature, 'base64')
    expect(finish!.data.subarray(finish!.data.length - sig.length).equals(sig)).toBe(true)
    expect(names.some((n) => /_Start_Client-/.test(n))).toBe(true)
  })
})

describe('the embedded TSE simulator', () => {
  it('answers /__admin/* only with its token when it has one', async () => {
    const guarded = await startTseSimulator({ adminToken: 'a'.repeat(32) })
    try {
      const post = (headers: Record<string, string>) =>
        fetch(`${guarded.url}/__admin/faults`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ path: '/api/v2/**', kind: 'hang' }),
        })
      expect((await post({})).status).toBe(401)
      expect((await post({ authorization: `Bearer ${'b'.repeat(32)}` })).status).toBe(401)
      expect((await post({ authorization: `Bearer ${'a'.repeat(32)}` })).status).toBe(200)
    } finally {
      await guarded.close()
    }
  })

  it('is refused, not started, for an app whose config is not in demo mode', async () => {
    const { createTestApp } = await import('../../helpers/test-app')
    const { appConfig } = await import('../../../common/config')
    await expect(
      createTestApp({
        config: appConfig.parse({
          demo: false,
          secuconnect: { host: 'https://connect-testing.secuconnect.com' },
          fiscal: { tse: 'simulator' },
        }),
      }),
    ).rejects.toMatchObject({ error: { messageKey: 'fiscal.error.simulatorOutsideDemo' } })
  })
})
