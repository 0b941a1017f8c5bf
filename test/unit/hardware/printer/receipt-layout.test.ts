import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatQuantity, formatRate, layoutReceipt, lineText } from '../../../../common/receipt/layout'
import { receiptDocument } from '../../../../common/receipt/model'
import { twoColumns, wrap } from '../../../../common/receipt/text'
import { goldenReceipt } from '../../../fixtures/escpos/golden-receipt'

const texts = (columns: number, doc = goldenReceipt()) => layoutReceipt(doc, { columns }).lines.map(lineText)

describe('receipt layout', () => {
  it('gives every text line exactly the paper width (half for double size) and separators the full width', () => {
    const word = fc.string({
      minLength: 0,
      maxLength: 60,
      unit: fc.constantFrom(...'abcdefghijäöüßÄÖÜ€ -.,0123456789'),
    })
    const cents = fc.integer({ min: -99999, max: 999999 })
    const doc = fc.record({
      header: fc.array(word, { maxLength: 3 }),
      title: fc.option(word, { nil: undefined }),
      meta: fc.array(fc.record({ label: word, value: word }), { maxLength: 3 }),
      items: fc.array(
        fc.record({
          name: word,
          quantity: fc.integer({ min: 1, max: 20 }),
          unitPrice: cents,
          total: cents,
          vatRate: fc.constantFrom(0, 7, 19),
          vatLetter: fc.option(fc.constantFrom('A', 'B', 'C'), { nil: undefined }),
          note: fc.option(word, { nil: undefined }),
        }),
        { maxLength: 6 },
      ),
      total: fc.option(fc.record({ label: word, amount: cents }), { nil: undefined }),
      vat: fc.array(
        fc.record({
          letter: fc.constantFrom('A', 'B'),
          rate: fc.constantFrom(7, 19, 10.7),
          gross: cents,
          net: cents,
          vat: cents,
        }),
        { maxLength: 2 },
      ),
      apiLines: fc.array(
        fc.oneof(
          fc.record({
            type: fc.constant('textline' as const),
            value: fc.record({
              text: word,
              decoration: fc.subarray(['important', 'align-center', 'align-right', 'blink']),
            }),
          }),
          fc.record({
            type: fc.constant('name-value' as const),
            value: fc.record({ name: word, value: word, decoration: fc.subarray(['important']) }),
          }),
          fc.record({ type: fc.constant('separator' as const), value: fc.record({ caption: word }) }),
          fc.constant({ type: 'space' as const }),
        ),
        { maxLength: 5 },
      ),
      footer: fc.array(word, { maxLength: 2 }),
      copy: fc.boolean(),
    })
    fc.assert(
      fc.property(doc, fc.constantFrom(32, 48), (input, columns) => {
        for (const line of layoutReceipt(receiptDocument.parse(input), { columns }).lines) {
          if (line.kind === 'text') expect(Array.from(lineText(line)).length * line.size).toBe(columns)
          if (line.kind === 'separator') expect(Array.from(line.text).length).toBe(columns)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('keeps the amount on the item line and wraps long names below it', () => {
    const doc = receiptDocument.parse({
      items: [
        {
          name: 'Roggenmischbrot mit Sonnenblumenkernen',
          quantity: 1,
          unitPrice: 450,
          total: 450,
          vatRate: 7,
          vatLetter: 'B',
        },
      ],
    })
    expect(texts(32, doc).slice(0, 2)).toEqual([
      'Roggenmischbrot mit       4,50 B',
      'Sonnenblumenkernen              ',
    ])
  })

  it('prints quantity × unit price and notes indented under the item', () => {
    const doc = receiptDocument.parse({
      items: [{ name: 'Brötchen', quantity: 6, unitPrice: 40, total: 240, vatRate: 7, note: 'Aktion' }],
    })
    expect(
      texts(32, doc)
        .slice(0, 3)
        .map((t) => t.trimEnd()),
    ).toEqual(['Brötchen                    2,40', '  6 x 0,40', '  Aktion'])
  })

  it('lays out the API lines with their decorations', () => {
    const doc = receiptDocument.parse({
      apiLines: [
        { type: 'separator', value: { caption: 'Karte' } },
        { type: 'textline', value: { text: 'Mitte', decoration: ['align_center', 'important'] } },
        { type: 'textline', value: { text: 'Rechts', decoration: ['align-right'] } },
        { type: 'name-value', value: { name: 'Guthaben', value: '12,00 €' } },
        { type: 'space' },
        { type: 'textline', value: { text: 'Links', decoration: ['sparkle'] } },
      ],
    })
    const lines = layoutReceipt(doc, { columns: 32 }).lines.slice(0, -1)
    expect(lines.map(lineText)).toEqual([
      '------------ Karte -------------',
      '             Mitte              ',
      '                          Rechts',
      'Guthaben                 12,00 €',
      '',
      'Links                           ',
    ])
    expect(lines[1]).toMatchObject({ kind: 'text', align: 'center', segments: [{ bold: true }] })
    expect(lines[4]).toEqual({ kind: 'blank' })
  })

  it('marks a copy at top and bottom in double size and ends with a cut', () => {
    const lines = layoutReceipt({ ...goldenReceipt(), copy: true }, { columns: 48 }).lines
    const banners = lines.filter((l) => l.kind === 'text' && lineText(l).trim() === 'KOPIE')
    expect(banners).toHaveLength(2)
    expect(banners[0]).toMatchObject({ size: 2, segments: [{ bold: true }] })
    expect(lines[0]).toBe(banners[0])
    expect(lines.at(-1)).toEqual({ kind: 'cut' })
    expect(lines.at(-2)).toBe(banners[1])
  })

  it('prints the VAT table with rate, net, VAT and gross in aligned columns', () => {
    const t = texts(32)
    const header = t.findIndex((l) => l.startsWith('Satz'))
    expect(t[header]).toBe('Satz         Netto   MwSt Brutto')
    expect(t[header + 1]).toBe('B 7 %         7,44   0,52   7,96')
  })

  it('formats German quantities and rates, and wraps without losing words', () => {
    expect(formatQuantity(0.254)).toBe('0,254')
    expect(formatQuantity(2)).toBe('2')
    expect(formatRate(10.7)).toBe('10,7 %')
    expect(wrap('ein Donauwellenschnittchen', 10)).toEqual(['ein', 'Donauwelle', 'nschnittch', 'en'])
    // An amount wider than the line goes on its own line, uncut (a clipped amount would be wrong money).
    expect(twoColumns('Summe', '1.234.567,89 €', 12)).toEqual(['Summe       ', '1.234.567,89 €'])
  })

  it('rejects paper narrower than a usable receipt', () => {
    expect(() => layoutReceipt(goldenReceipt(), { columns: 8 })).toThrow(RangeError)
  })
})
