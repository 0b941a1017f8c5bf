import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { configPathFromArgs, loadConfig } from '../../../main/config/load-config'
import { LIVE_CONFIG as LIVE } from '../../fixtures/live-config'

let dir: string
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tresen-config-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const write = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('loadConfig', () => {
  it('runs in demo mode with virtual devices and the simulator when no file exists', async () => {
    const loaded = await loadConfig({ argv: [], dataDir: dir })
    expect(loaded.ok).toBe(true)
    if (!loaded.ok) return
    expect(loaded.source.kind).toBe('demo')
    expect(loaded.config).toMatchObject({
      demo: true,
      locale: 'de',
      secuconnect: { host: 'simulator' },
      devices: {
        scanner: { driver: 'virtual' },
        printer: { driver: 'virtual' },
        drawer: { driver: 'virtual' },
      },
    })
  })

  it('reads config.json from the data dir and fills defaults', async () => {
    write('config.json', JSON.stringify({ ...LIVE, shop: { name: 'Bäckerei Korn' }, locale: 'en' }))
    const loaded = await loadConfig({ argv: [], dataDir: dir })
    expect(loaded).toMatchObject({
      ok: true,
      source: { kind: 'file' },
      config: { demo: false, locale: 'en', shop: { name: 'Bäckerei Korn' }, receipt: { policy: 'ask' } },
    })
  })

  it('takes --config over the data dir, and a named file that is missing is an error, not demo mode', async () => {
    const path = write('till.json', JSON.stringify({ ...LIVE, tillId: 'kasse-7' }))
    expect(configPathFromArgs(['--config', path])).toBe(path)
    expect(configPathFromArgs([`--config=${path}`])).toBe(path)
    expect(await loadConfig({ argv: ['--config', path], dataDir: dir })).toMatchObject({
      ok: true,
      config: { tillId: 'kasse-7' },
    })
    const missing = await loadConfig({ argv: ['--config', join(dir, 'nope.json')], dataDir: dir })
    expect(missing).toMatchObject({ ok: false })
    if (!missing.ok) expect(missing.message).toContain('nicht gefunden')
  })

  it('names each bad field and its problem in German and English', async () => {
    write(
      'config.json',
      JSON.stringify({
        receipt: { policy: 'sometimes' },
        devices: { printer: { driver: 'tcp', port: 70000 } },
        shop: { name: '' },
        tillid: 'typo',
      }),
    )
    const loaded = await loadConfig({ argv: [], dataDir: dir })
    expect(loaded.ok).toBe(false)
    if (loaded.ok) return
    const paths = loaded.issues.map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['receipt.policy', 'devices.printer.port', 'shop.name']))
    expect(loaded.issues.some((i) => i.de.includes('tillid') || i.en.includes('tillid'))).toBe(true)
    expect(loaded.message).toMatch(/^Tresen startet nicht: die Konfiguration .* ist ungültig\./)
    expect(loaded.message).toContain('Tresen will not start')
    const port = loaded.issues.find((i) => i.path === 'devices.printer.port')!
    expect(port.de).toMatch(/Zu groß/)
    expect(port.en).toMatch(/Too big/)
  })

  it('refuses a file that is not JSON, naming the parse problem', async () => {
    write('config.json', '{ "locale": "de", }')
    const loaded = await loadConfig({ argv: [], dataDir: dir })
    expect(loaded).toMatchObject({ ok: false, issues: [{ path: '(JSON)' }] })
  })

  it('accepts a UTF-8 BOM, as Windows editors write it', async () => {
    write('config.json', '\uFEFF' + JSON.stringify({ demo: true, locale: 'en' }))
    expect(await loadConfig({ argv: [], dataDir: dir })).toMatchObject({ ok: true, config: { locale: 'en' } })
  })
})

describe('loadConfig: the TSE must be chosen outside demo mode', () => {
  it('refuses a live config without fiscal.tse, in German and English; "none" written out is accepted', async () => {
    const { fiscal: _fiscal, ...withoutTse } = LIVE as Record<string, unknown>
    write('config.json', JSON.stringify({ ...withoutTse, locale: 'en' }))
    const refused = await loadConfig({ argv: [], dataDir: dir })
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.issues).toEqual([
      expect.objectContaining({
        path: 'fiscal.tse',
        de: expect.stringMatching(/"none"/),
        en: expect.stringMatching(/"none"/),
      }),
    ])
    write('config.json', JSON.stringify({ ...LIVE, fiscal: { tse: 'none' } }))
    expect(await loadConfig({ argv: [], dataDir: dir })).toMatchObject({
      ok: true,
      config: { fiscal: { tse: 'none' } },
    })
    write('config.json', JSON.stringify({ ...LIVE, fiscal: { tse: 'simulator' } }))
    const simulated = await loadConfig({ argv: [], dataDir: dir })
    expect(simulated).toMatchObject({ ok: false, issues: [{ path: 'fiscal.tse' }] })
    write('config.json', JSON.stringify({ demo: true }))
    expect(await loadConfig({ argv: [], dataDir: dir })).toMatchObject({ ok: true })
  })
})
