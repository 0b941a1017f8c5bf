import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { APPEND_ONLY_TABLES, MIGRATIONS } from '../../../main/journal/schema'
import { migrate, openDatabase } from '../../../main/journal/database'
import { memoryLogger } from '../../../common/ports'
import { failureOf, line, payCard, payCash, rawDb, sellUntilKilled, tempDir, testJournal } from './helpers'
import type { Journal } from '../../../main/journal'
import { registerChainFunction } from '../../../main/journal/chain'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir()
})
afterEach(() => tmp.cleanup())

function receiptNumbers(dir: string): number[] {
  const db = rawDb(dir)
  const rows = db.prepare('SELECT receipt_no FROM sale_completions ORDER BY receipt_no').all() as {
    receipt_no: number
  }[]
  db.close()
  return rows.map((r) => r.receipt_no)
}
const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

describe('durability settings', () => {
  it('uses WAL and synchronous=NORMAL (money steps add their own fsync barrier, power-loss.test.ts)', () => {
    const db = openDatabase(tmp.dir)
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' })
    // 1 = NORMAL: an ordinary commit is ordered in the WAL, not synced on its own.
    expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 1 })
    db.close()
  })
})

// Versions are sparse (each part of the app has its own block), so the latest is the last one's number.
const LATEST = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0)

describe('schema migrations', () => {
  it('records the version once and does not re-apply on reopen', () => {
    testJournal(tmp.dir).journal.close()
    const { journal } = testJournal(tmp.dir)
    expect(journal.schemaVersion).toBe(LATEST)
    journal.close()
    const db = rawDb(tmp.dir)
    expect(db.prepare('SELECT version FROM schema_version').all()).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version })),
    )
    db.close()
  })

  it('upgrades a journal of an older version and keeps what it holds', () => {
    const old = openDatabase(tmp.dir)
    expect(migrate(old, () => '2026-01-01T00:00:00.000Z', memoryLogger(), MIGRATIONS.slice(0, 1))).toBe(1)
    old
      .prepare(
        "INSERT INTO receipts (kind, document, at) VALUES ('x', '{\"header\":[\"v1\"]}', '2026-01-01T00:00:00.000Z')",
      )
      .run()
    old.close()
    const { journal } = testJournal(tmp.dir)
    expect(journal.schemaVersion).toBe(LATEST)
    expect(journal.receipt(1)).toMatchObject({ receiptId: 1, kind: 'x', document: { header: ['v1'] } })
    expect(journal.receipt(1)?.copyOf).toBeUndefined()
    expect(journal.recordReceipt({ kind: 'copy', copyOf: 1, document: { copy: true } })).toMatchObject({
      copyNo: 1,
    })
    expect(journal.receipt(2)).toMatchObject({ kind: 'copy', copyOf: 1 })
    journal.close()
  })

  it('applies the TSE block (10–12) that landed later to a journal already past it, chained and verifying', () => {
    const old = openDatabase(tmp.dir)
    const withoutTse = MIGRATIONS.filter((m) => m.version < 10 || m.version >= 20)
    migrate(old, () => '2026-01-01T00:00:00.000Z', memoryLogger(), withoutTse)
    expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 'tse_records'").get()).toBeUndefined()
    old.close()
    const { journal } = testJournal(tmp.dir)
    expect(journal.schemaVersion).toBe(LATEST)
    expect(journal.tse.finalForSale(1)).toBeUndefined()
    expect(journal.integrity.verify()).toMatchObject({ ok: true })
    journal.close()
    const db = rawDb(tmp.dir)
    expect(
      (db.prepare('SELECT version FROM schema_version ORDER BY version').all() as { version: number }[]).map(
        (r) => r.version,
      ),
    ).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b))
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'tse_records_closing'").get()).toEqual({
      name: 'tse_records_closing',
    })
    db.close()
  })

  it('applies a lower block migration that landed after a higher one, and nothing twice', () => {
    // A till that ran a build with a higher block (here a made-up 95) but not yet version 80: the parts
    // of the app land in any order, so the runner goes by what is recorded, not by the highest version.
    const later = { version: 95, description: 'a later block', sql: 'CREATE TABLE later_block (id INTEGER);' }
    const now = () => '2026-01-01T00:00:00.000Z'
    const db = openDatabase(tmp.dir)
    migrate(db, now, memoryLogger(), [...MIGRATIONS.filter((m) => m.version !== 80), later])
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'sale_consumption'").all()).toEqual([])
    expect(migrate(db, now, memoryLogger(), [...MIGRATIONS, later])).toBe(95)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'sale_consumption'").all()).toHaveLength(1)
    const versions = (
      db.prepare('SELECT version FROM schema_version ORDER BY version').all() as { version: number }[]
    ).map((r) => r.version)
    expect(versions).toEqual([...MIGRATIONS.map((m) => m.version), 95].sort((a, b) => a - b))
    // Run again: nothing is applied twice.
    expect(migrate(db, now, memoryLogger(), [...MIGRATIONS, later])).toBe(95)
    db.close()
  })

  it('refuses a journal written by a newer app', () => {
    testJournal(tmp.dir).journal.close()
    const db = rawDb(tmp.dir)
    // A newer app's connection: its inserts are chained like ours.
    registerChainFunction(db)
    db.prepare(
      "INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', 'x')",
    ).run()
    db.close()
    expect(failureOf(() => testJournal(tmp.dir))).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'journal.error.newerSchema',
      params: { current: 99, latest: LATEST },
    })
  })
})

