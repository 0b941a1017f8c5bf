// The till's shell: top bar with the screens (Verkauf, Belege & Kasse, Einstellungen, Demo in demo
// mode) and the language switch, the current screen, toasts, and the status bar that is always visible.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BackOfficeScreen } from '../backoffice'
import { DemoPanel, SettingsScreen } from '../settings'
import { SaleScreen } from '../sale/SaleScreen'
import { RegisterStateProvider } from '../sale/state'
import { Button, ToastProvider, useCommand } from '../ui'
import { ScanFeedback } from './ScanFeedback'
import { IntegrityBanner } from './IntegrityBanner'
import { StatusBar } from './StatusBar'
import { useAppInfo } from './useAppInfo'
import type { AppInfo } from '../../../common/ipc/contract'
import { NoTseBanner } from './NoTseBanner'
import { TrainingBanner } from './TrainingBanner'

export type Screen = 'sale' | 'backoffice' | 'settings' | 'demo'

export function App() {
  const info = useAppInfo()
  if (!info) return <div className="loading" aria-busy="true" />
  return (
    <ToastProvider>
      <RegisterStateProvider>
        <Shell
          demo={info.demo}
          shopName={info.shopName}
          version={info.version}
          locale={info.locale}
          secretStorage={info.secretStorage}
        />
      </RegisterStateProvider>
    </ToastProvider>
  )
}

function Shell({
  demo,
  shopName,
  version,
  locale,
  secretStorage,
}: {
  demo: boolean
  shopName: string
  version: string
  locale: 'de' | 'en'
  secretStorage?: AppInfo['secretStorage']
}) {
  const { t } = useTranslation()
  const [screen, setScreen] = useState<Screen>('sale')
  const setLocale = useCommand('app.setLocale')
  const screens: { id: Screen; label: string }[] = [
    { id: 'sale', label: t('nav.sale') },
    { id: 'backoffice', label: t('nav.backoffice') },
    { id: 'settings', label: t('nav.settings') },
    ...(demo ? [{ id: 'demo' as const, label: t('nav.demo') }] : []),
  ]
  const current = screen === 'demo' && !demo ? 'sale' : screen
  return (
    <div className="app">
      <header className="top-bar">
        <span className="brand">{t('app.title')}</span>
        <span className="shop">{shopName}</span>
        <nav className="screens" aria-label={t('nav.label')}>
          {screens.map((s) => (
            <Button
              key={s.id}
              className="nav-button"
              aria-current={s.id === current ? 'page' : undefined}
              onClick={() => setScreen(s.id)}
            >
              {s.label}
            </Button>
          ))}
        </nav>
        {demo && <span className="badge">{t('app.demo')}</span>}
        <Button
          className="lang"
          lang={locale === 'de' ? 'en' : 'de'}
          disabled={setLocale.pending}
          onClick={() => void setLocale.run({ locale: locale === 'de' ? 'en' : 'de' })}
        >
          {t('app.switchTo')}
        </Button>
      </header>
      <NoTseBanner />
      <TrainingBanner />
      <IntegrityBanner />
      <div className="screen">
        {current === 'sale' && <SaleScreen />}
        {current === 'backoffice' && <BackOfficeScreen />}
        {current === 'settings' && <SettingsScreen />}
        {current === 'demo' && <DemoPanel />}
      </div>
      <ScanFeedback />
      <StatusBar demo={demo} secretStorage={secretStorage} />
      <span className="version" data-testid="version">
        {version}
      </span>
    </div>
  )
}
