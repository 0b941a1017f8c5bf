// The journal's integrity at run time: on open, the rollback check against the anchor record (before
// anything is written), the chain triggers and the one-time chaining of older history (after the
// migrations), and the fast verify since the last verified head. Afterwards: the anchor record after
// each commit that moved a receipt, Z or cash number, the full verify (background, back office, CLI),
// the state the banner shows, and a manager's acknowledgement. A changed journal keeps selling but
// refuses the Z closing until a manager has acknowledged what was found (both journaled).
import type { DatabaseSync } from 'node:sqlite'
import { AppFailure } from '../../common/result'
import type { Logger } from '../../common/ports'
import {
  assertNotRolledBack,
  positionReader,
  readAnchor,
  writeAnchor,
  writeAnchorAsync,
  type AnchorRecord,
  type JournalPosition,
} from './anchor'
import { backupJournal, backupName } from './backup'
import {
  chainedTables,
  chainHead,
  chainHistoryOnce,
  chainRows,
  installChainTriggers,
  registerChainFunction,
  type ChainHead,
} from './chain'
import { inTransaction, onCommit } from './database'
import { describeFinding, verifySteps, type AnchoredHead, type Finding, type VerifyResult } from './verify'

export type IntegrityState = 'ok' | 'altered' | 'acknowledged'

export interface IntegrityStatus {
  state: IntegrityState
  /** Whether the full verify has run since start (the start itself checks the fast path only). */
  fullyVerified: boolean
  head: ChainHead
  /** The findings of the last verify, each in German and English; the first is the first bad row. */
  findings: { key: string; de: string; en: string }[]
  /** When the last verify ran and how long it took. */
  verifiedAt: string | null
  ms: number | null
}

export interface JournalIntegrity {
  status(): IntegrityStatus
  /** The full verify, all at once (back office, CLI). */
  verify(): VerifyResult
  /** The full verify in steps between other work; resolves with its result, or null when the journal closed first. */
  verifyInBackground(): Promise<VerifyResult | null>
  /** A manager has seen the findings: the Z is allowed again (journaled with who and what). */
  acknowledge(managerId: string): IntegrityStatus
  /** Throws `journal.error.integrityAltered` while findings are not acknowledged. */
  assertClosingAllowed(): void
  /** Remembers the head of a Z closing in the anchor record (after the closing committed). */
  closed(zNo: number): ChainHead
  /** Records what happened to the head's signature in the TSE (or why it failed). */
  recordAnchoring(detail: {
    zNo: number
    head: ChainHead
    tse?: Record<string, unknown>
    error?: string
  }): void
  /** Writes a consistent copy of the journal into `folder` and journals where it went. */
  backup(folder: string, zNo: number): Promise<{ path: string; pages: number }>
  /** Resolves once the record written after the last sale is on disk (tests, a clean shutdown). */
  flushed(): Promise<void>
  onChange(listener: (status: IntegrityStatus) => void): () => void
  close(): void
}

export interface IntegrityOptions {
  dataDir: string
  now(): string
  logger: Logger
}

/** Identity of a finding, so an acknowledged one is not raised again by the next verify. */
const findingKey = (f: Finding) =>
  f.kind === 'unchained'
    ? `unchained:${f.table}:${f.rowKey}`
    : f.kind === 'anchor'
      ? `anchor:${f.source}:${f.seq}`
      : `${f.kind}:${f.seq}:${f.table}:${f.rowKey}`

/**
 * Step 1, right after the database is opened and before the migrations write anything: registers the
 * chain's hash function (older chain triggers fire during migrations) and refuses a journal that went
 * backwards against its record. Returns step 2, to run once the migrations are applied.
 */
export function guardJournal(db: DatabaseSync, options: IntegrityOptions): { ready(): JournalIntegrity } {
  registerChainFunction(db)
  const record = readAnchor(options.dataDir)
  assertNotRolledBack(db, options.dataDir, record)
  const before = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    ),
  )
  return { ready: () => startIntegrity(db, options, record, before) }
}

