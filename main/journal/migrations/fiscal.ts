// The fiscal tables: TSE records, outages, training and certificates (10–13), bonus and frozen fiscal
// amounts (20), and the hash chain with its integrity events (30).
import { appendOnlyTriggers, type Migration } from './sql'

export const FISCAL_MIGRATIONS: readonly Migration[] = [
  {
    version: 10,
    description: 'TSE records (one row per TSE step of a process) and TSE outages',
    // docs/fiscal-tse.md: a process's rows are its start, the intent to finish, and one final row
    // (finished | cancelled | failed); the latest final row of a sale, cash movement or closing is
    // what its receipt and the DSFinV-K export carry. Times are ISO-8601 UTC.
    sql: `
CREATE TABLE tse_records (
  id INTEGER PRIMARY KEY,
  tx_id TEXT,
  state TEXT NOT NULL CHECK (state IN ('started', 'finishing', 'finished', 'cancelled', 'failed')),
  sale_id INTEGER REFERENCES sales(id),
  cash_movement_id INTEGER REFERENCES cash_movements(id),
  closing_id INTEGER REFERENCES closings(id),
  process_type TEXT,
  process_data TEXT,
  tx_number INTEGER,
  start_time TEXT,
  end_time TEXT,
  signature_counter INTEGER,
  signature TEXT,
  signature_algorithm TEXT,
  public_key TEXT,
  tse_serial TEXT,
  client_id TEXT,
  log_time_format TEXT,
  qr_code TEXT,
  training INTEGER NOT NULL DEFAULT 0 CHECK (training IN (0, 1)),
  error TEXT,
  raw TEXT,
  at TEXT NOT NULL
);
CREATE INDEX tse_records_sale ON tse_records(sale_id) WHERE sale_id IS NOT NULL;
CREATE INDEX tse_records_movement ON tse_records(cash_movement_id) WHERE cash_movement_id IS NOT NULL;
CREATE INDEX tse_records_tx ON tse_records(tx_id) WHERE tx_id IS NOT NULL;

CREATE TABLE tse_outages (
  id INTEGER PRIMARY KEY,
  event TEXT NOT NULL CHECK (event IN ('begin', 'end')),
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);
${appendOnlyTriggers(['tse_records', 'tse_outages'])}
`,
  },
  {
    version: 11,
    description:
      'tse_records by closing (the DSFinV-K export reads TSE rows by sale, cash movement and closing)',
    // sale_id and cash_movement_id have partial indexes since version 10; SQLite uses a partial index
    // "x IS NOT NULL" for "x = ?" and "x IN (...)" (https://www.sqlite.org/partialindex.html).
    sql: `
CREATE INDEX tse_records_closing ON tse_records(closing_id) WHERE closing_id IS NOT NULL;
`,
  },
  {
    version: 12,
    description: 'training mode: who switched it on and off, and the sales made while it was on',
    // main/journal/training.ts: training sales are signed as AVTraining, left out of X/Z and exported
    // as BON_TYP AVTraining without payment (DSFinV-K 2.4; docs/fiscal-tse.md "Training mode").
    sql: `
CREATE TABLE training_switches (
  id INTEGER PRIMARY KEY,
  on_off INTEGER NOT NULL CHECK (on_off IN (0, 1)),
  manager_id TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE TABLE training_sales (
  sale_id INTEGER PRIMARY KEY REFERENCES sales(id),
  at TEXT NOT NULL
);
${appendOnlyTriggers(['training_switches', 'training_sales'])}
`,
  },
  {
    version: 13,
    description: "the TSE's certificate per TSE serial, as the TSE reports it (DSFinV-K tse.csv)",
    // Written when the app reads the TSE's status at start and the certificate is new; the export
    // (also the CLI, which has no TSE at hand) takes TSE_ZERTIFIKAT_I from here (docs/fiscal-tse.md).
    sql: `
CREATE TABLE tse_certificates (
  id INTEGER PRIMARY KEY,
  tse_serial TEXT NOT NULL,
  certificate TEXT NOT NULL,
  at TEXT NOT NULL
);
${appendOnlyTriggers(['tse_certificates'])}
`,
  },
  {
    version: 20,
    description: 'redeemed loyalty bonus per VAT rate; bonus and top-ups frozen per completion',
    // bonus_discounts: the secuconnect preTransaction's bonus_products of one card application
    // (intent_id), a price reduction in the goods' own VAT rates (docs/fiscal-export.md). It takes
    // effect once the card payment's start took effect; a re-application writes a new set under its own
    // intent (main/journal/bonus.ts).
    // completion_fiscal: what the completion froze besides VAT and payments, so X and Z list bonus and
    // top-ups (MehrzweckgutscheinKauf) apart with one index range each.
    sql: `
CREATE TABLE bonus_discounts (
  id INTEGER PRIMARY KEY,
  sale_id INTEGER NOT NULL REFERENCES sales(id),
  intent_id INTEGER REFERENCES payment_intents(id),
  vat_rate INTEGER NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  at TEXT NOT NULL
);
CREATE INDEX bonus_discounts_sale ON bonus_discounts(sale_id);

CREATE TABLE completion_fiscal (
  completion_id INTEGER NOT NULL REFERENCES sale_completions(id),
  kind TEXT NOT NULL CHECK (kind IN ('bonus', 'voucher_sold')),
  amount INTEGER NOT NULL,
  PRIMARY KEY (completion_id, kind)
) WITHOUT ROWID;
CREATE INDEX completion_fiscal_by_kind ON completion_fiscal(kind, completion_id, amount);
${appendOnlyTriggers(['bonus_discounts', 'completion_fiscal'])}
`,
  },
  {
    version: 30,
    description: 'hash chain over every append-only row (journal_chain) and integrity events',
    // The chain triggers themselves are generated at every open from the tables' columns (chain.ts);
    // the history before this version is chained once by chainHistoryOnce.
    sql: `
CREATE TABLE journal_chain (
  seq INTEGER PRIMARY KEY,
  tbl TEXT NOT NULL,
  row_key TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE UNIQUE INDEX journal_chain_row ON journal_chain(tbl, row_key);

-- What the integrity checks did and who decided: chain-started, verify-failed, acknowledged,
-- anchored (head signed into the TSE), anchor-failed, backup, restored.
CREATE TABLE journal_events (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  by TEXT,
  at TEXT NOT NULL
);
${appendOnlyTriggers(['journal_chain', 'journal_events'])}
`,
  },
]
