// A live config (no "demo": true) never runs on demo parts: the README's "Example for a real till" starts,
// and the same file with one block removed, or with a demo part written in, is refused by name in German
// and English.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../../main/config/load-config'

let dir: string
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tresen-live-config-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** The JSON block that follows "Example for a real till:" in the README, as a shop owner copies it. */
function readmeExample(): Record<string, unknown> {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8')
  const m = /Example for a real till:\s*```json\n([\s\S]*?)\n```/.exec(readme)
  if (!m) throw new Error('README has no "Example for a real till" JSON block')
  return JSON.parse(m[1]) as Record<string, unknown>
}

async function load(config: unknown) {
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config))
  return loadConfig({ argv: [], dataDir: dir })
}

async function refusal(config: unknown) {
  const loaded = await load(config)
  if (loaded.ok) throw new Error('expected the config to be refused')
  return loaded
}

describe('a live config', () => {
  it("starts from the README's example for a real till, as written", async () => {
    const loaded = await load(readmeExample())
    expect(loaded).toMatchObject({
      ok: true,
      source: { kind: 'file' },
      config: { demo: false, devices: { printer: { driver: 'tcp' } } },
    })
  })

  for (const block of ['secuconnect', 'devices', 'catalog', 'sellers']) {
    it(`refuses the README example without its "${block}" block and names the block in German and English`, async () => {
      const config = readmeExample()
      delete config[block]
      const loaded = await refusal(config)
      expect(loaded.issues.map((i) => i.path)).toEqual([block])
      expect(loaded.issues[0].de).toMatch(/^fehlt — außerhalb des Demo-Modus/)
      expect(loaded.issues[0].en).toMatch(/^missing — outside demo mode/)
      expect(loaded.message).toContain(`• ${block}: fehlt`)
      expect(loaded.message).toContain('Tresen will not start')
    })
  }

  for (const device of ['scanner', 'printer', 'drawer']) {
    it(`refuses the example without devices.${device}`, async () => {
      const config = readmeExample() as { devices: Record<string, unknown> }
      delete config.devices[device]
      expect((await refusal(config)).issues.map((i) => i.path)).toEqual([`devices.${device}`])
    })
  }

  it('refuses a secuconnect block without its host (the simulator would be the default)', async () => {
    const config = readmeExample() as { secuconnect: Record<string, unknown> }
    delete config.secuconnect.host
    expect((await refusal(config)).issues.map((i) => i.path)).toEqual(['secuconnect.host'])
  })

  it('refuses the simulator, virtual devices and the demo sellers by name', async () => {
    const config = readmeExample() as Record<string, Record<string, unknown>>
    config.secuconnect.host = 'simulator'
    config.devices.printer = { driver: 'virtual' }
    config.devices.drawer = { driver: 'virtual' }
    config.sellers = [
      { id: 'chefin', name: 'Chefin', pin: '9999', role: 'manager' },
      { id: 'eva', name: 'Eva', pin: '1111' },
    ] as unknown as Record<string, unknown>
    const loaded = await refusal(config)
    expect(loaded.issues.map((i) => i.path)).toEqual([
      'secuconnect.host',
      'devices.printer.driver',
      'devices.drawer.driver',
      'sellers.0.id',
      'sellers.0.pin',
      'sellers.1.pin',
    ])
    const host = loaded.issues[0]
    expect(host.de).toContain('nur im Demo-Modus')
    expect(host.en).toContain('demo mode only')
    expect(loaded.message).toContain('• devices.printer.driver: "virtual" gibt es nur im Demo-Modus')
  })

  it('names every missing block at once for a file with none of them', async () => {
    const loaded = await refusal({ shop: { name: 'Bäckerei Korn' } })
    expect(loaded.issues.map((i) => i.path)).toEqual([
      'secuconnect',
      'devices',
      'catalog',
      'sellers',
      'fiscal.tse',
    ])
  })

  it('lets demo mode use the demo parts, written or defaulted', async () => {
    expect(await load({ demo: true })).toMatchObject({
      ok: true,
      config: { secuconnect: { host: 'simulator' } },
    })
    const written = await load({
      demo: true,
      secuconnect: { host: 'simulator' },
      devices: { printer: { driver: 'virtual' } },
      sellers: [{ id: 'chefin', name: 'Chefin', pin: '9999', role: 'manager' }],
    })
    expect(written.ok).toBe(true)
  })

  it('still runs demo mode when there is no config file at all', async () => {
    expect(await loadConfig({ argv: [], dataDir: dir })).toMatchObject({
      ok: true,
      config: { demo: true, secuconnect: { host: 'simulator' }, devices: { scanner: { driver: 'virtual' } } },
    })
  })

  it('says an empty (0-byte) config file is empty, with its path', async () => {
    writeFileSync(join(dir, 'config.json'), '')
    const loaded = await loadConfig({ argv: [], dataDir: dir })
    expect(loaded.ok).toBe(false)
    if (loaded.ok) return
    expect(loaded.message).toContain(join(dir, 'config.json'))
    expect(loaded.issues[0].de).toContain('die Datei ist leer')
    expect(loaded.issues[0].en).toContain('the file is empty')
  })
})
