// The manager's training-mode switch (DSFinV-K BON_TYP AVTraining: switched on actively and
// documented). Main journals each switch with the manager and signs training sales as AVTraining;
// they stay outside X, Z and the export's sums (docs/fiscal-tse.md "Training mode").
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppError } from '../../../common/ipc/contract'
import { usePos } from '../platform/api'
import { Alert, Button, useLiveState } from '../ui'
import { useErrorText } from './errors'
import { useFormatTime } from './format'

/** `managerPin`: the PIN typed on the fiscal tab's pad (absent when the active seller is a manager). */
export function TrainingSwitch({ managerPin, pinOk }: { managerPin?: string; pinOk: boolean }) {
  const { t } = useTranslation()
  const pos = usePos()
  const errorText = useErrorText()
  const formatTime = useFormatTime()
  const [view] = useLiveState('fiscal.view', 'fiscal.changed')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  if (!view) return null
  const on = view.training.on
  const toggle = async () => {
    setBusy(true)
    setError(null)
    const r = await pos.invoke('fiscal.training', { on: !on, ...(managerPin ? { managerPin } : {}) })
    setBusy(false)
    if (!r.ok) setError(r.error)
  }
  return (
    <section aria-labelledby="fiscal-training-heading" className="fiscal-section">
      <h2 id="fiscal-training-heading">{t('backoffice.fiscal.training.heading')}</h2>
      <p>{t('backoffice.fiscal.training.intro')}</p>
      <p role="status" data-testid="training-state">
        {on
          ? t('backoffice.fiscal.training.on', {
              by: view.training.by ?? '',
              since: formatTime(view.training.since, true),
            })
          : t('backoffice.fiscal.training.off')}
      </p>
      <Button
        variant={on ? 'primary' : 'default'}
        pending={busy}
        disabled={busy || !pinOk}
        aria-pressed={on}
        onClick={() => void toggle()}
      >
        {on ? t('backoffice.fiscal.training.switchOff') : t('backoffice.fiscal.training.switchOn')}
      </Button>
      {error && <Alert>{errorText(error)}</Alert>}
    </section>
  )
}
