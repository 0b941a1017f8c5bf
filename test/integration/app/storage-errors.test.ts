// Broken storage stops the start with clear words, not a stack trace: what is wrong, the path, and what
// to do, in German and English — for a damaged journal, an empty or unreadable one, a read-only data dir
// and a catalogue that cannot be used.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { boot, type Booted } from '../../../main/boot'
import { memoryLogger } from '../../../common/ports'
import { LIVE_CONFIG } from '../../fixtures/live-config'

const ROOT = join(__dirname, '..', '..', '..')
let dir: string
let dataDir: string
let journal: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tresen-storage-'))
  dataDir = join(dir, 'data')
  journal = join(dataDir, 'journal.sqlite')
})
afterEach(() => {
  chmodSync(dir, 0o700)
  rmSync(dir, { recursive: true, force: true })
})

async function start(argv: string[] = []): Promise<Booted> {
  return boot({ argv, dataDir, transport: 'test', cipher: null, logger: memoryLogger() })
}

async function refused(argv: string[] = []): Promise<string> {
  const booted = await start(argv)
  if (booted.ok) {
    await booted.app.close()
    throw new Error('expected the start to be refused')
  }
  // Plain words only: no stack frames.
  expect(booted.message).not.toMatch(/\n\s+at /)
  expect(booted.message).toMatch(/^Tresen startet nicht: .*\nTresen will not start: /s)
  return booted.message
}

/** A journal as a till leaves it after a first start. */
async function journalOnDisk(): Promise<void> {
  const booted = await start()
  if (!booted.ok) throw new Error(booted.message)
  await booted.app.close()
}

describe('storage errors at start', () => {
  it('a damaged journal ("database disk image is malformed") is named with its path and what to do', async () => {
    await journalOnDisk()
    const bytes = readFileSync(journal)
    // Keep the 100-byte file header, overwrite the rest of the first page (the schema table).
    bytes.fill(0xab, 100, 4096)
    writeFileSync(journal, bytes)
    const message = await refused()
    expect(message).toContain('database disk image is malformed')
    expect(message).toContain(`das Journal ${journal} ist beschädigt`)
    expect(message).toContain(`the journal ${journal} is damaged`)
    expect(message).toContain('nicht löschen')
    expect(message).toContain('Do not delete the file')
    // Nothing was written over it.
    expect(readFileSync(journal).equals(bytes)).toBe(true)
  })

  it('a journal file that is not a database at all is refused the same way', async () => {
    mkdirSync(dataDir)
    writeFileSync(journal, 'Kassenbuch 2026\n'.repeat(300))
    const message = await refused()
    expect(message).toContain('file is not a database')
    expect(message).toContain(journal)
  })

  it('a zero-byte journal is refused (never taken for a new one) with its path and what to do', async () => {
    mkdirSync(dataDir)
    writeFileSync(journal, '')
    const message = await refused()
    expect(message).toContain(`das Journal ${journal} ist leer (0 Bytes)`)
    expect(message).toContain(`the journal ${journal} is empty (0 bytes)`)
    expect(message).toContain('restore the last backup')
    expect(readFileSync(journal).length, 'the empty file is left as it was').toBe(0)
  })

  it('a journal that cannot be opened (here a folder in its place) is named as unreadable', async () => {
    mkdirSync(journal, { recursive: true })
    const message = await refused()
    expect(message).toContain(`das Journal ${journal} kann nicht gelesen oder beschrieben werden`)
    expect(message).toContain(`the journal ${journal} cannot be read or written`)
  })

  it('a read-only data dir is named with its path and the fix, for a till user who cannot write it', async () => {
    await journalOnDisk()
    // The data dir belongs to someone else and is read-only. Root can write anywhere, so under root the
    // till runs as "nobody" (uid 65534); otherwise as this user with the folder's write bit removed.
    chmodSync(dir, 0o755)
    chmodSync(dataDir, 0o555)
    const asRoot = process.getuid?.() === 0
    const child = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(__dirname, 'boot-child.ts'), dataDir],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, HOME: dir },
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      },
    )
    const said = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as {
      ok: boolean
      message?: string
      thrown?: string
    }
    expect(said.thrown, child.stderr).toBeUndefined()
    expect(said.ok).toBe(false)
    expect(said.message).toContain(`der Datenordner ${dataDir} ist schreibgeschützt`)
    expect(said.message).toContain(`the data folder ${dataDir} is read-only`)
    expect(said.message).toContain(`chown -R <user> ${dataDir}`)
    expect(said.message).not.toMatch(/\n\s+at /)
  }, 40_000)

  it('a file where the data folder should be is named, with the --data-dir hint', async () => {
    writeFileSync(dataDir, 'not a folder')
    const message = await refused()
    expect(message).toContain(`der Datenordner ${dataDir} kann nicht angelegt werden`)
    expect(message).toContain(`the data folder ${dataDir} cannot be created`)
    expect(message).toContain('--data-dir')
  })

  it('a configured catalogue that is missing is named in both languages with its path', async () => {
    mkdirSync(dataDir)
    const catalog = join(dir, 'artikel.csv')
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ demo: true, catalog }))
    const message = await refused()
    expect(message).toContain(`der Katalog ${catalog} kann nicht gelesen werden`)
    expect(message).toContain(`the catalogue ${catalog} cannot be read`)
  })

  it('a live till refuses a CSV catalogue without one valid row, naming the first problem', async () => {
    mkdirSync(dataDir)
    const catalog = join(dir, 'artikel.csv')
    writeFileSync(catalog, 'name;price;vatRate;category\nBrötchen;abc;7;Brot\n;0,55;7;Brot\n')
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ ...LIVE_CONFIG, catalog }))
    const message = await refused()
    expect(message).toContain(`der Katalog ${catalog} hat keine einzige gültige Zeile`)
    expect(message).toContain(`the catalogue ${catalog} has no valid row`)
    expect(message).toMatch(/row 2: /)
  })
})
