// `npm test`: checks the machine's prerequisites, then every suite (unit, integration, e2e in Chromium) in
// one vitest run, then one plain closing line `N passed, N failed` counting every test that ran — what CI reads.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensurePrerequisites, thisMachine } from '../scripts/prerequisites.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

// System packages first (scripts/prerequisites.mjs): installed as root with apt, otherwise one command
// to run — before hundreds of tests fail for a missing Chromium.
const prerequisites = ensurePrerequisites(thisMachine())
if (!prerequisites.ok) {
  process.stderr.write(prerequisites.message)
  console.log('0 passed, 1 failed')
  process.exit(1)
}
const report = join(root, 'test-results', 'vitest.json')
mkdirSync(dirname(report), { recursive: true })
rmSync(report, { force: true })

const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs')
const run = spawnSync(
  process.execPath,
  [
    vitest,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: process.env },
)

let passed = 0
let failed = 0
let skipped = 0
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'))
  passed = json.numPassedTests ?? 0
  failed = json.numFailedTests ?? 0
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0)
  // A file that failed to load has no test results; count it as a failure so it cannot hide.
  for (const file of json.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed += 1
  }
} else {
  failed += 1
}
const code = run.status ?? 1
if (code !== 0 && failed === 0) failed = 1
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(code)
