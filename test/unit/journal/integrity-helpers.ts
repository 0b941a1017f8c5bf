// What an attacker with the journal file and an SQLite tool can do, as test steps: drop the
// append-only and chain triggers, write, and put the triggers back exactly as they were.
import { copyFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { Journal } from '../../../main/journal'
import { chainHash, GENESIS_HASH } from '../../../main/journal/chain'
import { line, payCash, rawDb } from './helpers'

/** Runs `fn` on a raw connection with every trigger dropped, then recreates them from their SQL. */
export function behindTheTriggers(dir: string, fn: (db: DatabaseSync) => void, file?: string): void {
  const db = file ? new DatabaseSync(file) : rawDb(dir)
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as {
    name: string
    sql: string
  }[]
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`)
  try {
    fn(db)
  } finally {
    for (const t of triggers) db.exec(t.sql)
    db.close()
  }
}

/** A cash sale of one loaf at 5,20 € (7 %), completed with its receipt number. */
export function sellBread(journal: Journal, price = 520) {
  const sale = journal.beginSale({ sellerId: 'anna', lines: [line('brot', 1, price, 7, 'Roggenbrot')] })
  payCash(journal, sale.saleId, price)
  return journal.completeSale(sale.saleId)
}

/** Rewrites a completed 5,20 € sale to 0,01 € everywhere the X report and the receipt look. */
export function rewriteSaleToOneCent(db: DatabaseSync, saleId: number) {
  db.prepare('UPDATE sales SET total = 1 WHERE id = ?').run(saleId)
  db.prepare('UPDATE sale_lines SET unit_price = 1, total = 1 WHERE sale_id = ?').run(saleId)
  db.prepare('UPDATE payments SET amount = 1, tendered = 1 WHERE sale_id = ?').run(saleId)
  db.prepare(
    'UPDATE payment_outcomes SET amount = 1 WHERE intent_id IN (SELECT i.id FROM payment_intents i JOIN payments p ON p.id = i.payment_id WHERE p.sale_id = ?)',
  ).run(saleId)
  const completion = db.prepare('SELECT id FROM sale_completions WHERE sale_id = ?').get(saleId) as {
    id: number
  }
  db.prepare('UPDATE sale_completions SET total = 1 WHERE id = ?').run(completion.id)
  db.prepare('UPDATE completion_vat SET gross = 1, net = 1, vat = 0 WHERE completion_id = ?').run(
    completion.id,
  )
  db.prepare('UPDATE completion_payments SET amount = 1 WHERE completion_id = ?').run(completion.id)
}

/** Recomputes every chain entry from the rows as they are now, as a thorough attacker would. */
export function recomputeChain(db: DatabaseSync) {
  const entries = db.prepare('SELECT seq, tbl, row_key FROM journal_chain ORDER BY seq').all() as {
    seq: number
    tbl: string
    row_key: string
  }[]
  let prev = GENESIS_HASH
  for (const e of entries) {
    const withoutRowid = (
      db.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').get(e.tbl) as { wr: number }
    ).wr
    const columns = db.prepare(`PRAGMA table_info("${e.tbl}")`).all() as { name: string; pk: number }[]
    const names = columns.map((c) => c.name).sort()
    const pairs = names.map((n) => `'${n}', "${n}"`).join(', ')
    const where = withoutRowid
      ? columns
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c, i) => `"${c.name}" = json_extract(?1, '$[${i}]')`)
          .join(' AND ')
      : 'rowid = CAST(?1 AS INTEGER)'
    const payload = (
      db
        .prepare(`SELECT json_patch('{}', json_object(${pairs})) AS p FROM "${e.tbl}" WHERE ${where}`)
        .get(e.row_key) as {
        p: string
      }
    ).p
    const hash = chainHash(prev, e.tbl, e.row_key, payload)
    db.prepare('UPDATE journal_chain SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
      payload,
      prev,
      hash,
      e.seq,
    )
    prev = hash
  }
}

/** The data dir's journal files as they would be after a crash with the WAL deleted. */
export function copyWithoutWal(from: string, to: string) {
  copyFileSync(join(from, 'journal.sqlite'), join(to, 'journal.sqlite'))
  if (existsSync(join(from, 'journal.anchor.json')))
    copyFileSync(join(from, 'journal.anchor.json'), join(to, 'journal.anchor.json'))
}
