// What a shop owner sees in the terminal of `npm run host` (the built host): short human lines — the URL,
// the mode, the log file, problems — with the JSON log in logs/tresen.log; `--log-format json` puts JSON
// on stdout instead; no Node SQLite warning; a live config missing a block is refused in plain words.
// Also: the built entry chunks carry no simulator code (each simulator is a chunk of its own).
import { afterEach, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LIVE_CONFIG } from '../fixtures/live-config'

const ROOT = join(__dirname, '..', '..')
const HOST = join(ROOT, 'out', 'main', 'host.js')
let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

/** Runs the host until `until` matches its stdout (then SIGTERM) or it exits; returns what it printed. */
function runHost(
  args: string[],
  until: RegExp | null,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOST, '--port', '0', ...args], { cwd: ROOT, stdio: 'pipe' })
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`host did not get there:\n${stdout}\n${stderr}`))
    }, 20_000)
    child.stdout.on('data', (d) => {
      stdout += String(d)
      if (until && until.test(stdout)) child.kill('SIGTERM')
    })
    child.stderr.on('data', (d) => (stderr += String(d)))
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ stdout, stderr, code })
    })
  })
}

describe('the host console', () => {
  it('prints short human lines and writes the JSON log into the data dir', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tresen-console-'))
    const data = join(dir, 'data')
    const { stdout, stderr } = await runHost(['--data-dir', data], /TRESEN_URL=/)
    const lines = stdout.trim().split('\n')
    expect(lines).toContain('Tresen läuft im Browser / runs in the browser (Demo-Modus / demo mode):')
    expect(lines).toContain(`Protokoll / log: ${join(data, 'logs', 'tresen.log')}`)
    expect(lines.some((l) => /^ {2}http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(l))).toBe(true)
    // No JSON and no Node warning in the terminal.
    for (const line of [...lines, ...stderr.split('\n')]) expect(line.startsWith('{')).toBe(false)
    expect(stdout + stderr).not.toContain('ExperimentalWarning')
    expect(stdout + stderr).not.toContain('SQLite')
    const log = readFileSync(join(data, 'logs', 'tresen.log'), 'utf8')
      .trim()
      .split('\n')
    const events = log.map((l) => (JSON.parse(l) as { event: string }).event)
    expect(events).toContain('app.started')
    expect(events).toContain('host.listening')
  })

  it('with --log-format json prints only JSON lines on stdout and writes no log file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tresen-console-'))
    const data = join(dir, 'data')
    const { stdout, stderr } = await runHost(['--data-dir', data, '--log-format', 'json'], /"host\.url"/)
    const entries = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; data?: { url?: string } })
    expect(entries.find((e) => e.event === 'host.url')?.data?.url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/\?token=/,
    )
    expect(entries.map((e) => e.event)).toContain('app.started')
    expect(stderr).toBe('')
    expect(existsSync(join(data, 'logs'))).toBe(false)
  })

  it('refuses a live config without its sellers block in plain German and English, without a stack', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tresen-console-'))
    const config = join(dir, 'config.json')
    const { sellers: _left, ...withoutSellers } = LIVE_CONFIG
    writeFileSync(config, JSON.stringify(withoutSellers))
    const { stdout, stderr, code } = await runHost(
      ['--data-dir', join(dir, 'data'), '--config', config],
      null,
    )
    expect(code).toBe(78)
    expect(stdout).toBe('')
    expect(stderr).toContain(`Tresen startet nicht: die Konfiguration ${config} ist ungültig.`)
    expect(stderr).toContain('• sellers: fehlt — außerhalb des Demo-Modus')
    expect(stderr).toContain('missing — outside demo mode')
    expect(stderr).not.toMatch(/\n\s+at /)
  })
})

/** A string of both simulators' HTTP server code (simulator/server.ts, simulator/tse/index.ts), not of any comment. */
const SIMULATOR_CODE = 'admin token required'

describe('the built main bundle', () => {
  it('keeps the payment and TSE simulators out of the entry chunks, each in a lazily loaded chunk of its own', () => {
    const chunks = readdirSync(join(ROOT, 'out', 'main', 'chunks'))
    const simulator = chunks.filter((c) =>
      readFileSync(join(ROOT, 'out', 'main', 'chunks', c), 'utf8').includes(SIMULATOR_CODE),
    )
    // The bundler's 8-character content hash may itself contain "-" (base64url): strip exactly it.
    expect(simulator.map((c) => c.replace(/-[\w-]{8}\.js$/, '')).sort()).toEqual(['simulator', 'tse'])
    for (const entry of ['host.js', 'index.js'])
      expect(readFileSync(join(ROOT, 'out', 'main', entry), 'utf8')).not.toContain(SIMULATOR_CODE)
  })
})