describe('append-only', () => {
  it('refuses UPDATE and DELETE on every business table, even through a raw connection', () => {
    const { journal } = testJournal(tmp.dir)
    // A day that writes a row into every table.
    journal.recordCashMovement({ kind: 'opening_float', amount: 10000, reason: 'Wechselgeld' })
    const sale = journal.beginSale({
      sellerId: 'anna',
      lines: [
        line('kaffee', 1, 260, 19),
        {
          ...line('berliner', 1, 160, 7),
          total: 80,
          discount: {
            kind: 'percent',
            value: 50,
            amount: 80,
            reasonId: 'vortag',
            reason: 'Vortag',
            managerId: null,
            scope: 'line',
          },
        },
      ],
    })
    payCard(journal, sale.saleId, 340)
    journal.completeSale(sale.saleId)
    // In-house with a combo line (sale_consumption, sale_line_components).
    const aborted = journal.beginSale({
      sellerId: 'anna',
      consumption: 'inhouse',
      lines: [
        {
          ...line('kaffeegedeck', 1, 490, 7),
          components: [
            { productId: 'kaffee', name: 'Kaffee', quantity: 1, vatRate: 19, weight: 260, amount: 232 },
            {
              productId: 'apfelkuchen',
              name: 'Apfelkuchen',
              quantity: 1,
              vatRate: 7,
              weight: 290,
              amount: 258,
            },
          ],
        },
      ],
    })
    journal.abortSale(aborted.saleId, 'customer left')
    const { receiptId } = journal.recordReceipt({ kind: 'sale', saleId: sale.saleId, document: {} })
    journal.recordPrintOutcome({ receiptId, status: 'printed' })
    journal.recordCashMovement({ kind: 'drawer_open', reason: 'no-sale' })
    const unclear = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1, 260, 19)] })
    journal.clarifications.flag({ saleId: unclear.saleId, reason: 'test', transactionId: null, known: {} })
    journal.clarifications.decide(
      { saleId: unclear.saleId, decision: 'not-paid', managerId: 'chef', reason: 'checked' },
      () => journal.abortSale(unclear.saleId, 'not paid'),
    )
    // A card applied with a bonus (bonus_discounts, completion_fiscal).
    const withBonus = journal.beginSale({ sellerId: 'anna', lines: [line('brot', 1, 400, 7)] })
    const card = journal.recordPaymentIntent({
      saleId: withBonus.saleId,
      method: 'loyalty',
      amount: 400,
      step: 'pretransaction',
    })
    journal.recordPaymentOutcome({ intentId: card.intentId, status: 'done' })
    journal.recordBonusDiscount({
      saleId: withBonus.saleId,
      intentId: card.intentId,
      lines: [{ vatRate: 7, amount: 20 }],
    })
    const start = journal.recordPaymentIntent({
      saleId: withBonus.saleId,
      paymentId: card.paymentId,
      step: 'start',
    })
    journal.recordPaymentOutcome({ intentId: start.intentId, status: 'settled', amount: 380 })
    journal.completeSale(withBonus.saleId)
    // A bottle with its deposit (line_deposits), one bottle returned (sale_returns).
    const bottle = journal.beginSale({
      sellerId: 'anna',
      lines: [
        { ...line('wasser', 2, 180, 19), lineId: 'b' },
        { ...line('pfand', 2, 25, 19), lineId: 'p', deposit: true, depositFor: 'b' },
      ],
    })
    payCash(journal, bottle.saleId, 410)
    journal.completeSale(bottle.saleId)
    const back = journal.recordPartialStorno({
      originalSaleId: bottle.saleId,
      sellerId: 'chef',
      reason: 'zurück',
      lines: [{ lineNo: 1, quantity: 1 }],
    })
    payCash(journal, back.saleId, -205)
    journal.completeSale(back.saleId)
    journal.zReport({ denominations: [{ value: 5000, count: 2 }] })
    journal.tse.record({ state: 'failed', saleId: sale.saleId, error: 'TSE down' })
    journal.tse.outage('begin', 'TSE down')
    // Training mode switched on by a manager, and a sale made in it (training_switches, training_sales).
    journal.training.set(true, 'chef')
    journal.training.markSale(aborted.saleId)
    journal.tse.recordCertificate(
      'ab'.repeat(32),
      '-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n',
    )
    journal.close()

    const db = rawDb(tmp.dir)
    for (const table of APPEND_ONLY_TABLES) {
      const before = db.prepare(`SELECT * FROM ${table}`).all()
      expect(before.length, `${table} has rows to protect`).toBeGreaterThan(0)
      const column = Object.keys(before[0])[0]
      expect(() => db.exec(`UPDATE ${table} SET ${column} = ${column}`), `UPDATE ${table}`).toThrow(
        /append-only/,
      )
      expect(() => db.exec(`DELETE FROM ${table}`), `DELETE ${table}`).toThrow(/append-only/)
      expect(db.prepare(`SELECT * FROM ${table}`).all()).toEqual(before)
    }
    db.close()
  })
})

