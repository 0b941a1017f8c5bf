// A recording fake of the Electron API the shell uses. It implements just enough behaviour (events,
// handlers, windows) for the shell to run in Node; tests read what the shell asked Electron to do.
import { EventEmitter } from 'node:events'
import type { ElectronApi } from '../../../main/electron/types'

export class FakeWebContents extends EventEmitter {
  static nextId = 1
  id = FakeWebContents.nextId++
  mainFrame = { url: '' as string }
  sent: { channel: string; message: unknown }[] = []
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  zoomLimits: [number, number] | null = null
  destroyed = false
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler
  }
  setVisualZoomLevelLimits(min: number, max: number) {
    this.zoomLimits = [min, max]
    return Promise.resolve()
  }
  setZoomFactor() {}
  isDestroyed() {
    return this.destroyed
  }
  send(channel: string, message: unknown) {
    this.sent.push({ channel, message })
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = []
  webContents = new FakeWebContents()
  loaded: string[] = []
  constructor(public options: Record<string, unknown>) {
    super()
    FakeBrowserWindow.created.push(this)
  }
  loadURL(url: string) {
    this.loaded.push(url)
    this.webContents.mainFrame.url = url
    return Promise.resolve()
  }
  show() {}
  isDestroyed() {
    return false
  }
  isMinimized() {
    return false
  }
  restore() {}
  focus() {}
}

export interface FakeElectron {
  api: ElectronApi
  calls: string[]
  handlers: Map<string, (event: unknown, payload: unknown) => unknown>
  protocolHandler: ((req: Request) => Promise<Response>) | null
  privileged: unknown[]
  switches: [string, string?][]
  appEvents: EventEmitter
  permissionHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null
  permissionCheck: (() => boolean) | null
  menu: unknown
  errorBox: { title: string; message: string } | null
  exitCode: number | null
  quitCalled: boolean
}

export function fakeElectron(options: { userData: string; lock?: boolean; displays?: number }): FakeElectron {
  FakeBrowserWindow.created = []
  const appEvents = new EventEmitter()
  const state: FakeElectron = {
    api: undefined as unknown as ElectronApi,
    calls: [],
    handlers: new Map(),
    protocolHandler: null,
    privileged: [],
    switches: [],
    appEvents,
    permissionHandler: null,
    permissionCheck: null,
    menu: 'default',
    errorBox: null,
    exitCode: null,
    quitCalled: false,
  }
  const displays = Array.from({ length: options.displays ?? 1 }, (_, i) => ({
    id: i + 1,
    bounds: { x: i * 1024, y: 0, width: 1024, height: 768 },
  }))
  const api = {
    app: {
      requestSingleInstanceLock: () => options.lock ?? true,
      quit: () => {
        state.quitCalled = true
      },
      exit: (code: number) => {
        state.exitCode = code
      },
      whenReady: () => {
        state.calls.push('whenReady')
        return Promise.resolve()
      },
      getPath: (name: string) => (name === 'userData' ? options.userData : '/tmp'),
      isPackaged: false,
      commandLine: {
        appendSwitch: (name: string, value?: string) => void state.switches.push([name, value]),
      },
      on: (event: string, listener: (...args: unknown[]) => void) => void appEvents.on(event, listener),
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, payload: unknown) => unknown) =>
        void state.handlers.set(channel, handler),
      removeHandler: (channel: string) => void state.handlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        state.calls.push('registerSchemesAsPrivileged')
        state.privileged.push(...schemes)
      },
      handle: (_scheme: string, handler: (req: Request) => Promise<Response>) => {
        state.protocolHandler = handler
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: FakeElectron['permissionHandler']) =>
          void (state.permissionHandler = h),
        setPermissionCheckHandler: (h: FakeElectron['permissionCheck']) => void (state.permissionCheck = h),
      },
    },
    Menu: { setApplicationMenu: (menu: unknown) => void (state.menu = menu) },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(s, 'utf8').map((b) => b ^ 0x5a),
      decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
    },
    net: { fetch: globalThis.fetch },
    dialog: { showErrorBox: (title: string, message: string) => void (state.errorBox = { title, message }) },
    screen: { getAllDisplays: () => displays, getPrimaryDisplay: () => displays[0] },
    powerSaveBlocker: { start: () => 1 },
  }
  state.api = api as unknown as ElectronApi
  return state
}
