import { useTranslation } from 'react-i18next'
import { usePos } from '../platform/api'
import { useAppInfo } from './useAppInfo'
import { SaleScreen } from './SaleScreen'
import { StatusBar } from './StatusBar'

export function App() {
  const { t } = useTranslation()
  const pos = usePos()
  const info = useAppInfo()
  if (!info) return <div className="loading" aria-busy="true" />
  const other = info.locale === 'de' ? 'en' : 'de'
  return (
    <div className="app">
      <header className="top-bar">
        <span className="brand">{t('app.title')}</span>
        <span className="shop">{info.shopName}</span>
        {info.demo && <span className="badge">{t('app.demo')}</span>}
        <button type="button" className="lang" onClick={() => void pos.invoke('app.setLocale', { locale: other })}>
          {t('app.switchTo')}
        </button>
      </header>
      <SaleScreen locale={info.locale} />
      <StatusBar demo={info.demo} />
      <span className="version" data-testid="version">
        {info.version}
      </span>
    </div>
  )
}
