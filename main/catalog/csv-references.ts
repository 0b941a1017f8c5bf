// The two CSV columns that name other rows of the same file: a product's deposit article ("Pfand")
// and a combo's components ("Kombi"). A spreadsheet names them as people do, by id or by name, so they
// are resolved once every row is read. A name that matches no row is passed on as typed (slugified);
// the catalogue's own check then reports it at that row (common/catalog.ts `catalogueConflicts`).
import type { ImportProblem } from '../../common/catalog'
import type { CandidateRow } from './import-rows'

/** One component as typed: "2 x Brötchen", "Kaffee 30 %", "apfelkuchen". */
export interface TypedComponent {
  ref: string
  quantity?: number
  share?: number
}

const COMPONENT = /^(?:(\d{1,2})\s*[x×*]\s*)?(.+?)(?:\s+(\d{1,2})\s*%)?$/i

/**
 * "Kaffee + Apfelkuchen", "2 x Brötchen + Kaffee", "Kaffee 30 % + Käsebrötchen 70 %": components
 * separated by "+", each with an optional count before it and an optional share after it. With
 * shares the split is `shares`, otherwise by the components' prices. A string: why it cannot be read.
 */
export function parseComboCell(
  cell: string,
): { components: TypedComponent[]; split: 'prices' | 'shares' } | string {
  const parts = cell.split('+').map((p) => p.trim())
  if (parts.some((p) => p === '')) return 'combo: components are separated by "+", none may be empty'
  const components: TypedComponent[] = []
  for (const part of parts) {
    const m = COMPONENT.exec(part)
    if (!m) return `combo: cannot read "${part}"`
    components.push({
      ref: m[2]!.trim(),
      ...(m[1] !== undefined ? { quantity: Number(m[1]) } : {}),
      ...(m[3] !== undefined ? { share: Number(m[3]) } : {}),
    })
  }
  return { components, split: components.some((c) => c.share !== undefined) ? 'shares' : 'prices' }
}

/** The references one row typed, before they are resolved. */
export interface TypedReferences {
  deposit?: string
  combo?: Exclude<ReturnType<typeof parseComboCell>, string>
}

/** Finds the id a typed reference means among the file's rows: its id, its name, or its name's slug. */
export function referenceResolver(
  products: readonly CandidateRow[],
  slugify: (s: string) => string,
): (ref: string) => string {
  const byKey = new Map<string, string>()
  for (const { value } of products) {
    const { id, name } = value as { id?: unknown; name?: unknown }
    if (typeof id !== 'string') continue
    byKey.set(`id:${id}`, id)
    if (typeof name === 'string') {
      byKey.set(`name:${name.trim().toLowerCase()}`, id)
      byKey.set(`slug:${slugify(name)}`, id)
    }
  }
  // An id wins over another row's name, a name over a slug: the order of the look-ups.
  return (ref) =>
    byKey.get(`id:${ref}`) ??
    byKey.get(`name:${ref.toLowerCase()}`) ??
    byKey.get(`slug:${slugify(ref)}`) ??
    slugify(ref)
}

/** Replaces the typed references of the deposit and combo cells by the ids they mean. */
export function resolveReferences(
  products: CandidateRow[],
  typed: ReadonlyMap<CandidateRow, TypedReferences>,
  slugify: (s: string) => string,
): void {
  const resolve = referenceResolver(products, slugify)
  for (const row of products) {
    const refs = typed.get(row)
    if (!refs) continue
    const value = row.value as Record<string, unknown>
    if (refs.deposit !== undefined) value.deposit = resolve(refs.deposit)
    if (refs.combo !== undefined)
      value.combo = {
        split: refs.combo.split,
        components: refs.combo.components.map(({ ref, ...c }) => ({ productId: resolve(ref), ...c })),
      }
  }
}

export const comboProblem = (row: number, value: string, problem: string): ImportProblem => ({
  row,
  section: 'products',
  field: 'combo',
  problem,
  messageKey: 'catalog.import.invalid',
  value,
})
