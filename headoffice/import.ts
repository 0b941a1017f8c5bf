// Master data into PostgreSQL from the command line. Each import makes the shop's next version, complete:
// what the command names is read from its file, checked by the rules the till applies, and everything
// else (catalogue, shop texts, sellers, favourites, discount rules) is carried over from the shop's
// version before, so "new favourites" does not drop the prices. A catalogue file is the till's own JSON
// or CSV format; a file with no valid product is refused, rows with problems are listed.
import { readFile } from 'node:fs/promises'
import type { z } from 'zod'
import { extname } from 'node:path'
import { sellerList, shopConfig } from '../common/config'
import { DEFAULT_DISCOUNTS, discountConfig, type DiscountConfig } from '../common/discount'
import { importCatalogueCsv, importCatalogueJson } from '../main/catalog/load'
import { parseCsv } from '../main/catalog/csv'
import { demoCatalogue } from '../main/catalog/demo'
import { fetchLatestMaster, masterData, publishMaster, type MasterData } from '../main/central/master-data'
import type { PgPool } from '../main/central/journal-push'
import type { ImportProblem } from '../common/catalog'
import type { Queryable } from './schema'

export interface ImportResult {
  shopId: string
  version: number
  products: number
  problems: ImportProblem[]
  favourites: number
  /** Favourites left out (not in the catalogue, twice), German and English. */
  favouriteProblems: string[]
  discountReasons: number
}

export interface MasterFiles {
  /** A catalogue (JSON or CSV); absent: the shop's current one. */
  catalog?: string
  /** The shop's receipt texts (JSON, the config's `shop`). */
  shopTexts?: string
  /** The favourites page: CSV (first column the product id, in tile order) or JSON (an array of ids). */
  favourites?: string
  /** Discount reasons, manager limits and the Abendverkauf rule: JSON, the config's `discounts`. */
  discounts?: string
  /** The shop's sellers with roles and PINs: JSON, the config's `sellers`. */
  sellers?: string
}

/** A German and English message naming the file, as every import error does. */
const fail = (file: string, de: string, en: string): Error => new Error(`${file}: ${de} — ${en}`)

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8')
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown
  } catch (error) {
    throw fail(file, 'kein gültiges JSON', `not valid JSON (${(error as Error).message})`)
  }
}

/** A JSON file checked against `schema`; a file that fails names each problem, and nothing is imported. */
async function readChecked<T>(file: string, schema: z.ZodType<T>, de: string, en: string): Promise<T> {
  const parsed = schema.safeParse(await readJson(file))
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues.map((i) => `\n  ${i.path.join('.')}: ${i.message}`).join('')
  throw fail(file, `${de}, nichts importiert`, `${en}, nothing imported:${issues}`)
}

const ID_HEADERS = new Set(['id', 'artikel', 'artikelnummer', 'product_id', 'productid', 'product'])

/** The product ids of a favourites file, in tile order. */
export async function readFavouritesFile(file: string): Promise<string[]> {
  if (extname(file).toLowerCase() === '.csv') {
    const rows = parseCsv(await readFile(file, 'utf8'))
    const ids = rows.map((r) => (r.fields[0] ?? '').trim())
    if (ids.length > 0 && ID_HEADERS.has(ids[0]!.toLowerCase())) ids.shift()
    return ids.filter((id) => id !== '')
  }
  const parsed = await readJson(file)
  const list = Array.isArray(parsed)
    ? parsed
    : ((parsed as { productIds?: unknown; favourites?: unknown } | null)?.productIds ??
      (parsed as { favourites?: unknown } | null)?.favourites)
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string'))
    throw fail(
      file,
      'erwartet eine Liste von Artikel-IDs (["brezel", …] oder {"productIds": […]})',
      'expected a list of product ids (["brezel", …] or {"productIds": […]})',
    )
  return list.map((id) => id.trim()).filter((id) => id !== '')
}

