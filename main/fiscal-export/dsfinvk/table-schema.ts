// The shape of a DSFinV-K table as data (tables.ts): a file, its index.xml name and module, and its
// columns in order with type, MaxLength (AlphaNumeric) or Accuracy (Numeric) and whether each is mandatory.
// A and N build a column the way the BZSt index.xml describes it.

export interface DsfinvkColumn {
  name: string
  type: 'AlphaNumeric' | 'Numeric'
  /** AlphaNumeric: the index.xml MaxLength. */
  maxLength?: number
  /** Numeric: digits after the decimal comma (index.xml Accuracy; 0 = integer). */
  accuracy?: number
  /** m: mandatory, c: conditional, o: optional, i: mandatory if the data exist. */
  req: 'm' | 'c' | 'o' | 'i'
}

export interface DsfinvkTable {
  file: string
  /** The index.xml table name (e.g. Bonkopf). */
  name: string
  module: 'Einzelaufzeichnungsmodul' | 'Stammdatenmodul' | 'Kassenabschlussmodul'
  columns: readonly DsfinvkColumn[]
}

export const A = (name: string, maxLength: number, req: DsfinvkColumn['req']): DsfinvkColumn => ({
  name,
  type: 'AlphaNumeric',
  maxLength,
  req,
})
export const N = (name: string, accuracy: number, req: DsfinvkColumn['req']): DsfinvkColumn => ({
  name,
  type: 'Numeric',
  accuracy,
  req,
})

/** The key every table starts with: the till, the closing's time and its number. */
export const CLOSING_KEY: readonly DsfinvkColumn[] = [
  A('Z_KASSE_ID', 50, 'm'),
  A('Z_ERSTELLUNG', 30, 'm'),
  N('Z_NR', 0, 'm'),
]

/** The key of the single-record tables: the closing's key and the transaction (Bon). */
export const BON_KEY: readonly DsfinvkColumn[] = [...CLOSING_KEY, A('BON_ID', 40, 'm')]
