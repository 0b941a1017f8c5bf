// Category tabs and the grid of big product buttons: one tap adds one piece (or the pending quantity).
import { memo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Catalogue, Product } from '../../../common/catalog'
import { Button, useFormatMoney } from '../ui'

/** The first tab: the shop's best sellers across categories (ids from main's `counter.favourites`). */
export const FAVOURITES_TAB = '*favourites'

export interface ProductGridProps {
  catalogue: Catalogue | null
  /** Product ids of the favourites page, in tile order; empty → no favourites tab. */
  favourites: readonly string[]
  onProduct: (product: Product) => void
  disabled: boolean
}

/** Black or white text, whichever reads better on the tile colour (WCAG contrast of the two). */
export function textOn(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  const l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#1f1a14' : '#ffffff'
}

/** Memoised: a basket change (every tap) does not re-render the tiles. */
export const ProductGrid = memo(function ProductGrid({
  catalogue,
  favourites,
  onProduct,
  disabled,
}: ProductGridProps) {
  const { t } = useTranslation()
  const money = useFormatMoney()
  const byId = new Map((catalogue?.products ?? []).map((p) => [p.id, p]))
  const favouriteProducts = favourites.flatMap((id) => byId.get(id) ?? [])
  const categories = [
    ...(favouriteProducts.length > 0 ? [{ id: FAVOURITES_TAB, name: t('sale.favourites'), order: -1 }] : []),
    ...[...(catalogue?.categories ?? [])].sort((a, b) => a.order - b.order),
  ] as { id: string; name: string; order: number; color?: string }[]
  const colours = new Map((catalogue?.categories ?? []).map((c) => [c.id, c.color]))
  const [chosen, setChosen] = useState<string | null>(null)
  const current = categories.find((c) => c.id === chosen) ?? categories[0]
  if (!catalogue || !current) {
    return (
      <section className="catalogue" aria-label={t('sale.products')}>
        <p className="empty">{t('sale.noProducts')}</p>
      </section>
    )
  }
  const products =
    current.id === FAVOURITES_TAB
      ? favouriteProducts
      : catalogue.products.filter((p) => p.category === current.id && p.kind !== 'deposit')
  return (
    <section className="catalogue" aria-label={t('sale.products')}>
      <div className="category-tabs" role="tablist" aria-label={t('sale.categories')}>
        {categories.map((c) => (
          <button
            key={c.id}
            type="button"
            role="tab"
            id={`tab-${c.id === FAVOURITES_TAB ? 'favourites' : c.id}`}
            aria-selected={c.id === current.id}
            aria-controls="product-panel"
            className="category-tab"
            style={c.color ? { borderBottomColor: c.color } : undefined}
            onClick={() => setChosen(c.id)}
          >
            {c.name}
          </button>
        ))}
      </div>
      <div
        className="product-grid"
        role="tabpanel"
        id="product-panel"
        aria-labelledby={`tab-${current.id === FAVOURITES_TAB ? 'favourites' : current.id}`}
      >
        {products.map((p) => {
          const color = p.color ?? current.color ?? colours.get(p.category)
          const price =
            p.kind === 'topup' && p.price === 0
              ? t('sale.chooseAmount')
              : p.kind === 'weighed'
                ? t('sale.perKg', { price: money(p.price) })
                : money(p.price)
          return (
            <Button
              key={p.id}
              className="product"
              disabled={disabled}
              style={color ? { background: color, borderColor: color, color: textOn(color) } : undefined}
              onClick={() => onProduct(p)}
            >
              <span className="product-name">{p.name}</span>
              {/* The name is the visible text: "Kaffee 2,60 €". */}{' '}
              <span className="product-price">{price}</span>
            </Button>
          )
        })}
      </div>
    </section>
  )
})
