// The IPC surface in one place: preload allow-list == contract == registered handlers. A change to the
// surface shows up here in review.
import { describe, expect, it } from 'vitest'
import { commands, events } from '../../../common/ipc/contract'
import { COMMAND_NAMES, EVENT_NAMES } from '../../../common/ipc/channels'
import { createTestApp } from '../../helpers/test-app'

describe('IPC contract', () => {
  it('allow-list equals the contract', () => {
    expect([...COMMAND_NAMES].sort()).toEqual(Object.keys(commands).sort())
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort())
  })

  it('names commands and events as domain.action', () => {
    for (const name of [...COMMAND_NAMES, ...EVENT_NAMES]) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/)
  })

  it('the composed app answers every command with a Result, never a throw', async () => {
    const { app, dispose } = await createTestApp()
    for (const name of COMMAND_NAMES) {
      for (const payload of [undefined, null, {}, 42, 'x', [], { __proto__: { locale: 'de' } }]) {
        const result = await app.dispatch(name, payload)
        expect(typeof result.ok).toBe('boolean')
        if (result.ok) expect(commands[name].output.safeParse(result.value).success).toBe(true)
        // Results cross every transport as JSON: nothing may get lost on the way.
        expect(JSON.parse(JSON.stringify(result))).toEqual(result)
      }
    }
    await dispose()
  })
})
