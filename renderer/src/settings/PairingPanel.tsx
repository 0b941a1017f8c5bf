// secuconnect: which host (simulator, testing, live), whether the till is paired, and device pairing —
// the user code large, where to confirm it (SecuOffice), the time left, and the live status from
// api.changed until the merchant has confirmed it.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiStatus } from '../../../common/api-status'
import { useErrorText } from '../backoffice'
import { Alert, Button, useCommand, useLiveState } from '../ui'

const HOST_NAMES: Record<ApiStatus['host'], string> = {
  simulator: 'settings.api.host.simulator',
  testing: 'settings.api.host.testing',
  live: 'settings.api.host.live',
  custom: 'settings.api.host.custom',
}

/** Seconds left until `iso`, ticking once a second; null without a deadline. */
function useSecondsLeft(iso: string | null): number | null {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!iso) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [iso])
  if (!iso) return null
  return Math.max(0, Math.round((new Date(iso).getTime() - now) / 1000))
}

export function PairingPanel() {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [status, setStatus] = useLiveState('api.status', 'api.changed')
  const start = useCommand('pairing.start')
  const cancel = useCommand('pairing.cancel')
  const secondsLeft = useSecondsLeft(status?.pairing?.expiresAt ?? null)
  // "Paired" is announced once when a pairing that ran here ends with credentials.
  const [wasPairing, setWasPairing] = useState(false)
  const [justPaired, setJustPaired] = useState(false)
  const pairingNow = Boolean(status?.pairing)
  if (status && pairingNow !== wasPairing) {
    setWasPairing(pairingNow)
    setJustPaired(!pairingNow && status.paired)
  }

  if (!status) {
    return (
      <p role="status" className="bo-progress" aria-busy="true">
        {t('backoffice.loading')}
      </p>
    )
  }

  const begin = async () => {
    const result = await start.run()
    if (result.ok) setStatus(result.value)
  }
  const stop = async () => {
    const result = await cancel.run()
    if (result.ok) setStatus(result.value)
  }
  const pairing = status.pairing
  const left =
    secondsLeft === null ? '' : `${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, '0')}`

  return (
    <div className="st-api">
      <section aria-labelledby="st-api-heading" className="st-api-facts">
        <h2 id="st-api-heading">{t('settings.api.heading')}</h2>
        <dl className="bo-facts">
          <div>
            <dt>{t('settings.api.hostLabel')}</dt>
            <dd data-testid="api-host">{t(HOST_NAMES[status.host])}</dd>
          </div>
          <div>
            <dt>{t('settings.api.grantLabel')}</dt>
            <dd>{t(`settings.api.grant.${status.grant}`)}</dd>
          </div>
          <div>
            <dt>{t('settings.api.connectivityLabel')}</dt>
            <dd>{t(`settings.api.connectivity.${status.connectivity}`)}</dd>
          </div>
          <div>
            <dt>{t('settings.api.pairedLabel')}</dt>
            <dd data-testid="api-paired" className={status.paired ? 'st-paired-yes' : 'st-paired-no'}>
              {status.paired ? t('settings.api.paired') : t('settings.api.notPaired')}
            </dd>
          </div>
        </dl>
        {justPaired && status.paired && <Alert kind="success">{t('settings.api.pairedNow')}</Alert>}
        {status.host === 'live' && <Alert kind="info">{t('settings.api.liveWarning')}</Alert>}
        {status.error && !pairing && (
          <Alert>
            {errorText(status.error)} {t('settings.api.errorNext')}
          </Alert>
        )}
        {start.errorDetail && !status.error && <Alert>{errorText(start.errorDetail)}</Alert>}
        {cancel.errorDetail && <Alert>{errorText(cancel.errorDetail)}</Alert>}
        {status.grant === 'client_credentials' && (
          <p className="bo-hint">{t('settings.api.noPairingNeeded')}</p>
        )}
        {status.grant === 'device' && !pairing && (
          <div className="bo-actions">
            <Button
              size="lg"
              variant={status.paired ? 'default' : 'primary'}
              onClick={() => void begin()}
              disabled={start.pending}
              pending={start.pending}
            >
              {start.pending
                ? t('settings.api.starting')
                : status.paired
                  ? t('settings.api.repair')
                  : t('settings.api.start')}
            </Button>
          </div>
        )}
      </section>

      {pairing && (
        <section aria-labelledby="st-pairing-heading" className="st-pairing">
          <h2 id="st-pairing-heading">{t('settings.api.pairingHeading')}</h2>
          <p>{t('settings.api.step1')}</p>
          <p className="st-url" data-testid="pairing-url">
            {pairing.verificationUrl}
          </p>
          <p>{t('settings.api.step2')}</p>
          <output className="st-user-code" aria-label={t('settings.api.userCode')} data-testid="pairing-code">
            {pairing.userCode}
          </output>
          <p role="status" className="bo-progress" aria-busy="true">
            {t('settings.api.waiting')} {left && t('settings.api.expires', { left })}
          </p>
          {secondsLeft === 0 && <Alert>{t('settings.api.expired')}</Alert>}
          <div className="bo-actions">
            <Button size="lg" onClick={() => void stop()} disabled={cancel.pending} pending={cancel.pending}>
              {t('settings.api.cancel')}
            </Button>
          </div>
        </section>
      )}
    </div>
  )
}
