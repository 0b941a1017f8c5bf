// The customer display (second window, host route /display): the basket, the total, what the card paid,
// the cash given and the change, and the card balance — live from register.changed and checkout.changed.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { useTranslation } from 'react-i18next'
import { PosProvider } from './platform/api'
import { resolvePosApi } from './platform/pos'
import { setupI18n } from './i18n'
import { useAppInfo } from './app/useAppInfo'
import { useFormatMoney, useLiveState } from './ui'
import './styles/touch.css'

function CustomerDisplay() {
  const { t } = useTranslation()
  const info = useAppInfo()
  const money = useFormatMoney()
  const [register] = useLiveState('register.view', 'register.changed')
  const [checkout] = useLiveState('checkout.view', 'checkout.changed')
  const basket = register?.basket ?? null
  const lines = basket?.lines ?? []
  const paid = checkout?.phase === 'paid' ? checkout.result : null
  const card = paid?.card ?? checkout?.card ?? null

  return (
    <main className="customer-display" aria-labelledby="display-shop">
      <h1 id="display-shop">{info?.shopName ?? ''}</h1>
      {paid ? (
        <section className="display-paid" aria-label={t('display.thanks')}>
          <p className="display-thanks">{t('display.thanks')}</p>
          <dl className="display-sums">
            <div>
              <dt>{t('display.total')}</dt>
              <dd>{money(paid.total)}</dd>
            </div>
            {paid.tendered !== null && (
              <div>
                <dt>{t('display.given')}</dt>
                <dd>{money(paid.tendered)}</dd>
              </div>
            )}
            <div className="display-change">
              <dt>{t('display.change')}</dt>
              <dd>{money(paid.change)}</dd>
            </div>
          </dl>
        </section>
      ) : lines.length === 0 ? (
        <p className="welcome">{t('display.welcome')}</p>
      ) : (
        <section className="display-basket" aria-label={t('display.lines')}>
          <ul className="display-lines">
            {lines.map((line) => (
              <li key={line.lineId}>
                <span className="display-line-name">
                  {line.kind === 'piece' && line.quantity > 1 ? `${line.quantity} × ` : ''}
                  {line.name}
                </span>
                <span className="money">{money(line.total)}</span>
              </li>
            ))}
          </ul>
          <dl className="display-sums">
            <div className="display-total">
              <dt>{t('display.total')}</dt>
              <dd>{money(basket?.total ?? 0)}</dd>
            </div>
            {checkout && checkout.fromCard > 0 && (
              <>
                <div>
                  <dt>{t('display.fromCard')}</dt>
                  <dd>− {money(checkout.fromCard)}</dd>
                </div>
                <div className="display-due">
                  <dt>{t('display.due')}</dt>
                  <dd>{money(checkout.due)}</dd>
                </div>
              </>
            )}
          </dl>
          {(checkout?.phase === 'working' || checkout?.phase === 'reconciling') && (
            <p className="display-paying">{t('display.paying')}</p>
          )}
        </section>
      )}
      {card && card.valid && (
        <p className="display-card" aria-label={t('display.cardBalance')}>
          {t('display.cardBalance')}: {money(card.cashBalance)} · {t('display.bonus')}:{' '}
          {money(card.bonusBalance)}
        </p>
      )}
    </main>
  )
}

setupI18n('de')
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PosProvider api={resolvePosApi()}>
      <CustomerDisplay />
    </PosProvider>
  </StrictMode>,
)
