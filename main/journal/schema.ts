// The journal's tables. GoBD (BMF letter of 28 Nov 2019, "Unveränderbarkeit"): what is recorded is never changed, so every business
// table is append-only and a state change is a new row (a completion, an abort, a payment outcome, a
// print outcome, a storno sale). Triggers make SQLite itself refuse UPDATE and DELETE, so no later code
// path, tool or bug can rewrite history through this database connection's SQL.

// The tables of migration 1: its triggers are created from this fixed list, so a later migration that
// adds a table to APPEND_ONLY_TABLES creates that table's triggers itself.
const V1_TABLES = [
  'schema_version',
  'sales',
  'sale_lines',
  'sale_completions',
  'completion_vat',
  'completion_payments',
  'sale_aborts',
  'payments',
  'payment_intents',
  'payment_outcomes',
  'cash_movements',
  'receipts',
  'print_outcomes',
  'closings',
  'closing_denominations',
] as const

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

const appendOnlyTriggers = (tables: readonly string[]) =>
  tables
    .map(
      (t) => `
CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, 'journal is append-only: UPDATE on ${t} refused'); END;
CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, 'journal is append-only: DELETE on ${t} refused'); END;`,
    )
    .join('\n')

export interface Migration {
  version: number
  description: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'sales, payments with intent/outcome, cash movements, receipts, closings',
    sql: `
CREATE TABLE sales (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'storno')),
  original_sale_id INTEGER REFERENCES sales(id),
  seller_id TEXT NOT NULL,
  started_at TEXT NOT NULL,
  total INTEGER NOT NULL,
  reason TEXT,
  CHECK ((kind = 'storno') = (original_sale_id IS NOT NULL))
);
CREATE INDEX sales_started_at ON sales(started_at);
CREATE INDEX sales_original ON sales(original_sale_id) WHERE original_sale_id IS NOT NULL;

CREATE TABLE sale_lines (
  sale_id INTEGER NOT NULL REFERENCES sales(id),
  line_no INTEGER NOT NULL,
  product_id TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('piece', 'weight', 'price', 'topup')),
  quantity INTEGER NOT NULL,
  unit_price INTEGER NOT NULL,
  total INTEGER NOT NULL,
  vat_rate INTEGER NOT NULL,
  weight_grams INTEGER,
  ean TEXT,
  article_number TEXT,
  PRIMARY KEY (sale_id, line_no)
) WITHOUT ROWID;

CREATE TABLE sale_completions (
  id INTEGER PRIMARY KEY,
  sale_id INTEGER NOT NULL UNIQUE REFERENCES sales(id),
  receipt_no INTEGER NOT NULL UNIQUE CHECK (receipt_no > 0),
  completed_at TEXT NOT NULL,
  kind TEXT NOT NULL,
  seller_id TEXT NOT NULL,
  total INTEGER NOT NULL
);

-- The receipt's VAT per rate and settled amount per payment type, frozen with its number and
-- clustered by completion id: a period report is then a range scan of small rows, not a replay of
-- lines and payment steps (Z over 100 000 sales stays far below 200 ms).
CREATE TABLE completion_vat (
  completion_id INTEGER NOT NULL REFERENCES sale_completions(id),
  rate INTEGER NOT NULL,
  gross INTEGER NOT NULL,
  net INTEGER NOT NULL,
  vat INTEGER NOT NULL,
  PRIMARY KEY (completion_id, rate)
) WITHOUT ROWID;

-- Covering indexes: the reports sum each seller/kind, rate and payment type as one index range
-- (reports.ts), with no GROUP BY sorter whose cost grows faster than the period.
CREATE INDEX completions_by_seller ON sale_completions(seller_id, kind, id, total);
CREATE INDEX completion_vat_by_rate ON completion_vat(rate, completion_id, gross, net, vat);

CREATE TABLE completion_payments (
  completion_id INTEGER NOT NULL REFERENCES sale_completions(id),
  method TEXT NOT NULL,
  amount INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (completion_id, method)
) WITHOUT ROWID;
CREATE INDEX completion_payments_by_method ON completion_payments(method, completion_id, amount, count);

CREATE TABLE sale_aborts (
  id INTEGER PRIMARY KEY,
  sale_id INTEGER NOT NULL UNIQUE REFERENCES sales(id),
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);

CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  sale_id INTEGER NOT NULL REFERENCES sales(id),
  method TEXT NOT NULL,
  amount INTEGER NOT NULL,
  tendered INTEGER,
  created_at TEXT NOT NULL
);
CREATE INDEX payments_sale ON payments(sale_id);

CREATE TABLE payment_intents (
  id INTEGER PRIMARY KEY,
  payment_id INTEGER NOT NULL REFERENCES payments(id),
  step TEXT NOT NULL,
  transaction_id TEXT,
  detail TEXT,
  at TEXT NOT NULL
);
CREATE INDEX payment_intents_payment ON payment_intents(payment_id);
CREATE INDEX payment_intents_transaction ON payment_intents(transaction_id) WHERE transaction_id IS NOT NULL;

CREATE TABLE payment_outcomes (
  id INTEGER PRIMARY KEY,
  intent_id INTEGER NOT NULL UNIQUE REFERENCES payment_intents(id),
  status TEXT NOT NULL CHECK (status IN ('done', 'settled', 'reversed', 'declined', 'failed')),
  amount INTEGER,
  transaction_id TEXT,
  detail TEXT,
  at TEXT NOT NULL
);

CREATE TABLE cash_movements (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('opening_float', 'cash_in', 'cash_out', 'drawer_open')),
  amount INTEGER NOT NULL CHECK ((kind = 'drawer_open' AND amount = 0) OR (kind <> 'drawer_open' AND amount > 0)),
  reason TEXT NOT NULL,
  business_case TEXT,
  seller_id TEXT,
  sale_id INTEGER REFERENCES sales(id),
  at TEXT NOT NULL
);

CREATE TABLE closings (
  id INTEGER PRIMARY KEY,
  z_no INTEGER NOT NULL UNIQUE CHECK (z_no > 0),
  at TEXT NOT NULL,
  last_sale_id INTEGER NOT NULL,
  last_completion_id INTEGER NOT NULL,
  last_abort_id INTEGER NOT NULL,
  last_cash_movement_id INTEGER NOT NULL,
  last_receipt_id INTEGER NOT NULL,
  expected_cash INTEGER NOT NULL,
  counted_cash INTEGER NOT NULL,
  difference INTEGER NOT NULL,
  report TEXT NOT NULL
);

CREATE TABLE closing_denominations (
  closing_id INTEGER NOT NULL REFERENCES closings(id),
  value INTEGER NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (closing_id, value)
) WITHOUT ROWID;

CREATE TABLE receipts (
  id INTEGER PRIMARY KEY,
  sale_id INTEGER REFERENCES sales(id),
  closing_id INTEGER REFERENCES closings(id),
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'storno', 'copy', 'x', 'z')),
  document TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX receipts_sale ON receipts(sale_id) WHERE sale_id IS NOT NULL;

CREATE TABLE print_outcomes (
  id INTEGER PRIMARY KEY,
  receipt_id INTEGER NOT NULL REFERENCES receipts(id),
  status TEXT NOT NULL CHECK (status IN ('printed', 'failed', 'declined', 'emailed')),
  detail TEXT,
  at TEXT NOT NULL
);
CREATE INDEX print_outcomes_receipt ON print_outcomes(receipt_id);
${appendOnlyTriggers(V1_TABLES.filter((t) => t !== 'schema_version'))}
`,
  },
  {
    version: 2,
    description: 'a reprint is a receipt of kind copy that points at the receipt it copies',
    // Adding a nullable column rewrites no row: the append-only triggers stay as they are.
    sql: `
ALTER TABLE receipts ADD COLUMN copy_of INTEGER REFERENCES receipts(id);
CREATE INDEX receipts_copy_of ON receipts(copy_of) WHERE copy_of IS NOT NULL;
`,
  },
  {
    version: 3,
    description: 'sales recovery cannot decide wait on the "Klärung nötig" list until a manager decides',
    sql: `
CREATE TABLE sale_clarifications (
  id INTEGER PRIMARY KEY,
  sale_id INTEGER NOT NULL REFERENCES sales(id),
  reason TEXT NOT NULL,
  transaction_id TEXT,
  known TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX sale_clarifications_sale ON sale_clarifications(sale_id);
CREATE TABLE clarification_decisions (
  id INTEGER PRIMARY KEY,
  clarification_id INTEGER NOT NULL UNIQUE REFERENCES sale_clarifications(id),
  decision TEXT NOT NULL CHECK (decision IN ('paid', 'not-paid')),
  manager_id TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  at TEXT NOT NULL
);
${appendOnlyTriggers(['sale_clarifications', 'clarification_decisions'])}
`,
  },
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
  {
    version: 40,
    description: 'discounts per sale line (Rabatt), with reason and the manager who allowed it',
    // amount: the reduction in cents, > 0. sale_lines.total is the line after the discount, so the
    // line's price before it is total + amount (a storno line, negated, is total - amount). A discount
    // on the whole sale is booked as one row per line it reduces (scope 'sale'). docs/touch-ui.md.
    sql: `
CREATE TABLE line_discounts (
  sale_id INTEGER NOT NULL REFERENCES sales(id),
  line_no INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('percent', 'amount')),
  value INTEGER NOT NULL CHECK (value > 0),
  amount INTEGER NOT NULL CHECK (amount > 0),
  reason TEXT NOT NULL,
  manager_id TEXT,
  at TEXT NOT NULL,
  reason_id TEXT,
  scope TEXT CHECK (scope IN ('line', 'sale', 'evening')),
  PRIMARY KEY (sale_id, line_no),
  FOREIGN KEY (sale_id, line_no) REFERENCES sale_lines(sale_id, line_no)
) WITHOUT ROWID;
${appendOnlyTriggers(['line_discounts'])}
`,
  },
  {
    version: 60,
    description:
      'a failed print says whether anything reached the printer (nothing: print the original again)',
    // 'nothing' = refused before a byte was sent (paper out before the job, connection refused); 'maybe' = the
    // link broke or the printer stopped mid-job, so part of it may be on paper. NULL (older rows) = 'maybe'.
    sql: `
ALTER TABLE print_outcomes ADD COLUMN reached TEXT CHECK (reached IS NULL OR reached IN ('nothing', 'maybe'));
`,
  },
  {
    version: 80,
    description: 'Im Haus / Außer Haus per sale and the VAT shares of combo lines',
    // sale_consumption: where the sale was consumed, frozen with the sale (the rates of drinks and milk
    // drinks follow it, § 12 Abs. 2 Nr. 1 and Nr. 15 UStG); DSFinV-K lines.csv INHAUS. No row (sales
    // before this version, or callers that do not say): unknown, the lines' own rates are what counted.
    // sale_line_components: a combo line's parts (Kaffeegedeck = coffee + cake) with the rate, split
    // weight and cents of the line's total each (common/combo.ts); they add up to sale_lines.total.
    // docs/vat-rates.md.
    sql: `
CREATE TABLE sale_consumption (
  sale_id INTEGER PRIMARY KEY REFERENCES sales(id),
  consumption TEXT NOT NULL CHECK (consumption IN ('inhouse', 'takeaway')),
  at TEXT NOT NULL
);

CREATE TABLE sale_line_components (
  sale_id INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  component_no INTEGER NOT NULL CHECK (component_no > 0),
  product_id TEXT NOT NULL,
  name TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  vat_rate INTEGER NOT NULL,
  weight INTEGER NOT NULL CHECK (weight >= 0),
  amount INTEGER NOT NULL,
  PRIMARY KEY (sale_id, line_no, component_no),
  FOREIGN KEY (sale_id, line_no) REFERENCES sale_lines(sale_id, line_no)
) WITHOUT ROWID;
${appendOnlyTriggers(['sale_consumption', 'sale_line_components'])}
`,
  },
  {
    version: 90,
    description: 'deposit lines (Pfand) and the article line they follow; stornos that are returns of goods',
    // line_deposits: which sale line is a deposit and, for a deposit that came with its bottle, the
    // article line it follows (for_line_no, same sale; NULL for empties brought back, Leergut). A storno
    // line keeps its original's line number, so its row points at the same article line.
    // sale_returns: a storno that takes goods back line by line (Retoure, docs/backoffice.md) rather
    // than cancelling the whole receipt; the fiscal export books a deposit paid back there as
    // PfandRueckzahlung and a whole storno's deposit as the negated Pfand (docs/fiscal-export.md).
    sql: `
CREATE TABLE line_deposits (
  sale_id INTEGER NOT NULL REFERENCES sales(id),
  line_no INTEGER NOT NULL,
  for_line_no INTEGER,
  PRIMARY KEY (sale_id, line_no),
  FOREIGN KEY (sale_id, line_no) REFERENCES sale_lines(sale_id, line_no),
  CHECK (for_line_no IS NULL OR for_line_no <> line_no)
) WITHOUT ROWID;
CREATE TABLE sale_returns (
  sale_id INTEGER PRIMARY KEY REFERENCES sales(id),
  at TEXT NOT NULL
);
${appendOnlyTriggers(['line_deposits', 'sale_returns'])}
`,
  },
]

export const SCHEMA_VERSION_SQL = `
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS schema_version_no_update BEFORE UPDATE ON schema_version BEGIN SELECT RAISE(ABORT, 'journal is append-only: UPDATE on schema_version refused'); END;
CREATE TRIGGER IF NOT EXISTS schema_version_no_delete BEFORE DELETE ON schema_version BEGIN SELECT RAISE(ABORT, 'journal is append-only: DELETE on schema_version refused'); END;
`
