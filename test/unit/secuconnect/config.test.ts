// The config → client wiring the frame uses, and the timeout floor for start/cashless.
import { describe, expect, it } from 'vitest'
import { secuconnectConfig } from '../../../common/config/secuconnect'
import { manualClock, silentLogger } from '../../../common/ports'
import { clientOptionsFromConfig, memorySecretStore } from '../../../main/secuconnect'

const deps = {
  fetch: globalThis.fetch,
  clock: manualClock(),
  secretStore: memorySecretStore(),
  logger: silentLogger,
}

describe('secuconnect config', () => {
  it('defaults to the simulator with demo credentials and ≥ 120 s for start', () => {
    const opts = clientOptionsFromConfig(secuconnectConfig.parse({}), {
      ...deps,
      simulatorUrl: 'http://127.0.0.1:4000',
    })
    expect(opts).toMatchObject({
      baseUrl: 'http://127.0.0.1:4000',
      grant: 'device',
      clientId: 'tresen-demo',
      deviceSerial: 'demo-till-1',
    })
    expect(opts.timeouts?.startMs).toBeGreaterThanOrEqual(120_000)
  })

  it('refuses the simulator host without a simulator URL', () => {
    expect(() => clientOptionsFromConfig(secuconnectConfig.parse({}), deps)).toThrow(/simulator/)
  })

  it('points at the testing host and leaves the secret to the store', () => {
    const config = secuconnectConfig.parse({
      host: 'https://connect-testing.secuconnect.com',
      clientId: 'abc',
      deviceSerial: 'kasse-1',
    })
    expect(clientOptionsFromConfig(config, deps)).toMatchObject({
      baseUrl: 'https://connect-testing.secuconnect.com',
      clientId: 'abc',
      clientSecret: undefined,
    })
  })

  it('rejects a start timeout under 120 s', () => {
    expect(
      secuconnectConfig.safeParse({ timeouts: { readMs: 5000, writeMs: 5000, startMs: 60_000 } }).success,
    ).toBe(false)
  })
})
