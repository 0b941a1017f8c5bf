// Row-by-row validation shared by the JSON and CSV imports: a bad row is reported and left out, the good
// rows are kept, so one typo in a 300-article file never leaves the till without a catalogue.
import { type z } from 'zod'
import {
  catalogue as catalogueSchema,
  catalogueConflicts,
  category as categorySchema,
  product as productSchema,
  type Catalogue,
  type Category,
  type ImportProblem,
  type Product,
} from '../../common/catalog'

const CODE_FIELDS = new Set<string>(['id', 'ean', 'plu', 'articleNumber'])

export interface CandidateRow {
  /** Line number (CSV) or 1-based array position (JSON), for the report. */
  row: number
  value: unknown
}

function fieldValue(value: unknown, field: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined
  const v = (value as Record<string, unknown>)[field]
  return v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v)
}

function issuesToProblems(
  section: ImportProblem['section'],
  row: CandidateRow,
  error: z.ZodError,
): ImportProblem[] {
  return error.issues.map((issue) => {
    const field =
      issue.code === 'unrecognized_keys'
        ? issue.keys.join(', ')
        : issue.path.length > 0
          ? String(issue.path[0])
          : '(row)'
    const value = fieldValue(row.value, field)
    const missing = value === undefined && issue.path.length > 0 && issue.code !== 'unrecognized_keys'
    return {
      row: row.row,
      section,
      field,
      problem: missing ? 'required field is missing' : issue.message,
      messageKey: missing
        ? 'catalog.import.required'
        : issue.code === 'unrecognized_keys'
          ? 'catalog.import.unknownField'
          : 'catalog.import.invalid',
      ...(value !== undefined ? { value } : {}),
    }
  })
}

export function validateRows(
  categoryRows: readonly CandidateRow[],
  productRows: readonly CandidateRow[],
): { catalogue: Catalogue; problems: ImportProblem[] } {
  const problems: ImportProblem[] = []
  const categories: Category[] = []
  for (const row of categoryRows) {
    const parsed = categorySchema.safeParse(row.value)
    if (!parsed.success) problems.push(...issuesToProblems('categories', row, parsed.error))
    else if (categories.some((c) => c.id === parsed.data.id))
      problems.push({
        row: row.row,
        section: 'categories',
        field: 'id',
        problem: `category id "${parsed.data.id}" is used twice`,
        messageKey: 'catalog.import.duplicate',
        value: parsed.data.id,
      })
    else categories.push(parsed.data)
  }

  const categoryIds = new Set(categories.map((c) => c.id))
  const candidates: { row: number; product: Product }[] = []
  for (const row of productRows) {
    const parsed = productSchema.safeParse(row.value)
    if (!parsed.success) problems.push(...issuesToProblems('products', row, parsed.error))
    else if (!categoryIds.has(parsed.data.category))
      problems.push({
        row: row.row,
        section: 'products',
        field: 'category',
        problem: `unknown category "${parsed.data.category}"`,
        messageKey: 'catalog.import.unknownCategory',
        value: parsed.data.category,
      })
    else candidates.push({ row: row.row, product: parsed.data })
  }

  // First occurrence wins: the earlier row is usually the one the shop has been selling under. A row left
  // out may be another's deposit or combo component, which then goes too: repeat until nothing conflicts.
  let kept = candidates
  for (;;) {
    const conflicts = catalogueConflicts(
      kept.map((c) => c.product),
      categories,
    )
    if (conflicts.length === 0) break
    const rejected = new Set<number>()
    for (const conflict of conflicts) {
      const { row, product } = kept[conflict.index]
      rejected.add(conflict.index)
      const value = product[conflict.field]
      problems.push({
        row,
        section: 'products',
        field: conflict.field,
        problem: conflict.message,
        // A code two rows share is a duplicate; a deposit or combo naming the wrong article is invalid.
        messageKey: CODE_FIELDS.has(conflict.field) ? 'catalog.import.duplicate' : 'catalog.import.invalid',
        value: typeof value === 'object' ? JSON.stringify(value) : String(value ?? ''),
      })
    }
    kept = kept.filter((_, i) => !rejected.has(i))
  }
  const products = kept.map((c) => c.product)
  problems.sort((a, b) => (a.section === b.section ? a.row - b.row : a.section === 'categories' ? -1 : 1))
  // The result must satisfy the catalogue schema as a whole; parse proves it instead of trusting the filter.
  return { catalogue: catalogueSchema.parse({ categories, products }), problems }
}
