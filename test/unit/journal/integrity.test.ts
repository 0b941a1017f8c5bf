import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { memoryLogger } from '../../../common/ports'
import { APPEND_ONLY_TABLES, MIGRATIONS } from '../../../main/journal/schema'
import { migrate, openDatabase } from '../../../main/journal/database'
import { readAnchor } from '../../../main/journal/anchor'
import { verifyChain } from '../../../main/journal/verify'
import { registerChainFunction, GENESIS_HASH, chainHash } from '../../../main/journal/chain'
import { failureOf, line, payCard, rawDb, sellUntilKilled, tempDir, testJournal } from './helpers'
import { behindTheTriggers, recomputeChain, rewriteSaleToOneCent, sellBread } from './integrity-helpers'
import type { Journal } from '../../../main/journal'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir()
})
afterEach(() => tmp.cleanup())

/** A day that writes a row into every business table. */
function demoDay(journal: Journal) {
  journal.recordCashMovement({ kind: 'opening_float', amount: 10000, reason: 'Wechselgeld' })
  const bread = sellBread(journal)
  const { receiptId } = journal.recordReceipt({
    kind: 'sale',
    saleId: bread.saleId,
    document: { title: 'Brot' },
  })
  journal.recordPrintOutcome({ receiptId, status: 'printed' })
  const coffee = journal.beginSale({ sellerId: 'ben', lines: [line('kaffee', 2, 260, 19)] })
  payCard(journal, coffee.saleId, 520)
  journal.completeSale(coffee.saleId)
  const left = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1, 260, 19)] })
  journal.abortSale(left.saleId, 'customer left')
  journal.recordCashMovement({ kind: 'drawer_open', reason: 'no-sale' })
  return { bread }
}

const chainRows = (dir: string) => {
  const db = rawDb(dir)
  const rows = db.prepare('SELECT tbl, COUNT(*) AS n FROM journal_chain GROUP BY tbl').all() as {
    tbl: string
    n: number
  }[]
  db.close()
  return Object.fromEntries(rows.map((r) => [r.tbl, Number(r.n)]))
}

