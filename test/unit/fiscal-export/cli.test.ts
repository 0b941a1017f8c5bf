import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { manualClock } from '../../../common/ports'
import { checkDsfinvk } from '../../helpers/dsfinvk-check'
import { demoDay } from '../../helpers/fiscal-day'
import { tempDir, testJournal } from '../journal/helpers'

const ROOT = join(__dirname, '..', '..', '..')
const tsx = createRequire(import.meta.url).resolve('tsx')
const cli = (args: string[]) =>
  spawnSync(
    process.execPath,
    ['--no-warnings', '--import', tsx, join(ROOT, 'main/fiscal-export/cli.ts'), ...args],
    {
      encoding: 'utf8',
      cwd: ROOT,
    },
  )

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir()
  const clock = manualClock(Date.UTC(2026, 11, 5, 6, 0, 0))
  const { journal } = testJournal(tmp.dir, clock)
  demoDay(journal, clock)
  journal.close()
})
afterEach(() => tmp.cleanup())

describe('npm run export:dsfinvk', () => {
  it('writes the zip for a Z range from the data folder, without the app', async () => {
    const out = join(tmp.dir, 'pruefung.zip')
    const r = cli(['--data-dir', tmp.dir, '--from', '1', '--to', '1', '--out', out])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('DSFinV-K-Export geschrieben / written')
    const check = await checkDsfinvk(out)
    // The demo config has no tax number: the check names exactly that, nothing else.
    expect(check.errors).toEqual([expect.stringMatching(/^cashpointclosing\.csv .*: STNR or USTID needed$/)])
    expect(r.stdout).toContain('Steuernummer')
  })

  it('also takes a date range, and refuses wrong arguments in German and English', () => {
    const out = join(tmp.dir, 'tag.zip')
    expect(
      cli(['--data-dir', tmp.dir, '--from-date', '2026-12-05', '--to-date', '2026-12-05', '--out', out])
        .status,
    ).toBe(0)
    expect(existsSync(out)).toBe(true)
    const bad = cli(['--data-dir', tmp.dir, '--from', '3', '--to', '1', '--out', join(tmp.dir, 'x.zip')])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('Ungültige Z-Nummern')
    expect(bad.stderr).toContain('Invalid Z numbers')
    const none = cli(['--data-dir', tmp.dir, '--from', '4', '--to', '9', '--out', join(tmp.dir, 'y.zip')])
    expect(none.status).toBe(2)
    expect(none.stderr).toContain('Export fehlgeschlagen: No Z closing between Z 4 and Z 9')
  })
})
