// The shop in a box for the chaos and soak suites and the bench: the built browser host as its own
// process (`node out/main/host.js --data-dir D --config D/config.json`, demo devices) talking to a
// secuconnect simulator that runs in the test process, so the test sees every transaction and can kill
// the host with SIGKILL and start it again on the same data dir.
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { ApiStatus } from '../../common/api-status'
import { startSimulator, type Simulator } from '../../simulator'
import { WebSocket } from 'ws'
import { connectHost, type HostClient } from './host-client'

const ROOT = join(__dirname, '..', '..')

export interface HostProcess {
  url: string
  child: ChildProcess
  output(): string
  /** With `inspect`: main's live JS heap in bytes after full garbage collections (via the inspector). */
  liveHeap(): Promise<number>
  /**
   * V8's heap after those collections as the host sees it: committed and used bytes per space
   * (`v8.getHeapSpaceStatistics()`), to tell live objects from pages V8 keeps (docs/memory.md).
   */
  heapSpaces(): Promise<HeapSpace[]>
  /** The inspector's WebSocket URL when started with inspect (for profiling a run by hand). */
  inspectorUrl(): string | undefined
  /** Stops the host (SIGTERM: graceful; SIGKILL: a crash) and resolves when it is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>
}

let snapshot: string | null = null

/**
 * A private copy of the built app (out/) for this test process, inside the repo so node_modules resolve:
 * a long run must not pick up a rebuild someone starts in the shared checkout halfway through.
 */
function builtHost(): string {
  if (snapshot && existsSync(snapshot)) return snapshot
  const dir = join(ROOT, 'test-results', 'stress-build', String(process.pid))
  rmSync(dir, { recursive: true, force: true })
  cpSync(join(ROOT, 'out'), join(dir, 'out'), { recursive: true })
  snapshot = join(dir, 'out', 'main', 'host.js')
  if (!existsSync(snapshot))
    throw new Error('out/main/host.js is missing: build the app first (npm run build:app)')
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  return snapshot
}

/** `node out/main/host.js --data-dir D [--config C] --port 0`; resolves once it printed its URL. */
export async function spawnHost(
  dataDir: string,
  configPath?: string,
  env: NodeJS.ProcessEnv = {},
  options: { inspect?: boolean } = {},
): Promise<HostProcess> {
  // A crash point needs the test-only entry (hooks are not in the production build): it runs from
  // source through tsx and serves the same built renderer.
  const host = builtHost()
  const crash = env.TRESEN_CRASH_AT !== undefined
  const entry = crash
    ? ['--no-warnings', '--import', 'tsx', join(ROOT, 'test', 'chaos', 'crash-host.ts')]
    : [host]
  if (crash) env = { ...env, TRESEN_RENDERER_DIR: join(dirname(host), '..', 'renderer') }
  const args = [
    ...(options.inspect ? ['--inspect=127.0.0.1:0'] : []),
    ...entry,
    '--data-dir',
    dataDir,
    ...(configPath ? ['--config', configPath] : []),
    '--port',
    '0',
  ]
  // TRESEN_HOST_HEAPTRACK=<file>: the host runs under heaptrack (native allocation profile, README "RSS").
  const heaptrack = process.env.TRESEN_HOST_HEAPTRACK
  const child = spawn(
    heaptrack ? 'heaptrack' : process.execPath,
    heaptrack ? ['-o', heaptrack, process.execPath, ...args] : args,
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  child.stdout!.on('data', (d) => (out += String(d)))
  child.stderr!.on('data', (d) => (out += String(d)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 30_000)
    child.stdout!.on('data', () => {
      const m = /TRESEN_URL=(\S+)/.exec(out)
      // A crash host is ready once its crash point is armed (crash-host.ts).
      if (m && (!crash || out.includes('TRESEN_ARMED'))) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`host exited (${code ?? signal}) before it listened:\n${out}`))
    })
  })
  const gone = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
  return {
    url,
    child,
    output: () => out,
    liveHeap: () => {
      const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(out)?.[1]
      if (!inspector) return Promise.reject(new Error('host was not started with inspect'))
      return inspectorHeap(inspector)
    },
    inspectorUrl: () => /Debugger listening on (ws:\/\/\S+)/.exec(out)?.[1],
    heapSpaces: async () => {
      const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(out)?.[1]
      if (!inspector) throw new Error('host was not started with inspect')
      const json = await inspectorEvaluate(
        inspector,
        "JSON.stringify((({ v8 }) => [...v8.getHeapSpaceStatistics(), { space_name: 'total', ...v8.getHeapStatistics() }])({ v8: process.getBuiltinModule('node:v8') }))",
      )
      return JSON.parse(json) as HeapSpace[]
    },
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return gone
    },
  }
}

export interface HeapSpace {
  /** The last entry, `total`, is `v8.getHeapStatistics()` (all spaces, malloced and external memory). */
  space_name: string
  space_size: number
  space_used_size: number
  space_available_size: number
  physical_space_size: number
}

/** A WebSocket to a process's inspector, open. */
export async function openInspector(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return ws
}

