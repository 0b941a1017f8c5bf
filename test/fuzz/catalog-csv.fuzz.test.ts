// Catalogue CSVs as spreadsheets and shop owners produce them: any column order and alias, three
// separators, quotes, line breaks in cells, prices typed every which way, wrong VAT rates, duplicate
// EANs/PLUs, junk colours — plus plain garbage. The import never throws; every data row is either
// imported or reported with its line number and field, and what is imported is a valid catalogue.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { catalogue as catalogueSchema } from '../../common/catalog'
import { importCatalogueCsv } from '../../main/catalog/load'
import { gs1CheckDigit } from '../../hardware/scanner/classify'
import { budget, fcParams } from './budget'

const COLUMNS = {
  name: ['name', 'Bezeichnung', 'Artikel'],
  price: ['price', 'Preis', 'Bruttopreis'],
  vatRate: ['vatRate', 'MwSt', 'USt', 'Steuersatz'],
  category: ['category', 'Kategorie', 'Warengruppe'],
  id: ['id', 'ArtikelID'],
  ean: ['ean', 'GTIN', 'Barcode'],
  plu: ['plu', 'PLU'],
  articleNumber: ['articleNumber', 'Artikelnummer', 'ArtNr'],
  color: ['color', 'Farbe'],
  kind: ['kind', 'Art'],
  categoryColor: ['categoryColor', 'Kategoriefarbe'],
} as const
type Column = keyof typeof COLUMNS
const REQUIRED: Column[] = ['name', 'price', 'vatRate', 'category']
const OPTIONAL: Column[] = ['id', 'ean', 'plu', 'articleNumber', 'color', 'kind', 'categoryColor']

const ean13 = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 })
  .map((d) => d.join(''))
  .map((b) => b + String(gs1CheckDigit(b)))
const junk = fc.string({ maxLength: 12 })

/** Mostly what a shop types (so rows do get imported), sometimes what goes wrong. */
const mostly = (good: fc.Arbitrary<string>, bad: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: bad })

const cell: Record<Column, fc.Arbitrary<string>> = {
  name: mostly(
    fc
      .tuple(
        fc.constantFrom(
          'Brötchen',
          'Kaffee',
          'Brezel "groß"',
          'Kuchen;Stück',
          'Zeile\nzwei',
          '  Laugenstange ',
        ),
        fc.integer({ min: 1, max: 500 }),
      )
      .map(([n, i]) => `${n} ${i}`),
    fc.oneof(fc.constant(''), fc.string({ maxLength: 60 })),
  ),
  price: mostly(
    fc.constantFrom('0,55', '2.50', '1.234,56', '12', '0', '2,5'),
    fc.oneof(fc.constantFrom('-1,00', '€ 2,50', '2,555', 'abc', '', '1e3', '99999999'), junk),
  ),
  vatRate: mostly(
    fc.constantFrom('7', '19', '0', '7 %', '19%', '7,0'),
    fc.oneof(fc.constantFrom('16', 'x', ''), junk),
  ),
  category: mostly(
    fc.constantFrom('Brötchen', 'Kuchen & Torte', 'Heißgetränke', 'Süßes'),
    fc.oneof(fc.constantFrom('', '!!!'), junk),
  ),
  id: mostly(fc.constant(''), fc.oneof(fc.constantFrom('broetchen', 'BROT 1', 'a'.repeat(80)), junk)),
  ean: mostly(
    fc.oneof(ean13, fc.constant('')),
    fc.oneof(fc.constantFrom('4006381333932', '123', '96385074'), junk),
  ),
  plu: mostly(
    fc.oneof(fc.constant(''), fc.integer({ min: 100, max: 99999 }).map(String)),
    fc.constantFrom('101', '0', 'abc'),
  ),
  articleNumber: mostly(fc.constantFrom('', 'A-1', 'B-22'), junk),
  color: mostly(
    fc.constantFrom('', '#8B4513', '#112233'),
    fc.oneof(fc.constantFrom('#fff', 'rot', '#GGGGGG'), junk),
  ),
  kind: mostly(fc.constantFrom('', '', 'weighed'), fc.constantFrom('topup', 'piece', 'Kilo')),
  categoryColor: mostly(fc.constantFrom('', '#112233'), fc.oneof(fc.constantFrom('blau'), junk)),
}

