// The journal's tables. GoBD (BMF letter of 28 Nov 2019, "Unveränderbarkeit"): what is recorded is never changed, so every business
// table is append-only and a state change is a new row (a completion, an abort, a payment outcome, a
// print outcome, a storno sale). Triggers make SQLite itself refuse UPDATE and DELETE, so no later code
// path, tool or bug can rewrite history through this database connection's SQL.
// The migrations themselves live in migrations/ by area; this file lists the append-only tables and
// the order in which the runner (database.ts) sees the migrations.
import { BASE_MIGRATIONS, V1_TABLES } from './migrations/base'
import { COUNTER_MIGRATIONS } from './migrations/counter'
import { FISCAL_MIGRATIONS } from './migrations/fiscal'
import type { Migration } from './migrations/sql'

export type { Migration } from './migrations/sql'

export const APPEND_ONLY_TABLES = [
  ...V1_TABLES,
  'tse_records',
  'tse_outages',
  'training_switches',
  'training_sales',
  'tse_certificates',
  'bonus_discounts',
  'completion_fiscal',
  'line_discounts',
  'sale_clarifications',
  'clarification_decisions',
  'journal_events',
  'sale_consumption',
  'sale_line_components',
  'line_deposits',
  'sale_returns',
] as const

export const MIGRATIONS: readonly Migration[] = [
  ...BASE_MIGRATIONS,
  ...FISCAL_MIGRATIONS,
  ...COUNTER_MIGRATIONS,
]

export const SCHEMA_VERSION_SQL = `
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS schema_version_no_update BEFORE UPDATE ON schema_version BEGIN SELECT RAISE(ABORT, 'journal is append-only: UPDATE on schema_version refused'); END;
CREATE TRIGGER IF NOT EXISTS schema_version_no_delete BEFORE DELETE ON schema_version BEGIN SELECT RAISE(ABORT, 'journal is append-only: DELETE on schema_version refused'); END;
`
