// `npm start`: the register in Electron. Electron ≥ 42 fetches its binary on first use; where that is
// impossible (no network to the download host), say so and run the same app in the browser host.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const args = process.argv.slice(2)

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' })
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)))
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
}

const build = spawnSync(
  process.execPath,
  // Build warnings and errors only: the console is for the till's own few lines.
  [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'],
  { cwd: root, stdio: 'inherit' },
)
if (build.status !== 0) process.exit(build.status ?? 1)

let electronPath = null
if (!process.env.TRESEN_FORCE_HOST) {
  try {
    // Resolving the package runs its lazy download when the binary is missing.
    electronPath = require('electron')
  } catch (error) {
    console.error(
      `\nElectron kann hier nicht starten / Electron cannot start here: ${error instanceof Error ? error.message : error}`,
    )
  }
}

if (electronPath) {
  run(electronPath, ['.', ...args])
} else {
  console.error(
    'Tresen startet stattdessen im Browser / starting in the browser host instead (npm run host).\n',
  )
  run(process.execPath, [join(root, 'out', 'main', 'host.js'), ...args])
}
