// The simulator's /__admin/ endpoints over HTTP (what the CLI user and e2e tests drive) and its
// OAuth endpoint's documented error bodies.
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../simulator'
import { GIFT_CARD } from './harness'

let sim: Simulator
afterEach(async () => sim?.close())

const post = (path: string, body: unknown, method = 'POST'): Promise<Response> =>
  fetch(`${sim.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })

async function deviceToken(): Promise<string> {
  const reg = (await (
    await post('/oauth/token', {
      grant_type: 'device',
      client_id: 'c',
      client_secret: 's',
      uuid: '/vendor/tresen/serial/x',
    })
  ).json()) as { device_code: string; user_code: string }
  expect((await post('/__admin/device-codes/approve', { user_code: reg.user_code })).status).toBe(200)
  const token = (await (
    await post('/oauth/token', {
      grant_type: 'device',
      client_id: 'c',
      client_secret: 's',
      code: reg.device_code,
    })
  ).json()) as { access_token: string }
  return token.access_token
}

describe('simulator admin over HTTP', () => {
  it('listens on 127.0.0.1 with the real port when asked for port 0', async () => {
    sim = await startSimulator({ port: 0 })
    expect(sim.port).toBeGreaterThan(0)
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`)
  })

  it('injects, lists and clears faults; bad fault specs are 400', async () => {
    sim = await startSimulator()
    const token = await deviceToken()
    const created = await post('/__admin/faults', {
      path: '/api/v2/Smart/Transactions',
      method: 'get',
      kind: 'status',
      status: 500,
      times: 2,
    })
    expect(created.status).toBe(201)
    expect(
      ((await (await fetch(`${sim.url}/__admin/faults`)).json()) as { faults: unknown[] }).faults,
    ).toHaveLength(1)
    const list = (): Promise<number> =>
      fetch(`${sim.url}/api/v2/Smart/Transactions`, { headers: { Authorization: `Bearer ${token}` } }).then(
        (r) => r.status,
      )
    expect([await list(), await list(), await list()]).toEqual([500, 500, 200])
    expect((await post('/__admin/faults', { path: 'no-slash', kind: 'explode' })).status).toBe(400)
    await post('/__admin/faults', { path: '/**', kind: 'reset', persistent: true })
    expect((await fetch(`${sim.url}/__admin/faults`, { method: 'DELETE' })).status).toBe(200)
    expect(await list()).toBe(200)
  })

  it('moves the clock: tokens die after 1200 s with 403 code 2003', async () => {
    sim = await startSimulator()
    const token = await deviceToken()
    const list = (): Promise<Response> =>
      fetch(`${sim.url}/api/v2/Smart/Transactions`, { headers: { Authorization: `Bearer ${token}` } })
    expect((await list()).status).toBe(200)
    await post('/__admin/clock', { advanceMs: 1200_000 })
    const refused = await list()
    expect(refused.status).toBe(403)
    expect(refused.statusText).toBe('ProductNotAllowedException')
    expect(await refused.json()).toMatchObject({
      status: 'error',
      error: 'ProductNotAllowedException',
      error_details: 'Valid auth token required',
      code: 2003,
    })
  })

  it('patches a card, shows state, and resets to the seed', async () => {
    sim = await startSimulator()
    const patched = await post(`/__admin/cards/${GIFT_CARD}`, { cash_balance: 0 }, 'PATCH')
    expect(await patched.json()).toMatchObject({ cash_balance: 0, balance: 0 })
    const state = (await (await fetch(`${sim.url}/__admin/state`)).json()) as {
      cards: { card: { cardnumber: string }; cash_balance: number }[]
    }
    expect(state.cards.find((c) => c.card.cardnumber === GIFT_CARD)?.cash_balance).toBe(0)
    await post('/__admin/reset', {})
    expect(sim.card(GIFT_CARD)).toMatchObject({ cash_balance: 500 })
  })
})

describe('/oauth/token errors (bodies as in the DeviceCredentials API reference)', () => {
  it.each([
    [{ client_id: 'c', client_secret: 's' }, 400, 'invalid_request'],
    [{ grant_type: 'foo', client_id: 'c', client_secret: 's' }, 400, 'unsupported_grant_type'],
    [{ grant_type: 'device', uuid: '/vendor/tresen/serial/x' }, 400, 'invalid_client'],
    [{ grant_type: 'device', client_id: 'c', client_secret: 's' }, 400, 'invalid_request'],
    [{ grant_type: 'device', client_id: 'c', client_secret: 's', uuid: 'not-a-path' }, 401, 'invalid_device'],
    [
      { grant_type: 'refresh_token', client_id: 'c', client_secret: 's', refresh_token: 'nope' },
      400,
      'invalid_grant',
    ],
  ])('%j → %i %s', async (body, status, error) => {
    sim = await startSimulator()
    const res = await post('/oauth/token', body)
    expect(res.status).toBe(status)
    expect(await res.json()).toMatchObject({ error, error_description: expect.any(String) })
  })

  it('accepts form-encoded bodies as well as JSON', async () => {
    sim = await startSimulator()
    const res = await fetch(`${sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'c', client_secret: 's' }),
    })
    expect(await res.json()).toMatchObject({
      expires_in: 1200,
      token_type: 'bearer',
      access_token: expect.stringMatching(/^[a-z0-9]{26}$/),
    })
  })
})
