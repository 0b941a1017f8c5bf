// Constant-time lookups for the sale screen: a scan or PLU entry must answer before the next key press.
import { normalizeArticleCode, normalizeGtin, type Catalogue, type Product } from '../../common/catalog'

export interface CatalogueIndex {
  readonly catalogue: Catalogue
  byId(id: string): Product | undefined
  /** All products with this EAN: one, except the secucard top-up EAN shared by every top-up amount. */
  byEan(code: string): Product[]
  byPlu(plu: string): Product | undefined
  /**
   * The article part of an in-store (prefix 2x) EAN. Matched against article numbers first, then PLUs.
   * Inference [I]: the scale prints the shop's own article or PLU number there, with leading zeros
   * (GS1 General Specifications: prefixes 020–029 are restricted circulation numbers, laid out by the
   * retailer), so "00404" matches "404".
   */
  byArticle(article: string): Product | undefined
}

export function indexCatalogue(catalogue: Catalogue): CatalogueIndex {
  const ids = new Map<string, Product>()
  const eans = new Map<string, Product[]>()
  const plus = new Map<string, Product>()
  const articles = new Map<string, Product>()
  for (const p of catalogue.products) {
    ids.set(p.id, p)
    if (p.ean) {
      const key = normalizeGtin(p.ean)
      eans.set(key, [...(eans.get(key) ?? []), p])
    }
    if (p.plu) plus.set(normalizeArticleCode(p.plu), p)
    if (p.articleNumber) articles.set(normalizeArticleCode(p.articleNumber), p)
  }
  return {
    catalogue,
    byId: (id) => ids.get(id),
    byEan: (code) => eans.get(normalizeGtin(code.trim())) ?? [],
    byPlu: (plu) => plus.get(normalizeArticleCode(plu)),
    byArticle: (article) => {
      const key = normalizeArticleCode(article)
      return articles.get(key) ?? plus.get(key)
    },
  }
}
