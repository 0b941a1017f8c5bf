// A file over 400 lines in main/ hides more than one idea: the layout rule is checked here, so a module
// is split when it grows, not rediscovered in review.
import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const ROOT = join(__dirname, '..', '..', '..')
const LIMIT = 400

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

describe('module size', () => {
  it(`no TypeScript file in main/ has more than ${LIMIT} lines`, () => {
    const over = sourceFiles(join(ROOT, 'main'))
      .map((file) => ({
        file: relative(ROOT, file),
        lines: readFileSync(file, 'utf8').split('\n').length - 1,
      }))
      .filter(({ lines }) => lines > LIMIT)
    expect(over).toEqual([])
  })
})
