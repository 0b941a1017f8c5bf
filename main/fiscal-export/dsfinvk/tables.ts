// DSFinV-K 2.4 tables as data: every file with its columns in order, type, MaxLength (AlphaNumeric) or
// Accuracy (Numeric) and whether the column is mandatory. Copied from the BZSt index.xml as published
// with the official gdpdu-01-09-2004.dtd in github.com/stustapay/stustapay
// (stustapay/DSFinV-K/assets/index.xml @ 8e460d4a0bc0a69b829aa5136990ac06f4ab3a2a), cross-checked with
// github.com/TWEECORE/dsfinvk (schema/tables_gen.go, schema/mandatory.go) and
// github.com/pretix/python-dsfinvk (dsfinvk/models.py, DSFinV-K 2.4). Value lists: DSFinV-K 2.4
// Anhang (GV_TYP, ZAHLART_TYP, BON_TYP) and Anlage 2 (UST_SCHLUESSEL, revision 2024-12-05).
// The exporter writes exactly these columns; docs/fiscal-export.md lists which it fills.
// The tables are kept per DSFinV-K module (master-data-tables.ts, closing-tables.ts,
// single-record-tables.ts), their shape in table-schema.ts, the value lists in value-lists.ts.
import { CLOSING_TABLES } from './closing-tables'
import { MASTER_DATA_TABLES } from './master-data-tables'
import { SINGLE_RECORD_TABLES } from './single-record-tables'
import type { DsfinvkTable } from './table-schema'

/** Every table in index.xml order: master data, closing, single records. */
export const DSFINVK_TABLES: readonly DsfinvkTable[] = [
  ...MASTER_DATA_TABLES,
  ...CLOSING_TABLES,
  ...SINGLE_RECORD_TABLES,
]

export const TABLE_BY_FILE: ReadonlyMap<string, DsfinvkTable> = new Map(
  DSFINVK_TABLES.map((t) => [t.file, t]),
)
