// The real preload module against the electron stub: exactly `{ invoke, on }` is exposed, once, and the
// renderer's listeners never see Electron's event object.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { installElectronStub, resetElectronStub } from '../../stubs/electron'
import { COMMAND_NAMES } from '../../../common/ipc/channels'

afterEach(() => {
  resetElectronStub()
  vi.resetModules()
})

describe('preload', () => {
  it('exposes window.pos with invoke and on only, over the allow-list', async () => {
    const exposed: { name: string; api: Record<string, unknown> }[] = []
    const invoked: [string, unknown][] = []
    const listeners = new Map<string, (event: unknown, message: unknown) => void>()
    installElectronStub({
      contextBridge: {
        exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.push({ name, api }),
      },
      ipcRenderer: {
        invoke: async (channel: string, payload: unknown) => (
          invoked.push([channel, payload]),
          { ok: true, value: 'x' }
        ),
        on: (channel: string, fn: (event: unknown, message: unknown) => void) => listeners.set(channel, fn),
        removeListener: (channel: string) => listeners.delete(channel),
      },
    })
    await import('../../../preload/index')
    expect(exposed).toHaveLength(1)
    expect(exposed[0].name).toBe('pos')
    expect(Object.keys(exposed[0].api).sort()).toEqual(['invoke', 'on'])

    const pos = exposed[0].api as {
      invoke: (c: string, p?: unknown) => Promise<unknown>
      on: (e: string, cb: (p: unknown) => void) => () => void
    }
    expect(await pos.invoke(COMMAND_NAMES[0], {})).toEqual({ ok: true, value: 'x' })
    expect(invoked).toEqual([[`pos:${COMMAND_NAMES[0]}`, {}]])
    expect(await pos.invoke('ipc.send', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } })
    expect(invoked).toHaveLength(1)

    const received: unknown[][] = []
    const off = pos.on('app.localeChanged', (...args) => received.push(args))
    const senderEvent = { sender: { send: () => {} }, ports: [] }
    listeners.get('pos:event')!(senderEvent, { type: 'app.localeChanged', payload: { locale: 'en' } })
    expect(received).toEqual([[{ locale: 'en' }]])
    off()
    expect(listeners.has('pos:event')).toBe(false)
  })
})
