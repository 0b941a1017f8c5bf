// Loads the catalogue the config names (JSON or CSV by extension), or the demo catalogue when none is
// configured. Row problems come back in the report next to the good rows; only a file that cannot be
// read or parsed at all is an error.
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { AppFailure } from '../../common/result'
import type { Catalogue, ImportProblem, ImportReport } from '../../common/catalog'
import { csvCandidates } from './csv-import'
import { demoCatalogue } from './demo'
import { validateRows, type CandidateRow } from './import-rows'

export interface LoadedCatalogue {
  catalogue: Catalogue
  report: ImportReport
}

function arrayRows(value: unknown): CandidateRow[] | null {
  return Array.isArray(value) ? value.map((v, i) => ({ row: i + 1, value: v })) : null
}

/** JSON: `{ "categories": [...], "products": [...] }`, prices in cents as in the schema. */
export function importCatalogueJson(text: string, source = 'catalogue.json'): LoadedCatalogue {
  let data: unknown
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (error) {
    throw AppFailure.of(
      'VALIDATION',
      'catalog.error.unparseable',
      `${source} is not valid JSON: ${(error as Error).message}`,
      { source },
    )
  }
  const obj = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {}
  const categories = arrayRows(obj.categories)
  const products = arrayRows(obj.products)
  const problems: ImportProblem[] = []
  for (const [field, rows] of [
    ['categories', categories],
    ['products', products],
  ] as const) {
    if (!rows)
      problems.push({
        row: 0,
        section: 'file',
        field,
        problem: `"${field}" must be a list`,
        messageKey: 'catalog.import.missingColumn',
      })
  }
  const validated = validateRows(categories ?? [], products ?? [])
  return report(validated, [...problems, ...validated.problems], source, 'json', products?.length ?? 0)
}

/** CSV: one product per row; see csv-import.ts for the columns. */
export function importCatalogueCsv(text: string, source = 'catalogue.csv'): LoadedCatalogue {
  const candidates = csvCandidates(text)
  const validated = validateRows(candidates.categories, candidates.products)
  const problems = [...candidates.problems, ...validated.problems].sort((a, b) => a.row - b.row)
  return report(validated, problems, source, 'csv', candidates.rowsRead)
}

function report(
  validated: { catalogue: Catalogue },
  problems: ImportProblem[],
  source: string,
  format: 'json' | 'csv',
  rowsRead: number,
): LoadedCatalogue {
  return {
    catalogue: validated.catalogue,
    report: {
      source,
      format,
      rowsRead,
      productsImported: validated.catalogue.products.length,
      categoriesImported: validated.catalogue.categories.length,
      problems,
    },
  }
}

export async function loadCatalogue(path: string | undefined): Promise<LoadedCatalogue> {
  if (path === undefined) {
    const catalogue = demoCatalogue()
    return {
      catalogue,
      report: {
        source: 'demo',
        format: 'builtin',
        rowsRead: catalogue.products.length,
        productsImported: catalogue.products.length,
        categoriesImported: catalogue.categories.length,
        problems: [],
      },
    }
  }
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw AppFailure.of(
      'NOT_FOUND',
      'catalog.error.unreadable',
      `Cannot read the catalogue ${path}: ${(error as Error).message}`,
      { source: path },
    )
  }
  const ext = extname(path).toLowerCase()
  if (ext === '.json') return importCatalogueJson(text, path)
  if (ext === '.csv' || ext === '.txt') return importCatalogueCsv(text, path)
  throw AppFailure.of(
    'VALIDATION',
    'catalog.error.unknownFormat',
    `The catalogue must be a .json or .csv file: ${path}`,
    { source: path },
  )
}

/** A catalogue file that yielded no product at all stops a live start, naming its first problem. */
export function refuseEmptyCatalogue(report: ImportReport): void {
  if (report.format === 'builtin' || report.productsImported > 0) return
  const first = report.problems[0]
  throw AppFailure.of(
    'VALIDATION',
    'catalog.error.noValidRow',
    `The catalogue ${report.source} has no valid row`,
    {
      source: report.source,
      problems: report.problems.length,
      firstRow: first?.row ?? 0,
      firstProblem: first?.problem ?? 'no rows',
    },
  )
}
