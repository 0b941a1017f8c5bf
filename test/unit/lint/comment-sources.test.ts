// Code comments and docs cite public sources (URLs, standards, laws, manuals) or a docs/ page of this
// repository: never notes kept outside the repository (the research notes and the shared spec folder
// next to the checkout) and never work-tracking numbers. These tests prove the check bites and that the
// code base passes it.
import { describe, expect, it } from 'vitest'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

const ROOT = join(__dirname, '..', '..', '..')
const CODE_DIRS = [
  'main',
  'common',
  'hardware',
  'renderer',
  'simulator',
  'scripts',
  'test',
  'preload',
  'headoffice',
]
const ROOT_FILES = ['vitest.config.ts', 'electron.vite.config.ts', 'eslint.config.mjs']
const CODE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'release'])

/** File names of notes that live outside the repository; a docs/ page of the same name is fine. */
const OUTSIDE_NOTES = [
  'secuconnect.md',
  'hardware.md',
  'electron-architecture.md',
  'pos-anchors.md',
  'fiscal-de.md',
  'dsfinvk-tables.json',
]
/** Repository copies that may be named: the DSFinV-K tables fixture. */
const REPO_COPIES = ['test/fixtures/dsfinvk/dsfinvk-tables.json', 'fixtures/dsfinvk/dsfinvk-tables.json']
/** A dotted section number (a section sign before "3.3") names a section of some document: which one must be said. */
const NAMED_DOCUMENT =
  /(RFC \d+|manual|ISO|IEC|DIN|TR-\d+|specification|DSFinV-K|Anhang|docs\/[\w-]+\.md)[^§]{0,60}$/i

/** Why `text` (a comment, or a docs page) cites something it must not; empty when it is fine. */
function forbiddenCitations(text: string): string[] {
  const found: string[] = []
  for (const name of OUTSIDE_NOTES) {
    const pattern = new RegExp(`(^|[^\\w.-])([\\w./-]*?)${name.replace(/\./g, '\\.')}`, 'g')
    for (const match of text.matchAll(pattern)) {
      const path = `${match[2]}${name}`
      const docsPage = /(^|\/)docs\/$/.test(match[2]!) && existsSync(join(ROOT, 'docs', name))
      const copy = REPO_COPIES.some((c) => path.endsWith(c))
      if (!docsPage && !copy) found.push(`names the note "${path}" kept outside the repository`)
    }
  }
  for (const match of text.matchAll(/shared\/(reference|spec)\b/g))
    found.push(`points into "${match[0]}" outside the repository`)
  for (const match of text.matchAll(/\b(the\s+)?(reference|notes?)\s+§\s?\d/gi))
    found.push(`cites a section of the notes ("${match[0]}")`)
  for (const match of text.matchAll(/\bissues?\s*#?\s*\d+/gi))
    found.push(`cites a work-tracking number ("${match[0]}")`)
  for (const match of text.matchAll(/§\s?\d+(\.\d+)+/g)) {
    const before = text.slice(Math.max(0, match.index - 80), match.index)
    if (!NAMED_DOCUMENT.test(before)) found.push(`cites section "${match[0]}" without naming its document`)
  }
  return found
}

/** Every comment of a source file, with its line. */
function commentsOf(file: string, source: string): { line: number; text: string }[] {
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, kind)
  const seen = new Set<number>()
  const comments: { line: number; text: string }[] = []
  const take = (ranges: readonly ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) {
      if (seen.has(r.pos)) continue
      seen.add(r.pos)
      comments.push({
        line: sf.getLineAndCharacterOfPosition(r.pos).line + 1,
        text: source.slice(r.pos, r.end),
      })
    }
  }
  const visit = (node: ts.Node) => {
    take(ts.getLeadingCommentRanges(source, node.pos))
    take(ts.getTrailingCommentRanges(source, node.end))
    ts.forEachChild(node, visit)
  }
  visit(sf)
  take(ts.getLeadingCommentRanges(source, sf.endOfFileToken.pos))
  return comments
}

function filesUnder(dir: string, accept: RegExp): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    if (SKIP_DIRS.has(name)) return []
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return filesUnder(path, accept)
    return accept.test(name) ? [path] : []
  })
}

describe('comments and docs cite public sources', () => {
  it('refuses the outside notes by name, the shared folders, note sections and issue numbers', () => {
    expect(forbiddenCitations('// the device grant (secuconnect.md §2.3)')).toHaveLength(2)
    expect(forbiddenCitations('// see ../shared/reference/hardware.md A.3')).toHaveLength(2)
    expect(forbiddenCitations('// GoBD (pos-anchors §4.5)')).toHaveLength(1)
    expect(forbiddenCitations('// rules in fiscal-de.md')).toHaveLength(1)
    expect(forbiddenCitations('/* from electron-architecture.md */')).toHaveLength(1)
    expect(forbiddenCitations('// columns as in dsfinvk-tables.json')).toHaveLength(1)
    expect(forbiddenCitations('// the spec files in shared/spec')).toHaveLength(1)
    expect(forbiddenCitations('// as the reference §6 says')).toHaveLength(1)
    expect(forbiddenCitations('// fixed for issue 13')).toHaveLength(1)
    expect(forbiddenCitations('// Issue #5 asked for this')).toHaveLength(1)
    expect(forbiddenCitations('// the basket total must match (§3.3)')).toHaveLength(1)
  })

  it('accepts public sources and docs/ pages of this repository', () => {
    for (const fine of [
      '// the client (docs/secuconnect.md)',
      '// see docs/hardware-scanner.md',
      '// § 146a AO, § 6 KassenSichV, § 24 Nr. 3 UStG',
      '// Cookies are not separated by port (RFC 6265 §8.5)',
      '// Cely PI100 series manual §7.5 "DIAL06 / DIALOG 06 protocol"',
      '// the tables fixture (test/fixtures/dsfinvk/dsfinvk-tables.json)',
      '// the dump in https://github.com/node-hid/node-hid/issues/323',
      '// node-escpos#151',
      '// secuconnect docs: Start_a_Device_Session',
    ])
      expect(forbiddenCitations(fine), fine).toEqual([])
  })

  it('no comment in the code base cites the outside notes or an issue number', () => {
    const files = [
      ...CODE_DIRS.flatMap((d) => filesUnder(join(ROOT, d), CODE)),
      ...ROOT_FILES.map((f) => join(ROOT, f)).filter((f) => existsSync(f)),
    ]
    expect(files.length).toBeGreaterThan(300)
    const offenders: string[] = []
    for (const file of files) {
      const source = readFileSync(file, 'utf8')
      for (const c of commentsOf(file, source))
        for (const why of forbiddenCitations(c.text))
          offenders.push(`${relative(ROOT, file)}:${c.line} ${why}`)
    }
    expect(offenders).toEqual([])
  })

  it('no docs page or the README cites the outside notes or an issue number', () => {
    const pages = [...filesUnder(join(ROOT, 'docs'), /\.md$/), join(ROOT, 'README.md')]
    expect(pages.length).toBeGreaterThan(5)
    const offenders = pages.flatMap((page) =>
      readFileSync(page, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          forbiddenCitations(line).map((why) => `${relative(ROOT, page)}:${i + 1} ${why}`),
        ),
    )
    expect(offenders).toEqual([])
  })
})
