// Every command of the IPC contract, fed conforming, near-miss and hostile payloads through the real
// dispatcher of a real app (demo config: embedded simulator, virtual devices). The contract's own input
// schema is the oracle: what it refuses must come back as VALIDATION with field issues; what it accepts
// must come back as a value matching the output schema or as a typed error — never INTERNAL (a handler
// crash), never a throw, never a malformed event. Message keys seen are checked against the UI texts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { commands, type CommandName } from '../../common/ipc/contract'
import { demoFault } from '../../common/ipc/settings-contract'
import type { Result } from '../../common/result'
import { createTestApp, type TestApp } from '../helpers/test-app'
import { budget, fcParams } from './budget'
import { missingMessages } from './messages'
import { conforming, hostile, mutated } from './zod-arbitrary'

const RUNS = budget(40, 1500)
const ERROR_CODES = new Set([
  'VALIDATION',
  'UNKNOWN_COMMAND',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'DEVICE',
  'API',
  'NETWORK',
  'TIMEOUT',
  'INTERNAL',
  'UNAVAILABLE',
])
// Logged when a service breaks the contract on its side; none may appear, whatever the input.
const BROKEN_CONTRACT_EVENTS = new Set([
  'ipc.handler-failed',
  'event.invalid-payload',
  'event.listener-failed',
])

let t: TestApp
const seenKeys = new Set<string>()
const failures: string[] = []

beforeAll(async () => {
  t = await createTestApp()
  await t.app.api.ready
})
afterAll(async () => {
  await t?.dispose()
})

function payloads(name: CommandName): fc.Arbitrary<unknown> {
  const input = commands[name].input
  return fc.oneof(
    { weight: 3, arbitrary: conforming(input) },
    { weight: 3, arbitrary: mutated(input).map((m) => m.value) },
    { weight: 2, arbitrary: hostile() },
  )
}

/** Demo faults make later calls wait for timeouts; every run starts without them. */
async function clearInjectedFaults(): Promise<void> {
  t.app.api.simulator?.clearFaults()
  for (const fault of demoFault.options) await t.app.dispatch('demo.fault', { fault, on: false })
}

async function check(name: CommandName, raw: unknown): Promise<void> {
  const spec = commands[name]
  const valid = spec.input.safeParse(raw === undefined || raw === null ? {} : raw).success
  const before = t.logger.entries.length
  let result: Result<unknown>
  try {
    result = await t.app.dispatch(name, raw)
  } catch (error) {
    throw new Error(`${name} threw across the boundary: ${String(error)}`, { cause: error })
  }
  if (name === 'demo.fault') await clearInjectedFaults()
  expect(typeof result.ok).toBe('boolean')
  // What the renderer receives is the JSON of the result (WebSocket, structured clone).
  const wire = JSON.parse(JSON.stringify(result)) as Result<unknown>
  if (wire.ok) {
    expect(valid, `${name} accepted input its schema refuses`).toBe(true)
    const out = spec.output.safeParse(wire.value)
    if (!out.success)
      throw new Error(
        `${name} answered outside its output schema: ${out.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      )
  } else {
    const error = wire.error
    expect(ERROR_CODES.has(error.code), `unknown error code ${error.code}`).toBe(true)
    expect(error.messageKey).toMatch(/^[a-zA-Z][\w-]*(\.[\w-]+)+$/)
    expect(typeof error.message).toBe('string')
    seenKeys.add(error.messageKey)
    if (!valid) {
      expect(error.code, `${name}: invalid input must be a VALIDATION error`).toBe('VALIDATION')
      expect(error.issues?.length, `${name}: VALIDATION without field issues`).toBeGreaterThan(0)
    } else if (error.code === 'INTERNAL') {
      const logged = t.logger.entries.slice(before).find((e) => e.event === 'ipc.handler-failed')
      throw new Error(
        `${name} crashed on valid input ${JSON.stringify(raw)?.slice(0, 300)}: ${String(logged?.data?.error ?? error.message).slice(0, 600)}`,
      )
    }
  }
  const broken = t.logger.entries.slice(before).filter((e) => BROKEN_CONTRACT_EVENTS.has(e.event))
  if (broken.length > 0)
    throw new Error(
      `${name}: ${broken.map((e) => `${e.event} ${JSON.stringify(e.data).slice(0, 300)}`).join('\n')}`,
    )
}

describe('IPC fuzz: every command through the real dispatcher', () => {
  for (const name of Object.keys(commands) as CommandName[]) {
    it(
      `${name}: refused input → VALIDATION, accepted input → contract output or typed error`,
      { timeout: budget(60_000, 900_000) },
      async () => {
        try {
          await fc.assert(
            fc.asyncProperty(payloads(name), (raw) => check(name, raw)),
            fcParams(RUNS),
          )
        } catch (error) {
          failures.push(name)
          throw error
        }
      },
    )
  }

  it(
    'random sequences of valid commands keep the app answering',
    { timeout: budget(60_000, 900_000) },
    async () => {
      const names = Object.keys(commands) as CommandName[]
      const step = fc
        .constantFrom(...names)
        .chain((name) => conforming(commands[name].input).map((raw) => ({ name, raw })))
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
          for (const { name, raw } of steps) await check(name, raw)
          expect(await t.app.dispatch('app.info', {})).toMatchObject({ ok: true })
        }),
        fcParams(budget(15, 300)),
      )
    },
  )

  it('unknown and hostile channel names → UNKNOWN_COMMAND', async () => {
    const names = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'app.info ',
        'APP.INFO',
        'app.info\u0000',
        'shell.openExternal',
        'app',
      ),
      fc.anything().map((v) => v as unknown as string),
      // Found by this fuzz: String() of such an object threw inside the dispatcher.
      fc.constant({ toString: 'app.info' } as unknown as string),
    )
    await fc.assert(
      fc.asyncProperty(names, hostile(), async (channel, raw) => {
        const result = await t.app.dispatch(channel, raw)
        if (typeof channel === 'string' && Object.hasOwn(commands, channel)) return
        expect(result).toMatchObject({
          ok: false,
          error: { code: 'UNKNOWN_COMMAND', messageKey: 'error.unknownCommand' },
        })
      }),
      fcParams(budget(300, 20_000)),
    )
  })

  it('every message key returned during the fuzz has a German and an English text', () => {
    expect(failures, 'the fuzz itself failed; see above').toEqual([])
    expect(seenKeys.size).toBeGreaterThan(3)
    expect(missingMessages(seenKeys)).toEqual([])
  })
})
