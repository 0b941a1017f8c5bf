// The secuconnect connection as the till shows it, against the embedded simulator of demo mode.
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import type { ApiStatus } from '../../../common/api-status'
import type { EventMessage } from '../../../main/ipc/event-bus'

let t: TestApp
afterEach(async () => t?.dispose())

const status = async (): Promise<ApiStatus> => {
  const result = await t.app.dispatch('api.status', {})
  if (!result.ok) throw new Error(result.error.message)
  return result.value as ApiStatus
}

describe('api status and pairing', () => {
  it('demo mode pairs with the simulator on its own and reports it online', async () => {
    t = await createTestApp()
    await t.app.api.ready
    expect(await status()).toMatchObject({
      host: 'simulator',
      grant: 'device',
      paired: true,
      connectivity: 'online',
      pairing: null,
      error: null,
    })
  })

  it(
    'pairs a till through the user code, reported live as the merchant confirms it',
    { timeout: 20_000 },
    async () => {
      t = await createTestApp()
      await t.app.api.ready
      const sim = t.app.api.simulator!
      sim.setAutoApprove(false)
      await t.app.api.client.auth.signOut()
      const events: EventMessage[] = []
      t.app.events.subscribe((m) => events.push(m))

      const started = await t.app.dispatch('pairing.start', {})
      expect(started).toMatchObject({
        ok: true,
        value: { paired: false, pairing: { verificationUrl: expect.stringContaining('secuoffice') } },
      })
      const userCode = (started as { value: ApiStatus }).value.pairing!.userCode
      expect(userCode).toMatch(/^[a-z0-9]{8}$/)
      expect(sim.pendingDeviceCodes().map((c) => c.userCode)).toContain(userCode)

      expect(sim.approveDeviceCode(userCode)).toBe(true)
      await expect
        .poll(() => events.some((e) => e.type === 'api.changed' && (e.payload as ApiStatus).paired), {
          timeout: 15_000,
          interval: 200,
        })
        .toBe(true)
      expect(await status()).toMatchObject({ paired: true, pairing: null, error: null })
    },
  )

  it('cancels a pairing and reports the API offline when it stops answering', async () => {
    t = await createTestApp()
    await t.app.api.ready
    t.app.api.simulator!.setAutoApprove(false)
    await t.app.api.client.auth.signOut()
    await t.app.dispatch('pairing.start', {})
    expect((await t.app.dispatch('pairing.cancel', {})) as { value: ApiStatus }).toMatchObject({
      ok: true,
      value: { pairing: null, paired: false },
    })

    await t.app.api.simulator!.close()
    await t.app.api.client.auth.startDevicePairing().catch(() => {})
    expect((await status()).connectivity).toBe('offline')
  })
})
