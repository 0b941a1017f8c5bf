// The hash chain over the journal (tamper evidence, GoBD "Unveränderbarkeit", § 146 Abs. 4 AO): every
// row inserted into an append-only table gets an entry in `journal_chain` with the row's canonical
// JSON and SHA-256(previous hash, table, key, payload). A row rewritten behind the triggers' back no
// longer matches its entry; a row inserted with the triggers dropped has no entry; and recomputing the
// chain after a rewrite changes every later hash, which the anchor file and the head signed into the
// TSE at each Z closing (SonstigerVorgang) still remember (docs/journal.md "Tamper evidence").
//
// The entries are written by AFTER INSERT triggers generated from the tables' columns at open, for
// every table in APPEND_ONLY_TABLES: a table another module adds is chained without touching this
// file, and no write path of the journal can forget it. SQLite has no SHA-256 of its own, so the
// triggers call `tresen_chain_hash`, a function registered on the app's connection; a tool that
// inserts through a connection without it is refused ("no such function").
import { hash } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
import { APPEND_ONLY_TABLES } from './schema'

export const CHAIN_HASH_FUNCTION = 'tresen_chain_hash'
/** The prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64)

export interface ChainHead {
  /** 0 for an empty chain. */
  seq: number
  hash: string
}

export interface ChainEntry {
  seq: number
  tbl: string
  row_key: string
  payload: string
  prev_hash: string
  hash: string
}

/**
 * The hash of one entry: SHA-256 over the JSON array [prev, table, key, payload] — a JSON array is an
 * unambiguous encoding of four strings (no separator can be smuggled into a field).
 */
export function chainHash(prev: string, tbl: string, rowKey: string, payload: string): string {
  // One-shot hash (https://nodejs.org/api/crypto.html#cryptohashalgorithm-data-options): the same
  // digest as createHash().update().digest(), without a Hash object per journal row for the GC.
  return hash('sha256', JSON.stringify([prev, tbl, rowKey, payload]), 'hex')
}

/** Registers the hash function the chain triggers call; needed on every connection that writes. */
export function registerChainFunction(db: DatabaseSync): void {
  db.function(CHAIN_HASH_FUNCTION, { deterministic: true }, (prev, tbl, rowKey, payload) =>
    chainHash(String(prev), String(tbl), String(rowKey), String(payload)),
  )
}

const quoteId = (name: string) => `"${name.replaceAll('"', '""')}"`
const quoteText = (text: string) => `'${text.replaceAll("'", "''")}'`

export interface TableShape {
  name: string
  /** SQL of the row's key over the alias (`NEW` in the trigger, the table in verify). */
  keyExpr(alias: string): string
  /** SQL of the row's canonical JSON over the alias. */
  payloadExpr(alias: string): string
  /** WHERE clause finding the row whose key is the bound parameter `?`. */
  keyWhere: string
  /** ORDER BY of the rows in key order (rowid, or the primary key of a WITHOUT ROWID table). */
  orderBy: string
  /** SQL that is NULL exactly when an outer join found no row (a rowid, or the first key column). */
  present(alias: string): string
}

/**
 * How a table's rows are keyed and encoded. Canonical JSON: the columns in name order, NULL columns
 * left out (json_patch drops them), BLOBs as hex text. Leaving NULLs out keeps every existing row's
 * payload the same when a migration adds a nullable column (as v2 added receipts.copy_of).
 */
export function tableShape(db: DatabaseSync, name: string): TableShape | undefined {
  const columns = db.prepare(`PRAGMA table_info(${quoteId(name)})`).all() as {
    name: string
    pk: number
  }[]
  if (columns.length === 0) return undefined
  const listed = db
    .prepare('SELECT wr FROM pragma_table_list WHERE name = ? AND schema = ?')
    .get(name, 'main') as { wr: number } | undefined
  const withoutRowid = listed?.wr === 1
  const sorted = [...columns].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const payloadExpr = (alias: string) => {
    const col = (c: string) => `${alias}.${quoteId(c)}`
    const pairs = sorted.map(
      (c) =>
        `${quoteText(c.name)}, CASE typeof(${col(c.name)}) WHEN 'blob' THEN 'x' || hex(${col(c.name)}) ELSE ${col(c.name)} END`,
    )
    return `json_patch('{}', json_object(${pairs.join(', ')}))`
  }
  if (!withoutRowid)
    return {
      name,
      keyExpr: (alias) => `CAST(${alias}.rowid AS TEXT)`,
      payloadExpr,
      keyWhere: 'rowid = CAST(? AS INTEGER)',
      orderBy: 'rowid',
      present: (alias) => `${alias}.rowid`,
    }
  const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk)
  return {
    name,
    keyExpr: (alias) => `json_array(${pk.map((c) => `${alias}.${quoteId(c.name)}`).join(', ')})`,
    payloadExpr,
    keyWhere: pk.map((c, i) => `${quoteId(c.name)} = json_extract(?1, '$[${i}]')`).join(' AND '),
    orderBy: pk.map((c) => quoteId(c.name)).join(', '),
    present: (alias) => `${alias}.${quoteId(pk[0]!.name)}`,
  }
}

