// The process boundaries are lint rules; these tests prove the rules bite, and that Electron stays in
// at most three files.
import { describe, expect, it } from 'vitest'
import { ESLint } from 'eslint'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const ROOT = join(__dirname, '..', '..', '..')
const eslint = new ESLint({ cwd: ROOT })

async function restrictedMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) })
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message)
}

describe('import boundaries', () => {
  it('the renderer may not import Node, main/, hardware/ or Electron', async () => {
    expect(
      await restrictedMessages(
        'renderer/src/x.ts',
        "import { readFile } from 'node:fs'\nexport const a = readFile\n",
      ),
    ).toHaveLength(1)
    expect(
      await restrictedMessages('renderer/src/x.ts', "import fs from 'fs'\nexport const a = fs\n"),
    ).toHaveLength(1)
    expect(
      await restrictedMessages(
        'renderer/src/x.ts',
        "import { createApp } from '../../main/app'\nexport const a = createApp\n",
      ),
    ).toHaveLength(1)
    expect(
      await restrictedMessages(
        'renderer/src/x.ts',
        "import { x } from '../../hardware/types'\nexport const a = x\n",
      ),
    ).toHaveLength(1)
    expect(
      await restrictedMessages(
        'renderer/src/x.ts',
        "import { ipcRenderer } from 'electron'\nexport const a = ipcRenderer\n",
      ),
    ).toHaveLength(1)
    expect(await restrictedMessages('renderer/src/x.ts', 'export const a = process.env\n')).toHaveLength(1)
    expect(
      await restrictedMessages(
        'renderer/src/x.ts',
        "import { formatMoney } from '../../common/money'\nexport const a = formatMoney\n",
      ),
    ).toHaveLength(0)
  })

  it('common/ imports no platform API', async () => {
    expect(
      await restrictedMessages('common/x.ts', "import { join } from 'node:path'\nexport const a = join\n"),
    ).toHaveLength(1)
    expect(
      await restrictedMessages('common/x.ts', "import { app } from '../main/app'\nexport const a = app\n"),
    ).toHaveLength(1)
    expect(await restrictedMessages('common/x.ts', 'export const a = window.location\n')).toHaveLength(1)
    expect(
      await restrictedMessages('common/x.ts', "import { z } from 'zod'\nexport const a = z\n"),
    ).toHaveLength(0)
  })

  it('common/ is an allow-list: zod and common/ itself, nothing else', async () => {
    const refused = async (file: string, from: string) =>
      (await restrictedMessages(file, `import { x } from '${from}'\nexport const a = x\n`)).length
    // Any package but zod, even one no deny-list would name.
    expect(await refused('common/x.ts', 'lodash')).toBe(1)
    expect(await refused('common/x.ts', 'react')).toBe(1)
    expect(await refused('common/ipc/x.ts', '../../main/app')).toBe(1)
    expect(await refused('common/x.ts', '../simulator')).toBe(1)
    expect(await refused('common/x.ts', './cents')).toBe(0)
    expect(await refused('common/ipc/x.ts', '../cents')).toBe(0)
    expect(await refused('common/ipc/x.ts', './define')).toBe(0)
    expect(await refused('common/x.ts', 'zod')).toBe(0)
  })

  it('production code has no test switch: crash hooks come only through the test-only host entry', () => {
    const found: string[] = []
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const full = join(dir, entry)
        if (statSync(full).isDirectory()) walk(full)
        else if (/\.(ts|tsx)$/.test(entry) && /TRESEN_CRASH/.test(readFileSync(full, 'utf8')))
          found.push(relative(ROOT, full))
      }
    }
    for (const top of ['main', 'common', 'hardware', 'preload', 'renderer']) walk(join(ROOT, top))
    expect(found).toEqual([])
    expect(readFileSync(join(ROOT, 'test/chaos/crash-host.ts'), 'utf8')).toContain('TRESEN_CRASH_AT')
  })

  it('the cents schema is defined once (common/cents.ts)', () => {
    const definitions: string[] = []
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const full = join(dir, entry)
        if (statSync(full).isDirectory()) walk(full)
        else if (/\.(ts|tsx)$/.test(entry) && /\bcents\s*=\s*z\b/.test(readFileSync(full, 'utf8')))
          definitions.push(relative(ROOT, full))
      }
    }
    for (const top of ['common', 'main', 'renderer', 'hardware', 'simulator']) walk(join(ROOT, top))
    expect(definitions).toEqual(['common/cents.ts'])
  })

  it('Electron may be imported only by the shell files', async () => {
    expect(
      await restrictedMessages(
        'main/register/x.ts',
        "import { app } from 'electron'\nexport const a = app\n",
      ),
    ).toHaveLength(1)
    expect(
      await restrictedMessages('hardware/x.ts', "import { app } from 'electron'\nexport const a = app\n"),
    ).toHaveLength(1)
    expect(
      await restrictedMessages(
        'main/electron/x.ts',
        "import type { App } from 'electron'\nexport type A = App\n",
      ),
    ).toHaveLength(0)
  })

  it('Electron is imported in at most three source files', () => {
    const importers: string[] = []
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const full = join(dir, entry)
        if (statSync(full).isDirectory()) walk(full)
        else if (
          /\.(ts|tsx)$/.test(entry) &&
          /from\s+['"]electron['"]|import\(['"]electron['"]\)|require\(['"]electron['"]\)/.test(
            readFileSync(full, 'utf8'),
          )
        ) {
          importers.push(relative(ROOT, full))
        }
      }
    }
    for (const top of ['common', 'main', 'preload', 'renderer', 'hardware', 'simulator']) {
      if (existsSync(join(ROOT, top))) walk(join(ROOT, top))
    }
    expect(importers.sort()).toEqual(['main/electron/types.ts', 'main/index.ts', 'preload/index.ts'])
  })
})
