// Master data into PostgreSQL from the command line: a catalogue (the till's own JSON or CSV format,
// checked by the same rules the till applies) and optionally the shop's receipt texts become the shop's
// next master data version. A file with no valid product is refused; rows with problems are listed.
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { shopConfig } from '../common/config'
import { importCatalogueCsv, importCatalogueJson } from '../main/catalog/load'
import { demoCatalogue } from '../main/catalog/demo'
import { publishMaster, type MasterData } from '../main/central/master-data'
import type { PgPool } from '../main/central/journal-push'
import type { ImportProblem } from '../common/catalog'
import type { Queryable } from './schema'

export interface ImportResult {
  shopId: string
  version: number
  products: number
  problems: ImportProblem[]
}

export async function importMasterFile(
  pool: PgPool,
  shopId: string,
  catalogPath: string,
  shopPath?: string,
): Promise<ImportResult> {
  const text = await readFile(catalogPath, 'utf8')
  const loaded =
    extname(catalogPath).toLowerCase() === '.csv'
      ? importCatalogueCsv(text, catalogPath)
      : importCatalogueJson(text, catalogPath)
  if (loaded.catalogue.products.length === 0)
    throw new Error(
      `${catalogPath}: kein gültiger Artikel, nichts importiert — no valid product, nothing imported` +
        loaded.report.problems.map((p) => `\n  row ${p.row} ${p.field}: ${p.problem}`).join(''),
    )
  const data: MasterData = { catalogue: loaded.catalogue }
  if (shopPath) data.shop = shopConfig.parse(JSON.parse(await readFile(shopPath, 'utf8')))
  const version = await publishMaster(pool, shopId, data)
  return { shopId, version, products: loaded.catalogue.products.length, problems: loaded.report.problems }
}

/** The demo chain: two shops of "Bäckerei Korn" with the demo catalogue. */
export const DEMO_CHAIN = [
  { shopId: 'korn-markt', name: 'Bäckerei Korn – Marktplatz', address: ['Marktplatz 3', '79098 Freiburg'] },
  {
    shopId: 'korn-bahnhof',
    name: 'Bäckerei Korn – Bahnhof',
    address: ['Bahnhofstraße 12', '79098 Freiburg'],
  },
] as const

export async function importDemoChain(pool: PgPool & Queryable): Promise<ImportResult[]> {
  const results: ImportResult[] = []
  for (const shop of DEMO_CHAIN) {
    await pool.query(
      'INSERT INTO shops (shop_id, name, chain_id) VALUES ($1, $2, $3) ON CONFLICT (shop_id) DO UPDATE SET name = $2',
      [shop.shopId, shop.name, 'korn'],
    )
    const catalogue = demoCatalogue()
    const version = await publishMaster(pool, shop.shopId, {
      catalogue,
      shop: shopConfig.parse({ name: shop.name.slice(0, 48), address: [...shop.address] }),
    })
    results.push({ shopId: shop.shopId, version, products: catalogue.products.length, problems: [] })
  }
  return results
}