/** The append-only tables that exist in this journal (a table of a later migration may not yet). */
export function chainedTables(
  db: DatabaseSync,
  tables: readonly string[] = APPEND_ONLY_TABLES,
): TableShape[] {
  return tables.map((t) => tableShape(db, t)).filter((s): s is TableShape => s !== undefined)
}

const triggerName = (table: string) => `${table}_chain`

function chainTriggerSql(shape: TableShape): string {
  const t = quoteText(shape.name)
  return `CREATE TRIGGER ${quoteId(triggerName(shape.name))} AFTER INSERT ON ${quoteId(shape.name)} BEGIN
  INSERT INTO journal_chain (tbl, row_key, payload, prev_hash, hash)
  SELECT ${t}, k, p, prev, ${CHAIN_HASH_FUNCTION}(prev, ${t}, k, p) FROM (SELECT ${shape.keyExpr('NEW')} AS k, ${shape.payloadExpr('NEW')} AS p,
    COALESCE((SELECT hash FROM journal_chain ORDER BY seq DESC LIMIT 1), ${quoteText(GENESIS_HASH)}) AS prev);
END;`
}

const appendOnlySql = (table: string) => `
CREATE TRIGGER IF NOT EXISTS ${quoteId(`${table}_no_update`)} BEFORE UPDATE ON ${quoteId(table)} BEGIN SELECT RAISE(ABORT, 'journal is append-only: UPDATE on ${table} refused'); END;
CREATE TRIGGER IF NOT EXISTS ${quoteId(`${table}_no_delete`)} BEFORE DELETE ON ${quoteId(table)} BEGIN SELECT RAISE(ABORT, 'journal is append-only: DELETE on ${table} refused'); END;`

/**
 * (Re)creates the chain trigger of every append-only table from its current columns, and the
 * append-only guards where one is missing. Runs at every open, after the migrations, so a column
 * added by a migration is in the payload from then on. Returns the tables whose chain trigger was
 * missing although the chain had started: someone dropped it (logged; verify finds what was done).
 */
export function installChainTriggers(db: DatabaseSync, shapes: readonly TableShape[]): string[] {
  const existing = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]).map(
      (r) => r.name,
    ),
  )
  const missing = shapes.filter((s) => !existing.has(triggerName(s.name))).map((s) => s.name)
  for (const s of shapes) {
    db.exec(
      `DROP TRIGGER IF EXISTS ${quoteId(triggerName(s.name))};\n${chainTriggerSql(s)}${appendOnlySql(s.name)}`,
    )
  }
  db.exec(appendOnlySql('journal_chain'))
  return missing
}

export function chainHead(db: DatabaseSync): ChainHead {
  const row = db.prepare('SELECT seq, hash FROM journal_chain ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined
  return row ? { seq: Number(row.seq), hash: row.hash } : { seq: 0, hash: GENESIS_HASH }
}

export function chainExists(db: DatabaseSync): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal_chain'").get() !==
    undefined
  )
}

/**
 * Chains the rows a journal held before it had a chain (schema 1–2), once, in the same transaction
 * that records `chain-started`: table by table in APPEND_ONLY_TABLES order, rows in key order. Never
 * again afterwards — a row without an entry later is what verify reports as inserted behind the
 * triggers' back, not something to chain silently.
 */
export function chainHistoryOnce(db: DatabaseSync, shapes: readonly TableShape[], at: string): number {
  const started = db.prepare("SELECT 1 FROM journal_events WHERE kind = 'chain-started'").get()
  if (started) return 0
  const count = chainRows(
    db,
    shapes.filter((s) => s.name !== 'journal_events'),
  )
  // Through the chain trigger of journal_events, so this record is itself chained.
  db.prepare("INSERT INTO journal_events (kind, detail, by, at) VALUES ('chain-started', ?, NULL, ?)").run(
    JSON.stringify({ chainedRows: count }),
    at,
  )
  return count
}

/**
 * Chains the rows of `shapes` that have no entry, table by table in key order. For the history before
 * the chain, and for a table a migration created in this open (its rows were inserted before its chain
 * trigger existed) — never for a table that had a trigger, where a row without an entry is a finding.
 */
export function chainRows(db: DatabaseSync, shapes: readonly TableShape[]): number {
  let head = chainHead(db)
  let count = 0
  const insert = db.prepare(
    'INSERT INTO journal_chain (tbl, row_key, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?)',
  )
  for (const s of shapes) {
    const rows = db
      .prepare(
        `SELECT ${s.keyExpr('t')} AS k, ${s.payloadExpr('t')} AS p FROM ${quoteId(s.name)} AS t
         WHERE NOT EXISTS (SELECT 1 FROM journal_chain c WHERE c.tbl = ? AND c.row_key = ${s.keyExpr('t')})
         ORDER BY ${s.orderBy}`,
      )
      .all(s.name) as { k: string; p: string }[]
    for (const r of rows) {
      const hash = chainHash(head.hash, s.name, r.k, r.p)
      const seq = Number(insert.run(s.name, r.k, r.p, head.hash, hash).lastInsertRowid)
      head = { seq, hash }
      count++
    }
  }
  return count
}
