// `npm run central -- try --db URL`: the README's local trial — two tills of the shop "korn-markt" (browser
// hosts in demo mode, each with its own data dir and the head office link) and the head office view, all
// on this machine. Stops all three with Ctrl+C.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export async function tryTwoTills(db: string, baseDir: string): Promise<void> {
  const hostJs = resolve(__dirname, 'host.js')
  const children: ChildProcess[] = []
  const tills = [
    { tillId: 'markt-1', shopId: 'korn-markt' },
    { tillId: 'markt-2', shopId: 'korn-markt' },
  ]
  for (const till of tills) {
    const dataDir = join(baseDir, till.tillId)
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    const config = join(dataDir, 'config.json')
    writeFileSync(
      config,
      JSON.stringify({ demo: true, tillId: till.tillId, central: { url: db, shopId: till.shopId } }, null, 2),
      { mode: 0o600 },
    )
    const child = spawn(process.execPath, [hostJs, '--data-dir', dataDir, '--config', config], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    children.push(child)
    child.stdout?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n'))
        if (line.startsWith('TRESEN_URL=')) console.log(`Kasse / till ${till.tillId}: ${line.slice(11)}`)
    })
  }
  const office = spawn(process.execPath, [resolve(__dirname, 'central.js'), 'serve', '--db', db], {
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  children.push(office)
  const stop = () => {
    for (const c of children) c.kill('SIGTERM')
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