describe('the hash chain', () => {
  it('gives every row of every append-only table one linked entry, and a clean journal verifies', () => {
    const { journal } = testJournal(tmp.dir)
    demoDay(journal)
    journal.zReport({ denominations: [{ value: 5000, count: 2 }] })
    const result = journal.integrity.verify()
    expect(result).toMatchObject({ ok: true, mode: 'full', findings: [] })
    journal.close()

    const db = rawDb(tmp.dir)
    const chained = chainRows(tmp.dir)
    let tablesWithRows = 0
    for (const table of APPEND_ONLY_TABLES) {
      const rows = Number((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n)
      if (rows > 0) tablesWithRows++
      expect(chained[table] ?? 0, `${table} chained`).toBe(rows)
    }
    // The demo day writes every table of the sale, cash, receipt and closing (bonus tables aside).
    expect(tablesWithRows).toBeGreaterThanOrEqual(16)
    // Each entry hashes its predecessor's hash with its own content.
    const entries = db.prepare('SELECT * FROM journal_chain ORDER BY seq').all() as {
      tbl: string
      row_key: string
      payload: string
      prev_hash: string
      hash: string
    }[]
    let prev = GENESIS_HASH
    for (const e of entries) {
      expect(e.prev_hash).toBe(prev)
      expect(e.hash).toBe(chainHash(prev, e.tbl, e.row_key, e.payload))
      prev = e.hash
    }
    // The canonical payload: columns by name, NULLs left out.
    const sale = entries.find((e) => e.tbl === 'sales')!
    expect(JSON.parse(sale.payload)).toEqual({
      id: 1,
      kind: 'sale',
      seller_id: 'anna',
      started_at: expect.any(String),
      total: 520,
    })
    expect(Object.keys(JSON.parse(sale.payload))).toEqual(['id', 'kind', 'seller_id', 'started_at', 'total'])
    db.close()
  })

  it('is append-only itself', () => {
    const { journal } = testJournal(tmp.dir)
    sellBread(journal)
    journal.close()
    const db = rawDb(tmp.dir)
    expect(() => db.exec("UPDATE journal_chain SET payload = '{}'")).toThrow(/append-only/)
    expect(() => db.exec('DELETE FROM journal_chain')).toThrow(/append-only/)
    db.close()
  })

  it('refuses an insert from a connection that does not chain it (an SQLite tool)', () => {
    testJournal(tmp.dir).journal.close()
    const db = rawDb(tmp.dir)
    expect(() =>
      db.exec(
        "INSERT INTO cash_movements (kind, amount, reason, at) VALUES ('cash_out', 2000, 'x', '2026-01-01')",
      ),
    ).toThrow(/no such function: tresen_chain_hash/)
    db.close()
  })

  it('chains the history of a journal from before the chain (schema 1–2) once, on migration', () => {
    const old = openDatabase(tmp.dir)
    migrate(
      old,
      () => '2026-01-01T00:00:00.000Z',
      memoryLogger(),
      MIGRATIONS.filter((m) => m.version <= 2),
    )
    old.exec(`INSERT INTO sales (kind, seller_id, started_at, total) VALUES ('sale', 'anna', '2026-01-01T08:00:00.000Z', 520);
      INSERT INTO sale_lines (sale_id, line_no, product_id, name, kind, quantity, unit_price, total, vat_rate) VALUES (1, 1, 'brot', 'Brot', 'piece', 1, 520, 520, 7);
      INSERT INTO sale_completions (sale_id, receipt_no, completed_at, kind, seller_id, total) VALUES (1, 1, '2026-01-01T08:00:01.000Z', 'sale', 'anna', 520);`)
    old.close()
    const { journal, logger } = testJournal(tmp.dir)
    expect(logger.entries.some((e) => e.event === 'journal.chain-started')).toBe(true)
    expect(journal.integrity.verify()).toMatchObject({ ok: true })
    expect(sellBread(journal).receiptNo).toBe(2)
    journal.close()
    expect(chainRows(tmp.dir)).toMatchObject({
      sales: 2,
      sale_lines: 2,
      sale_completions: 2,
      journal_events: 1,
    })
    // Reopening chains nothing again.
    const again = testJournal(tmp.dir)
    expect(again.logger.entries.some((e) => e.event === 'journal.chain-started')).toBe(false)
    expect(again.journal.integrity.verify().ok).toBe(true)
    again.journal.close()
  })
})

describe('the attacks of a tampered journal are detected and named', () => {
  it('a sale rewritten from 5,20 € to 0,01 € behind the dropped triggers: named at start, Z refused until a manager acknowledges', () => {
    const { journal } = testJournal(tmp.dir)
    demoDay(journal)
    journal.close()
    behindTheTriggers(tmp.dir, (db) => rewriteSaleToOneCent(db, 1))
    // The database itself sees nothing wrong.
    const db = rawDb(tmp.dir)
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' })
    db.close()

    const reopened = testJournal(tmp.dir).journal
    // No full verify had passed before, so the start already checked every entry; verify() again:
    const full = reopened.integrity.verify()
    expect(full.ok).toBe(false)
    expect(full.findings[0]).toEqual({
      kind: 'changed',
      seq: expect.any(Number),
      table: 'sales',
      rowKey: '1',
      columns: [{ column: 'total', chained: 520, actual: 1 }],
    })
    expect(full.findings.map((f) => 'table' in f && f.table)).toEqual(
      expect.arrayContaining([
        'sale_lines',
        'payments',
        'payment_outcomes',
        'sale_completions',
        'completion_vat',
        'completion_payments',
      ]),
    )
    const status = reopened.integrity.status()
    expect(status.state).toBe('altered')
    expect(status.findings[0]?.de).toMatch(/sales 1 .*geändert: total: 520 → 1/)
    expect(status.findings[0]?.en).toMatch(/sales 1 .*changed afterwards: total: 520 → 1/)

    // Selling goes on; the Z waits for a manager.
    expect(sellBread(reopened).receiptNo).toBe(3)
    expect(failureOf(() => reopened.zReport({ denominations: [] }))).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'journal.error.integrityAltered',
    })
    expect(reopened.integrity.acknowledge('chef').state).toBe('acknowledged')
    expect(reopened.zReport({ denominations: [] }).zNumber).toBe(1)
    reopened.close()

    const audit = rawDb(tmp.dir)
    const events = audit.prepare('SELECT kind, by FROM journal_events ORDER BY id').all()
    audit.close()
    expect(events).toEqual([
      { kind: 'chain-started', by: null },
      { kind: 'verify-failed', by: null },
      { kind: 'acknowledged', by: 'chef' },
    ])
    // Acknowledged findings do not block the next start's Z again; they stay listed.
    const next = testJournal(tmp.dir).journal
    next.integrity.verify()
    expect(next.integrity.status()).toMatchObject({ state: 'acknowledged' })
    expect(next.integrity.status().findings.length).toBeGreaterThan(0)
    next.close()
  })

  it('a row rewritten after the last verified head is caught by the start itself', () => {
    const { journal } = testJournal(tmp.dir)
    sellBread(journal)
    journal.close()
    // The anchor record's verified head is from a full verify; a rewrite after it is in the fast path.
    const before = testJournal(tmp.dir).journal
    before.integrity.verify()
    sellBread(before, 310)
    before.close()
    behindTheTriggers(tmp.dir, (db) => db.exec("UPDATE sale_lines SET name = 'Luft' WHERE sale_id = 2"))
    const reopened = testJournal(tmp.dir).journal
    expect(reopened.integrity.status()).toMatchObject({ state: 'altered', fullyVerified: false })
    expect(reopened.integrity.status().findings[0]?.en).toMatch(
      /sale_lines \[2,1\].*name: "Roggenbrot" → "Luft"/,
    )
    reopened.close()
  })

  it('a forged 20 € cash-out inserted with the chain trigger dropped: named at start', () => {
    const { journal } = testJournal(tmp.dir)
    demoDay(journal)
    journal.close()
    behindTheTriggers(tmp.dir, (db) =>
      db.exec(
        "INSERT INTO cash_movements (kind, amount, reason, business_case, at) VALUES ('cash_out', 2000, 'Bank', 'Geldtransit', '2026-11-22T09:00:00.000Z')",
      ),
    )
    const reopened = testJournal(tmp.dir).journal
    const status = reopened.integrity.status()
    expect(status.state).toBe('altered')
    expect(status.findings).toHaveLength(1)
    expect(status.findings[0]?.en).toMatch(
      /cash_movements 3 was inserted bypassing the chain: .*"amount":2000/,
    )
    expect(status.findings[0]?.de).toMatch(/cash_movements 3 wurde an der Kette vorbei eingefügt/)
    reopened.close()
  })

  it('a rewrite with the whole chain recomputed: detected by the anchor record', () => {
    const { journal } = testJournal(tmp.dir)
    demoDay(journal)
    journal.close()
    behindTheTriggers(tmp.dir, (db) => {
      rewriteSaleToOneCent(db, 1)
      recomputeChain(db)
    })
    // The chain is consistent in itself now …
    const db = rawDb(tmp.dir)
    registerChainFunction(db)
    expect(verifyChain(db).ok).toBe(true)
    db.close()
    // … but no longer ends in the head the anchor record remembers.
    const reopened = testJournal(tmp.dir).journal
    const status = reopened.integrity.status()
    expect(status.state).toBe('altered')
    expect(status.findings[0]?.en).toMatch(
      /secured state no\. \d+ \((anchor file|verified)\) no longer matches/,
    )
    reopened.close()
  })
})

