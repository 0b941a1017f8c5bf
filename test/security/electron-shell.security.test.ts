// Security audit of the Electron shell, run against the recording fake of Electron's API (the `electron`
// import is aliased to test/stubs/electron.ts, so nothing real can load). Every window the shell opens
// — till and customer display, kiosk or not — must carry the locked-down preferences; no URL outside
// app://tresen may be navigated to, redirected to or opened; every permission is refused; IPC from any
// frame but our own main frame is refused; and the CSP of the pages matches the served header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runElectronShell } from '../../main/electron/shell'
import { hardenWebContents, mainWindowOptions } from '../../main/electron/window'
import { isAppUrl } from '../../main/electron/origin'
import { CONTENT_SECURITY_POLICY, readStatic } from '../../main/static-files'
import { withContentSecurityPolicy } from '../../common/csp'
import { memoryLogger } from '../../common/ports'
import type { App } from '../../main/app'
import {
  FakeBrowserWindow,
  FakeWebContents,
  fakeElectron,
  type FakeElectron,
} from '../unit/electron/fake-electron'
import { budget, fcParams } from '../fuzz/budget'

const ROOT = join(__dirname, '..', '..')
const LOCKED_DOWN = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
}

/** URLs a compromised page or a phishing link would try: other schemes, look-alike hosts, userinfo tricks. */
const foreignUrl = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://tresen.evil.example/index.html',
    'app://evil/index.html',
    'app://tresen@evil.example/',
    'app://tresen:8080/index.html',
    'http://127.0.0.1:9/',
    'ws://127.0.0.1:1/pos',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'blob:https://evil.example/1',
    'tresen://index.html',
    '',
    'not a url',
  ),
)

describe('window preferences', () => {
  it('every combination of kiosk and dev tools keeps isolation, sandbox and no Node', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.string(), (kiosk, devTools, preload) => {
        const options = mainWindowOptions({ preload, kiosk, devTools })
        expect(options.webPreferences).toMatchObject({ ...LOCKED_DOWN, preload })
        expect(options.kiosk).toBe(kiosk)
      }),
    )
  })
})

describe('web contents hardening', () => {
  function hardened(kiosk: boolean) {
    const contents = new FakeWebContents()
    const logger = memoryLogger()
    hardenWebContents(contents as never, { kiosk, logger })
    const prevented = (event: string, ...args: unknown[]) => {
      let stopped = false
      contents.emit(event, { preventDefault: () => (stopped = true) }, ...args)
      return stopped
    }
    return { contents, logger, prevented }
  }

  it('blocks navigation and redirects to anything but app://tresen, and denies window.open for every URL', () => {
    const { contents, prevented } = hardened(false)
    fc.assert(
      fc.property(foreignUrl, (url) => {
        fc.pre(!isAppUrl(url))
        expect(prevented('will-navigate', url)).toBe(true)
        expect(prevented('will-redirect', url)).toBe(true)
        expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' })
      }),
      fcParams(budget(300, 20_000)),
    )
  })

  it('lets the app move between its own pages, and still denies opening them in a new window', () => {
    const { contents, prevented } = hardened(true)
    for (const url of [
      'app://tresen/index.html',
      'app://tresen/display.html',
      'app://tresen/index.html?x=1#y',
    ]) {
      expect(prevented('will-navigate', url)).toBe(false)
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' })
    }
    expect(prevented('will-attach-webview')).toBe(true)
    expect(contents.zoomLimits).toEqual([1, 1])
  })

  it('logs a blocked navigation without the full URL query (no tokens in logs)', () => {
    const { logger, prevented } = hardened(false)
    prevented('will-navigate', `https://evil.example/${'a'.repeat(500)}`)
    const entry = logger.entries.find((e) => e.event === 'window.navigation-blocked')
    expect(String(entry?.data?.url).length).toBeLessThanOrEqual(200)
  })
})