function startIntegrity(
  db: DatabaseSync,
  options: IntegrityOptions,
  initial: AnchorRecord | undefined,
  tablesBefore: ReadonlySet<string>,
): JournalIntegrity {
  const { dataDir, now, logger } = options
  const justStarted = inTransaction(db, () => {
    const started =
      db.prepare("SELECT 1 FROM journal_events WHERE kind = 'chain-started'").get() !== undefined
    const shapes = chainedTables(db)
    const missing = installChainTriggers(db, shapes)
    if (started && missing.length > 0)
      // Verify finds what was done while they were gone; this says that someone removed them.
      logger.log('warn', 'journal.chain-trigger-missing', { tables: missing })
    const chained = chainHistoryOnce(db, shapes, now())
    if (chained > 0) logger.log('info', 'journal.chain-started', { chainedRows: chained })
    // Rows a migration of this open wrote into a table it created (no chain trigger existed yet).
    if (started) {
      const created = shapes.filter((sh) => !tablesBefore.has(sh.name))
      const rows = chainRows(db, created)
      if (rows > 0)
        logger.log('info', 'journal.chain-new-tables', { tables: created.map((c) => c.name), rows })
    }
    return !started
  })

  let record: AnchorRecord | undefined = initial
  let closed = false
  let status: IntegrityStatus = {
    state: 'ok',
    fullyVerified: false,
    head: chainHead(db),
    findings: [],
    verifiedAt: null,
    ms: null,
  }
  const listeners = new Set<(s: IntegrityStatus) => void>()
  const publish = () => {
    for (const l of listeners) l(status)
  }

  const acknowledged = (): Set<string> => {
    const rows = db.prepare("SELECT detail FROM journal_events WHERE kind = 'acknowledged'").all() as {
      detail: string
    }[]
    return new Set(rows.flatMap((r) => (JSON.parse(r.detail) as { findings: string[] }).findings))
  }
  /** The heads remembered outside the chain: the anchor record's, the last Z's, the TSE-signed ones. */
  const anchors = (): AnchoredHead[] => {
    const out: AnchoredHead[] = []
    if (record) out.push({ ...record.head, source: 'anchor file' })
    if (record?.lastZ) out.push({ ...record.lastZ, source: `Z ${record.lastZ.zNo}` })
    const signed = db.prepare("SELECT detail FROM journal_events WHERE kind = 'anchored'").all() as {
      detail: string
    }[]
    for (const s of signed) {
      const d = JSON.parse(s.detail) as { zNo: number; head: ChainHead }
      out.push({ ...d.head, source: `TSE Z ${d.zNo}` })
    }
    return out
  }

  const position: () => JournalPosition = positionReader(db)
  /** The newest record, taken right after a commit (never inside an open transaction). */
  const snapshot = (patch: Partial<AnchorRecord> = {}): AnchorRecord => {
    record = { format: 1, ...record, ...position(), ...patch, at: now() }
    return record
  }
  // Synchronous writes (start, Z, verify, close) count up; an async write started before one of them
  // does not rename over it.
  let generation = 0
  const persist = (patch: Partial<AnchorRecord> = {}) => {
    writeAnchor(dataDir, snapshot(patch))
    generation++
  }
  // After a sale's commit the record is written off the till's path: the sale does not wait for the
  // record's fsync, which lands a moment later (a record that lags is less strict, never wrong).
  // Each write takes the newest snapshot at the moment it starts (a sync write's included), so an
  // async write never carries an older state than one written before it started.
  let dirty = false
  let writing: Promise<void> | undefined
  const drain = async () => {
    // After close() the synchronous record is the last word: no new temp file in the data folder.
    while (dirty && record && !closed) {
      dirty = false
      const next = record
      const at = generation
      try {
        await writeAnchorAsync(dataDir, next, () => closed || generation !== at)
      } catch (error) {
        // The commit stands; the next write (or close) brings the record up to date.
        logger.log('error', 'journal.anchor-write-failed', { error: String(error) })
      }
    }
    writing = undefined
  }
  const persistSoon = () => {
    snapshot()
    dirty = true
    writing ??= drain()
  }

  const apply = (result: VerifyResult, full: boolean): VerifyResult => {
    const seen = acknowledged()
    const open = result.findings.filter((f) => !seen.has(findingKey(f)))
    const state: IntegrityState = result.ok ? 'ok' : open.length === 0 ? 'acknowledged' : 'altered'
    if (state === 'altered' && status.state !== 'altered') {
      logger.log('error', 'journal.altered', { findings: open.map((f) => describeFinding(f).en) })
      // Journaled, so what was found (and when) is part of the books a tax auditor gets.
      inTransaction(db, () =>
        db
          .prepare("INSERT INTO journal_events (kind, detail, by, at) VALUES ('verify-failed', ?, NULL, ?)")
          .run(
            JSON.stringify({ findings: open.map(findingKey), first: describeFinding(open[0]!).en }),
            now(),
          ),
      )
    }
    status = {
      state,
      fullyVerified: status.fullyVerified || full,
      head: chainHead(db),
      findings: result.findings.map((f) => ({ key: findingKey(f), ...describeFinding(f) })),
      verifiedAt: now(),
      ms: result.ms,
    }
    // Only a full verify without new findings moves the fast path's starting point (acknowledged ones
    // are found again by every full verify and need not slow every start down).
    if (full && state !== 'altered') persist({ verified: result.head })
    publish()
    return result
  }

  // The start's fast path begins at the last head a full verify found intact (or with only
  // acknowledged findings). Without one it checks from the record's head, and without a record only the
  // outside anchors and the row counts: the start stays fast on a big journal, the background full
  // verify that follows covers the rest. A chain built just now from the rows is intact by construction.
  if (!justStarted && !record)
    // A chained journal without its record: deleted or lost; a new one is written now.
    logger.log('warn', 'journal.anchor-missing', { dataDir })
  let startFrom: ChainHead | undefined = justStarted
    ? chainHead(db)
    : (record?.verified ?? (record && record.head.seq > 0 ? record.head : chainHead(db)))
  const run = (full: boolean) => {
    const from = full ? undefined : startFrom
    const steps = verifySteps(db, { anchors: anchors(), ...(from ? { from } : {}) })
    return { steps, full }
  }
  const runAll = (full: boolean): VerifyResult => {
    const { steps } = run(full)
    for (;;) {
      const next = steps.next()
      if (next.done) return apply(next.value, full)
    }
  }

  // The start: fast path, then the record catches up with where the journal is.
  runAll(false)
  startFrom = undefined
  persist(justStarted && status.state === 'ok' ? { verified: chainHead(db) } : {})
  // From now on the record follows each commit that moved a number a rollback must not undo.
  let last = position()
  const catchUp = () => {
    if (closed || !db.isOpen) return
    try {
      const p = position()
      if (p.receiptNo !== last.receiptNo || p.zNo !== last.zNo || p.cashMovementId !== last.cashMovementId) {
        persistSoon()
        last = p
      }
    } catch (error) {
      // The commit stands; a record that lags is only less strict, never wrong (docs/journal.md).
      logger.log('error', 'journal.anchor-write-failed', { error: String(error) })
    }
  }
  // Looked at once per turn of the event loop, after the code that committed has run on: the commits
  // of a sale's step come in a burst, and the step's next call (or the paid screen) should not wait
  // for the record's reads. The record lags by that turn — less strict, never wrong.
  let looking: Promise<void> | undefined
  onCommit(db, () => {
    looking ??= new Promise((resolve) =>
      setImmediate(() => {
        looking = undefined
        catchUp()
        resolve()
      }),
    )
  })

  let background: Promise<VerifyResult | null> | undefined

  return {
    status: () => status,
    verify: () => runAll(true),
    verifyInBackground() {
      background ??= new Promise<VerifyResult | null>((resolve, reject) => {
        const { steps } = run(true)
        const tick = () => {
          try {
            if (closed || !db.isOpen) return resolve(null)
            const next = steps.next()
            if (next.done) resolve(apply(next.value, true))
            else setImmediate(tick)
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)))
          }
        }
        setImmediate(tick)
      }).finally(() => {
        background = undefined
      })
      return background
    },
    acknowledge(managerId) {
      const open = status.findings.map((f) => f.key)
      inTransaction(db, () =>
        db
          .prepare("INSERT INTO journal_events (kind, detail, by, at) VALUES ('acknowledged', ?, ?, ?)")
          .run(JSON.stringify({ findings: open }), managerId, now()),
      )
      logger.log('warn', 'journal.altered-acknowledged', { by: managerId, findings: open.length })
      if (status.state === 'altered') status = { ...status, state: 'acknowledged' }
      publish()
      return status
    },
    assertClosingAllowed() {
      if (status.state === 'altered')
        throw AppFailure.of(
          'CONFLICT',
          'journal.error.integrityAltered',
          `Journal verändert: ${status.findings[0]?.de ?? ''} — Z-Abschluss erst nach Bestätigung durch eine Leitung. / ` +
            `Journal altered: ${status.findings[0]?.en ?? ''} — Z closing only after a manager has acknowledged it.`,
        )
    },
    closed(zNo) {
      const head = chainHead(db)
      persist({ lastZ: { ...head, zNo } })
      return head
    },
    recordAnchoring(detail) {
      inTransaction(db, () =>
        db
          .prepare('INSERT INTO journal_events (kind, detail, by, at) VALUES (?, ?, NULL, ?)')
          .run(detail.error === undefined ? 'anchored' : 'anchor-failed', JSON.stringify(detail), now()),
      )
    },
    async backup(folder, zNo) {
      const at = now()
      const done = await backupJournal(db, folder, backupName(zNo, at))
      inTransaction(db, () =>
        db
          .prepare("INSERT INTO journal_events (kind, detail, by, at) VALUES ('backup', ?, NULL, ?)")
          .run(JSON.stringify({ zNo, path: done.path, pages: done.pages }), at),
      )
      return done
    },
    flushed: async () => {
      await looking
      await writing
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      closed = true
      listeners.clear()
      onCommit(db, undefined)
      try {
        if (db.isOpen) persist()
      } catch (error) {
        logger.log('error', 'journal.anchor-write-failed', { error: String(error) })
      }
    },
  }
}
