// WebSocket frames into the browser host, as a broken or hostile page could send them: garbage text,
// binary, JSON of every shape, real channels with random payloads, pipelined without waiting. Every
// frame gets exactly one answer carrying a Result, the socket stays up, and the app keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { commands, type CommandName } from '../../common/ipc/contract'
import { memoryLogger } from '../../common/ports'
import { startHost, type RunningHost } from '../../main/host/server'
import { openHostSocket } from '../helpers/host-socket'
import { createTestApp, type TestApp } from '../helpers/test-app'
import { budget, fcParams } from './budget'
import { conforming, hostile } from './zod-arbitrary'

let dir: string
let t: TestApp
let host: RunningHost

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tresen-host-fuzz-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Tresen</title>')
  t = await createTestApp({ transport: 'host' })
  await t.app.api.ready
  host = await startHost({ app: t.app, rendererDir: dir, logger: memoryLogger() })
})
afterAll(async () => {
  await host?.close()
  await t?.dispose()
  rmSync(dir, { recursive: true, force: true })
})

const open = () => openHostSocket(host)

const names = Object.keys(commands) as CommandName[]

let frameId = 0
const frame = fc.oneof<fc.Arbitrary<string | Buffer>[]>(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .record({
      id: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
      channel: fc.oneof(fc.constantFrom(...names), fc.string()),
      payload: hostile(),
    })
    .map((m) => JSON.stringify(m)),
  fc
    .constantFrom(...names)
    .chain((channel) => conforming(commands[channel].input).map((payload) => ({ channel, payload })))
    // Never demo faults here: they slow the simulator down for the frames after them.
    .filter((m) => m.channel !== 'demo.fault' && m.channel !== 'pairing.start')
    .map((m) => JSON.stringify({ id: ++frameId, ...m })),
  fc.constantFrom(
    'null',
    '[]',
    '{"id":{"toString":"x"},"channel":{"toString":"x"}}',
    '{"channel":"__proto__"}',
    '{"channel":"app.info","payload":{"__proto__":{"x":1}}}',
    '{"id":1,"channel":["checkout.view"]}',
    `{"id":${'['.repeat(5000)}${']'.repeat(5000)},"channel":"app.info"}`,
    `{"id":1,"channel":"app.info","payload":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
  ),
  // Ids nested to any depth: the answer must still come (with id null), never a crash.
  fc
    .integer({ min: 1, max: 8000 })
    .map((depth) => `{"id":${'['.repeat(depth)}${']'.repeat(depth)},"channel":"app.info"}`),
)

describe('browser host frame fuzz', () => {
  it(
    'answers every frame exactly once with a Result and keeps the socket open',
    { timeout: budget(60_000, 900_000) },
    async () => {
      const { ws, replies, closed } = await open()
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 20 }), async (frames) => {
            const before = replies.length
            for (const f of frames) ws.send(f)
            await expect
              .poll(() => replies.length, { timeout: 10_000, interval: 5 })
              .toBe(before + frames.length)
            for (const reply of replies.slice(before)) expect(typeof reply.result?.ok).toBe('boolean')
            expect(closed()).toBeNull()
          }),
          fcParams(budget(60, 3000)),
        )
        ws.send(JSON.stringify({ id: 'last', channel: 'app.info' }))
        await expect
          .poll(() => replies.at(-1))
          .toMatchObject({ id: 'last', result: { ok: true, value: { name: 'Tresen' } } })
      } finally {
        ws.close()
      }
    },
  )

  it('a frame over the size limit closes only that socket (1009); the host takes the next one', async () => {
    const first = await open()
    first.ws.send('x'.repeat(1024 * 1024 + 1))
    await expect.poll(() => first.closed()).toBe(1009)
    const second = await open()
    second.ws.send(JSON.stringify({ id: 1, channel: 'app.info' }))
    await expect.poll(() => second.replies[0]).toMatchObject({ id: 1, result: { ok: true } })
    second.ws.close()
  })
})