describe('the running shell', () => {
  let dir: string
  let fake: FakeElectron
  let app: App | null

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tresen-security-shell-'))
    mkdirSync(join(dir, 'renderer'))
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Tresen</title>')
    writeFileSync(join(dir, 'secret.txt'), 'outside the renderer')
    fake = fakeElectron({ userData: join(dir, 'data'), displays: 2 })
    app = await runElectronShell(fake.api, ['--kiosk'], {
      preload: join(dir, 'preload.js'),
      rendererDir: join(dir, 'renderer'),
    }).ready
  })
  afterAll(async () => {
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('opens till and customer display, both locked down, both on app://tresen', () => {
    expect(FakeBrowserWindow.created).toHaveLength(2)
    for (const win of FakeBrowserWindow.created) {
      expect(win.options.webPreferences).toMatchObject({ ...LOCKED_DOWN, devTools: false })
      expect(win.loaded.every(isAppUrl)).toBe(true)
    }
  })

  it('refuses every permission a page can ask for', () => {
    const permissions = [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'midiSysex',
      'pointerLock',
      'fullscreen',
      'openExternal',
      'clipboard-read',
      'clipboard-sanitized-write',
      'hid',
      'serial',
      'usb',
      'display-capture',
      'idle-detection',
      'unknown',
    ]
    for (const permission of permissions) {
      const granted: boolean[] = []
      fake.permissionHandler!(new FakeWebContents(), permission, (g) => granted.push(g))
      expect(granted, permission).toEqual([false])
    }
    expect(fake.permissionCheck!()).toBe(false)
  })

  it('answers IPC only from the main frame of its own windows on app://tresen', async () => {
    const handler = fake.handlers.get('pos:app.info')!
    const own = FakeBrowserWindow.created[0].webContents
    await fc.assert(
      fc.asyncProperty(foreignUrl, fc.boolean(), async (url, subFrame) => {
        const frame = subFrame ? { url: 'app://tresen/index.html' } : { url }
        if (!subFrame) own.mainFrame.url = url
        fc.pre(subFrame || !isAppUrl(url))
        expect(await handler({ sender: own, senderFrame: frame }, {})).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN' },
        })
      }),
      fcParams(budget(100, 5000)),
    )
    own.mainFrame.url = 'app://tresen/index.html'
    expect(await handler({ sender: own, senderFrame: own.mainFrame }, {})).toMatchObject({ ok: true })
    expect(
      await handler({ sender: new FakeWebContents(), senderFrame: { url: 'app://tresen/index.html' } }, {}),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('serves nothing outside the renderer folder through app://, however the path is spelled', async () => {
    const paths = [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/..\\secret.txt',
      '/%252e%252e/secret.txt',
      '//..//secret.txt',
      '/index.html%00.js',
      '/renderer/../../secret.txt',
    ]
    for (const path of paths) {
      const res = await fake.protocolHandler!(new Request(`app://tresen${path}`))
      expect(res.status, path).toBe(404)
    }
  })
})

describe('content security policy', () => {
  const directives = (csp: string) =>
    new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    )

  it('allows scripts only from the app itself and connections only to its own origin (no ws://…:* anywhere)', () => {
    const csp = directives(CONTENT_SECURITY_POLICY)
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('connect-src')).toEqual(["'self'"])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/ws:|wss:|localhost|127\.0\.0\.1|\*/)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:/)
  })

  it('the pages get the one policy as their meta tag at build time (frame-ancestors only works as a header)', () => {
    const header = directives(CONTENT_SECURITY_POLICY)
    header.delete('frame-ancestors')
    for (const page of ['index.html', 'display.html', 'headoffice.html']) {
      const source = readFileSync(join(ROOT, 'renderer', page), 'utf8')
      // The source holds no policy of its own, only the placeholder the build fills in.
      expect(source, page).not.toMatch(/default-src/)
      const html = withContentSecurityPolicy(source)
      const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)
      expect(meta, page).not.toBeNull()
      expect(directives(meta![1]), page).toEqual(header)
    }
    const config = readFileSync(join(ROOT, 'electron.vite.config.ts'), 'utf8')
    expect(config).toContain('withContentSecurityPolicy')
    expect(config).toMatch(/sourcemap: false/)
  })

  it('never serves a source map, even one left in the renderer folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tresen-maps-'))
    try {
      mkdirSync(join(root, 'assets'))
      writeFileSync(join(root, 'assets', 'index.js'), 'x')
      writeFileSync(join(root, 'assets', 'index.js.map'), '{"sources":["secret.ts"]}')
      expect(await readStatic(root, '/assets/index.js')).not.toBeNull()
      expect(await readStatic(root, '/assets/index.js.map')).toBeNull()
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