/** Keeps the favourites that are products of the catalogue, once each; says what it left out. */
function keepKnown(ids: readonly string[], catalogue: MasterData['catalogue'], problems: string[]): string[] {
  const known = new Set(catalogue.products.map((p) => p.id))
  const kept: string[] = []
  for (const id of ids) {
    if (!known.has(id))
      problems.push(`Favorit "${id}": kein Artikel des Katalogs — favourite "${id}": not in the catalogue`)
    else if (kept.includes(id)) problems.push(`Favorit "${id}" doppelt — favourite "${id}" twice`)
    else kept.push(id)
  }
  return kept
}

/** The shop's next master data version from the named files over its current version. */
export async function importMaster(pool: PgPool, shopId: string, files: MasterFiles): Promise<ImportResult> {
  const previous = await fetchLatestMaster(pool, shopId)
  let problems: ImportProblem[] = []
  let catalogue = previous?.data.catalogue
  if (files.catalog) {
    const text = await readFile(files.catalog, 'utf8')
    const loaded =
      extname(files.catalog).toLowerCase() === '.csv'
        ? importCatalogueCsv(text, files.catalog)
        : importCatalogueJson(text, files.catalog)
    if (loaded.catalogue.products.length === 0)
      throw new Error(
        `${files.catalog}: kein gültiger Artikel, nichts importiert — no valid product, nothing imported` +
          loaded.report.problems.map((p) => `\n  row ${p.row} ${p.field}: ${p.problem}`).join(''),
      )
    catalogue = loaded.catalogue
    problems = loaded.report.problems
  }
  if (!catalogue)
    throw new Error(
      `${shopId}: noch kein Katalog, bitte --catalog angeben — no catalogue yet, give --catalog`,
    )

  const data: MasterData = { catalogue }
  const shop = files.shopTexts
    ? shopConfig.safeParse(await readJson(files.shopTexts))
    : { success: true as const, data: previous?.data.shop }
  if (!shop.success)
    throw fail(files.shopTexts!, 'ungültige Ladentexte', `invalid shop texts: ${shop.error.message}`)
  if (shop.data) data.shop = shop.data
  if (files.sellers)
    data.sellers = await readChecked(
      files.sellers,
      sellerList,
      'ungültige Verkäuferliste',
      'invalid seller list',
    )
  else if (previous?.data.sellers) data.sellers = previous.data.sellers

  const favouriteProblems: string[] = []
  if (files.favourites) {
    const asked = await readFavouritesFile(files.favourites)
    const kept = keepKnown(asked, catalogue, favouriteProblems)
    if (kept.length === 0)
      throw fail(
        files.favourites,
        `kein Favorit ist ein Artikel des Katalogs, nichts importiert${favouriteProblems.map((p) => `\n  ${p}`).join('')}`,
        'no favourite is a product of the catalogue, nothing imported',
      )
    data.favourites = kept.slice(0, 40)
    if (kept.length > 40)
      favouriteProblems.push(
        `${kept.length - 40} Favoriten über 40 weggelassen — ${kept.length - 40} favourites over 40 left out`,
      )
  } else if (previous?.data.favourites) {
    // A new catalogue may have dropped a product the page showed: the rest of the page stays.
    const kept = keepKnown(previous.data.favourites, catalogue, favouriteProblems)
    if (kept.length > 0) data.favourites = kept
  }

  if (files.discounts)
    data.discounts = await readChecked(
      files.discounts,
      discountConfig,
      'ungültige Rabattregeln',
      'invalid discount rules',
    )
  else if (previous?.data.discounts) data.discounts = previous.data.discounts

  // The same check the till makes on arrival (favourites in the catalogue, the evening rule's reason).
  const checked = masterData.safeParse(data)
  if (!checked.success)
    throw new Error(
      `${shopId}: Stammdaten ungültig, nichts importiert — master data invalid, nothing imported:` +
        checked.error.issues.map((i) => `\n  ${i.path.join('.')}: ${i.message}`).join(''),
    )
  const version = await publishMaster(pool, shopId, checked.data)
  return {
    shopId,
    version,
    products: catalogue.products.length,
    problems,
    favourites: checked.data.favourites?.length ?? 0,
    favouriteProblems,
    discountReasons: checked.data.discounts?.reasons.length ?? 0,
  }
}

