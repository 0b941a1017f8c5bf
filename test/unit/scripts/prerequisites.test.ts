// `npm test` checks the machine before any test: present → run; missing and root with apt → installed
// by apt; otherwise it stops with the one command to run. The machine is a fake here.
import { describe, expect, it } from 'vitest'
import {
  ensurePrerequisites,
  missingPrerequisites,
  PREREQUISITES,
  type Machine,
} from '../../../scripts/prerequisites.mjs'

const ALL_BINS = ['socat', 'udevadm', 'initdb', 'pg_ctl', 'apt-get']
const ALL_FILES = [
  '/usr/bin/chromium',
  '/usr/lib/x86_64-linux-gnu/libusb-1.0.so.0',
  '/usr/lib/x86_64-linux-gnu/libudev.so.1',
]

/** A fake Debian machine; `apt install` makes the packages' files appear. */
function machine(options: {
  bins?: string[]
  files?: string[]
  dirs?: Record<string, string[]>
  isRoot?: boolean
  aptWorks?: boolean
  env?: Record<string, string>
}): Machine & { aptCalls: string[][]; logs: string[] } {
  const bins = new Set(options.bins ?? ALL_BINS)
  const files = new Set(options.files ?? ALL_FILES)
  const aptCalls: string[][] = []
  const logs: string[] = []
  const PROVIDES: Record<string, { bins?: string[]; files?: string[] }> = {
    chromium: { files: ['/usr/bin/chromium'] },
    socat: { bins: ['socat'] },
    udev: { bins: ['udevadm'] },
    'libusb-1.0-0': { files: ['/usr/lib/x86_64-linux-gnu/libusb-1.0.so.0'] },
    libudev1: { files: ['/lib/x86_64-linux-gnu/libudev.so.1'] },
    postgresql: { files: ['/usr/lib/postgresql/17/bin/initdb', '/usr/lib/postgresql/17/bin/pg_ctl'] },
  }
  const dirs = { ...(options.dirs ?? {}) }
  return {
    which: (cmd) => bins.has(cmd),
    exists: (path) => files.has(path),
    list: (dir) => dirs[dir] ?? [],
    arch: 'x64',
    isRoot: options.isRoot ?? false,
    env: options.env ?? {},
    apt(args) {
      aptCalls.push(args)
      if (args[0] !== 'install' || options.aptWorks === false) return options.aptWorks === false ? 100 : 0
      for (const pkg of args.filter((a) => !a.startsWith('-') && a !== 'install')) {
        for (const b of PROVIDES[pkg]?.bins ?? []) bins.add(b)
        for (const f of PROVIDES[pkg]?.files ?? []) files.add(f)
        if (pkg === 'postgresql') dirs['/usr/lib/postgresql'] = ['17']
      }
      return 0
    },
    log: (text) => void logs.push(text),
    aptCalls,
    logs,
  }
}

describe('npm test prerequisites', () => {
  it('names chromium, socat, udev, libusb, libudev and postgresql as the Debian packages', () => {
    expect(PREREQUISITES.map((p) => p.pkg)).toEqual([
      'chromium',
      'socat',
      'udev',
      'libusb-1.0-0',
      'libudev1',
      'postgresql',
    ])
  })

  it('runs with nothing to do on a machine that has everything', () => {
    const m = machine({ isRoot: true })
    expect(ensurePrerequisites(m)).toEqual({ ok: true, installed: [] })
    expect(m.aptCalls).toEqual([])
  })

  it("finds Debian's initdb/pg_ctl under /usr/lib/postgresql/<version>/bin when they are not on PATH", () => {
    const m = machine({
      bins: ['socat', 'udevadm'],
      files: [...ALL_FILES, '/usr/lib/postgresql/15/bin/initdb', '/usr/lib/postgresql/15/bin/pg_ctl'],
      dirs: { '/usr/lib/postgresql': ['15'] },
    })
    expect(missingPrerequisites(m)).toEqual([])
    const onlyInitdb = machine({
      bins: ['socat', 'udevadm'],
      files: [...ALL_FILES, '/usr/lib/postgresql/15/bin/initdb'],
      dirs: { '/usr/lib/postgresql': ['15'] },
    })
    expect(missingPrerequisites(onlyInitdb).map((p) => p.pkg)).toEqual(['postgresql'])
  })

  it('honours CHROMIUM_PATH instead of /usr/bin/chromium', () => {
    const files = ALL_FILES.filter((f) => f !== '/usr/bin/chromium')
    expect(
      missingPrerequisites(machine({ files, env: { CHROMIUM_PATH: '/opt/chromium/chrome' } })).map(
        (p) => p.pkg,
      ),
    ).toEqual(['chromium'])
    expect(
      missingPrerequisites(
        machine({
          files: [...files, '/opt/chromium/chrome'],
          env: { CHROMIUM_PATH: '/opt/chromium/chrome' },
        }),
      ),
    ).toEqual([])
  })

  it('as root with apt, installs exactly the missing packages and runs', () => {
    const m = machine({
      isRoot: true,
      bins: ['apt-get', 'udevadm'],
      files: ['/usr/lib/x86_64-linux-gnu/libusb-1.0.so.0'],
    })
    expect(ensurePrerequisites(m)).toEqual({
      ok: true,
      installed: ['chromium', 'socat', 'libudev1', 'postgresql'],
    })
    expect(m.aptCalls).toEqual([
      ['update', '-qq'],
      ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'socat', 'libudev1', 'postgresql'],
    ])
    expect(m.logs.join('')).toContain('installing chromium socat libudev1 postgresql')
  })

  it('without root, stops at once with the one command to run and installs nothing', () => {
    const m = machine({ isRoot: false, bins: ['apt-get', 'socat', 'udevadm', 'initdb', 'pg_ctl'], files: [] })
    const result = ensurePrerequisites(m)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.missing).toEqual(['chromium', 'libusb-1.0-0', 'libudev1'])
    expect(result.message).toContain('npm test braucht / needs: Chromium, libusb, libudev.')
    const commands = result.message.split('\n').filter((l) => l.startsWith('  '))
    expect(commands).toEqual([
      '  sudo apt-get install -y --no-install-recommends chromium libusb-1.0-0 libudev1',
    ])
    expect(m.aptCalls).toEqual([])
  })

  it('as root without apt (not Debian), stops with the command instead of guessing', () => {
    const m = machine({ isRoot: true, bins: ['udevadm', 'initdb', 'pg_ctl'] })
    const result = ensurePrerequisites(m)
    expect(result).toMatchObject({ ok: false, missing: ['socat'] })
    expect(m.aptCalls).toEqual([])
  })

  it('stops with the command when apt fails', () => {
    const m = machine({ isRoot: true, aptWorks: false, bins: ['apt-get', 'udevadm', 'initdb', 'pg_ctl'] })
    const result = ensurePrerequisites(m)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.missing).toEqual(['socat'])
    expect(result.message).toContain('sudo apt-get install -y --no-install-recommends socat')
  })
})
