// The "Klärung nötig" list: sales that recovery could not decide (a status the client does not know,
// an API that stayed unreadable, money on a sale with nothing in flight). A sale is listed once until a
// manager decides it; the decision is a row of its own (who, why, when), like everything in the journal.
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { AppFailure } from '../../common/result'
import { inTransaction } from './database'

export interface Clarification {
  clarificationId: number
  saleId: number
  /** Why recovery could not decide (English, for the log and the manager). */
  reason: string
  /** The API's transaction id, when one is known. */
  transactionId: string | null
  /** What is known: the last status read, the amounts, the payment method. */
  known: Record<string, string | number | boolean | null>
  at: string
  decision: {
    decision: 'paid' | 'not-paid'
    managerId: string
    reason: string
    at: string
  } | null
}

type Row = {
  id: number
  sale_id: number
  reason: string
  transaction_id: string | null
  known: string
  at: string
  decision: string | null
  manager_id: string | null
  decision_reason: string | null
  decided_at: string | null
}

const SELECT = `SELECT c.id, c.sale_id, c.reason, c.transaction_id, c.known, c.at,
  d.decision, d.manager_id, d.reason AS decision_reason, d.at AS decided_at
  FROM sale_clarifications c LEFT JOIN clarification_decisions d ON d.clarification_id = c.id`

const toClarification = (r: Row): Clarification => ({
  clarificationId: Number(r.id),
  saleId: Number(r.sale_id),
  reason: r.reason,
  transactionId: r.transaction_id,
  known: JSON.parse(r.known) as Clarification['known'],
  at: r.at,
  decision:
    r.decision === null
      ? null
      : {
          decision: r.decision as 'paid' | 'not-paid',
          managerId: r.manager_id!,
          reason: r.decision_reason!,
          at: r.decided_at!,
        },
})

export interface ClarificationStore {
  /** Lists the sale (once: an undecided entry is returned as it is). */
  flag(input: {
    saleId: number
    reason: string
    transactionId: string | null
    known: Clarification['known']
  }): Clarification
  /** The undecided entry of a sale, if any. */
  openFor(saleId: number): Clarification | undefined
  /** Undecided entries first (oldest first), then the latest decided ones. */
  list(limit?: number): Clarification[]
  /** Records the manager's decision; `apply` runs in the same commit (the sale's completion or abort). */
  decide<T>(
    input: { saleId: number; decision: 'paid' | 'not-paid'; managerId: string; reason: string },
    apply: () => T,
  ): T
}

export function clarificationStore(
  db: DatabaseSync,
  stmt: (sql: string) => StatementSync,
  now: () => string,
): ClarificationStore {
  const openFor = (saleId: number): Clarification | undefined => {
    const row = stmt(`${SELECT} WHERE c.sale_id = ? AND d.id IS NULL ORDER BY c.id DESC LIMIT 1`).get(
      saleId,
    ) as Row | undefined
    return row ? toClarification(row) : undefined
  }
  return {
    flag(input) {
      return inTransaction(db, () => {
        const existing = openFor(input.saleId)
        if (existing) return existing
        stmt(
          'INSERT INTO sale_clarifications (sale_id, reason, transaction_id, known, at) VALUES (?, ?, ?, ?, ?)',
        ).run(input.saleId, input.reason, input.transactionId, JSON.stringify(input.known), now())
        return openFor(input.saleId)!
      })
    },
    openFor,
    list(limit = 50) {
      const open = stmt(`${SELECT} WHERE d.id IS NULL ORDER BY c.id`).all() as unknown as Row[]
      const decided = stmt(`${SELECT} WHERE d.id IS NOT NULL ORDER BY d.id DESC LIMIT ?`).all(
        limit,
      ) as unknown as Row[]
      return [...open, ...decided].map(toClarification)
    },
    decide(input, apply) {
      const reason = input.reason.trim()
      if (reason === '')
        throw AppFailure.of('VALIDATION', 'journal.error.reasonRequired', 'A decision needs a reason')
      return inTransaction(db, () => {
        const entry = openFor(input.saleId)
        if (!entry)
          throw AppFailure.of(
            'CONFLICT',
            'journal.error.notToClarify',
            `Sale ${input.saleId} is not waiting for a decision`,
            { saleId: input.saleId },
          )
        stmt(
          'INSERT INTO clarification_decisions (clarification_id, decision, manager_id, reason, at) VALUES (?, ?, ?, ?, ?)',
        ).run(entry.clarificationId, input.decision, input.managerId, reason, now())
        return apply()
      })
    },
  }
}
