// The console shows short human lines (warnings and errors), the JSON log goes to a file in the data
// dir; `--log-format json` puts JSON on the console and writes no file. Node's SQLite experimental
// warning is silenced, every other warning still goes through.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { humanLine, logFormatFromArgs, runLog } from '../../../main/logging/console-log'
import {
  isSqliteExperimentalWarning,
  silenceSqliteExperimentalWarning,
} from '../../../main/logging/quiet-warnings'
import { manualClock } from '../../../common/ports'

let dataDir: string
beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'tresen-log-'))))
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

describe('the run log', () => {
  it('writes JSON lines to logs/tresen.log and only warnings and errors, as short lines, to the console', () => {
    const console: string[] = []
    const run = runLog({
      dataDir,
      format: 'human',
      clock: manualClock(Date.UTC(2026, 11, 6, 8)),
      console: (t) => void console.push(t),
    })
    run.logger.log('info', 'app.started', { demo: false })
    run.logger.log('warn', 'catalog.import-problems', { source: '/shop/artikel.csv', problems: [1, 2] })
    run.logger.log('error', 'printer.failed', { reason: 'x'.repeat(500) })
    run.logger.log('error', 'config.invalid', { path: '/shop/config.json' })

    expect(run.file).toBe(join(dataDir, 'logs', 'tresen.log'))
    const lines = readFileSync(run.file!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.map((l) => l.event)).toEqual([
      'app.started',
      'catalog.import-problems',
      'printer.failed',
      'config.invalid',
    ])
    expect(lines[0]).toEqual({
      t: '2026-12-06T08:00:00.000Z',
      level: 'info',
      event: 'app.started',
      data: { demo: false },
    })

    // No JSON on the console; the refusal the entry point prints in full is not repeated.
    expect(console).toEqual([
      'Warnung / warning: catalog.import-problems (source=/shop/artikel.csv, problems=[1,2])\n',
      expect.stringMatching(/^Fehler \/ error: printer\.failed \(reason=x{57}…\)\n$/),
    ])
    for (const line of console) expect(line.length).toBeLessThanOrEqual(161)
  })

  it('with --log-format json puts every JSON line on the console and writes no file', () => {
    expect(logFormatFromArgs(['--log-format', 'json'])).toBe('json')
    expect(logFormatFromArgs(['--log-format=json'])).toBe('json')
    expect(logFormatFromArgs(['--port', '0'])).toBe('human')
    expect(logFormatFromArgs(['--log-format', 'xml'])).toEqual({ invalid: 'xml' })
    const console: string[] = []
    const run = runLog({
      dataDir,
      format: 'json',
      clock: manualClock(0),
      console: (t) => void console.push(t),
    })
    run.logger.log('info', 'app.started')
    expect(run.file).toBeNull()
    expect(JSON.parse(console[0])).toMatchObject({ level: 'info', event: 'app.started' })
    expect(existsSync(join(dataDir, 'logs'))).toBe(false)
  })

  it('keeps human lines short and readable', () => {
    expect(humanLine('warn', 'secuconnect.connectivity', { connectivity: 'offline' })).toBe(
      'Warnung / warning: secuconnect.connectivity (connectivity=offline)\n',
    )
    expect(
      humanLine('error', 'x', { a: 'y'.repeat(400), b: 1, c: 2, d: 3, e: 4 }).length,
    ).toBeLessThanOrEqual(161)
  })
})

describe("Node's SQLite experimental warning", () => {
  it('is recognised in the forms Node emits it, and nothing else is', () => {
    const text = 'SQLite is an experimental feature and might change at any time'
    expect(isSqliteExperimentalWarning(text, 'ExperimentalWarning')).toBe(true)
    expect(isSqliteExperimentalWarning(text, { type: 'ExperimentalWarning' })).toBe(true)
    expect(isSqliteExperimentalWarning(Object.assign(new Error(text), { name: 'ExperimentalWarning' }))).toBe(
      true,
    )
    expect(isSqliteExperimentalWarning('WASI is an experimental feature', 'ExperimentalWarning')).toBe(false)
    expect(isSqliteExperimentalWarning(text, 'DeprecationWarning')).toBe(false)
  })

  it('is dropped while other warnings pass through unchanged', () => {
    const emitted: unknown[][] = []
    const proc = {
      emitWarning: ((...args: unknown[]) => void emitted.push(args)) as typeof process.emitWarning,
    }
    silenceSqliteExperimentalWarning(proc)
    silenceSqliteExperimentalWarning(proc)
    proc.emitWarning('SQLite is an experimental feature and might change at any time', 'ExperimentalWarning')
    proc.emitWarning('Buffer() is deprecated', 'DeprecationWarning', 'DEP0005')
    expect(emitted).toEqual([['Buffer() is deprecated', 'DeprecationWarning', 'DEP0005']])
  })

  it('is not printed by a process that silences it before opening the journal', () => {
    const root = join(__dirname, '..', '..', '..')
    const script = [
      "const { silenceSqliteExperimentalWarning } = require('./main/logging/quiet-warnings.ts')",
      "const { openDatabase } = require('./main/journal/database.ts')",
      'silenceSqliteExperimentalWarning()',
      `openDatabase(${JSON.stringify(dataDir)}).close()`,
      "process.emitWarning('another warning', 'ExperimentalWarning')",
    ].join(';')
    const child = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '-e', script],
      { cwd: root, encoding: 'utf8', timeout: 30_000 },
    )
    expect(child.status, child.stderr).toBe(0)
    expect(child.stderr).not.toContain('SQLite is an experimental feature')
    expect(child.stderr).toContain('another warning')
    expect(existsSync(join(dataDir, 'journal.sqlite'))).toBe(true)
  }, 40_000)
})