describe('other edits are named too', () => {
  it('a deleted row, and a chain entry cut out of the middle', () => {
    const { journal } = testJournal(tmp.dir)
    demoDay(journal)
    journal.close()
    behindTheTriggers(tmp.dir, (db) => {
      db.exec('DELETE FROM print_outcomes')
      db.exec("DELETE FROM journal_chain WHERE tbl = 'sale_aborts'")
    })
    const reopened = testJournal(tmp.dir).journal
    const result = reopened.integrity.verify()
    expect(result.findings).toEqual(
      expect.arrayContaining([
        { kind: 'deleted', seq: expect.any(Number), table: 'print_outcomes', rowKey: '1' },
        { kind: 'link', seq: expect.any(Number), table: expect.any(String), rowKey: expect.any(String) },
        {
          kind: 'unchained',
          table: 'sale_aborts',
          rowKey: '1',
          row: expect.objectContaining({ reason: 'customer left' }),
        },
      ]),
    )
    reopened.close()
  })
})

describe('rollback protection', () => {
  it('first start and a normal restart open fine; the record follows receipt and Z numbers', async () => {
    expect(readAnchor(tmp.dir)).toBeUndefined()
    const { journal } = testJournal(tmp.dir)
    expect(readAnchor(tmp.dir)).toMatchObject({ receiptNo: 0, zNo: 0 })
    sellBread(journal)
    sellBread(journal)
    // Written right after the sale, off its path.
    await journal.integrity.flushed()
    expect(readAnchor(tmp.dir)).toMatchObject({ receiptNo: 2, zNo: 0 })
    journal.zReport({ denominations: [] })
    await journal.integrity.flushed()
    expect(readAnchor(tmp.dir)).toMatchObject({ receiptNo: 2, zNo: 1 })
    journal.close()
    const again = testJournal(tmp.dir).journal
    expect(again.integrity.status().state).toBe('ok')
    expect(sellBread(again).receiptNo).toBe(3)
    again.close()
  })

  it('refuses a journal whose WAL was deleted after committed sales', async () => {
    const { journal } = testJournal(tmp.dir)
    sellBread(journal)
    journal.close() // checkpointed: receipt 1 is in journal.sqlite
    const crashed = tempDir()
    try {
      const { journal: open } = testJournal(tmp.dir)
      for (let i = 0; i < 4; i++) sellBread(open)
      await open.integrity.flushed()
      // The process dies here: journal.sqlite as it is on disk, its WAL deleted, the record kept.
      expect(existsSync(join(tmp.dir, 'journal.sqlite-wal'))).toBe(true)
      for (const f of ['journal.sqlite', 'journal.anchor.json'])
        writeFileSync(join(crashed.dir, f), readFileSync(join(tmp.dir, f)))
      open.close()
      const refused = failureOf(() => testJournal(crashed.dir))
      expect(refused).toMatchObject({ code: 'CONFLICT', messageKey: 'journal.error.rolledBack' })
      const message = (refused as unknown as { message: string }).message
      expect(message).toMatch(/letzte Belegnummer 5 → 1/)
      expect(message).toMatch(/last receipt number 5 → 1/)
      expect(message).toMatch(/journal:restore/)
      // Nothing was written into the refused journal.
      const db = rawDb(crashed.dir)
      expect(db.prepare('SELECT MAX(receipt_no) AS n FROM sale_completions').get()).toEqual({ n: 1 })
      db.close()
    } finally {
      crashed.cleanup()
    }
  })

  it('refuses to start after a crash (SIGKILL) and a deleted WAL, naming the lost receipts', async () => {
    const first = testJournal(tmp.dir).journal
    sellBread(first)
    first.close()
    const { reported, stderr } = await sellUntilKilled('wal-child.ts', tmp.dir, 4)
    expect(stderr).toBe('')
    expect(reported).toEqual([2, 3, 4, 5])
    // What someone "repairing" the till after the crash does.
    unlinkSync(join(tmp.dir, 'journal.sqlite-wal'))
    const refused = failureOf(() => testJournal(tmp.dir))
    expect(refused).toMatchObject({ messageKey: 'journal.error.rolledBack' })
    expect((refused as unknown as { message: string }).message).toMatch(/last receipt number 5 → 1/)
  })

  it('refuses a zero-byte journal and a journal replaced by an empty one', () => {
    const { journal } = testJournal(tmp.dir)
    sellBread(journal)
    journal.zReport({ denominations: [] })
    journal.close()
    writeFileSync(join(tmp.dir, 'journal.sqlite'), '')
    expect(failureOf(() => testJournal(tmp.dir))).toMatchObject({ messageKey: 'journal.error.rolledBack' })
    // Refused before the migrations: no empty book was set up in its place.
    const empty = rawDb(tmp.dir)
    expect(empty.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([])
    empty.close()

    const fresh = tempDir()
    try {
      testJournal(fresh.dir).journal.close()
      writeFileSync(join(tmp.dir, 'journal.sqlite'), readFileSync(join(fresh.dir, 'journal.sqlite')))
      expect(failureOf(() => testJournal(tmp.dir))).toMatchObject({ messageKey: 'journal.error.rolledBack' })
    } finally {
      fresh.cleanup()
    }
  })

  it('refuses to start on a damaged record instead of guessing', () => {
    testJournal(tmp.dir).journal.close()
    writeFileSync(join(tmp.dir, 'journal.anchor.json'), '{"format":1,')
    expect(failureOf(() => testJournal(tmp.dir))).toMatchObject({
      messageKey: 'journal.error.anchorUnreadable',
    })
  })
})
