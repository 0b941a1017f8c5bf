// Saving settings: the atomic replace (a failure at any step leaves the old file whole and no temp file),
// and the JSON patch that keeps everything else in the file as the user wrote it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { open, rename, unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeFileAtomic, type AtomicWriteOps } from '../../../main/config/atomic-write'
import { patchRawConfig, saveSettings } from '../../../main/config/save-config'
import { AppFailure } from '../../../common/result'
import { shopConfig } from '../../../common/config'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tresen-save-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const ORIGINAL = '{\n  "demo": true,\n  "locale": "de"\n}\n'

/** Real file calls, with one step made to fail the way a full disk or a crash would. */
function failingOps(step: 'write' | 'sync' | 'rename'): AtomicWriteOps {
  return {
    rename:
      step === 'rename'
        ? async () => Promise.reject(Object.assign(new Error('EXDEV: rename failed'), { code: 'EXDEV' }))
        : rename,
    unlink,
    async open(path, flags, mode) {
      const handle = await open(path, flags, mode)
      if (step === 'write') {
        // Half the text reaches the temp file, then the disk is full.
        handle.writeFile = async (data: unknown) => {
          await handle.write(String(data).slice(0, 10))
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
        }
      }
      if (step === 'sync')
        handle.sync = async () => Promise.reject(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }))
      return handle
    },
  }
}

describe('writeFileAtomic', () => {
  it('replaces the content and keeps the owner bits, never group or others access', async () => {
    const file = join(dir, 'config.json')
    writeFileSync(file, ORIGINAL, { mode: 0o640 })
    await writeFileAtomic(file, '{"demo":false}\n')
    expect(readFileSync(file, 'utf8')).toBe('{"demo":false}\n')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual(['config.json'])
  })

  it('creates a new file readable by its owner only', async () => {
    const file = join(dir, 'config.json')
    await writeFileAtomic(file, ORIGINAL)
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it.each(['write', 'sync', 'rename'] as const)(
    'a failure at %s leaves the old file whole and no temp file',
    async (step) => {
      const file = join(dir, 'config.json')
      writeFileSync(file, ORIGINAL)
      await expect(
        writeFileAtomic(file, '{"demo":false,"locale":"en"}\n', failingOps(step)),
      ).rejects.toThrow()
      expect(readFileSync(file, 'utf8')).toBe(ORIGINAL)
      expect(readdirSync(dir)).toEqual(['config.json'])
    },
  )
})

describe('saveSettings', () => {
  const shop = shopConfig.parse({ name: 'Backstube Nord', address: ['Hafenstraße 2'] })

  it('keeps unknown and default-valued fields as written and adds no defaults', () => {
    const raw = {
      demo: false,
      catalog: 'artikel.csv',
      receipt: { policy: 'ask', futureOption: 1 },
      x_note: 'by hand',
    }
    expect(patchRawConfig(raw, { receiptPolicy: 'never', locale: 'en' })).toEqual({
      demo: false,
      catalog: 'artikel.csv',
      receipt: { policy: 'never', futureOption: 1 },
      x_note: 'by hand',
      locale: 'en',
    })
    expect(raw.receipt.policy).toBe('ask')
  })

  it('writes a new file for a till without one, marked as demo when it runs in demo mode', async () => {
    const file = join(dir, 'config.json')
    const saved = await saveSettings(file, { shop }, { demo: true })
    expect(saved.shop).toEqual(shop)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ demo: true, shop })
  })

  it('reads a file with a byte-order mark', async () => {
    const file = join(dir, 'config.json')
    writeFileSync(file, '\uFEFF{"demo": true, "tillId": "kasse-9"}')
    const saved = await saveSettings(file, { locale: 'en' }, { demo: true })
    expect(saved).toMatchObject({ tillId: 'kasse-9', locale: 'en' })
  })

  it('writes nothing when the file would not pass the start-up check, naming the fields', async () => {
    const file = join(dir, 'config.json')
    // Made invalid by hand since the start: the save must not carry that on silently.
    const text = '{"demo": true, "tillId": "kasse 1"}'
    writeFileSync(file, text)
    const error = await saveSettings(file, { locale: 'en' }, { demo: true }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppFailure)
    expect((error as AppFailure).error).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'settings.error.invalid',
      params: { fields: 'tillId' },
      issues: [{ path: 'tillId' }],
    })
    expect(readFileSync(file, 'utf8')).toBe(text)
  })

  it('reports a failed write as settings.error.saveFailed and keeps the old file', async () => {
    const file = join(dir, 'config.json')
    writeFileSync(file, ORIGINAL)
    const error = await saveSettings(file, { locale: 'en' }, { demo: true, ops: failingOps('sync') }).catch(
      (e: unknown) => e,
    )
    expect((error as AppFailure).error).toMatchObject({
      code: 'INTERNAL',
      messageKey: 'settings.error.saveFailed',
    })
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL)
  })
})
