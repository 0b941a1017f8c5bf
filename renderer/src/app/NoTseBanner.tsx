// A till configured with `fiscal.tse: "none"` shows this red banner on every screen: its sales are not
// signed (KassenSichV), which nobody should be able to overlook.
import { useTranslation } from 'react-i18next'
import { useLiveState } from '../ui'

export function NoTseBanner() {
  const { t } = useTranslation()
  const [tse] = useLiveState('fiscal.view', 'fiscal.changed')
  if (tse?.kind !== 'none') return null
  return (
    <div role="alert" className="no-tse-banner" data-testid="no-tse-banner">
      {t('app.noTse')}
    </div>
  )
}
