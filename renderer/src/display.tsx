import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { useTranslation } from 'react-i18next'
import { PosProvider } from './platform/api'
import { resolvePosApi } from './platform/pos'
import { setupI18n } from './i18n'
import { useAppInfo } from './app/useAppInfo'
import { formatMoney } from '../../common/money'
import './styles/touch.css'

function CustomerDisplay() {
  const { t } = useTranslation()
  const info = useAppInfo()
  return (
    <main className="customer-display" aria-label={t('display.welcome')}>
      <h1>{info?.shopName ?? ''}</h1>
      <p className="welcome">{t('display.welcome')}</p>
      <p className="display-total">
        {t('display.total')}: <output>{formatMoney(0, info?.locale ?? 'de')}</output>
      </p>
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
