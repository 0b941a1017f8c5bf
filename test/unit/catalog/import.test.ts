import { readFileSync } from 'node:fs'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { catalogue as catalogueSchema } from '../../../common/catalog'
import { importCatalogueCsv, importCatalogueJson, loadCatalogue } from '../../../main/catalog/load'
import { parseCsv } from '../../../main/catalog/csv'

const fixture = (name: string) => join(__dirname, '../../fixtures/catalog', name)
const problemsOf = (report: { problems: { row: number; field: string; messageKey: string }[] }) =>
  report.problems.map((p) => [p.row, p.field, p.messageKey])

describe('CSV import', () => {
  const { catalogue, report } = importCatalogueCsv(readFileSync(fixture('mixed.csv'), 'utf8'), 'mixed.csv')

  it('keeps every good row, with prices typed in euros turned into cents', () => {
    expect(catalogue.products.map((p) => [p.name, p.price, p.vatRate, p.category])).toEqual([
      ['Weizenbrötchen', 55, 7, 'broetchen'],
      ['Brötchen "Spezial", hell', 70, 7, 'broetchen'],
      ['Laugenbrezel', 110, 7, 'broetchen'],
      ['Kaffee', 260, 19, 'heissgetraenke'],
      ['Mineralwasser 0,5 l', 180, 19, 'kaltgetraenke'],
      ['Käsekuchen (Stück)', 320, 7, 'kuchen-torte'],
      ['Teegebäck lose', 2490, 7, 'suesses'],
      ['Kartenaufladung frei', 0, 0, 'kundenkarte'],
    ])
    expect(catalogue.products[2]).toMatchObject({ id: 'laugenbrezel', plu: '103', color: '#8B4513' })
    expect(catalogue.products[6].kind).toBe('weighed')
    expect(catalogueSchema.safeParse(catalogue).success).toBe(true)
    expect(report).toMatchObject({ format: 'csv', rowsRead: 15, productsImported: 8 })
  })

  it('creates categories in order of first appearance with their colour', () => {
    expect(catalogue.categories.map((c) => [c.id, c.name, c.order])).toEqual([
      ['broetchen', 'Brötchen', 10],
      ['heissgetraenke', 'Heißgetränke', 20],
      ['kaltgetraenke', 'Kaltgetränke', 30],
      ['kuchen-torte', 'Kuchen\n& Torte', 40],
      ['suesses', 'Süßes', 50],
      ['kundenkarte', 'Kundenkarte', 60],
    ])
    expect(catalogue.categories[0].color).toBe('#E3B04B')
  })

  it('reports each bad row with its line number, field, English text and message key', () => {
    expect(problemsOf(report)).toEqual([
      [1, 'Allergene', 'catalog.import.unknownColumn'],
      [7, 'price', 'catalog.import.invalid'],
      [8, 'vatRate', 'catalog.import.invalid'],
      [9, 'ean', 'catalog.import.invalid'],
      [10, 'ean', 'catalog.import.duplicate'],
      [11, 'plu', 'catalog.import.duplicate'],
      [12, 'id', 'catalog.import.required'],
      [12, 'name', 'catalog.import.required'],
      [17, 'price', 'catalog.import.invalid'],
    ])
    const byRow = (row: number) => report.problems.find((p) => p.row === row)
    expect(byRow(7)).toMatchObject({
      problem: 'price must be an amount in euros like 2,50',
      value: 'zwei Euro',
    })
    expect(byRow(8)).toMatchObject({ problem: 'VAT rate must be 19, 7 or 0', value: '16' })
    expect(byRow(10)?.problem).toBe('ean already used by product "mineralwasser-0-5-l"')
    expect(byRow(17)?.problem).toBe('price must be above 0')
  })

  it('imports nothing and says which column is missing when a required column is absent', () => {
    const { catalogue: empty, report: r } = importCatalogueCsv('name;price;category\nKaffee;2,60;Heiß\n')
    expect(empty.products).toEqual([])
    expect(problemsOf(r)).toEqual([[1, 'vatRate', 'catalog.import.missingColumn']])
  })

  it('reports an empty file', () => {
    expect(problemsOf(importCatalogueCsv('').report)).toEqual([[1, '(file)', 'catalog.import.empty']])
  })
})

describe('CSV reading', () => {
  it('handles quotes, escaped quotes, line breaks in quotes, CRLF, commas and tabs', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",z')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 4, fields: ['multi\nline', 'z'] },
    ])
    expect(parseCsv('a\tb\n1\t2').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ])
  })
})

