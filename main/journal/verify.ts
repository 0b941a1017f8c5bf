// Verifying the hash chain (chain.ts) against itself and against the rows it stands for. Three
// questions: do the entries link up and hash to what they say (an entry edited or removed)? Does every
// entry's row still exist with exactly the chained content (a row rewritten or deleted behind the
// triggers' back)? Does every row have an entry (a row inserted with the chain trigger dropped)?
// Plus: do the chain heads remembered outside (anchor file, heads signed into the TSE) still match,
// which is what catches a chain recomputed as a whole after a rewrite.
//
// Runs in steps (a generator) so the app can verify a big journal in the background between sales.
import type { DatabaseSync } from 'node:sqlite'
import { chainedTables, chainHash, GENESIS_HASH, type ChainEntry, type ChainHead } from './chain'

export type Finding =
  /** The entry's prev_hash is not the previous entry's hash: an entry was removed or inserted. */
  | { kind: 'link'; seq: number; table: string; rowKey: string }
  /** The entry's hash does not match its own content: the entry was edited. */
  | { kind: 'hash'; seq: number; table: string; rowKey: string }
  /** The row differs from what was chained. */
  | {
      kind: 'changed'
      seq: number
      table: string
      rowKey: string
      columns: { column: string; chained: unknown; actual: unknown }[]
    }
  /** The chained row is gone. */
  | { kind: 'deleted'; seq: number; table: string; rowKey: string }
  /** A row without a chain entry: inserted with the chain trigger dropped. */
  | { kind: 'unchained'; table: string; rowKey: string; row: Record<string, unknown> }
  /** A head remembered outside the journal is not in the chain: the chain was recomputed or cut. */
  | { kind: 'anchor'; seq: number; source: string; expected: string; found: string | null }

export interface VerifyResult {
  ok: boolean
  mode: 'full' | 'fast'
  /** Entries checked (after `fromSeq` in the fast mode). */
  entries: number
  head: ChainHead
  /** Up to `maxFindings`, the first bad row first (chain order; unchained rows after). */
  findings: Finding[]
  ms: number
}

export interface AnchoredHead extends ChainHead {
  /** Where it was remembered: 'anchor-file', 'tse z 3', … */
  source: string
}

export interface VerifyOptions {
  /** Fast path: entries up to this head were verified before; its hash must still be there. */
  from?: ChainHead
  anchors?: readonly AnchoredHead[]
  /** Entries per step. */
  chunk?: number
  maxFindings?: number
}

const order = (f: Finding) => ('seq' in f ? f.seq : Number.MAX_SAFE_INTEGER)

function diffColumns(chained: string, actual: string) {
  const a = JSON.parse(chained) as Record<string, unknown>
  const b = JSON.parse(actual) as Record<string, unknown>
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
  return names
    .filter((n) => JSON.stringify(a[n]) !== JSON.stringify(b[n]))
    .map((column) => ({ column, chained: a[column] ?? null, actual: b[column] ?? null }))
}

