// The manager's TSE screen: what is connected (kind, state, serials, certificate, counters, last
// error, an outage), fiskaly access (stored encrypted), "create and initialise a new TSE" with the
// admin PUK shown once, registering this till as client, and taking the TSE out of service (asked
// twice). Main does every call (main/fiscal).
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TseStatusView } from '../../../common/ipc/fiscal-contract'
import { Alert, Button, useCommand, useEvent, usePos } from '../ui'

export function TsePanel() {
  const { t } = useTranslation()
  const pos = usePos()
  const [status, setStatus] = useState<TseStatusView | null>(null)
  const [puk, setPuk] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const [apiKey, setApiKey] = useState('')
  const [apiSecret, setApiSecret] = useState('')
  const [confirmDisable, setConfirmDisable] = useState(false)
  const setup = useCommand('fiscal.setup')
  const refresh = () =>
    void pos.invoke('fiscal.status').then((r) => {
      if (r.ok) setStatus(r.value)
    })
  useEffect(refresh, [pos])
  useEvent('fiscal.changed', () => refresh())

  if (!status)
    return (
      <p role="status" className="bo-progress" aria-busy="true">
        {t('backoffice.loading')}
      </p>
    )

  const run = async (input: Parameters<typeof setup.run>[0]) => {
    setSaved(false)
    const result = await setup.run(input)
    if (!result.ok) return
    setStatus(result.value.status)
    if (result.value.adminPuk) setPuk(result.value.adminPuk)
    if (input?.action === 'disableTss') setConfirmDisable(false)
    if (input?.action === 'credentials') {
      setSaved(true)
      setApiSecret('')
    }
  }
  const dash = t('settings.tse.none')
  const fact = (label: string, value: string | undefined, testId?: string) => (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value ?? dash}</dd>
    </div>
  )
  const counters =
    status.signatureCounter !== undefined
      ? `${status.signatureCounter} / ${status.transactionCounter ?? dash} / ${status.activeTransactions ?? dash}`
      : undefined

  return (
    <div className="st-api st-tse">
      <section aria-labelledby="st-tse-heading" className="st-api-facts">
        <h2 id="st-tse-heading">{t('settings.tse.heading')}</h2>
        {status.outage && (
          <Alert>
            {t('settings.tse.outage', { since: status.outage.since, reason: status.outage.reason })}
          </Alert>
        )}
        <dl className="bo-facts">
          {fact(t('settings.tse.kind'), t(`settings.tse.kinds.${status.kind}`), 'tse-kind')}
          {fact(t('settings.tse.state'), status.state, 'tse-state')}
          {fact(t('settings.tse.serial'), status.serial, 'tse-serial')}
          {fact(t('settings.tse.tillSerial'), status.tillSerial, 'tse-till-serial')}
          {fact(t('settings.tse.client'), status.clientState)}
          {fact(t('settings.tse.algorithm'), status.signatureAlgorithm)}
          {fact(
            status.certificateExpired ? t('settings.tse.certificateExpired') : t('settings.tse.certificate'),
            status.certificateValidUntil?.slice(0, 10),
          )}
          {fact(t('settings.tse.counters'), counters, 'tse-counters')}
          {fact(t('settings.tse.lastError'), status.error, 'tse-error')}
        </dl>
        <Button onClick={refresh}>{t('settings.tse.refresh')}</Button>
      </section>
      {status.kind === 'fiskaly' ? (
        <section aria-labelledby="st-tse-setup" className="st-api-facts">
          <h2 id="st-tse-setup">{t('settings.tse.credentials')}</h2>
          <div className="st-form">
            <label>
              <span>{t('settings.tse.apiKey')}</span>
              <input value={apiKey} autoComplete="off" onChange={(e) => setApiKey(e.target.value)} />
            </label>
            <label>
              <span>{t('settings.tse.apiSecret')}</span>
              <input
                type="password"
                value={apiSecret}
                autoComplete="off"
                onChange={(e) => setApiSecret(e.target.value)}
              />
            </label>
            <Button
              disabled={setup.pending || !apiKey || !apiSecret}
              onClick={() => void run({ action: 'credentials', apiKey, apiSecret })}
            >
              {t('settings.tse.saveCredentials')}
            </Button>
          </div>
          {saved && <Alert kind="success">{t('settings.tse.saved')}</Alert>}
          <Button disabled={setup.pending} onClick={() => void run({ action: 'createTss' })}>
            {t('settings.tse.createTss')}
          </Button>
          <Button disabled={setup.pending} onClick={() => void run({ action: 'registerClient' })}>
            {t('settings.tse.registerClient')}
          </Button>
          {status.state === 'DISABLED' ? (
            <Alert kind="info">{t('settings.tse.disabled')}</Alert>
          ) : confirmDisable ? (
            <div role="alertdialog" aria-labelledby="st-tse-disable-text" className="st-tse-disable">
              <p id="st-tse-disable-text">{t('settings.tse.disableConfirm')}</p>
              <Button
                disabled={setup.pending}
                onClick={() => void run({ action: 'disableTss', confirm: true })}
              >
                {t('settings.tse.disableYes')}
              </Button>
              <Button onClick={() => setConfirmDisable(false)}>{t('settings.tse.disableNo')}</Button>
            </div>
          ) : (
            <Button disabled={setup.pending || !status.state} onClick={() => setConfirmDisable(true)}>
              {t('settings.tse.disableTss')}
            </Button>
          )}
          {puk && (
            <Alert kind="info">
              <span data-testid="tse-puk">{t('settings.tse.puk', { puk })}</span>
            </Alert>
          )}
          {setup.error && <Alert>{setup.error}</Alert>}
        </section>
      ) : (
        <p className="bo-hint">{t('settings.tse.onlyFiskaly')}</p>
      )}
    </div>
  )
}
