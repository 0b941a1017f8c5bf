// One DSFinV-K CSV file as the index.xml describes it: UTF-8, `;` between columns, CRLF after each
// record, header row with the exact column names, text in double quotes (a quote inside doubled),
// numbers with a decimal comma, the column's Accuracy as decimals and no digit grouping
// (docs/fiscal-export.md, "Format"). Values are validated against the table's data before they are
// written: a text longer than MaxLength or a non-integer amount stops the export with a named column
// instead of producing a file an auditor's tool rejects.
import type { DsfinvkColumn, DsfinvkTable } from './table-schema'

export type CellValue = string | number | null | undefined

export class DsfinvkFormatError extends Error {
  constructor(
    readonly file: string,
    readonly column: string,
    message: string,
  ) {
    super(`${file} ${column}: ${message}`)
  }
}

/**
 * A numeric column's value. Amount columns take integer cents (`cents: true`), everything else the
 * number itself; the column's Accuracy gives the decimals written.
 */
export function formatNumeric(value: number, accuracy: number, scale: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`)
  // The value is value / 10^scale; write it with `accuracy` decimals (accuracy >= scale).
  if (accuracy < scale) throw new Error(`accuracy ${accuracy} below the value's scale ${scale}`)
  const negative = value < 0
  // The two cases of nearly every cell (counts, cents), written without padding and slicing.
  if (accuracy === 0) return negative ? `-${-value}` : String(value)
  if (scale === 2 && accuracy === 2) {
    const abs = negative ? -value : value
    const cents = abs % 100
    return `${negative ? '-' : ''}${(abs - cents) / 100},${cents < 10 ? '0' : ''}${cents}`
  }
  let digits = String(Math.abs(value))
  digits = digits.padStart(scale + 1, '0')
  const int = scale === 0 ? digits : digits.slice(0, -scale)
  const frac = (scale === 0 ? '' : digits.slice(-scale)).padEnd(accuracy, '0')
  return `${negative && value !== 0 ? '-' : ''}${int}${accuracy > 0 ? `,${frac}` : ''}`
}

export function quoteText(text: string): string {
  return text.includes('"') ? `"${text.replace(/"/g, '""')}"` : `"${text}"`
}

/** A quote or a line break: the characters that need a second look before a text is written. */
const SPECIAL = /["\r\n]/

export function formatCell(table: DsfinvkTable, col: DsfinvkColumn, value: CellValue, scale: number): string {
  if (value === null || value === undefined || value === '') {
    return ''
  }
  if (col.type === 'Numeric') {
    if (typeof value !== 'number')
      throw new DsfinvkFormatError(table.file, col.name, `not a number: ${value}`)
    try {
      return formatNumeric(value, col.accuracy ?? 0, scale)
    } catch (error) {
      throw new DsfinvkFormatError(table.file, col.name, (error as Error).message)
    }
  }
  const text = typeof value === 'string' ? value : String(value)
  // One scan for the common text without quote or line break.
  const special = SPECIAL.test(text)
  if (special && (text.includes('\n') || text.includes('\r')))
    throw new DsfinvkFormatError(table.file, col.name, 'line break in a text value')
  // Length in characters (code points); the UTF-16 length is an upper bound, so count only when near.
  if (col.maxLength !== undefined && text.length > col.maxLength && [...text].length > col.maxLength)
    throw new DsfinvkFormatError(table.file, col.name, `longer than ${col.maxLength} characters: "${text}"`)
  return special ? quoteText(text) : `"${text}"`
}

/** Amount columns hold cents: their values are scaled by 2; other numerics are plain integers. */
const isAmount = (col: DsfinvkColumn): boolean =>
  col.type === 'Numeric' && (col.accuracy === 2 || col.accuracy === 5)

/** MENGE-like columns (Accuracy 3) hold thousandths (grams, or pieces × 1000). */
const scaleOf = (col: DsfinvkColumn): number =>
  col.type !== 'Numeric' ? 0 : isAmount(col) ? 2 : (col.accuracy ?? 0) === 3 ? 3 : 0

export const CRLF = '\r\n'

export function headerLine(table: DsfinvkTable): string {
  return table.columns.map((c) => c.name).join(';') + CRLF
}

/** One record from an object keyed by column name; unknown keys are a programming error. */
const plans = new WeakMap<DsfinvkTable, { names: Set<string>; scales: number[] }>()

export function recordLine(table: DsfinvkTable, row: Record<string, CellValue>): string {
  let plan = plans.get(table)
  if (!plan) {
    plan = { names: new Set(table.columns.map((c) => c.name)), scales: table.columns.map(scaleOf) }
    plans.set(table, plan)
  }
  for (const key in row)
    if (!plan.names.has(key)) throw new DsfinvkFormatError(table.file, key, 'no such column')
  let out = ''
  const cols = table.columns
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i]!
    out += (i === 0 ? '' : ';') + formatCell(table, c, row[c.name], plan.scales[i]!)
  }
  return out + CRLF
}
