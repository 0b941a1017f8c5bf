// Builds the app once before the e2e project when the sources are newer than the last build, and checks
// that Debian's Chromium is there (CI installs it; `playwright install` is never used).
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromiumPath } from './harness'

const ROOT = join(__dirname, '..', '..')
const SOURCES = [
  'common',
  'main',
  'preload',
  'renderer',
  'hardware',
  'simulator',
  // The head office CLI and server (out/main/central.js) for the head office view's test.
  'headoffice',
  'electron.vite.config.ts',
  'package.json',
]
const STAMP = join(ROOT, 'out', '.build-stamp')

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue
    newest = Math.max(newest, newestMtime(join(path, entry)))
  }
  return newest
}

export default function setup(): void {
  if (!existsSync(chromiumPath())) {
    throw new Error(
      `Chromium not found at ${chromiumPath()}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    )
  }
  const sourcesAt = Math.max(
    ...SOURCES.map((s) => join(ROOT, s))
      .filter(existsSync)
      .map(newestMtime),
  )
  const builtAt = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0
  if (sourcesAt > builtAt || !existsSync(join(ROOT, 'out', 'main', 'host.js'))) {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    )
    writeFileSync(STAMP, new Date().toISOString())
  }
}