/** Evaluates `expression` (a string result) in the process behind the inspector at `url`. */
async function inspectorEvaluate(url: string, expression: string): Promise<string> {
  const ws = await openInspector(url)
  try {
    return await new Promise<string>((resolve, reject) => {
      ws.on('message', (data: unknown) => {
        const message = JSON.parse(String(data)) as {
          id?: number
          result?: { result?: { value?: unknown }; exceptionDetails?: unknown }
        }
        if (message.id !== 1) return
        const value = message.result?.result?.value
        if (typeof value === 'string') resolve(value)
        else reject(new Error(`inspector evaluate failed: ${JSON.stringify(message.result)}`))
      })
      ws.send(JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression } }))
    })
  } finally {
    ws.close()
  }
}

/** Asks a process's inspector for full GCs, then for the used heap: what is really alive. */
async function inspectorHeap(url: string): Promise<number> {
  const ws = await openInspector(url)
  let id = 0
  const send = (method: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const mine = ++id
      const onMessage = (data: unknown) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown> }
        if (message.id !== mine) return
        ws.off('message', onMessage)
        resolve(message.result ?? {})
      }
      ws.on('message', onMessage)
      ws.send(JSON.stringify({ id: mine, method }))
    })
  try {
    // FinalizationRegistry cleanups (undici's request finalizers) run between collections.
    for (let i = 0; i < 3; i++) {
      await send('HeapProfiler.collectGarbage')
      await new Promise((r) => setTimeout(r, 50))
    }
    return (await send('Runtime.getHeapUsage')).usedSize as number
  } finally {
    ws.close()
  }
}

export interface RigOptions {
  /** Extra config (merged over demo devices + this simulator). */
  config?: Record<string, unknown>
  /** Environment of the host process. */
  env?: NodeJS.ProcessEnv
  /** Start the host with the inspector on loopback, for `host.liveHeap()`. */
  inspect?: boolean
}

export interface Rig {
  sim: Simulator
  dataDir: string
  host: HostProcess
  client: HostClient
  /** Starts the host (again) on the same data dir and pairs it; the simulator keeps running. */
  start(env?: NodeJS.ProcessEnv): Promise<HostClient>
  /** SIGKILL: no shutdown code runs, exactly like a power cut. */
  kill(): Promise<void>
  close(): Promise<void>
}

/** Signs the host in (client credentials; pairing.start fetches the token) and waits until it says so. */
export async function pairHost(client: HostClient): Promise<void> {
  const status = await client.must('api.status')
  if (status.paired) return
  const paired = new Promise<void>((resolve) => {
    const off = client.on('api.changed', (s: ApiStatus) => {
      if (s.paired) {
        off()
        resolve()
      }
    })
  })
  await client.must('pairing.start')
  const deadline = Date.now() + 20_000
  await Promise.race([
    paired,
    (async () => {
      while (Date.now() < deadline) {
        if ((await client.must('api.status')).paired) return
        await new Promise((r) => setTimeout(r, 200))
      }
      throw new Error('host did not pair with the simulator')
    })(),
  ])
}

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const sim = await startSimulator({ port: 0, autoApprove: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'tresen-rig-'))
  const configPath = join(dataDir, 'config.json')
  writeFileSync(
    configPath,
    JSON.stringify(
      {
        demo: true,
        secuconnect: {
          host: sim.url,
          grant: 'client_credentials',
          clientId: 'tresen-rig',
          clientSecret: 'rig-secret',
          deviceSerial: 'rig-1',
        },
        ...options.config,
      },
      null,
      2,
    ),
  )
  const rig = { sim, dataDir } as Rig
  rig.start = async (env) => {
    rig.host = await spawnHost(
      dataDir,
      configPath,
      { ...options.env, ...env },
      { inspect: options.inspect ?? false },
    )
    rig.client = await connectHost(rig.host.url)
    await pairHost(rig.client)
    return rig.client
  }
  rig.kill = async () => {
    rig.client?.close()
    await rig.host?.stop('SIGKILL')
  }
  rig.close = async () => {
    rig.client?.close()
    await rig.host?.stop()
    await sim.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  await rig.start()
  return rig
}

export interface SimulatorProcess {
  url: string
  child: ChildProcess
  stop(): Promise<void>
}

/** The secuconnect simulator as its own process (npm run simulator), on a free port. */
export function simulatorProcess(): Promise<SimulatorProcess> {
  return childSimulator(
    [join(ROOT, 'simulator', 'cli.ts'), '--port', '0', '--auto-approve'],
    /simulator on (http:\/\/127\.0\.0\.1:\d+)/,
  )
}

/**
 * The fiskaly SIGN DE simulator as its own process (npm run tse-simulator), on a free port: a TSE
 * outside the till's process, like a live till's cloud TSS. `credentials` are the API key and secret
 * it accepts.
 */
export function tseSimulatorProcess(credentials: { key: string; secret: string }): Promise<SimulatorProcess> {
  return childSimulator(
    [
      join(ROOT, 'simulator', 'tse', 'cli.ts'),
      '--port',
      '0',
      '--key',
      credentials.key,
      '--secret',
      credentials.secret,
    ],
    /simulator on (http:\/\/127\.0\.0\.1:\d+)\/api\/v2/,
  )
}

async function childSimulator(args: string[], ready: RegExp): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, ['--no-warnings', '--import', 'tsx', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`simulator did not start: ${out}`)), 20_000)
    child.stdout!.on('data', (d) => {
      out += String(d)
      const m = ready.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)))
  })
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
