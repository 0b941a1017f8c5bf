// The head office database (PostgreSQL): what the tills of a chain share. Tills write their journal rows
// up and read master data down; the head office reads. Idempotent DDL, applied by whoever connects first
// (a till, the import, the head office server), so a new shop needs no separate migration step.
//
// Why these shapes:
// - journal_rows is keyed by (till_id, seq): a till's push is exactly-once by construction — the push
//   inserts only rows after the till's acknowledged seq, under a row lock on the till.
// - c_sales / c_sale_lines are projections filled in the same transaction as the rows they come from, so
//   the head office's day report is an index range scan, not JSON parsing of the whole journal.
// - master_data is append-only per shop: a version is never changed, a change is a new version.
// - parked_baskets.state moves parked → claimed → done with one conditional UPDATE each: PostgreSQL's row
//   lock decides which of two tills tapping at once gets the basket
//   (https://www.postgresql.org/docs/current/transaction-iso.html#XACT-READ-COMMITTED).

export const CENTRAL_SCHEMA_VERSION = 3

export const CENTRAL_SCHEMA = `
CREATE TABLE IF NOT EXISTS central_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());

CREATE TABLE IF NOT EXISTS shops (
  shop_id text PRIMARY KEY,
  name text NOT NULL,
  chain_id text
);

CREATE TABLE IF NOT EXISTS tills (
  till_id text PRIMARY KEY,
  shop_id text NOT NULL,
  last_seq bigint NOT NULL DEFAULT 0,
  last_hash text,
  last_push_at timestamptz,
  -- What the till reported of its own journal at its last push: the lag seen from the head office.
  local_head_seq bigint NOT NULL DEFAULT 0,
  pending_since timestamptz
);
-- The master data version the till runs with, as it reported at its last push (added after the first
-- schema, so databases made before it get the column too).
ALTER TABLE tills ADD COLUMN IF NOT EXISTS master_version bigint;

CREATE TABLE IF NOT EXISTS journal_rows (
  till_id text NOT NULL,
  seq bigint NOT NULL,
  tbl text NOT NULL,
  row_key text NOT NULL,
  payload jsonb NOT NULL,
  prev_hash text,
  hash text,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (till_id, seq)
);

CREATE TABLE IF NOT EXISTS replication_problems (
  id bigserial PRIMARY KEY,
  till_id text NOT NULL,
  seq bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('gap', 'hash')),
  detail text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
-- A problem is reported once, however often the till tries to push past it.
CREATE UNIQUE INDEX IF NOT EXISTS replication_problems_once ON replication_problems (till_id, seq, kind);

CREATE TABLE IF NOT EXISTS c_sales (
  till_id text NOT NULL,
  sale_id bigint NOT NULL,
  shop_id text NOT NULL,
  receipt_no bigint NOT NULL,
  kind text NOT NULL,
  total bigint NOT NULL,
  completed_at timestamptz NOT NULL,
  PRIMARY KEY (till_id, sale_id)
);
CREATE INDEX IF NOT EXISTS c_sales_by_time ON c_sales (shop_id, completed_at);
CREATE INDEX IF NOT EXISTS c_sales_at ON c_sales (completed_at);

-- Sales rung up in training mode (the till's training_sales): in no sum, as on the till's X and Z.
CREATE TABLE IF NOT EXISTS c_training_sales (
  till_id text NOT NULL,
  sale_id bigint NOT NULL,
  PRIMARY KEY (till_id, sale_id)
);
-- Once, for a database made before version 3: the training marks its tills had already pushed.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM central_schema WHERE version >= 3) THEN
    INSERT INTO c_training_sales SELECT till_id, (payload->>'sale_id')::bigint FROM journal_rows
      WHERE tbl = 'training_sales' ON CONFLICT DO NOTHING;
  END IF;
END $$;

CREATE TABLE IF NOT EXISTS c_sale_lines (
  till_id text NOT NULL,
  sale_id bigint NOT NULL,
  line_no integer NOT NULL,
  product_id text NOT NULL,
  name text NOT NULL,
  quantity integer NOT NULL,
  weight_grams integer,
  total bigint NOT NULL,
  PRIMARY KEY (till_id, sale_id, line_no)
);

CREATE TABLE IF NOT EXISTS c_closings (
  till_id text NOT NULL,
  z_no bigint NOT NULL,
  shop_id text NOT NULL,
  at timestamptz NOT NULL,
  expected_cash bigint NOT NULL,
  counted_cash bigint NOT NULL,
  difference bigint NOT NULL,
  PRIMARY KEY (till_id, z_no)
);

CREATE TABLE IF NOT EXISTS master_data (
  shop_id text NOT NULL,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, version)
);

CREATE TABLE IF NOT EXISTS parked_baskets (
  basket_id uuid PRIMARY KEY,
  shop_id text NOT NULL,
  seller_id text NOT NULL,
  from_till text NOT NULL,
  lines jsonb NOT NULL,
  total bigint NOT NULL,
  parked_at timestamptz NOT NULL DEFAULT now(),
  state text NOT NULL CHECK (state IN ('parked', 'claimed', 'done')),
  claimed_by text,
  claimed_at timestamptz
);
-- Im Haus / Außer Haus of the parked basket, so the taking till keeps the rates the customer was told.
-- Nullable: a till of an earlier version offers without it; the taking till then starts with its own.
ALTER TABLE parked_baskets ADD COLUMN IF NOT EXISTS consumption text CHECK (consumption IN ('inhouse', 'takeaway'));
CREATE INDEX IF NOT EXISTS parked_baskets_open ON parked_baskets (shop_id, seller_id) WHERE state = 'parked';

CREATE OR REPLACE FUNCTION tresen_notify_master() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('tresen_master', NEW.shop_id);
  RETURN NEW;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS master_data_notify ON master_data;
CREATE TRIGGER master_data_notify AFTER INSERT ON master_data FOR EACH ROW EXECUTE FUNCTION tresen_notify_master();

CREATE OR REPLACE FUNCTION tresen_notify_parked() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('tresen_parked', NEW.shop_id);
  RETURN NEW;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS parked_baskets_notify ON parked_baskets;
CREATE TRIGGER parked_baskets_notify AFTER INSERT OR UPDATE ON parked_baskets FOR EACH ROW EXECUTE FUNCTION tresen_notify_parked();

INSERT INTO central_schema (version) VALUES (${CENTRAL_SCHEMA_VERSION}) ON CONFLICT DO NOTHING;
`

/** Minimal structural type of what we use from pg's Client and PoolClient. */
export interface Queryable {
  query<R = Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>
}

/**
 * Applies the schema once per database. Several tills starting together would race on CREATE …
 * IF NOT EXISTS (it is not atomic in PostgreSQL), so the DDL runs under a transaction-level advisory lock.
 */
export async function ensureCentralSchema(db: Queryable): Promise<void> {
  await db.query('BEGIN')
  try {
    await db.query('SELECT pg_advisory_xact_lock(7300246)')
    await db.query(CENTRAL_SCHEMA)
    await db.query('COMMIT')
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}
