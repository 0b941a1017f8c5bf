// electron-builder cannot run here (it downloads Electron and its toolsets), so its config is checked
// by reading it: the keys that keep native drivers working and the journal safe must stay as they are.
import { describe, expect, it } from 'vitest'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

const ROOT = join(__dirname, '..', '..')
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'))
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))

describe('electron-builder.yml', () => {
  it('packages only the build output and never rebuilds native modules', () => {
    expect(config.files).toEqual(['out/**'])
    expect(config.asarUnpack).toContain('**/*.node')
    expect(config.npmRebuild).toBe(false)
    expect(config.nodeGypRebuild).toBe(false)
    expect(config.buildDependenciesFromSource).toBe(false)
    expect(config.productName).toBe('Tresen')
    expect(config.publish).toBeNull()
  })

  it('builds deb and AppImage for Linux and NSIS for Windows', () => {
    expect(config.linux.target.map((t: { target: string }) => t.target)).toEqual(['deb', 'AppImage'])
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis'])
  })

  it('ships the udev rule and install scripts, and depends on the libraries node-hid links', () => {
    expect(config.deb.depends).toEqual(
      expect.arrayContaining(['libudev1', 'libusb-1.0-0', 'udev', 'libnss3', 'libgtk-3-0']),
    )
    for (const script of [config.deb.afterInstall, config.deb.afterRemove]) {
      expect(statSync(join(ROOT, script)).mode & 0o111).not.toBe(0)
    }
    const rule = config.extraResources.find((r: { to: string }) => r.to === 'udev/99-tresen.rules')
    expect(readFileSync(join(ROOT, rule.from), 'utf8')).toMatch(/KERNEL=="hidraw\*"/)
    expect(readFileSync(join(ROOT, config.deb.afterInstall), 'utf8')).toContain(rule.to)
  })

  it('keeps the journal on uninstall and locks the Electron fuses', () => {
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false)
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      enableNodeCliInspectArguments: false,
    })
  })
})

describe('package.json', () => {
  it('points Electron at the build output, stays CommonJS, and ships only the native drivers', () => {
    expect(pkg.name).toBe('tresen')
    expect(pkg.main).toBe('./out/main/index.js')
    expect(pkg.type).toBeUndefined()
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['node-hid', 'serialport'])
    expect(pkg.scripts.postinstall).toBeUndefined()
  })

  it('pins Electron ≥ 42 (no install-time download) and Node 24 for the scripts', () => {
    expect(Number(pkg.devDependencies.electron.split('.')[0])).toBeGreaterThanOrEqual(42)
    expect(pkg.devDependencies.node.split('.')[0]).toBe('24')
    expect(process.versions.node.split('.')[0]).toBe('24')
  })
})
