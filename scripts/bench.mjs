// `npm run bench`: the benchmarks (test/bench/run.ts, README "Benchmarks") on the pinned Node, through tsx.
// Builds the app first when the sources are newer than out/ (the Chromium, startup and RSS benches run
// the built host). Prints a table; writes bench-results/bench-<time>.json and bench-results/latest.json.
// Options: --quick (smaller sizes), --only=scan,chromium,tap,sale,card,receipt,journal,startup,tse
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const run = spawnSync(
  process.execPath,
  ['--no-warnings', '--import', 'tsx', join(root, 'test', 'bench', 'run.ts'), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  },
)
process.exit(run.status ?? 1)