describe('gapless receipt and Z numbers', () => {
  it('rolls the number back with the whole completion when it fails halfway', () => {
    const { journal } = testJournal(tmp.dir)
    const first = journal.beginSale({ sellerId: 'anna', lines: [line('kaffee', 1, 260, 19)] })
    payCash(journal, first.saleId, 260)
    // Fault injection: the completion's last insert fails after the number was allocated and the
    // completion row written, as if the process died between the steps.
    const saboteur = rawDb(tmp.dir)
    saboteur.exec(
      "CREATE TRIGGER crash_once BEFORE INSERT ON completion_payments BEGIN SELECT RAISE(ABORT, 'simulated crash'); END",
    )
    expect(() => journal.completeSale(first.saleId)).toThrow(/simulated crash/)
    expect(journal.sale(first.saleId)?.status).toBe('open')
    saboteur.exec('DROP TRIGGER crash_once')
    saboteur.close()
    expect(journal.completeSale(first.saleId).receiptNo).toBe(1)
    journal.close()
  })

  it('stays gapless and unique across random sales, failures, aborts and restarts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            'complete',
            'complete',
            'complete',
            'abort',
            'unpaid',
            'in-flight',
            'restart',
            'storno',
          ),
          { minLength: 1, maxLength: 40 },
        ),
        (ops) => {
          const run = tempDir()
          let { journal } = testJournal(run.dir)
          const completed: number[] = []
          try {
            for (const op of ops) {
              if (op === 'restart') {
                // A crash leaves unfinished sales behind; the reopened journal must carry on the series.
                journal.close()
                journal = testJournal(run.dir).journal
                continue
              }
              if (op === 'storno') {
                const target = completed.find((id) => {
                  const s = journal.sale(id)
                  return s?.kind === 'sale' && s.stornoSaleId === undefined
                })
                if (target === undefined) continue
                const storno = journal.recordStorno({ originalSaleId: target, sellerId: 'b', reason: 'test' })
                payCash(journal, storno.saleId, storno.total)
                completed.push(journal.completeSale(storno.saleId).saleId)
                continue
              }
              const sale = journal.beginSale({ sellerId: 'a', lines: [line('x', 2, 150, 7)] })
              if (op === 'complete') {
                payCash(journal, sale.saleId, 300)
                completed.push(journal.completeSale(sale.saleId).saleId)
              } else if (op === 'abort') journal.abortSale(sale.saleId, 'test')
              else if (op === 'in-flight') {
                journal.recordPaymentIntent({
                  saleId: sale.saleId,
                  method: 'card',
                  amount: 300,
                  step: 'start',
                })
                expect(() => journal.completeSale(sale.saleId)).toThrow()
              }
            }
            journal.close()
            expect(receiptNumbers(run.dir)).toEqual(oneToN(completed.length))
          } finally {
            journal.close()
            run.cleanup()
          }
        },
      ),
      { numRuns: 40 },
    )
  })

  it('numbers Z reports 1, 2, 3 with nothing in between', () => {
    const { journal } = testJournal(tmp.dir)
    const numbers = [0, 1, 2].map(() => journal.zReport({ denominations: [] }).zNumber)
    journal.close()
    expect(numbers).toEqual([1, 2, 3])
  })
})

