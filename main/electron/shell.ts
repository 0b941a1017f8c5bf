// The Electron shell: single instance, privileged app:// scheme, locked-down session and windows, the
// contract on ipcMain, and a customer display on a second screen. Everything else is in createApp.
import { join } from 'node:path'
import type { App } from '../app'
import { boot } from '../boot'
import { logFormatFromArgs } from '../logging/console-log'
import { forwardEvents, registerIpc } from './ipc'
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './protocol'
import { DISPLAY_PAGE, MAIN_PAGE } from './origin'
import { hardenWebContents, mainWindowOptions } from './window'
import { inspectKeyStore } from './key-store'
import type { BrowserWindowInstance, ElectronApi } from './types'
import type { Logger } from '../../common/ports'

export interface ShellPaths {
  preload: string
  rendererDir: string
}

export interface Shell {
  ready: Promise<App | null>
  windows(): BrowserWindowInstance[]
}

export function defaultPaths(mainDir: string): ShellPaths {
  return { preload: join(mainDir, '../preload/index.js'), rendererDir: join(mainDir, '../renderer') }
}

export function runElectronShell(electron: ElectronApi, argv: readonly string[], paths: ShellPaths): Shell {
  const { app, protocol } = electron
  const windows: BrowserWindowInstance[] = []

  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return { ready: Promise.resolve(null), windows: () => windows }
  }
  // Must happen before `ready`: the scheme gets standard/secure semantics (origin, fetch, CSP 'self').
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
  app.commandLine.appendSwitch('disable-pinch')
  app.commandLine.appendSwitch('overscroll-history-navigation', '0')

  app.on('second-instance', () => {
    const main = windows[0]
    if (main && !main.isDestroyed()) {
      if (main.isMinimized()) main.restore()
      main.focus()
    }
  })

  const logFormat = logFormatFromArgs(argv)
  const ready = (async (): Promise<App | null> => {
    await app.whenReady()
    const keyStore = inspectKeyStore(electron.safeStorage)
    const booted = await boot({
      argv,
      dataDir: app.getPath('userData'),
      transport: 'electron',
      cipher: keyStore.cipher,
      keyStore: keyStore.kind,
      fetch: electron.net.fetch as typeof globalThis.fetch,
      logFormat: typeof logFormat === 'string' ? logFormat : 'human',
    })
    if (!booted.ok) {
      process.stderr.write(booted.message + '\n')
      electron.dialog.showErrorBox('Tresen', booted.message)
      app.exit(78)
      return null
    }
    const { app: pos, logger } = booted
    if (logFormat === 'human' || typeof logFormat !== 'string') {
      const mode =
        booted.source.kind === 'demo'
          ? 'Demo-Modus / demo mode'
          : `Konfiguration / config: ${booted.source.path}`
      process.stdout.write(
        `Tresen läuft / is running (${mode})\n` +
          (booted.logFile ? `Protokoll / log: ${booted.logFile}\n` : ''),
      )
    }
    const kiosk = pos.config.kiosk || argv.includes('--kiosk')
    lockDownSession(electron, logger)
    registerAppProtocol(protocol, paths.rendererDir)
    if (kiosk) electron.Menu.setApplicationMenu(null)

    app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { kiosk, logger }))
    const trusted = () => new Set(windows.filter((w) => !w.isDestroyed()).map((w) => w.webContents.id))
    // The customer display window: read-only view commands and events only (main/electron/ipc.ts).
    const displayWindows = new Set<BrowserWindowInstance>()
    const display = () =>
      new Set([...displayWindows].filter((w) => !w.isDestroyed()).map((w) => w.webContents.id))
    registerIpc(electron.ipcMain, pos, trusted, logger, display)
    forwardEvents(pos, () => windows.filter((w) => !w.isDestroyed()).map((w) => w.webContents), display)

    const devTools = !app.isPackaged && !kiosk
    const main = openWindow(
      electron,
      mainWindowOptions({ preload: paths.preload, kiosk, devTools }),
      MAIN_PAGE,
      logger,
    )
    windows.push(main)
    const displays = electron.screen.getAllDisplays()
    const primary = electron.screen.getPrimaryDisplay()
    const second = displays.find((d) => d.id !== primary.id)
    if (second) {
      const options = mainWindowOptions({ preload: paths.preload, kiosk: true, devTools: false })
      options.x = second.bounds.x
      options.y = second.bounds.y
      const displayWindow = openWindow(electron, options, DISPLAY_PAGE, logger)
      displayWindows.add(displayWindow)
      windows.push(displayWindow)
    }
    electron.powerSaveBlocker.start('prevent-display-sleep')

    app.on('window-all-closed', () => app.quit())
    let closing = false
    app.on('before-quit', (event) => {
      if (closing) return
      closing = true
      event.preventDefault()
      void pos.close().finally(() => app.quit())
    })
    return pos
  })()

  return { ready, windows: () => windows }
}

function openWindow(
  electron: ElectronApi,
  options: ReturnType<typeof mainWindowOptions>,
  page: string,
  logger: Logger,
): BrowserWindowInstance {
  const win = new electron.BrowserWindow(options)
  win.once('ready-to-show', () => win.show())
  // A crashed renderer is reloaded: all state lives in main, so nothing is lost.
  win.webContents.on('render-process-gone', (_event, details) => {
    logger.log('error', 'window.renderer-gone', { reason: details.reason })
    if (!win.isDestroyed()) void win.loadURL(page)
  })
  void win.loadURL(page)
  return win
}

function lockDownSession(electron: ElectronApi, logger: Logger): void {
  const ses = electron.session.defaultSession
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.log('warn', 'session.permission-denied', { permission })
    callback(false)
  })
  ses.setPermissionCheckHandler(() => false)
}
