// Whatever fiskaly (or something in between) answers — wrong shapes, wrong types, truncated JSON,
// HTML error pages, any status — the client turns it into a TseError (or a valid result), never an
// unhandled crash, so the lifecycle can print "TSE ausgefallen" and go on.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { silentLogger, systemClock } from '../../common/ports'
import { createFiskalyTse, SECRET_KEYS } from '../../main/fiscal/fiskaly/client'
import { TseError } from '../../main/fiscal/tse'
import { memorySecretStore } from '../../main/secrets/encrypted-file-store'

const AUTH = JSON.stringify({ access_token: 'a', access_token_expires_in: 86400, refresh_token: 'r' })

function tseAnswering(status: number, body: string) {
  const fakeFetch = (async (input: string | URL | Request) => {
    const url = String(input)
    if (url.endsWith('/api/v2/auth')) return new Response(AUTH, { status: 200 })
    return new Response(body, { status })
  }) as typeof fetch
  return createFiskalyTse({
    kind: 'fiskaly',
    baseUrl: 'http://tse.invalid',
    fetch: fakeFetch,
    clock: systemClock,
    logger: silentLogger,
    secrets: memorySecretStore({ [SECRET_KEYS.apiKey]: 'k', [SECRET_KEYS.apiSecret]: 's' }),
    tillSerial: 'TRESEN-kasse-1',
    tssId: '11111111-1111-4111-8111-111111111111',
    clientId: '22222222-2222-4222-8222-222222222222',
    timeouts: { txMs: 1000, authMs: 1000, setupMs: 30_000 },
  })
}

const txLike = fc.record(
  {
    _id: fc.oneof(fc.string(), fc.integer()),
    number: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
    time_start: fc.oneof(fc.integer(), fc.string()),
    state: fc.constantFrom('ACTIVE', 'FINISHED', 'CANCELLED', 'active', 'X'),
    revision: fc.oneof(fc.integer(), fc.string()),
    tss_serial_number: fc.stringMatching(/^[0-9a-f]{64}$/),
    client_serial_number: fc.string(),
    signature: fc.oneof(
      fc.constant(undefined),
      fc.record({
        value: fc.string(),
        algorithm: fc.string(),
        counter: fc.oneof(fc.integer(), fc.string()),
        public_key: fc.string(),
      }),
    ),
    schema: fc.oneof(
      fc.constant({}),
      fc.record({ raw: fc.record({ process_type: fc.string(), process_data: fc.string() }) }),
    ),
    log: fc.oneof(
      fc.constant(undefined),
      fc.record(
        { timestamp: fc.oneof(fc.integer(), fc.string()), timestamp_format: fc.string() },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
)

const bodies = fc.oneof(
  txLike.map((v) => JSON.stringify(v)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
  fc.constant('<html>502 Bad Gateway</html>'),
  fc.constant('{"_id":"'),
)

describe('fuzzed fiskaly responses', () => {
  it('start, update, finish and read either succeed with a well-formed result or throw a TseError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(200, 200, 200, 400, 404, 409, 422, 429, 500, 503),
        bodies,
        async (status, body) => {
          const tse = tseAnswering(status, body)
          for (const call of [
            () => tse.start('33333333-3333-4333-8333-333333333333'),
            () =>
              tse.update('33333333-3333-4333-8333-333333333333', 2, 'Beleg', {
                grossBySlot: [100, 0, 0, 0, 0],
                cash: 100,
                nonCash: 0,
              }),
            () =>
              tse.finish('33333333-3333-4333-8333-333333333333', 2, 'Beleg', {
                grossBySlot: [100, 0, 0, 0, 0],
                cash: 100,
                nonCash: 0,
              }),
            () => tse.read('33333333-3333-4333-8333-333333333333'),
          ]) {
            try {
              const result = await call()
              expect(status).toBe(200)
              expect(result).toBeTypeOf('object')
            } catch (error) {
              expect(error).toBeInstanceOf(TseError)
            }
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})
