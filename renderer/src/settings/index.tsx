// Entry of the settings screen and the demo panel; the shell (renderer/src/app) shows them.
// Settings has three tabs: shop and receipt (header, policy, language), devices, secuconnect pairing.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLiveState } from '../ui'
import { Tabs } from '../ui/Tabs'
import { DeviceSettings } from './DeviceSettings'
import { PairingPanel } from './PairingPanel'
import { ShopSettings } from './ShopSettings'
import { TsePanel } from './TsePanel'
import '../backoffice/backoffice.css'
import './settings.css'

export { DemoPanel } from './DemoPanel'

type Tab = 'shop' | 'devices' | 'api' | 'tse'

export function SettingsScreen({ initialTab = 'shop' }: { initialTab?: Tab } = {}) {
  const { t } = useTranslation()
  const [tab, setTab] = useState<Tab>(initialTab)
  const [view] = useLiveState('settings.get', 'settings.changed')
  return (
    <main className="settings screen-page" aria-labelledby="st-heading">
      <h1 id="st-heading" className="visually-hidden">
        {t('settings.heading')}
      </h1>
      <Tabs<Tab>
        label={t('settings.heading')}
        tabs={[
          { id: 'shop', label: t('settings.tabs.shop') },
          { id: 'devices', label: t('settings.tabs.devices') },
          { id: 'api', label: t('settings.tabs.api') },
          { id: 'tse', label: t('settings.tabs.tse') },
        ]}
        selected={tab}
        onSelect={setTab}
      >
        {tab === 'tse' ? (
          <TsePanel />
        ) : tab === 'api' ? (
          <PairingPanel />
        ) : !view ? (
          <p role="status" className="bo-progress" aria-busy="true">
            {t('backoffice.loading')}
          </p>
        ) : tab === 'shop' ? (
          <ShopSettings view={view} />
        ) : (
          <DeviceSettings view={view} />
        )}
      </Tabs>
    </main>
  )
}
