// The DSFinV-K export reads tse_records by the id a row points at (main/fiscal-export/dsfinvk/
// closing-reader.ts: "WHERE <column> IN (...)"): each of those lookups must use an index, not scan
// the table (a year of a busy till is hundreds of thousands of TSE rows).
import { afterEach, describe, expect, it } from 'vitest'
import { rawDb, tempDir, testJournal } from './helpers'

let dirs: { cleanup(): void }[] = []
afterEach(() => {
  for (const d of dirs) d.cleanup()
  dirs = []
})

describe('tse_records indexes (journal migrations 10 and 11)', () => {
  it.each(['sale_id', 'cash_movement_id', 'closing_id'])(
    'the export reads tse_records by %s through an index',
    (column) => {
      const tmp = tempDir()
      dirs.push(tmp)
      testJournal(tmp.dir).journal.close()
      const db = rawDb(tmp.dir)
      try {
        const plan = db
          .prepare(`EXPLAIN QUERY PLAN SELECT * FROM tse_records WHERE ${column} IN (?, ?, ?) ORDER BY id`)
          .all(1, 2, 3)
          .map((r) => String((r as { detail: string }).detail))
          .join('\n')
        expect(plan).toMatch(new RegExp(`USING INDEX tse_records_\\w+ \\(${column}=\\?\\)`))
        expect(plan).not.toMatch(/^SCAN tse_records$/m)
      } finally {
        db.close()
      }
    },
  )
})
