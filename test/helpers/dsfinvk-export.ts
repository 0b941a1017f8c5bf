// A demo app's Z closing exported as DSFinV-K and read back through the independent check
// (dsfinvk-check.ts): the export goes to a temporary folder that is gone once the zip is read.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { App } from '../../main/app'
import { checkDsfinvk, type CheckResult } from './dsfinvk-check'
import { call } from './sales'

export interface CheckedExport {
  check: CheckResult
  /** The check's findings apart from the demo config's missing tax number (STNR or USTID). */
  errors: string[]
  tseTar: string
}

/** Exports closing `z` with the demo manager's PIN and checks the zip. */
export async function exportClosing(app: App, z = 1): Promise<CheckedExport> {
  const folder = mkdtempSync(join(tmpdir(), 'tresen-dsfinvk-'))
  try {
    const { file, tseTar } = await call<{ file: string; tseTar: string }>(app, 'fiscal.exportDsfinvk', {
      fromZ: z,
      toZ: z,
      folder,
      managerPin: '9999',
    })
    const check = await checkDsfinvk(file)
    return { check, errors: check.errors.filter((e) => !/STNR or USTID/.test(e)), tseTar }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