/**
 * The same files for every shop of a chain (`shops.chain_id`): one new version per shop, each carrying
 * over that shop's own other parts. A file that cannot be read or checked is refused before any shop
 * gets a version. Shops are then done one after the other; one that refuses (say, none of the
 * favourites is in its catalogue) stops the run with the shops before it done — running the import
 * again is safe, as every version is complete.
 */
export async function importMasterForChain(
  pool: PgPool & Queryable,
  chainId: string,
  files: MasterFiles,
): Promise<ImportResult[]> {
  const { rows } = await pool.query<{ shop_id: string }>(
    'SELECT shop_id FROM shops WHERE chain_id = $1 ORDER BY shop_id',
    [chainId],
  )
  if (rows.length === 0) throw new Error(`Kette "${chainId}": keine Filialen — chain "${chainId}": no shops`)
  // Read and check the shared files once up front, so a bad file leaves every shop as it was.
  if (files.favourites) await readFavouritesFile(files.favourites)
  if (files.discounts)
    await readChecked(files.discounts, discountConfig, 'ungültige Rabattregeln', 'invalid discount rules')
  const results: ImportResult[] = []
  for (const { shop_id } of rows) results.push(await importMaster(pool, shop_id, files))
  return results
}

/** A catalogue (and the shop's receipt texts) as the shop's next version; the rest is carried over. */
export function importMasterFile(
  pool: PgPool,
  shopId: string,
  catalogPath: string,
  shopPath?: string,
): Promise<ImportResult> {
  return importMaster(pool, shopId, { catalog: catalogPath, ...(shopPath ? { shopTexts: shopPath } : {}) })
}

/**
 * The demo chain: two shops of "Bäckerei Korn" with the demo catalogue and the chain's discount rules;
 * the station shop's first page is set by the head office (travellers want a Brezel and go), the market
 * shop's tills use their best sellers.
 */
export const DEMO_CHAIN = [
  {
    shopId: 'korn-markt',
    name: 'Bäckerei Korn – Marktplatz',
    address: ['Marktplatz 3', '79098 Freiburg'],
    favourites: undefined,
  },
  {
    shopId: 'korn-bahnhof',
    name: 'Bäckerei Korn – Bahnhof',
    address: ['Bahnhofstraße 12', '79098 Freiburg'],
    favourites: ['laugenbrezel', 'croissant', 'kaesebroetchen', 'laugenstange', 'berliner'],
  },
] as const

/** The chain's discount rules in the demo: the till's defaults with a lower manager limit. */
export const DEMO_DISCOUNTS: DiscountConfig = { ...DEFAULT_DISCOUNTS, managerAbovePercent: 10 }

export async function importDemoChain(pool: PgPool & Queryable): Promise<ImportResult[]> {
  const results: ImportResult[] = []
  for (const shop of DEMO_CHAIN) {
    await pool.query(
      'INSERT INTO shops (shop_id, name, chain_id) VALUES ($1, $2, $3) ON CONFLICT (shop_id) DO UPDATE SET name = $2',
      [shop.shopId, shop.name, 'korn'],
    )
    const catalogue = demoCatalogue()
    const data: MasterData = {
      catalogue,
      shop: shopConfig.parse({ name: shop.name.slice(0, 48), address: [...shop.address] }),
      discounts: DEMO_DISCOUNTS,
    }
    if (shop.favourites) data.favourites = [...shop.favourites]
    const version = await publishMaster(pool, shop.shopId, data)
    results.push({
      shopId: shop.shopId,
      version,
      products: catalogue.products.length,
      problems: [],
      favourites: data.favourites?.length ?? 0,
      favouriteProblems: [],
      discountReasons: DEMO_DISCOUNTS.reasons.length,
    })
  }
  return results
}