describe('JSON import', () => {
  const { catalogue, report } = importCatalogueJson(readFileSync(fixture('mixed.json'), 'utf8'), 'mixed.json')

  it('keeps the good rows and reports every bad one with position, field and message key', () => {
    expect(catalogue.products.map((p) => p.id)).toEqual(['weizenbroetchen', 'kaffee'])
    expect(catalogue.categories.map((c) => c.id)).toEqual(['broetchen', 'heiss'])
    expect(problemsOf(report)).toEqual([
      [3, 'name', 'catalog.import.invalid'],
      [3, 'order', 'catalog.import.invalid'],
      [4, 'id', 'catalog.import.duplicate'],
      [3, 'price', 'catalog.import.invalid'],
      [4, 'vatRate', 'catalog.import.invalid'],
      [5, 'category', 'catalog.import.unknownCategory'],
      [6, 'id', 'catalog.import.duplicate'],
      [7, 'ean', 'catalog.import.invalid'],
      [8, 'plu', 'catalog.import.duplicate'],
      [9, 'size', 'catalog.import.unknownField'],
      [10, '(row)', 'catalog.import.invalid'],
    ])
    expect(report.problems.filter((p) => p.section === 'categories')).toHaveLength(3)
    expect(report.problems.find((p) => p.section === 'products' && p.row === 3)?.problem).toBe(
      'price must be whole cents',
    )
    expect(report).toMatchObject({ format: 'json', rowsRead: 10, productsImported: 2, categoriesImported: 2 })
  })

  it('says which list is missing, and refuses text that is not JSON', () => {
    expect(problemsOf(importCatalogueJson('{"products": []}').report)).toEqual([
      [0, 'categories', 'catalog.import.missingColumn'],
    ])
    expect(() => importCatalogueJson('{oops')).toThrow(
      expect.objectContaining({
        error: expect.objectContaining({ code: 'VALIDATION', messageKey: 'catalog.error.unparseable' }),
      }),
    )
  })
})

