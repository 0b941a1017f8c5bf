// The only tests that know Electron exists: the shell against a recording fake of its API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runElectronShell } from '../../../main/electron/shell'
import { commands } from '../../../common/ipc/contract'
import { FakeBrowserWindow, FakeWebContents, fakeElectron } from './fake-electron'

let dir: string
const running: { close(): Promise<void> }[] = []
const paths = () => ({ preload: join(dir, 'preload', 'index.js'), rendererDir: join(dir, 'renderer') })

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tresen-shell-'))
  mkdirSync(join(dir, 'renderer'))
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Tresen</title>')
})
afterEach(async () => {
  for (const app of running.splice(0)) await app.close()
  rmSync(dir, { recursive: true, force: true })
})

async function started(options: { displays?: number; argv?: string[]; config?: object } = {}) {
  const fake = fakeElectron({ userData: join(dir, 'data'), displays: options.displays })
  if (options.config) {
    mkdirSync(join(dir, 'data'), { recursive: true })
    writeFileSync(join(dir, 'data', 'config.json'), JSON.stringify(options.config))
  }
  const shell = runElectronShell(fake.api, options.argv ?? [], paths())
  const app = await shell.ready
  if (app) running.push(app)
  return { fake, shell, app }
}

function invokeEvent(contents: FakeWebContents, frameUrl: string, subFrame = false) {
  const frame = subFrame ? { url: frameUrl } : contents.mainFrame
  if (!subFrame) contents.mainFrame.url = frameUrl
  return { sender: contents, senderFrame: frame }
}

describe('Electron shell', () => {
  it('registers the app:// scheme as privileged before ready and takes the single-instance lock', async () => {
    const { fake } = await started()
    expect(fake.calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(fake.calls.indexOf('whenReady'))
    expect(fake.privileged).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ])
    expect(fake.switches).toContainEqual(['disable-pinch', undefined])
  })

  it('quits without a window when another instance holds the lock', async () => {
    const fake = fakeElectron({ userData: join(dir, 'data'), lock: false })
    const shell = runElectronShell(fake.api, [], paths())
    expect(await shell.ready).toBeNull()
    expect(fake.quitCalled).toBe(true)
    expect(FakeBrowserWindow.created).toHaveLength(0)
  })

  it('opens one window with the safe web preferences on app://tresen', async () => {
    await started()
    expect(FakeBrowserWindow.created).toHaveLength(1)
    const win = FakeBrowserWindow.created[0]
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: paths().preload,
    })
    expect(win.loaded).toEqual(['app://tresen/index.html'])
  })

  it('registers exactly the contract commands on ipcMain', async () => {
    const { fake } = await started()
    expect([...fake.handlers.keys()].sort()).toEqual(
      Object.keys(commands)
        .map((c) => `pos:${c}`)
        .sort(),
    )
  })

  it('answers the main frame of its own window and refuses every other sender', async () => {
    const { fake } = await started()
    const handler = fake.handlers.get('pos:app.info')!
    const own = FakeBrowserWindow.created[0].webContents
    expect(await handler(invokeEvent(own, 'app://tresen/index.html'), {})).toMatchObject({
      ok: true,
      value: { name: 'Tresen', transport: 'electron' },
    })
    expect(await handler(invokeEvent(own, 'https://evil.example/'), {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await handler(invokeEvent(own, 'app://tresen/index.html', true), {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const stranger = new FakeWebContents()
    expect(await handler(invokeEvent(stranger, 'app://tresen/index.html'), {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await handler({ sender: own, senderFrame: null }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('blocks navigation away from the app, window.open, webviews and every permission', async () => {
    const { fake } = await started()
    const contents = new FakeWebContents()
    fake.appEvents.emit('web-contents-created', {}, contents)
    const prevented = (event: string, ...args: unknown[]) => {
      let stopped = false
      contents.emit(event, { preventDefault: () => (stopped = true) }, ...args)
      return stopped
    }
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true)
    expect(prevented('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(prevented('will-navigate', 'app://tresen/display.html')).toBe(false)
    expect(prevented('will-redirect', 'http://127.0.0.1:9/')).toBe(true)
    expect(prevented('will-attach-webview')).toBe(true)
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(contents.zoomLimits).toEqual([1, 1])
    const granted: boolean[] = []
    fake.permissionHandler!(contents, 'media', (g) => granted.push(g))
    fake.permissionHandler!(contents, 'hid', (g) => granted.push(g))
    expect(granted).toEqual([false, false])
    expect(fake.permissionCheck!()).toBe(false)
  })

  it('in kiosk mode removes the menu and swallows reload, zoom and dev-tools keys', async () => {
    const { fake } = await started({ argv: ['--kiosk'] })
    expect(fake.menu).toBeNull()
    expect(FakeBrowserWindow.created[0].options).toMatchObject({ kiosk: true })
    expect((FakeBrowserWindow.created[0].options.webPreferences as { devTools: boolean }).devTools).toBe(
      false,
    )
    const contents = new FakeWebContents()
    fake.appEvents.emit('web-contents-created', {}, contents)
    const blocked = (input: object) => {
      let stopped = false
      contents.emit(
        'before-input-event',
        { preventDefault: () => (stopped = true) },
        { control: false, meta: false, shift: false, alt: false, ...input },
      )
      return stopped
    }
    expect(blocked({ key: 'r', control: true })).toBe(true)
    expect(blocked({ key: '+', control: true })).toBe(true)
    expect(blocked({ key: 'I', control: true, shift: true })).toBe(true)
    expect(blocked({ key: 'F5' })).toBe(true)
    expect(blocked({ key: '7' })).toBe(false)
  })

  it('keeps the menu and dev tools outside kiosk mode', async () => {
    const { fake } = await started()
    expect(fake.menu).toBe('default')
  })

  it('serves the renderer through app:// with the CSP and nothing outside it', async () => {
    const { fake } = await started()
    const ok = await fake.protocolHandler!(new Request('app://tresen/index.html'))
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(await ok.text()).toContain('<title>Tresen</title>')
    expect((await fake.protocolHandler!(new Request('app://tresen/..%2F..%2Fetc%2Fpasswd'))).status).toBe(404)
    expect((await fake.protocolHandler!(new Request('app://other/index.html'))).status).toBe(404)
  })

  it('opens the customer display on a second screen', async () => {
    await started({ displays: 2 })
    expect(FakeBrowserWindow.created.map((w) => w.loaded[0])).toEqual([
      'app://tresen/index.html',
      'app://tresen/display.html',
    ])
    expect(FakeBrowserWindow.created[1].options).toMatchObject({ x: 1024, kiosk: true })
  })

  it('forwards app events to its windows', async () => {
    const { app } = await started()
    app!.events.publish('app.localeChanged', { locale: 'en' })
    // Device status events (the demo's virtual scale connecting) may arrive too; this is about the one published.
    const sent = FakeBrowserWindow.created[0].webContents.sent as { message: { type: string } }[]
    expect(sent.filter((m) => m.message.type !== 'devices.status')).toEqual([
      { channel: 'pos:event', message: { type: 'app.localeChanged', payload: { locale: 'en' } } },
    ])
  })

  it('refuses to start on a bad config with a message naming the field', async () => {
    const { fake, app } = await started({ config: { devices: { printer: { driver: 'tcp', port: 70000 } } } })
    expect(app).toBeNull()
    expect(fake.exitCode).toBe(78)
    expect(fake.errorBox?.message).toContain('devices.printer.port')
    expect(fake.errorBox?.message).toContain('ungültig')
    expect(FakeBrowserWindow.created).toHaveLength(0)
  })
})
