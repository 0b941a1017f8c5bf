// Window options and web-contents hardening (Electron security checklist items 2–5, 7, 13, 14, 20).
import type { BrowserWindowOptions, WebContents } from './types'
import { isAppUrl } from './origin'
import type { Logger } from '../../common/ports'

export function mainWindowOptions(opts: {
  preload: string
  kiosk: boolean
  devTools: boolean
}): BrowserWindowOptions {
  return {
    width: 1024,
    height: 768,
    minWidth: 800,
    minHeight: 600,
    show: false,
    kiosk: opts.kiosk,
    fullscreen: opts.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#f4efe6',
    title: 'Tresen',
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: opts.devTools,
      zoomFactor: 1,
      backgroundThrottling: false,
    },
  }
}

/** Keys a kiosk must swallow: reload, zoom, dev tools, history navigation. */
export function isBlockedKey(input: {
  key: string
  control: boolean
  meta: boolean
  shift: boolean
  alt: boolean
}): boolean {
  const mod = input.control || input.meta
  const key = input.key.toLowerCase()
  if (key === 'f5' || key === 'f11' || key === 'f12') return true
  if (mod && ['r', '+', '-', '=', '0', 'w', 'p', 's', 'o', 'n', 't'].includes(key)) return true
  if (mod && input.shift && ['i', 'j', 'c'].includes(key)) return true
  if (input.alt && (key === 'arrowleft' || key === 'arrowright')) return true
  return false
}

export function hardenWebContents(contents: WebContents, opts: { kiosk: boolean; logger: Logger }): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) {
      event.preventDefault()
      opts.logger.log('warn', 'window.navigation-blocked', { url: url.slice(0, 200) })
    }
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    opts.logger.log('warn', 'window.open-blocked', { url: url.slice(0, 200) })
    return { action: 'deny' }
  })
  contents.setVisualZoomLevelLimits(1, 1).catch(() => {})
  contents.on('zoom-changed', () => contents.setZoomFactor(1))
  if (opts.kiosk) {
    contents.on('before-input-event', (event, input) => {
      if (isBlockedKey(input)) event.preventDefault()
    })
    contents.on('context-menu', (event) => event.preventDefault())
  }
}
