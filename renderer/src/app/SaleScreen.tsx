import { useTranslation } from 'react-i18next'
import { formatMoney } from '../../../common/money'
import type { Locale } from '../../../common/ipc/contract'

export function SaleScreen({ locale }: { locale: Locale }) {
  const { t } = useTranslation()
  return (
    <main className="sale" aria-labelledby="sale-heading">
      <h1 id="sale-heading" className="visually-hidden">
        {t('sale.heading')}
      </h1>
      <section className="catalogue" aria-label={t('sale.products')}>
        <p className="empty">{t('sale.noProducts')}</p>
      </section>
      <aside className="basket" aria-label={t('sale.basket')}>
        <h2>{t('sale.basket')}</h2>
        <p className="empty">{t('sale.basketEmpty')}</p>
        <div className="total">
          <span>{t('sale.total')}</span>
          <output aria-label={t('sale.total')}>{formatMoney(0, locale)}</output>
        </div>
        <div className="pay-buttons">
          <button type="button" className="pay pay-cash" disabled>
            {t('sale.payCash')}
          </button>
          <button type="button" className="pay pay-loyalty" disabled>
            {t('sale.payLoyalty')}
          </button>
          <button type="button" className="pay pay-card" disabled>
            {t('sale.payCard')}
          </button>
        </div>
      </aside>
    </main>
  )
}