describe('loading the configured catalogue', () => {
  it('uses the demo catalogue when none is configured', async () => {
    const { catalogue, report } = await loadCatalogue(undefined)
    expect(report).toMatchObject({ source: 'demo', format: 'builtin', problems: [] })
    expect(catalogue.products.length).toBe(report.productsImported)
  })

  it('loads JSON and CSV by extension and refuses other files and missing ones with a message key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tresen-catalog-'))
    try {
      expect((await loadCatalogue(fixture('mixed.csv'))).report.productsImported).toBe(8)
      expect((await loadCatalogue(fixture('mixed.json'))).report.productsImported).toBe(2)
      writeFileSync(join(dir, 'catalog.xlsx'), 'binary')
      await expect(loadCatalogue(join(dir, 'catalog.xlsx'))).rejects.toMatchObject({
        error: { code: 'VALIDATION', messageKey: 'catalog.error.unknownFormat' },
      })
      await expect(loadCatalogue(join(dir, 'missing.csv'))).rejects.toMatchObject({
        error: { code: 'NOT_FOUND', messageKey: 'catalog.error.unreadable' },
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('VAT classes and combos in imported catalogues', () => {
  it('reads the vatClass column of a CSV, in English or German words, and keeps files without it as fixed rates', () => {
    const csv = [
      'name;price;mwst;warengruppe;steuerklasse',
      'Latte Macchiato;3,80;7;Heißgetränke;Milchgetränk',
      'Kaffee;2,60;19;Heißgetränke;drink',
      'Croissant;1,60;7;Brötchen;Speise',
      'Wasser;1,80;19;Kalt;',
    ].join('\n')
    const { catalogue, report } = importCatalogueCsv(csv, 'classes.csv')
    expect(report.problems).toEqual([])
    expect(catalogue.products.map((p) => [p.name, p.vatRate, p.vatClass])).toEqual([
      ['Latte Macchiato', 7, 'milkDrink'],
      ['Kaffee', 19, 'drink'],
      ['Croissant', 7, 'food'],
      ['Wasser', 19, undefined],
    ])
  })

  it('reports a class that contradicts the rate on its row and keeps the others', () => {
    const csv = [
      'name;price;vatRate;category;vatClass',
      'Latte;3,80;19;Heiß;milkDrink',
      'Tee;2,40;19;Heiß;drink',
    ].join('\n')
    const { catalogue, report } = importCatalogueCsv(csv, 'bad.csv')
    expect(catalogue.products.map((p) => p.name)).toEqual(['Tee'])
    expect(problemsOf(report)).toEqual([[2, 'vatRate', 'catalog.import.invalid']])
  })

  it('reads deposits and combos from a CSV: by name or id, counts and shares, and reports what it cannot use', () => {
    const csv = [
      'Bezeichnung;Preis;MwSt;Warengruppe;Steuerklasse;Art;Pfand;Kombi;PLU',
      'Kaffee;2,60;19;Heiß;Getränk;;;;1',
      'Apfelkuchen;2,90;7;Kuchen;Speise;;;;2',
      'Käsebrötchen;2,20;7;Brötchen;Speise;;;;3',
      'Pfand Mehrweg;0,08;19;Pfand;;Pfand;;;4',
      'Kakao 0,5 l;1,90;7;Kalt;Milchgetränk;;Pfand Mehrweg;;5',
      'Kaffeegedeck;4,90;7;Kuchen;;;;Kaffee + Apfelkuchen;6',
      'Frühstück;4,50;7;Brötchen;;;;kaffee 30 % + Käsebrötchen 70 %;7',
      'Brötchentüte;5,00;7;Brötchen;;;;2 x käsebrötchen + KAFFEE;8',
      'Leer;1,00;7;Kuchen;;;;Kaffee + + Apfelkuchen;9',
      'Torte;1,00;7;Kuchen;;;;Kaffee + Sahnetorte;10',
      'Saft;1,00;19;Kalt;;;Kaffee;;11',
    ].join('\n')
    const { catalogue, report } = importCatalogueCsv(csv, 'kombi.csv')
    const byName = (name: string) => catalogue.products.find((p) => p.name === name)
    expect(byName('Pfand Mehrweg')).toMatchObject({ id: 'pfand-mehrweg', kind: 'deposit' })
    expect(byName('Kakao 0,5 l')).toMatchObject({ deposit: 'pfand-mehrweg', vatClass: 'milkDrink' })
    expect(byName('Kaffeegedeck')!.combo).toEqual({
      split: 'prices',
      components: [
        { productId: 'kaffee', quantity: 1 },
        { productId: 'apfelkuchen', quantity: 1 },
      ],
    })
    expect(byName('Frühstück')!.combo).toEqual({
      split: 'shares',
      components: [
        { productId: 'kaffee', quantity: 1, share: 30 },
        { productId: 'kaesebroetchen', quantity: 1, share: 70 },
      ],
    })
    expect(byName('Brötchentüte')!.combo!.components).toEqual([
      { productId: 'kaesebroetchen', quantity: 2 },
      { productId: 'kaffee', quantity: 1 },
    ])
    expect(catalogueSchema.safeParse(catalogue).success).toBe(true)
    // An empty component, a component not in the file, a deposit that is no deposit article: each row
    // reported with its line and left out, the rest kept.
    expect(problemsOf(report)).toEqual([
      [10, 'combo', 'catalog.import.invalid'],
      [11, 'combo', 'catalog.import.invalid'],
      [12, 'deposit', 'catalog.import.invalid'],
    ])
    expect(report.problems[0]!.value).toBe('Kaffee + + Apfelkuchen')
    expect(catalogue.products.map((p) => p.name)).not.toContain('Torte')
    expect(catalogue.products).toHaveLength(8)
  })

  it('reads a combo component as an id before a name, and a name before its slug', () => {
    const csv = [
      'id;name;price;vatRate;category;combo;plu',
      'k1;Kaffee;2,60;19;Heiß;;1',
      'kaffee;Filterkaffee;2,20;19;Heiß;;2',
      'tee;Tee Schwarz;2,00;19;Heiß;;3',
      'g1;Gedeck;4,00;19;Heiß;kaffee + tee schwarz;4',
      'g2;Gedeck 2;4,00;19;Heiß;Kaffee + Tee-Schwarz;5',
    ].join('\n')
    const { catalogue, report } = importCatalogueCsv(csv, 'ids.csv')
    expect(report.problems).toEqual([])
    const parts = (id: string) =>
      catalogue.products.find((p) => p.id === id)!.combo!.components.map((c) => c.productId)
    // "kaffee" is the id of Filterkaffee, though Kaffee's name reads the same; "Kaffee" is no id.
    expect(parts('g1')).toEqual(['kaffee', 'tee'])
    expect(parts('g2')).toEqual(['k1', 'tee'])
  })

  it('leaves out a combo whose component was left out, instead of refusing the whole file', () => {
    const json = JSON.stringify({
      categories: [{ id: 'k', name: 'Kuchen', order: 1 }],
      products: [
        { id: 'kaffee', name: 'Kaffee', price: 260, vatRate: 19, category: 'k', vatClass: 'drink', plu: '1' },
        { id: 'kuchen', name: 'Kuchen', price: 290, vatRate: 7, category: 'k', vatClass: 'food', plu: '1' },
        {
          id: 'gedeck',
          name: 'Kaffeegedeck',
          price: 490,
          vatRate: 7,
          category: 'k',
          combo: { components: [{ productId: 'kaffee' }, { productId: 'kuchen' }] },
        },
      ],
    })
    const { catalogue, report } = importCatalogueJson(json, 'combo.json')
    expect(catalogue.products.map((p) => p.id)).toEqual(['kaffee'])
    expect(problemsOf(report)).toEqual([
      [2, 'plu', 'catalog.import.duplicate'],
      [3, 'combo', 'catalog.import.invalid'],
    ])
  })
})
