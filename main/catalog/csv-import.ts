// The CSV catalogue format, made for a bakery owner's spreadsheet: one product per row, prices in euros
// as people type them ("0,55"), the category by name. Categories are created in order of first
// appearance; German column names are accepted next to the English ones.
//
// Columns (any order, `;` `,` or tab): name, price, vatRate (19/7/0, "7 %" ok) and category are
// required; id (default: derived from the name), ean, plu, articleNumber, color (#RRGGBB), kind
// (topup | weighed | deposit, or Aufladung | gewogen | Pfand; weighed = price per kg), vatClass (food |
// drink | milkDrink | fixed, or Speise | Getränk | Milchgetränk | fest; docs/vat-rates.md),
// categoryColor, deposit (the deposit article that follows this one: its id or name) and combo
// ("Kaffee + Apfelkuchen", ./csv-references.ts) are optional. Unknown columns are reported once and
// ignored.
import { parseAmount } from '../../common/money'
import type { ImportProblem } from '../../common/catalog'
import { parseCsv } from './csv'
import { comboProblem, parseComboCell, resolveReferences, type TypedReferences } from './csv-references'
import type { CandidateRow } from './import-rows'

const COLUMN_ALIASES: Record<string, string[]> = {
  id: ['id', 'artikelid'],
  name: ['name', 'bezeichnung', 'artikel'],
  price: ['price', 'preis', 'bruttopreis'],
  vatRate: ['vatrate', 'vat', 'mwst', 'ust', 'steuersatz'],
  category: ['category', 'kategorie', 'warengruppe'],
  ean: ['ean', 'gtin', 'barcode'],
  plu: ['plu'],
  articleNumber: ['articlenumber', 'artikelnummer', 'artnr'],
  color: ['color', 'farbe'],
  kind: ['kind', 'art'],
  categoryColor: ['categorycolor', 'kategoriefarbe'],
  vatClass: ['vatclass', 'steuerklasse', 'mwstklasse', 'verzehrklasse'],
  deposit: ['deposit', 'pfand', 'pfandartikel'],
  combo: ['combo', 'kombi', 'kombiangebot', 'bestandteile'],
}

/** German words for the kinds; anything else goes to the schema as typed. */
const KIND_WORDS: Record<string, string> = {
  pfand: 'deposit',
  aufladung: 'topup',
  gewogen: 'weighed',
}

/** German words a shop owner types for the VAT classes; anything else goes to the schema as typed. */
const VAT_CLASS_WORDS: Record<string, string> = {
  speise: 'food',
  speisen: 'food',
  getraenk: 'drink',
  getränk: 'drink',
  milchgetraenk: 'milkDrink',
  milchgetränk: 'milkDrink',
  fest: 'fixed',
}
const REQUIRED_COLUMNS = ['name', 'price', 'vatRate', 'category']

const normalizeHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]/g, '')

/** "Kuchen & Torte" → "kuchen-torte": a stable id from a category name. */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug.slice(0, 64) || 'x'
}

export interface CsvCandidates {
  categories: CandidateRow[]
  products: CandidateRow[]
  problems: ImportProblem[]
  rowsRead: number
}

export function csvCandidates(text: string): CsvCandidates {
  const [header, ...rows] = parseCsv(text)
  const problems: ImportProblem[] = []
  if (!header) {
    problems.push({
      row: 1,
      section: 'file',
      field: '(file)',
      problem: 'the file is empty',
      messageKey: 'catalog.import.empty',
    })
    return { categories: [], products: [], problems, rowsRead: 0 }
  }
  const columns = header.fields.map((h) => {
    const key = normalizeHeader(h)
    const field = Object.keys(COLUMN_ALIASES).find((f) => COLUMN_ALIASES[f].includes(key))
    if (!field && key !== '')
      problems.push({
        row: header.line,
        section: 'file',
        field: h.trim(),
        problem: `unknown column "${h.trim()}" is ignored`,
        messageKey: 'catalog.import.unknownColumn',
        value: h.trim(),
      })
    return field
  })
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c))
  if (missing.length > 0) {
    for (const field of missing)
      problems.push({
        row: header.line,
        section: 'file',
        field,
        problem: `required column "${field}" is missing`,
        messageKey: 'catalog.import.missingColumn',
      })
    return { categories: [], products: [], problems, rowsRead: rows.length }
  }

  const categories = new Map<string, CandidateRow>()
  const products: CandidateRow[] = []
  const typed = new Map<CandidateRow, TypedReferences>()
  for (const row of rows) {
    const raw: Record<string, string> = {}
    columns.forEach((field, i) => {
      const v = (row.fields[i] ?? '').trim()
      if (field && v !== '') raw[field] = v
    })
    const rowProblems: ImportProblem[] = []
    const price = raw.price === undefined ? undefined : parseAmount(raw.price)
    if (raw.price !== undefined && price === null)
      rowProblems.push({
        row: row.line,
        section: 'products',
        field: 'price',
        problem: 'price must be an amount in euros like 2,50',
        messageKey: 'catalog.import.invalid',
        value: raw.price,
      })
    const vat =
      raw.vatRate === undefined ? undefined : Number(raw.vatRate.replace('%', '').replace(',', '.').trim())
    if (raw.vatRate !== undefined && !Number.isFinite(vat))
      rowProblems.push({
        row: row.line,
        section: 'products',
        field: 'vatRate',
        problem: 'VAT rate must be 19, 7 or 0',
        messageKey: 'catalog.import.invalid',
        value: raw.vatRate,
      })
    const combo = raw.combo === undefined ? undefined : parseComboCell(raw.combo)
    if (typeof combo === 'string') rowProblems.push(comboProblem(row.line, raw.combo!, combo))
    if (rowProblems.length > 0) {
      problems.push(...rowProblems)
      continue
    }
    const categoryId = raw.category === undefined ? undefined : slugify(raw.category)
    if (raw.category !== undefined && categoryId !== undefined && !categories.has(categoryId)) {
      categories.set(categoryId, {
        row: row.line,
        value: {
          id: categoryId,
          name: raw.category,
          order: (categories.size + 1) * 10,
          ...(raw.categoryColor ? { color: raw.categoryColor } : {}),
        },
      })
    }
    if (raw.vatClass !== undefined) raw.vatClass = VAT_CLASS_WORDS[raw.vatClass.toLowerCase()] ?? raw.vatClass
    if (raw.kind !== undefined) raw.kind = KIND_WORDS[raw.kind.toLowerCase()] ?? raw.kind
    const {
      categoryColor: _cc,
      price: _p,
      vatRate: _v,
      category: _c,
      deposit,
      combo: _combo,
      id,
      ...rest
    } = raw
    const candidate: CandidateRow = {
      row: row.line,
      value: {
        ...rest,
        id: id ?? (raw.name ? slugify(raw.name) : undefined),
        ...(price !== undefined ? { price } : {}),
        ...(vat !== undefined ? { vatRate: vat } : {}),
        ...(categoryId !== undefined ? { category: categoryId } : {}),
      },
    }
    products.push(candidate)
    // A combo cell that could not be read has left the row out above.
    const parts = typeof combo === 'object' ? combo : undefined
    if (deposit !== undefined || parts !== undefined)
      typed.set(candidate, {
        ...(deposit !== undefined ? { deposit } : {}),
        ...(parts ? { combo: parts } : {}),
      })
  }
  resolveReferences(products, typed, slugify)
  return { categories: [...categories.values()], products, problems, rowsRead: rows.length }
}