export function* verifySteps(db: DatabaseSync, options: VerifyOptions = {}): Generator<void, VerifyResult> {
  const started = performance.now()
  const chunk = options.chunk ?? 5000
  const maxFindings = options.maxFindings ?? 20
  const findings: Finding[] = []
  const add = (f: Finding) => {
    if (findings.length < maxFindings) findings.push(f)
  }
  const shapes = new Map(chainedTables(db).map((s) => [s.name, s]))
  const entryAt = db.prepare('SELECT * FROM journal_chain WHERE seq = ?')

  // The fast path starts after a head verified before, if that head is still what it was.
  let fromSeq = 0
  let prev = GENESIS_HASH
  if (options.from && options.from.seq > 0) {
    const at = entryAt.get(options.from.seq) as ChainEntry | undefined
    if (at && at.hash === options.from.hash) {
      fromSeq = options.from.seq
      prev = at.hash
    } else
      add({
        kind: 'anchor',
        seq: options.from.seq,
        source: 'verified',
        expected: options.from.hash,
        found: at?.hash ?? null,
      })
  }

  // 1. The entries link up and hash to their content (JS: SQLite has no SHA-256).
  const page = db.prepare(
    'SELECT seq, tbl, row_key, payload, prev_hash, hash FROM journal_chain WHERE seq > ? ORDER BY seq LIMIT ?',
  )
  let entries = 0
  let last = fromSeq
  let head: ChainHead = { seq: fromSeq, hash: prev }
  for (;;) {
    const rows = page.all(last, chunk) as unknown as ChainEntry[]
    if (rows.length === 0) break
    for (const e of rows) {
      const seq = Number(e.seq)
      if (e.prev_hash !== prev) add({ kind: 'link', seq, table: e.tbl, rowKey: e.row_key })
      if (chainHash(e.prev_hash, e.tbl, e.row_key, e.payload) !== e.hash)
        add({ kind: 'hash', seq, table: e.tbl, rowKey: e.row_key })
      if (!shapes.has(e.tbl)) add({ kind: 'deleted', seq, table: e.tbl, rowKey: e.row_key })
      prev = e.hash
      head = { seq, hash: e.hash }
      last = seq
      entries++
    }
    yield
  }

  // 2. Each entry's row still has the chained content: compared inside SQLite, table by table in seq
  // windows, so only the differing rows come back. The fast path walks the chain by seq (unary + keeps
  // the planner off the (tbl, row_key) index); the full verify walks each table's entries by that index.
  for (const s of shapes.values()) {
    const join =
      s.orderBy === 'rowid'
        ? 't.rowid = CAST(c.row_key AS INTEGER)'
        : s.keyWhere.replaceAll('?1', 'c.row_key').replace(/"([^"]+)" =/g, 't."$1" =')
    const differing = db.prepare(
      `SELECT c.seq, c.row_key, c.payload, CASE WHEN ${s.present('t')} IS NULL THEN NULL ELSE ${s.payloadExpr('t')} END AS actual
       FROM journal_chain c
       LEFT JOIN "${s.name}" AS t ON ${join}
       WHERE ${fromSeq > 0 ? '+c.tbl' : 'c.tbl'} = ? AND c.seq > ? AND c.seq <= ?
         AND (${s.present('t')} IS NULL OR ${s.payloadExpr('t')} IS NOT c.payload)
       ORDER BY c.seq LIMIT ?`,
    )
    const window = fromSeq > 0 ? head.seq - fromSeq : head.seq
    const step = Math.max(chunk * 10, 1)
    for (let lo = fromSeq; lo < head.seq && findings.length < maxFindings; lo += step) {
      const hi = Math.min(lo + step, head.seq)
      const bad = differing.all(s.name, lo, hi, maxFindings) as {
        seq: number
        row_key: string
        payload: string
        actual: string | null
      }[]
      for (const b of bad) {
        const seq = Number(b.seq)
        if (b.actual === null) add({ kind: 'deleted', seq, table: s.name, rowKey: b.row_key })
        else
          add({
            kind: 'changed',
            seq,
            table: s.name,
            rowKey: b.row_key,
            columns: diffColumns(b.payload, b.actual),
          })
      }
      if (window > step) yield
    }
    yield
  }

  for (const a of options.anchors ?? []) {
    if (a.seq === 0) continue
    const at = entryAt.get(a.seq) as ChainEntry | undefined
    if (at?.hash !== a.hash)
      add({ kind: 'anchor', seq: a.seq, source: a.source, expected: a.hash, found: at?.hash ?? null })
  }

  // Coverage: as many entries per table as rows, else find the rows without one (and, in the fast
  // path, entries before `fromSeq` whose row is gone).
  const countEntries = db.prepare('SELECT COUNT(*) AS n FROM journal_chain WHERE tbl = ?')
  for (const s of shapes.values()) {
    const rows = Number((db.prepare(`SELECT COUNT(*) AS n FROM "${s.name}"`).get() as { n: number }).n)
    const chained = Number((countEntries.get(s.name) as { n: number }).n)
    if (rows > chained || (fromSeq > 0 && rows !== chained)) {
      const unchained = db
        .prepare(
          `SELECT ${s.keyExpr('t')} AS k, ${s.payloadExpr('t')} AS p FROM "${s.name}" AS t
           WHERE NOT EXISTS (SELECT 1 FROM journal_chain c WHERE c.tbl = ? AND c.row_key = ${s.keyExpr('t')})
           ORDER BY ${s.orderBy} LIMIT ?`,
        )
        .all(s.name, maxFindings) as { k: string; p: string }[]
      for (const u of unchained)
        add({
          kind: 'unchained',
          table: s.name,
          rowKey: u.k,
          row: JSON.parse(u.p) as Record<string, unknown>,
        })
      if (fromSeq > 0 && rows < chained + unchained.length) {
        const gone = db
          .prepare(
            `SELECT seq, row_key FROM journal_chain c WHERE c.tbl = ? AND c.seq <= ?
             AND NOT EXISTS (SELECT 1 FROM "${s.name}" WHERE ${s.keyWhere.replaceAll('?1', 'c.row_key').replaceAll('?', 'c.row_key')})
             ORDER BY seq LIMIT ?`,
          )
          .all(s.name, fromSeq, maxFindings) as { seq: number; row_key: string }[]
        for (const g of gone) add({ kind: 'deleted', seq: Number(g.seq), table: s.name, rowKey: g.row_key })
      }
    }
    yield
  }
  findings.sort((a, b) => order(a) - order(b))
  return {
    ok: findings.length === 0,
    mode: fromSeq > 0 ? 'fast' : 'full',
    entries,
    head,
    findings,
    ms: Math.round(performance.now() - started),
  }
}

