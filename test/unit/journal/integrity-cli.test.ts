import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../../main/journal/cli'
import { tempDir, testJournal } from './helpers'
import { behindTheTriggers, rewriteSaleToOneCent, sellBread } from './integrity-helpers'

let tmp: ReturnType<typeof tempDir>
let output: string[]
beforeEach(() => {
  tmp = tempDir()
  output = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    output.push(String(chunk))
    return true
  })
})
afterEach(() => {
  vi.restoreAllMocks()
  tmp.cleanup()
})

describe('journal:verify', () => {
  it('exits 0 on an intact journal', () => {
    const { journal } = testJournal(tmp.dir)
    sellBread(journal)
    journal.close()
    expect(main(['verify', '--data-dir', tmp.dir])).toBe(0)
    expect(output.join('')).toMatch(/OK: Journal unverändert \/ journal intact/)
  })

  it('exits 1 and names the first bad row in German and English', () => {
    const { journal } = testJournal(tmp.dir)
    sellBread(journal)
    journal.close()
    behindTheTriggers(tmp.dir, (db) => rewriteSaleToOneCent(db, 1))
    expect(main(['verify', '--data-dir', tmp.dir])).toBe(1)
    const text = output.join('')
    const first = text.split('\n').filter((l) => /^(VERÄNDERT|ALTERED)/.test(l))
    expect(first[0]).toMatch(/^VERÄNDERT: Zeile sales 1 .*total: 520 → 1/)
    expect(first[1]).toMatch(/^ALTERED: +Row sales 1 .*total: 520 → 1/)
  })

  it('exits 2 without a journal, and does not create one', () => {
    expect(main(['verify', '--data-dir', join(tmp.dir, 'nothing')])).toBe(2)
    expect(output.join('')).toMatch(/Kein Journal .* No journal/)
  })

  it('runs as npm run journal:verify', () => {
    const { journal } = testJournal(tmp.dir)
    sellBread(journal)
    journal.close()
    const run = spawnSync('npm', ['run', '--silent', 'journal:verify', '--', '--data-dir', tmp.dir], {
      encoding: 'utf8',
      cwd: join(__dirname, '../../..'),
    })
    expect(run.stdout).toMatch(/journal intact/)
    expect(run.status).toBe(0)
  })
})
