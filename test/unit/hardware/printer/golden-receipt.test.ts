import { describe, expect, it } from 'vitest'
import { layoutReceipt, lineText } from '../../../../common/receipt/layout'
import { decodeEscPos } from '../../../../hardware/escpos-decoder'
import { renderEscPos } from '../../../../hardware/printer/render'
import { goldenReceipt } from '../../../fixtures/escpos/golden-receipt'

const render = (codepage: 'cp858' | 'windows1252', columns = 48) =>
  renderEscPos(layoutReceipt(goldenReceipt(), { columns }), {
    columns,
    codepage,
    cut: 'partial',
    feedBeforeCut: 4,
  })

/** Index of `needle` in `haystack`, as bytes. */
function indexOfBytes(haystack: Uint8Array, needle: number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0))

describe('golden receipt (CP858)', () => {
  const bytes = render('cp858')

  it('starts every job with ESC @, FS . and ESC t 19', () => {
    expect(Array.from(bytes.subarray(0, 7))).toEqual([0x1b, 0x40, 0x1c, 0x2e, 0x1b, 0x74, 19])
  })

  it('decodes back to exactly the German words and the euro amount', () => {
    const { lines, unknown } = decodeEscPos(bytes)
    const text = lines.map((l) => l.text)
    expect(unknown).toEqual([])
    expect(text.some((l) => /^Brötchen +2,40 B$/.test(l))).toBe(true)
    expect(text.some((l) => /^Käsekuchen +5,56 B$/.test(l))).toBe(true)
    expect(text.some((l) => l.trim() === 'Grüße aus der Backstube')).toBe(true)
    const total = lines.find((l) => l.text.startsWith('SUMME'))
    expect(total?.text).toMatch(/^SUMME +7,96 €$/)
    expect(total).toMatchObject({ bold: true, width: 2, height: 2 })
  })

  it('encodes € as D5 and umlauts as in PC850', () => {
    expect(indexOfBytes(bytes, [...ascii('7,96 '), 0xd5])).toBeGreaterThan(0)
    expect(indexOfBytes(bytes, [0x42, 0x72, 0x94, 0x74, 0x63, 0x68, 0x65, 0x6e])).toBeGreaterThan(0) // Brötchen
    expect(indexOfBytes(bytes, [0x4b, 0x84, 0x73, 0x65])).toBeGreaterThan(0) // Käse
    expect(indexOfBytes(bytes, [0x47, 0x72, 0x81, 0xe1, 0x65])).toBeGreaterThan(0) // Grüße
    // No UTF-8 leaked through: its lead bytes C3/E2 never occur in this receipt's PC858 text.
    expect(bytes.includes(0xc3)).toBe(false)
    expect(bytes.includes(0xe2)).toBe(false)
  })

  it('ends with a QR code and a partial cut, and prints the copy marker only on copies', () => {
    const { commands } = decodeEscPos(bytes)
    const types = commands.map((c) => c.type)
    expect(commands.find((c) => c.type === 'qr-store')).toMatchObject({
      data: 'https://tresen.example/r/R-42',
    })
    expect(types.indexOf('qr-print')).toBeGreaterThan(types.indexOf('qr-store'))
    expect(commands.filter((c) => c.type === 'cut')).toEqual([expect.objectContaining({ partial: true })])
    expect(types.lastIndexOf('cut')).toBeGreaterThan(types.lastIndexOf('text'))
    expect(decodeEscPos(bytes).lines.some((l) => l.text.includes('KOPIE'))).toBe(false)
  })
})

describe('golden receipt (WPC1252 fallback)', () => {
  const bytes = render('windows1252')

  it('selects ESC t 16 and encodes € as 80, ä E4, ö F6, ü FC, ß DF', () => {
    expect(Array.from(bytes.subarray(0, 7))).toEqual([0x1b, 0x40, 0x1c, 0x2e, 0x1b, 0x74, 16])
    expect(indexOfBytes(bytes, [...ascii('7,96 '), 0x80])).toBeGreaterThan(0)
    expect(indexOfBytes(bytes, [0x47, 0x72, 0xfc, 0xdf, 0x65])).toBeGreaterThan(0)
    expect(indexOfBytes(bytes, [0x4b, 0xe4, 0x73, 0x65])).toBeGreaterThan(0)
    expect(indexOfBytes(bytes, [0x42, 0x72, 0xf6, 0x74])).toBeGreaterThan(0)
  })

  it('decodes to the same text as the CP858 job', () => {
    expect(decodeEscPos(bytes).lines.map((l) => l.text)).toEqual(
      decodeEscPos(render('cp858')).lines.map((l) => l.text),
    )
  })
})

describe('paper profiles', () => {
  it.each([48, 32])(
    'prints what the preview shows at %i columns, no line wider than the paper',
    (columns) => {
      const layout = layoutReceipt(goldenReceipt(), { columns })
      const printed = decodeEscPos(render('cp858', columns)).lines
      const preview = layout.lines
        .filter((l) => l.kind !== 'qr' && l.kind !== 'cut')
        .map((l) => lineText(l).trimEnd())
      // The encoder adds the feed before the cut and the line after the QR code; the rest matches 1:1.
      expect(printed.map((l) => l.text.trimEnd()).filter((t) => t !== '')).toEqual(
        preview.filter((t) => t !== ''),
      )
      for (const line of printed)
        expect(Array.from(line.text).length * line.width).toBeLessThanOrEqual(columns)
    },
  )
})

describe('golden receipt as printed', () => {
  // A reviewable picture of the paper: the decoded CP858 bytes, one line per printed line. Double-size
  // lines are marked "»" because each of their characters takes two cells.
  it.each([48, 32])('matches the recorded %i-column receipt', async (columns) => {
    const picture = decodeEscPos(render('cp858', columns))
      .lines.map((l) => (l.width === 2 ? '»' : ' ') + l.text.trimEnd())
      .join('\n')
    await expect(picture + '\n').toMatchFileSnapshot(`../../../fixtures/escpos/golden-receipt-${columns}.txt`)
  })
})