/** Runs every step at once (CLI, back office, tests). */
export function verifyChain(db: DatabaseSync, options: VerifyOptions = {}): VerifyResult {
  const steps = verifySteps(db, options)
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
  }
}

const show = (v: unknown) =>
  v === null || v === undefined ? '∅' : typeof v === 'string' ? `"${v}"` : String(v)

/** One finding in German and English, for the banner, the back office, the log and the CLI. */
export function describeFinding(f: Finding): { de: string; en: string } {
  const where = 'table' in f ? `${f.table} ${f.rowKey}` : ''
  switch (f.kind) {
    case 'changed': {
      const cols = f.columns.map((c) => `${c.column}: ${show(c.chained)} → ${show(c.actual)}`).join(', ')
      return {
        de: `Zeile ${where} (Kette Nr. ${f.seq}) wurde nachträglich geändert: ${cols}`,
        en: `Row ${where} (chain no. ${f.seq}) was changed afterwards: ${cols}`,
      }
    }
    case 'deleted':
      return {
        de: `Zeile ${where} (Kette Nr. ${f.seq}) wurde gelöscht`,
        en: `Row ${where} (chain no. ${f.seq}) was deleted`,
      }
    case 'unchained':
      return {
        de: `Zeile ${where} wurde an der Kette vorbei eingefügt: ${JSON.stringify(f.row)}`,
        en: `Row ${where} was inserted bypassing the chain: ${JSON.stringify(f.row)}`,
      }
    case 'link':
      return {
        de: `Kette unterbrochen vor Nr. ${f.seq} (${where}): Einträge fehlen oder wurden eingeschoben`,
        en: `Chain broken before no. ${f.seq} (${where}): entries removed or inserted`,
      }
    case 'hash':
      return {
        de: `Ketteneintrag Nr. ${f.seq} (${where}) wurde verändert`,
        en: `Chain entry no. ${f.seq} (${where}) was altered`,
      }
    case 'anchor':
      return {
        de: `Der gesicherte Stand Nr. ${f.seq} (${f.source}) passt nicht mehr zur Kette: das Journal wurde neu berechnet oder gekürzt`,
        en: `The secured state no. ${f.seq} (${f.source}) no longer matches the chain: the journal was recomputed or cut`,
      }
  }
}
