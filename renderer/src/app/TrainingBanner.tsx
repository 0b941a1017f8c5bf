// Training mode is on: every screen says so, so nobody takes a training receipt for a real sale.
import { useTranslation } from 'react-i18next'
import { useLiveState } from '../ui'

export function TrainingBanner() {
  const { t } = useTranslation()
  const [fiscal] = useLiveState('fiscal.view', 'fiscal.changed')
  if (!fiscal?.training.on) return null
  return (
    <div role="status" className="training-banner" data-testid="training-banner">
      {t('app.trainingBanner')}
    </div>
  )
}
