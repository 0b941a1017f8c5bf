import { describe, expect, it } from 'vitest'
import { createDispatcher, type Handlers } from '../../../main/ipc/dispatcher'
import { AppFailure } from '../../../common/result'
import { memoryLogger } from '../../../common/ports'

// Only the commands these tests call; the dispatcher looks handlers up by name.
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app.info': () => ({
      name: 'Tresen',
      version: '1',
      demo: true,
      locale: 'de',
      transport: 'test',
      startedAt: '2026-11-22T08:00:00.000Z',
      shopName: 'B',
    }),
    'app.setLocale': ({ locale }) => ({ locale }),
    'devices.status': () => [],
    ...overrides,
  } as Handlers
}

describe('dispatcher', () => {
  it('runs the handler with validated input and wraps its value', async () => {
    const dispatch = createDispatcher(handlers(), memoryLogger())
    expect(await dispatch('app.setLocale', { locale: 'en' })).toEqual({ ok: true, value: { locale: 'en' } })
  })

  it('treats a missing payload of an input-less command as empty', async () => {
    const dispatch = createDispatcher(handlers(), memoryLogger())
    expect(await dispatch('devices.status', undefined)).toEqual({ ok: true, value: [] })
  })

  it('refuses unknown channels, including prototype keys', async () => {
    const dispatch = createDispatcher(handlers(), memoryLogger())
    for (const channel of ['fs.readFile', '__proto__', 'constructor', 'toString', '']) {
      const result = await dispatch(channel, {})
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_COMMAND', messageKey: 'error.unknownCommand' },
      })
    }
  })

  it('returns VALIDATION with the field path and never calls the handler on bad input', async () => {
    let called = false
    const dispatch = createDispatcher(
      handlers({ 'app.setLocale': ({ locale }) => ((called = true), { locale }) }),
      memoryLogger(),
    )
    const result = await dispatch('app.setLocale', { locale: 'fr' })
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'locale' }] } })
    expect(await dispatch('app.setLocale', { locale: 'de', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
    expect(await dispatch('app.setLocale', 'de')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(called).toBe(false)
  })

  it('passes an AppFailure through and hides other exceptions behind INTERNAL, logged', async () => {
    const logger = memoryLogger()
    const dispatch = createDispatcher(
      handlers({
        'app.setLocale': () => {
          throw AppFailure.of('CONFLICT', 'error.conflict', 'not now')
        },
        'devices.status': async () => {
          throw new Error('driver exploded at /dev/ttyUSB0')
        },
      }),
      logger,
    )
    expect(await dispatch('app.setLocale', { locale: 'de' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', messageKey: 'error.conflict', message: 'not now' },
    })
    const internal = await dispatch('devices.status', {})
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(internal)).not.toContain('ttyUSB0')
    expect(
      logger.entries.some(
        (e) => e.event === 'ipc.handler-failed' && String(e.data?.error).includes('ttyUSB0'),
      ),
    ).toBe(true)
  })
})