describe('recovery after a crash', () => {
  function inFlightCardSale(journal: Journal) {
    const sale = journal.beginSale({ sellerId: 'anna', lines: [line('latte', 1, 380, 19)] })
    const created = journal.recordPaymentIntent({
      saleId: sale.saleId,
      method: 'card',
      amount: 380,
      step: 'create',
    })
    journal.recordPaymentOutcome({ intentId: created.intentId, status: 'done', transactionId: 'STX_RECOVER' })
    const started = journal.recordPaymentIntent({
      saleId: sale.saleId,
      paymentId: created.paymentId,
      step: 'start',
      transactionId: 'STX_RECOVER',
    })
    return { sale, paymentId: created.paymentId, intentId: started.intentId }
  }

  it('lists the in-flight payment with its secuconnect id after reopening, and completes it exactly once', () => {
    let { journal } = testJournal(tmp.dir)
    const paidButNotCompleted = journal.beginSale({ sellerId: 'ben', lines: [line('brezel', 2, 110, 7)] })
    payCash(journal, paidButNotCompleted.saleId, 220)
    const openOne = journal.beginSale({ sellerId: 'ben', lines: [line('brezel', 1, 110, 7)] })
    const flight = inFlightCardSale(journal)
    journal.close() // the crash: the card terminal was charging when power went out

    journal = testJournal(tmp.dir).journal
    const unfinished = journal.unfinished().sales
    expect(unfinished.map((u) => [u.sale.saleId, u.state])).toEqual([
      [paidButNotCompleted.saleId, 'paid'],
      [openOne.saleId, 'open'],
      [flight.sale.saleId, 'in-flight'],
    ])
    const card = unfinished[2].sale.payments[0]
    expect(card).toMatchObject({ transactionId: 'STX_RECOVER', openIntentIds: [flight.intentId], settled: 0 })

    // The sale service asked secuconnect: the charge went through.
    journal.recordPaymentOutcome({
      intentId: flight.intentId,
      status: 'settled',
      transactionId: 'STX_RECOVER',
      detail: { source: 'recovery' },
    })
    expect(journal.completeSale(flight.sale.saleId).receiptNo).toBe(1)
    expect(journal.completeSale(paidButNotCompleted.saleId).receiptNo).toBe(2)
    journal.abortSale(openOne.saleId, 'recovered after restart: never paid')
    expect(journal.unfinished().sales).toEqual([])
    journal.close()
    journal = testJournal(tmp.dir).journal
    expect(journal.unfinished().sales).toEqual([])
    expect(journal.sale(flight.sale.saleId)?.payments[0].settled).toBe(380)
    journal.close()
  })

  it('keeps receipt numbers gapless when the process is killed mid-sale (SIGKILL)', async () => {
    const { reported, stderr } = await sellUntilKilled('crash-child.ts', tmp.dir, 150)
    expect(stderr).toBe('')
    expect(reported.length).toBeGreaterThanOrEqual(150)
    const numbers = receiptNumbers(tmp.dir)
    // Every number the child saw committed is there; anything later was either committed whole or not at all.
    expect(numbers.slice(0, reported.length)).toEqual(reported)
    expect(numbers).toEqual(oneToN(numbers.length))
    const { journal } = testJournal(tmp.dir)
    for (const u of journal.unfinished().sales) expect(u.sale.receiptNo).toBeUndefined()
    const x = journal.xReport()
    expect(x.receiptCount).toBe(numbers.length)
    journal.close()
  })
})
