// The journal's integrity in the back office (tab "Prüfung"): the state of the hash chain, the full
// verify, and the manager's acknowledgement of what it found (journaled; the Z closing is allowed again).
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert, Button } from '../ui'
import { useCommand, useLiveState } from '../ui/hooks'
import { ManagerPin, PIN_PATTERN } from './ManagerPin'
import { useActiveSeller } from './use-seller'
import { useErrorText } from './errors'

export function IntegrityPanel() {
  const { t, i18n } = useTranslation()
  const [status, setStatus] = useLiveState('integrity.status', 'journal.integrity')
  const verify = useCommand('integrity.verify')
  const acknowledge = useCommand('integrity.acknowledge')
  const { needsManagerPin } = useActiveSeller()
  const [pin, setPin] = useState('')
  const errorText = useErrorText()
  const pinOk = !needsManagerPin || PIN_PATTERN.test(pin)
  const input = needsManagerPin ? { managerPin: pin } : {}
  const pending = verify.pending || acknowledge.pending
  const failed = verify.errorDetail ?? acknowledge.errorDetail

  const run = async (which: 'verify' | 'acknowledge') => {
    const result = await (which === 'verify' ? verify : acknowledge).run(input)
    if (result.ok) {
      setStatus(result.value)
      setPin('')
    }
  }

  if (!status) return <p className="bo-hint">{t('backoffice.loading')}</p>
  return (
    <section className="bo-integrity" aria-labelledby="bo-integrity-heading">
      <h2 id="bo-integrity-heading">{t('backoffice.integrity.heading')}</h2>
      <p role="status" className={`bo-integrity-state bo-integrity-${status.state}`}>
        {t(`backoffice.integrity.state.${status.state}`)}
      </p>
      <p className="bo-hint">
        {t('backoffice.integrity.head', { seq: status.head.seq, hash: status.head.hash.slice(0, 16) })}
        {status.verifiedAt &&
          ` · ${t(status.fullyVerified ? 'backoffice.integrity.fully' : 'backoffice.integrity.fast', { ms: status.ms ?? 0 })}`}
      </p>
      {status.findings.length > 0 && (
        <ol className="bo-integrity-findings" aria-label={t('backoffice.integrity.findings')}>
          {status.findings.map((f) => (
            <li key={f.key}>{i18n.language === 'en' ? f.en : f.de}</li>
          ))}
        </ol>
      )}
      {failed && <Alert>{errorText(failed)}</Alert>}
      {needsManagerPin && <ManagerPin value={pin} onChange={setPin} disabled={pending} />}
      <div className="bo-actions">
        <Button
          size="lg"
          onClick={() => void run('verify')}
          disabled={pending || !pinOk}
          pending={verify.pending}
        >
          {t('backoffice.integrity.verify')}
        </Button>
        {status.state === 'altered' && (
          <Button
            size="lg"
            variant="danger"
            onClick={() => void run('acknowledge')}
            disabled={pending || !pinOk}
            pending={acknowledge.pending}
          >
            {t('backoffice.integrity.acknowledge')}
          </Button>
        )}
      </div>
      {status.state === 'altered' && <p className="bo-hint">{t('backoffice.integrity.acknowledgeHint')}</p>}
    </section>
  )
}
