// The simulator inside the app is demo mode's alone: its admin endpoints (which rewrite cards, faults and
// the clock) need the token made for this start, and an app built from a non-demo config refuses it.
import { afterEach, describe, expect, it } from 'vitest'
import { appConfig } from '../../../common/config'
import { AppFailure } from '../../../common/result'
import { createTestApp, type TestApp } from '../../helpers/test-app'

let test: TestApp | undefined
afterEach(async () => {
  await test?.dispose()
  test = undefined
})

describe('the embedded simulator', () => {
  it('answers /__admin/* only with the per-start token', async () => {
    test = await createTestApp()
    const sim = test.app.api.simulator!
    const token = sim.adminToken!
    expect(token.length).toBeGreaterThanOrEqual(32)
    const admin = (headers: Record<string, string>) => fetch(`${sim.url}/__admin/state`, { headers })

    const none = await admin({})
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({ error: 'admin token required' })
    // One character off (never the same character: the token is random, so it may end in any letter).
    const wrong = token.slice(0, -1) + (token.endsWith('x') ? 'y' : 'x')
    expect((await admin({ authorization: `Bearer ${wrong}` })).status).toBe(401)
    expect((await admin({ authorization: token })).status).toBe(401)
    const patched = await fetch(`${sim.url}/__admin/cards/9276004429942845`, {
      method: 'PATCH',
      body: JSON.stringify({ cash_balance: 100_000 }),
    })
    expect(patched.status, 'a card cannot be topped up without the token').toBe(401)
    expect(sim.card('9276004429942845')).toMatchObject({ cash_balance: 500 })

    const allowed = await admin({ authorization: `Bearer ${token}` })
    expect(allowed.status).toBe(200)
    // The demo till itself still pairs and talks to the API as before.
    await test.app.api.ready
  })

  it('gets a new token on every start', async () => {
    test = await createTestApp()
    const first = test.app.api.simulator!.adminToken
    await test.dispose()
    test = await createTestApp()
    expect(test.app.api.simulator!.adminToken).not.toBe(first)
  })

  it('is refused, not started, for a config that is not in demo mode', async () => {
    const config = appConfig.parse({ demo: false, secuconnect: { host: 'simulator' } })
    const started = createTestApp({ config })
    await expect(started).rejects.toBeInstanceOf(AppFailure)
    await expect(started).rejects.toMatchObject({ error: { messageKey: 'config.simulatorOutsideDemo' } })
  })
})
