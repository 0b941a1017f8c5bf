// Stand-in for the `electron` module in Node tests (vitest aliases `electron` here). The real package
// would try to download its binary. Tests install a recorder with `installElectronStub`; without one,
// every member throws so an accidental import fails loudly.
import { vi } from 'vitest'

type AnyFn = (...args: unknown[]) => unknown
const state: { impl: Record<string, unknown> | null } = { impl: null }

export function installElectronStub(impl: Record<string, unknown>): void {
  state.impl = impl
}
export function resetElectronStub(): void {
  state.impl = null
}

function member(name: string): unknown {
  return new Proxy(function () {} as unknown as AnyFn, {
    get(_t, prop) {
      if (!state.impl) throw new Error(`electron stub: inject a fake before using electron.${name}`)
      const target = state.impl[name] as Record<string | symbol, unknown>
      return target?.[prop]
    },
    apply(_t, thisArg, args) {
      if (!state.impl) throw new Error(`electron stub: inject a fake before calling electron.${name}`)
      return (state.impl[name] as AnyFn).apply(thisArg, args)
    },
    construct(_t, args) {
      if (!state.impl) throw new Error(`electron stub: inject a fake before constructing electron.${name}`)
      const Ctor = state.impl[name] as new (...a: unknown[]) => object
      return new Ctor(...args)
    },
  })
}

export const app = member('app')
export const BrowserWindow = member('BrowserWindow')
export const ipcMain = member('ipcMain')
export const ipcRenderer = member('ipcRenderer')
export const contextBridge = member('contextBridge')
export const protocol = member('protocol')
export const session = member('session')
export const net = member('net')
export const Menu = member('Menu')
export const safeStorage = member('safeStorage')
export const powerSaveBlocker = member('powerSaveBlocker')
export const screen = member('screen')
export default {
  app,
  BrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  protocol,
  session,
  net,
  Menu,
  safeStorage,
  powerSaveBlocker,
  screen,
}
export { vi }
