// Builds out/ (electron-vite) when a source is newer than the last build: once before the e2e and stress
// projects (test/e2e/global-setup.ts) and before the benchmarks that run the built host.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..')
const SOURCES = [
  'common',
  'main',
  'preload',
  'renderer',
  'hardware',
  'simulator',
  // The head office CLI and server (out/main/central.js), run by the head office view's e2e test.
  'headoffice',
  'electron.vite.config.ts',
  'package.json',
]
const STAMP = join(ROOT, 'out', '.build-stamp')

function newest(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(path)
      .filter((e) => e !== 'node_modules')
      .map((e) => newest(join(path, e))),
  )
}

export function ensureBuilt(): void {
  const sourcesAt = Math.max(
    ...SOURCES.map((s) => join(ROOT, s))
      .filter(existsSync)
      .map(newest),
  )
  const builtAt = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0
  if (existsSync(join(ROOT, 'out', 'main', 'host.js')) && sourcesAt <= builtAt) return
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    { cwd: ROOT, stdio: 'inherit' },
  )
  writeFileSync(STAMP, new Date().toISOString())
}
