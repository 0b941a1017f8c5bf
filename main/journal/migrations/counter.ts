// The counter's tables: line discounts (40), original-vs-copy printing (60), consumption and combo
// parts (80), deposits that follow their bottle and partial returns (90).
import { appendOnlyTriggers, type Migration } from './sql'

export const COUNTER_MIGRATIONS: readonly Migration[] = [
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
