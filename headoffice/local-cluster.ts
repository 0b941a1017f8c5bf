// A throwaway PostgreSQL cluster in a folder of our own: `initdb` + `pg_ctl` from Debian's `postgresql`
// package, listening on 127.0.0.1 only. The test harness, the bench and the README's local setup use it;
// a shop runs its own PostgreSQL server instead.
//
// PostgreSQL refuses to run as root (https://www.postgresql.org/docs/current/app-initdb.html), so as
// root the cluster belongs to the `postgres` user and every command runs through `runuser`.
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'

export interface LocalCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string
  port: number
  dir: string
  stop(): void
  /** Stops the server abruptly (immediate shutdown), as a crash or a pulled cable would look to the tills. */
  kill(): void
  start(): void
}

/** The folder with initdb and pg_ctl: Debian keeps them in /usr/lib/postgresql/<major>/bin. */
export function postgresBinDir(): string {
  const base = '/usr/lib/postgresql'
  if (existsSync(base)) {
    const majors = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a))
    if (majors.length > 0) return join(base, majors[0]!, 'bin')
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' })
  if (which.status === 0 && which.stdout.trim()) return join(which.stdout.trim(), '..')
  throw new Error(
    'PostgreSQL server binaries not found (initdb, pg_ctl): apt-get install -y postgresql — ' +
      'PostgreSQL-Serverprogramme nicht gefunden: apt-get install -y postgresql',
  )
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0

function asOwner(bin: string, args: string[]): void {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
}

/**
 * Creates (when new) and starts a cluster in `dir`. `fsync` stays on unless `fast` is asked for: the
 * tests that kill PostgreSQL must see what a real server keeps.
 */
export async function startLocalCluster(
  dir: string,
  options: { port?: number; fast?: boolean } = {},
): Promise<LocalCluster> {
  // PostgreSQL reads the socket folder (-k) after changing into its data folder, so a relative one
  // (the README's `--dir ./.tresen-pg`) would point into nowhere: every path it gets is absolute.
  dir = resolve(dir)
  const bin = postgresBinDir()
  const port = options.port ?? (await freePort())
  const data = join(dir, 'data')
  mkdirSync(dir, { recursive: true })
  if (isRoot()) {
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' })
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' })
    if (pw.status !== 0) throw new Error('user postgres missing: apt-get install -y postgresql')
    chownSync(dir, Number(pw.stdout.trim()), Number(gid.stdout.trim()))
  }
  chmodSync(dir, 0o700)
  if (!existsSync(join(data, 'PG_VERSION'))) {
    asOwner(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'])
  }
  const opts = [
    `-p ${port}`,
    `-k ${dir}`,
    `-c listen_addresses=127.0.0.1`,
    `-c max_connections=200`,
    ...(options.fast ? ['-c fsync=off', '-c full_page_writes=off'] : []),
  ].join(' ')
  const start = () =>
    asOwner(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'server.log'), '-w', 'start'])
  const stopWith = (mode: 'fast' | 'immediate') => void pgStop(bin, data, mode)
  start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    start,
    stop: () => stopWith('fast'),
    kill: () => stopWith('immediate'),
  }
}

/** pg_ctl stop; false when no server was running there. */
function pgStop(bin: string, data: string, mode: 'fast' | 'immediate'): boolean {
  try {
    asOwner(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop'])
    return true
  } catch {
    return false
  }
}

/** Stops the cluster a `startLocalCluster(dir)` left running; false when none runs there. */
export function stopLocalCluster(dir: string): boolean {
  const data = join(resolve(dir), 'data')
  if (!existsSync(join(data, 'PG_VERSION'))) return false
  return pgStop(postgresBinDir(), data, 'fast')
}
