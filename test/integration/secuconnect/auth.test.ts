// Device pairing, refresh, expiry and the token-refused retry, client against simulator over HTTP.
import { afterEach, describe, expect, it } from 'vitest'
import { SecuconnectApiError, SecuconnectAuthError } from '../../../main/secuconnect'
import { pair, STAMMKUNDE, startHarness, type Harness } from './harness'

let h: Harness
afterEach(async () => h?.close())

const tokenCalls = (h: Harness): number => h.sim.requests().filter((r) => r.path === '/oauth/token').length
const apiCalls = (h: Harness): { method: string; path: string; outcome: unknown }[] =>
  h.sim.requests().filter((r) => r.path.startsWith('/api/'))

describe('device pairing', () => {
  it('shows user code and verification URL, stays pending ([I] 401 authorization_pending) until approved over the admin endpoint', async () => {
    h = await startHarness({ sim: { autoApprove: false } })
    const info = await h.client.auth.startDevicePairing()
    expect(info.userCode).toMatch(/^[a-z0-9]{8}$/)
    expect(info.verificationUrl).toBe('http://www.secuoffice.com')
    expect(info.expiresAt).toBe(h.clock.now() + 1200_000)
    expect(info.interval).toBe(5)
    expect(h.sim.pendingDeviceCodes()).toEqual([
      { userCode: info.userCode, uuid: '/vendor/tresen/serial/till-7', expiresAt: info.expiresAt },
    ])

    expect(await h.client.auth.pollDevicePairing()).toBe('pending')
    expect((await h.client.auth.status()).paired).toBe(false)

    const approved = await fetch(`${h.sim.url}/__admin/device-codes/approve`, {
      method: 'POST',
      body: JSON.stringify({ user_code: info.userCode }),
    })
    expect(approved.status).toBe(200)
    expect(await h.client.auth.pollDevicePairing()).toBe('paired')
    const status = await h.client.auth.status()
    expect(status).toMatchObject({
      grant: 'device',
      paired: true,
      pairing: null,
      accessTokenExpiresAt: h.clock.now() + 1200_000,
    })
    expect(await h.secrets.get('secuconnect.refresh_token')).toMatch(/^[0-9a-f]{40}$/)
    await expect(h.client.transactions.list()).resolves.toMatchObject({ count: 0, data: [] })
  })

  it('waitForPairing polls every `interval` seconds until someone approves', async () => {
    h = await startHarness({ sim: { autoApprove: false } })
    let sleeps = 0
    const client = h.newClient({
      sleep: async (ms) => {
        expect(ms).toBe(5000)
        h.clock.advance(ms)
        if (++sleeps === 3) h.sim.approveDeviceCode(h.sim.pendingDeviceCodes()[0].userCode)
      },
    })
    const started = h.clock.now()
    await client.auth.startDevicePairing()
    await client.auth.waitForPairing()
    // register + 3 pending polls + the successful one
    expect(tokenCalls(h)).toBe(5)
    expect(h.clock.now() - started).toBe(15_000)
    expect((await client.auth.status()).paired).toBe(true)
  })

  it('gives up with expired_token when nobody approves within expires_in [I]', async () => {
    h = await startHarness({ sim: { autoApprove: false } })
    await h.client.auth.startDevicePairing()
    const error = await h.client.auth.waitForPairing().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecuconnectAuthError)
    expect(error).toMatchObject({ error: 'expired_token' })
    // 1200 s at one poll per 5 s, then the client stops on its own clock.
    expect(tokenCalls(h)).toBe(1 + 240)
    expect((await h.client.auth.status()).pairing).toBeNull()
  })

  it('waitForPairing stops when its AbortSignal fires', async () => {
    h = await startHarness({ sim: { autoApprove: false } })
    const controller = new AbortController()
    const client = h.newClient({
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason))
          controller.abort(new DOMException('user left the pairing screen', 'AbortError'))
        }),
    })
    await client.auth.startDevicePairing()
    await expect(client.auth.waitForPairing({ signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    })
    expect(tokenCalls(h)).toBe(2)
  })

  it('a pairing the server refuses (unknown client) is a typed auth error', async () => {
    h = await startHarness({ sim: { clients: [{ id: 'right', secret: 'right-secret' }] } })
    const error = await h.client.auth.startDevicePairing().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecuconnectAuthError)
    expect(error).toMatchObject({ error: 'invalid_client', status: 400 })
  })
})

