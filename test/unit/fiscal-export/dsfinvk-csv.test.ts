// The CSV cell formatting's fast paths (counts, cents, plain text) against the written-out rule of
// docs/fiscal-export.md "Format": decimal comma, the column's Accuracy as decimals, text in double
// quotes with inner quotes doubled, line breaks refused.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DsfinvkFormatError, formatCell, formatNumeric } from '../../../main/fiscal-export/dsfinvk/csv'
import type { DsfinvkColumn, DsfinvkTable } from '../../../main/fiscal-export/dsfinvk/table-schema'

/** The rule spelled out with BigInt arithmetic: value / 10^scale with `accuracy` decimals. */
function reference(value: number, accuracy: number, scale: number): string {
  const abs = BigInt(Math.abs(value))
  const unit = 10n ** BigInt(scale)
  const frac = (abs % unit).toString().padStart(scale, '0').padEnd(accuracy, '0')
  const text = `${abs / unit}${accuracy > 0 ? `,${frac}` : ''}`
  return value < 0 ? `-${text}` : text
}

const table = { file: 't.csv', columns: [] } as unknown as DsfinvkTable
const text: DsfinvkColumn = { name: 'T', type: 'AlphaNumeric', maxLength: 20 } as DsfinvkColumn

describe('DSFinV-K CSV cells', () => {
  it('writes every safe integer as the rule says for counts, cents and quantities', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.maxSafeInteger()),
        fc.constantFrom([0, 0], [2, 2], [5, 2], [3, 3], [3, 0]),
        (value, [accuracy, scale]) => {
          expect(formatNumeric(value, accuracy!, scale!)).toBe(reference(value, accuracy!, scale!))
        },
      ),
      { numRuns: 2000 },
    )
    expect(formatNumeric(-5, 2, 2)).toBe('-0,05')
    expect(formatNumeric(-0, 2, 2)).toBe('0,00')
    expect(formatNumeric(123456, 2, 2)).toBe('1234,56')
    expect(() => formatNumeric(1.5, 2, 2)).toThrow('not an integer')
  })

  it('quotes text, doubles inner quotes, refuses line breaks before the length check', () => {
    expect(formatCell(table, text, 'Weizenbrötchen', 0)).toBe('"Weizenbrötchen"')
    expect(formatCell(table, text, 'Der "Berliner"', 0)).toBe('"Der ""Berliner"""')
    expect(() => formatCell(table, text, 'a\nb', 0)).toThrow(/line break/)
    expect(() => formatCell(table, text, `${'x'.repeat(30)}\r`, 0)).toThrow(/line break/)
    expect(() => formatCell(table, text, 'x'.repeat(21), 0)).toThrow(DsfinvkFormatError)
    expect(formatCell(table, text, '🥨'.repeat(20), 0)).toBe(`"${'🥨'.repeat(20)}"`)
  })
})
