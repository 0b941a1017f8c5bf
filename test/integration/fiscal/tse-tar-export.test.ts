// The DSFinV-K export of the running app carries the TSE's own TAR export (BSI TR-03153): the TSE
// port's exportTar is the export's TseTarExporter (main/app.ts). Demo mode: the embedded simulator.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { demoConfig } from '../../../common/config'
import { createTestApp, type TestApp } from '../../helpers/test-app'
import { call, cashSale, login } from '../../helpers/sales'
import { checkDsfinvk } from '../../helpers/dsfinvk-check'

let t: TestApp | undefined
let dir: string | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

describe('DSFinV-K export with the TSE connected', () => {
  it("puts the simulator TSE's TAR export into the zip", async () => {
    dir = mkdtempSync(join(tmpdir(), 'tresen-tse-tar-'))
    t = await createTestApp({ config: demoConfig() })
    expect(t.app.fiscalDevice.tse).not.toBeNull()
    await login(t.app, 'chefin', '9999')
    await cashSale(t.app)
    await t.app.checkout.idle()
    await call(t.app, 'report.z', { denominations: [] })
    const result = await call<{ file: string; tseTar: string }>(t.app, 'fiscal.exportDsfinvk', {
      fromZ: 1,
      toZ: 1,
      folder: dir,
      managerPin: '9999',
    })
    expect(result.tseTar).toBe('included')
    const check = await checkDsfinvk(result.file)
    const tar = check.raw.get('tse/tse-export.tar')
    expect(tar).toBeInstanceOf(Buffer)
    // A POSIX tar: "ustar" magic at offset 257 of the first header.
    expect(tar!.subarray(257, 262).toString('latin1')).toBe('ustar')
  }, 30_000)
})