describe('token lifetime', () => {
  it('reuses the token until 30 s before expiry, then refreshes it without a new refresh token', async () => {
    h = await startHarness()
    await pair(h.client)
    const refresh = await h.secrets.get('secuconnect.refresh_token')
    const before = tokenCalls(h)

    h.clock.advance(1169_000) // 31 s left: still used as is
    await h.client.transactions.list()
    expect(tokenCalls(h)).toBe(before)

    h.clock.advance(2_000) // 29 s left: renewed first
    await h.client.transactions.list()
    expect(tokenCalls(h)).toBe(before + 1)
    expect(await h.secrets.get('secuconnect.refresh_token')).toBe(refresh)
    expect(apiCalls(h).every((r) => r.outcome === 200)).toBe(true)
  })

  it('after expiry, concurrent calls share one renewal (single flight)', async () => {
    h = await startHarness()
    await pair(h.client)
    h.clock.advance(1300_000)
    const before = tokenCalls(h)
    const results = await Promise.all(Array.from({ length: 5 }, () => h.client.transactions.list()))
    expect(results).toHaveLength(5)
    expect(tokenCalls(h)).toBe(before + 1)
    expect(apiCalls(h).map((r) => r.outcome)).toEqual([200, 200, 200, 200, 200])
  })

  it('a second client on the same secret store (restart, second process) reuses the stored token', async () => {
    h = await startHarness()
    await pair(h.client)
    const before = tokenCalls(h)
    await h.newClient().transactions.list()
    expect(tokenCalls(h)).toBe(before)
  })

  it('two processes on one secret store take each other’s renewed token instead of evicting it', async () => {
    h = await startHarness()
    await pair(h.client)
    const other = h.newClient()
    await other.transactions.list()
    h.sim.expireTokens()
    const before = tokenCalls(h)
    await h.client.transactions.list() // 403, renews, retries
    await other.transactions.list() // its in-memory token is dead too: 403, then the stored new one
    await h.client.transactions.list() // and the first process was not evicted by the second
    expect(tokenCalls(h)).toBe(before + 1)
    expect(apiCalls(h).map((r) => r.outcome)).toEqual([200, 403, 200, 403, 200, 200])
  })

  it('when refresh is refused and the device code is unknown, the till is not paired and the refresh token is dropped', async () => {
    h = await startHarness()
    await pair(h.client)
    h.sim.reset() // the server forgot the session
    const error = await h.client.transactions.list().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecuconnectAuthError)
    expect(error).toMatchObject({ error: 'not_paired' })
    expect(await h.secrets.get('secuconnect.refresh_token')).toBeNull()
  })

  it('signOut deletes every stored credential', async () => {
    h = await startHarness()
    await pair(h.client)
    await h.client.auth.signOut()
    for (const key of ['access_token', 'refresh_token', 'device_code'])
      expect(await h.secrets.get(`secuconnect.${key}`)).toBeNull()
    await expect(h.client.transactions.list()).rejects.toMatchObject({ error: 'not_paired' })
  })
})

describe('token refused by the API', () => {
  it('403 ProductNotAllowedException code 2003: renew once, retry once', async () => {
    h = await startHarness()
    await pair(h.client)
    h.sim.expireTokens()
    const before = tokenCalls(h)
    await expect(h.client.transactions.list()).resolves.toMatchObject({ count: 0 })
    expect(tokenCalls(h)).toBe(before + 1)
    expect(apiCalls(h).map((r) => r.outcome)).toEqual([403, 200])
  })

  it('401 (the SDKs’ retry trigger) is treated the same way [I]', async () => {
    h = await startHarness()
    await pair(h.client)
    h.sim.setAuthErrorStatus(401)
    h.sim.expireTokens()
    await expect(h.client.transactions.list()).resolves.toMatchObject({ count: 0 })
    expect(apiCalls(h).map((r) => r.outcome)).toEqual([401, 200])
  })

  it('a new device token invalidates the previous one; the other process recovers with one retry', async () => {
    h = await startHarness()
    await pair(h.client)
    await h.client.transactions.list()
    const otherProcess = h.newClient({
      secretStore: (await import('../../../main/secuconnect')).memorySecretStore(),
    })
    await pair(otherProcess)
    await h.client.transactions.list()
    expect(apiCalls(h).map((r) => r.outcome)).toEqual([200, 403, 200])
  })

  it('a 403 that is not code 2003 is a permission error and not retried', async () => {
    h = await startHarness()
    await pair(h.client)
    h.sim.injectFault({ path: '/api/v2/Smart/Transactions', kind: 'status', status: 403 })
    const error = await h.client.transactions.list().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecuconnectApiError)
    expect(error).toMatchObject({ status: 403, error: 'ProductInternalException' })
    expect(apiCalls(h)).toHaveLength(1)
  })

  it('the retried call is a start: it is paid exactly once', async () => {
    h = await startHarness()
    await pair(h.client)
    const tx = await h.client.transactions.create({
      basket: { products: [{ id: 1, desc: 'Brötchen', quantity: 3, priceOne: 45, tax: 7 }] },
      basket_info: { sum: 135 },
    })
    h.sim.expireTokens()
    await expect(h.client.transactions.startCash(tx.id)).resolves.toMatchObject({ status: 'ok' })
    expect(h.sim.transaction(tx.id)).toMatchObject({ starts: 1 })
  })
})

describe('client_credentials', () => {
  it('gets a token without pairing and uses it', async () => {
    h = await startHarness({ client: { grant: 'client_credentials' } })
    await h.client.auth.clientCredentials()
    expect(await h.secrets.get('secuconnect.refresh_token')).toBeNull()
    await expect(h.client.merchantCards.findByCardNumber(STAMMKUNDE)).resolves.toMatchObject({
      cash_balance: 200,
    })
    h.clock.advance(1300_000)
    await expect(h.client.transactions.list()).resolves.toMatchObject({ count: 0 })
  })
})

describe('logs', () => {
  it('carry masked card numbers and never a token or secret', async () => {
    h = await startHarness()
    await pair(h.client)
    await h.client.merchantCards.findByCardNumber(STAMMKUNDE)
    h.sim.expireTokens()
    await h.client.merchantCards.validate(STAMMKUNDE)
    const text = JSON.stringify(h.logger.entries)
    const stored = JSON.parse((await h.secrets.get('secuconnect.access_token'))!) as { token: string }
    expect(text).not.toContain(STAMMKUNDE)
    expect(text).toContain('•••• •••• •••• 4352')
    expect(text).not.toContain(stored.token)
    expect(text).not.toContain((await h.secrets.get('secuconnect.refresh_token'))!)
    expect(text).not.toContain('tresen-test-secret')
  })
})
