// Real kernel ttys for serial tests: a socat pty pair with stable symlinks. kill() is the "unplug" (the
// driver's side then gets EIO/close, as with a pulled USB-serial adapter); restart() plugs back in
// under the same paths.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface PtyPair {
  /** The driver's end. */
  readonly a: string
  /** The device's end (where the emulated printer or drawer listens). */
  readonly b: string
  /** Unplug: ends socat, both ends vanish. */
  kill(): Promise<void>
  /** Plug back in under the same paths. */
  restart(): Promise<void>
  /** kill() and remove the temp directory; for afterEach/afterAll. */
  dispose(): Promise<void>
}

const SOCAT = '/usr/bin/socat'

export async function openPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'tresen-pty-'))
  const a = join(dir, 'a')
  const b = join(dir, 'b')
  let child: ChildProcess | null = null

  const start = async () => {
    const proc = spawn(SOCAT, ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    child = proc
    let stderr = ''
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`socat did not start: ${stderr}`)), 5000)
      proc.stderr?.on('data', (d: Buffer) => {
        stderr += d.toString()
        // socat logs this once both ptys exist and the links are in place.
        if (stderr.includes('starting data transfer loop') && existsSync(a) && existsSync(b)) {
          clearTimeout(timer)
          resolve()
        }
      })
      proc.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`socat exited with ${code}: ${stderr}`))
      })
    })
  }

  const kill = async () => {
    const proc = child
    child = null
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
    proc.kill('SIGTERM')
    await exited
  }

  // A crashed test run must not leave socat behind.
  const reap = () => child?.kill('SIGKILL')
  process.once('exit', reap)

  await start()
  return {
    a,
    b,
    kill,
    restart: async () => {
      await kill()
      await start()
    },
    dispose: async () => {
      process.off('exit', reap)
      await kill()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
