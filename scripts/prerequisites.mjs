// What `npm test` needs from the machine besides node_modules, checked before any test runs:
// Debian's Chromium (e2e, never `playwright install`), socat (virtual serial ports), udevadm (serialport's
// port list), libusb and libudev (node-hid's prebuilt binding) and the PostgreSQL server binaries
// initdb/pg_ctl (multi-till tests). As root with apt, the missing ones are installed; otherwise the run
// stops at once with the one command that installs them. Every effect goes through `env`, so the logic
// is tested without touching the machine (test/unit/prerequisites.test.ts).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { delimiter, join } from 'node:path'

const TRIPLETS = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu', arm: 'arm-linux-gnueabihf' }

/** @typedef {{ which(cmd: string): boolean, exists(path: string): boolean, list(dir: string): string[], arch: string, isRoot: boolean, env: Record<string, string | undefined>, apt(args: string[]): number, log(text: string): void }} Machine */

/** @param {Machine} m @param {string} file */
function hasLibrary(m, file) {
  const triplet = TRIPLETS[/** @type {keyof typeof TRIPLETS} */ (m.arch)] ?? ''
  const dirs = [`/usr/lib/${triplet}`, `/lib/${triplet}`, '/usr/lib64', '/lib64', '/usr/lib', '/lib']
  return dirs.some((dir) => m.exists(join(dir, file)))
}

/** Debian puts initdb/pg_ctl under /usr/lib/postgresql/<version>/bin, not on PATH. @param {Machine} m */
function hasPostgresServer(m) {
  if (m.which('initdb') && m.which('pg_ctl')) return true
  return m
    .list('/usr/lib/postgresql')
    .some(
      (v) =>
        m.exists(`/usr/lib/postgresql/${v}/bin/initdb`) && m.exists(`/usr/lib/postgresql/${v}/bin/pg_ctl`),
    )
}

/** name, Debian package, present? */
export const PREREQUISITES = [
  {
    name: 'Chromium',
    pkg: 'chromium',
    /** @param {Machine} m */
    present: (m) => (m.env.CHROMIUM_PATH ? m.exists(m.env.CHROMIUM_PATH) : m.exists('/usr/bin/chromium')),
  },
  { name: 'socat', pkg: 'socat', /** @param {Machine} m */ present: (m) => m.which('socat') },
  { name: 'udevadm', pkg: 'udev', /** @param {Machine} m */ present: (m) => m.which('udevadm') },
  {
    name: 'libusb',
    pkg: 'libusb-1.0-0',
    /** @param {Machine} m */ present: (m) => hasLibrary(m, 'libusb-1.0.so.0'),
  },
  {
    name: 'libudev',
    pkg: 'libudev1',
    /** @param {Machine} m */ present: (m) => hasLibrary(m, 'libudev.so.1'),
  },
  {
    name: 'PostgreSQL server (initdb, pg_ctl)',
    pkg: 'postgresql',
    /** @param {Machine} m */
    present: (m) => hasPostgresServer(m),
  },
]

/** @param {Machine} m */
export function missingPrerequisites(m) {
  return PREREQUISITES.filter((p) => !p.present(m))
}

/** The one command a user runs to install `pkgs`. @param {string[]} pkgs */
export function installCommand(pkgs) {
  return `sudo apt-get install -y --no-install-recommends ${pkgs.join(' ')}`
}

/**
 * Checks, installs as root with apt, checks again.
 * @param {Machine} m
 * @returns {{ ok: true, installed: string[] } | { ok: false, missing: string[], message: string }}
 */
export function ensurePrerequisites(m) {
  const missing = missingPrerequisites(m)
  if (missing.length === 0) return { ok: true, installed: [] }
  const pkgs = missing.map((p) => p.pkg)
  const names = missing.map((p) => p.name).join(', ')
  if (m.isRoot && m.which('apt-get')) {
    m.log(`npm test: installiere / installing ${pkgs.join(' ')} (apt-get) …\n`)
    const updated = m.apt(['update', '-qq'])
    const installed =
      updated === 0 ? m.apt(['install', '-y', '-qq', '--no-install-recommends', ...pkgs]) : updated
    const still = missingPrerequisites(m)
    if (installed === 0 && still.length === 0) return { ok: true, installed: pkgs }
    const left = (still.length ? still : missing).map((p) => p.pkg)
    return {
      ok: false,
      missing: left,
      message:
        `npm test: apt-get konnte ${left.join(' ')} nicht installieren / could not install them (exit ${installed}).\n` +
        `  ${installCommand(left)}\n`,
    }
  }
  return {
    ok: false,
    missing: pkgs,
    message:
      `npm test braucht / needs: ${names}.\n` +
      'Einmal ausführen, dann erneut npm test / run once, then npm test again:\n' +
      `  ${installCommand(pkgs)}\n`,
  }
}

/** The real machine. @returns {Machine} */
export function thisMachine() {
  const path = (process.env.PATH ?? '').split(delimiter).filter(Boolean)
  return {
    which: (cmd) => path.some((dir) => existsSync(join(dir, cmd))),
    exists: (p) => existsSync(p),
    list: (dir) => {
      try {
        return readdirSync(dir)
      } catch {
        return []
      }
    },
    arch: process.arch,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    env: process.env,
    apt: (args) =>
      spawnSync('apt-get', args, {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status ?? 1,
    log: (text) => void process.stderr.write(text),
  }
}