function quote(value: string, separator: string, style: 'auto' | 'always' | 'broken'): string {
  if (style === 'always') return `"${value.replace(/"/g, '""')}"`
  if (style === 'broken') return `"${value}`
  return /["\r\n]/.test(value) || value.includes(separator) ? `"${value.replace(/"/g, '""')}"` : value
}

const csvFile = fc
  .record({
    separator: fc.constantFrom(';', ',', '\t'),
    newline: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    required: fc.subarray(REQUIRED, { minLength: REQUIRED.length - 1 }).chain((r) => fc.constant(r)),
    keepAllRequired: fc.oneof(
      { weight: 5, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    ),
    optional: fc.subarray(OPTIONAL),
    unknown: fc.option(fc.constantFrom('Bemerkung', 'Lager', ''), { nil: undefined }),
  })
  .chain((shape) => {
    const columns: (Column | 'unknown')[] = [
      ...(shape.keepAllRequired ? REQUIRED : shape.required),
      ...shape.optional,
      ...(shape.unknown !== undefined ? (['unknown'] as const) : []),
    ]
    return fc.record({
      shape: fc.constant(shape),
      order: fc.shuffledSubarray(columns, { minLength: columns.length }),
      headers: fc.tuple(
        ...columns.map((c) =>
          c === 'unknown' ? fc.constant(shape.unknown ?? '') : fc.constantFrom(...COLUMNS[c]),
        ),
      ),
      rows: fc.array(
        fc.record({
          cells: fc.tuple(...columns.map((c) => (c === 'unknown' ? junk : cell[c]))),
          style: fc.constantFrom<'auto' | 'always' | 'broken'>(
            'auto',
            'auto',
            'auto',
            'auto',
            'auto',
            'always',
            'always',
            'broken',
          ),
          blank: fc.boolean(),
        }),
        { maxLength: 25 },
      ),
      columns: fc.constant(columns),
    })
  })
  .map(({ shape, order, headers, rows, columns }) => {
    const index = order.map((c) => columns.indexOf(c))
    const line = (cells: readonly string[], style: 'auto' | 'always' | 'broken') =>
      index
        .map((i, at) =>
          quote(cells[i], shape.separator, style === 'broken' && at !== index.length - 1 ? 'auto' : style),
        )
        .join(shape.separator)
    const body = rows.map((r) => (r.blank ? '' : line(r.cells, r.style)))
    return (shape.bom ? '\uFEFF' : '') + [line(headers, 'auto'), ...body].join(shape.newline)
  })

describe('catalogue CSV fuzz', () => {
  it('every data row is imported or reported by line and field; the result is a valid catalogue', () => {
    fc.assert(
      fc.property(csvFile, (text) => {
        const { catalogue, report } = importCatalogueCsv(text, 'fuzz.csv')
        expect(catalogueSchema.safeParse(catalogue).success).toBe(true)
        const lines = text.split(/\r\n|\n|\r/).length
        for (const p of report.problems) {
          expect(p.row).toBeGreaterThanOrEqual(0)
          expect(p.row).toBeLessThanOrEqual(lines)
          expect(p.field.length).toBeGreaterThan(0)
          expect(p.messageKey).toMatch(/^catalog\.import\.[a-zA-Z]+$/)
          expect(p.problem.length).toBeGreaterThan(0)
        }
        expect(report.productsImported).toBe(catalogue.products.length)
        const missingColumn = report.problems.some((p) => p.messageKey === 'catalog.import.missingColumn')
        if (missingColumn) {
          expect(catalogue.products).toEqual([])
          return
        }
        // The partition: a row either became a product or has at least one product problem.
        const reportedRows = new Set(
          report.problems.filter((p) => p.section === 'products').map((p) => p.row),
        )
        expect(report.productsImported + reportedRows.size).toBe(report.rowsRead)
        const categories = new Set(catalogue.categories.map((c) => c.id))
        for (const product of catalogue.products) {
          expect(Number.isInteger(product.price)).toBe(true)
          expect([0, 7, 19]).toContain(product.vatRate)
          expect(categories.has(product.category)).toBe(true)
        }
      }),
      fcParams(budget(400, 20_000)),
    )
  })

  it('arbitrary text never throws and imports nothing it cannot justify', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc
        .array(fc.constantFrom('"', ';', ',', '\t', '\n', '\r', 'a', '1', ' ', '€', 'name', 'price'), {
          maxLength: 200,
        })
        .map((a) => a.join('')),
    )
    fc.assert(
      fc.property(text, (t) => {
        const { catalogue, report } = importCatalogueCsv(t, 'garbage.csv')
        expect(catalogueSchema.safeParse(catalogue).success).toBe(true)
        if (catalogue.products.length > 0)
          expect(report.problems.some((p) => p.messageKey === 'catalog.import.missingColumn')).toBe(false)
      }),
      fcParams(budget(500, 30_000)),
    )
  })
})
