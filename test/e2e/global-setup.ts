// Builds the app once before the e2e project when the sources are newer than the last build, and checks
// that Debian's Chromium is there (CI installs it; `playwright install` is never used).
import { existsSync } from 'node:fs'
import { ensureBuilt } from '../helpers/build-app'
import { chromiumPath } from './harness'

export default function setup(): void {
  if (!existsSync(chromiumPath())) {
    throw new Error(
      `Chromium not found at ${chromiumPath()}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    )
  }
  ensureBuilt()
}
