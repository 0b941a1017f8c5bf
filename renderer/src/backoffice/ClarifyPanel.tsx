// "Klärung nötig": sales whose payment the till could not decide (the API's answer stayed unknown).
// A manager looks the transaction up (SecuOffice, the terminal's slip) and then completes the sale as
// paid or aborts it as not paid, with a reason; main journals both with the manager. Main decides,
// this screen only shows what main knows and sends the decision.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClarificationView } from '../../../common/journal'
import type { AppError } from '../../../common/ipc/contract'
import { usePos, usePosEvent } from '../platform/api'
import { Alert, Button, Dialog, MoneyText, useCommand } from '../ui'
import { useErrorText } from './errors'
import { useFormatTime } from './format'
import { ManagerPin, PIN_PATTERN } from './ManagerPin'
import { ReasonPicker } from './ReasonPicker'
import { useActiveSeller } from './use-seller'

const REASON_KEYS = ['backoffice.clarify.reasons.secuoffice', 'backoffice.clarify.reasons.slip']
type Decision = 'paid' | 'not-paid'

export function ClarifyPanel() {
  const { t } = useTranslation()
  const pos = usePos()
  const errorText = useErrorText()
  const time = useFormatTime()
  const [entries, setEntries] = useState<ClarificationView[] | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [reload, setReload] = useState(0)
  const [deciding, setDeciding] = useState<{ entry: ClarificationView; decision: Decision } | null>(null)

  useEffect(() => {
    let live = true
    void pos.invoke('clarify.list').then((result) => {
      if (!live) return
      if (result.ok) {
        setEntries(result.value)
        setError(null)
      } else setError(result.error)
    })
    return () => {
      live = false
    }
  }, [pos, reload])
  usePosEvent('journal.changed', () => setReload((n) => n + 1))

  const open = entries?.filter((e) => e.decision === null) ?? []
  const decided = entries?.filter((e) => e.decision !== null) ?? []
  return (
    <section className="bo-clarify" aria-labelledby="bo-clarify-heading">
      <h2 id="bo-clarify-heading">{t('backoffice.clarify.heading')}</h2>
      <p className="bo-hint">{t('backoffice.clarify.intro')}</p>
      {error && <Alert>{errorText(error)}</Alert>}
      {entries && open.length === 0 && <p>{t('backoffice.clarify.empty')}</p>}
      <ul className="bo-clarify-list">
        {open.map((entry) => (
          <li key={entry.clarificationId} className="bo-clarify-entry">
            <p className="bo-big">
              {t('backoffice.journal.saleNo', { no: entry.saleId })} ·{' '}
              {typeof entry.known.total === 'number' && <MoneyText cents={entry.known.total} />}
            </p>
            <dl className="bo-summary">
              <div>
                <dt>{t('backoffice.clarify.since')}</dt>
                <dd>{time(entry.at)}</dd>
              </div>
              <div>
                <dt>{t('backoffice.clarify.transaction')}</dt>
                <dd>
                  <code>{entry.transactionId ?? '–'}</code>
                </dd>
              </div>
              <div>
                <dt>{t('backoffice.clarify.lastStatus')}</dt>
                <dd>{String(entry.known.lastStatus ?? t('backoffice.clarify.unreadable'))}</dd>
              </div>
              <div>
                <dt>{t('backoffice.clarify.paidSoFar')}</dt>
                <dd>{typeof entry.known.paid === 'number' && <MoneyText cents={entry.known.paid} />}</dd>
              </div>
            </dl>
            <div className="bo-actions">
              <Button size="lg" variant="primary" onClick={() => setDeciding({ entry, decision: 'paid' })}>
                {t('backoffice.clarify.paid')}
              </Button>
              <Button size="lg" variant="danger" onClick={() => setDeciding({ entry, decision: 'not-paid' })}>
                {t('backoffice.clarify.notPaid')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {decided.length > 0 && (
        <>
          <h3>{t('backoffice.clarify.decided')}</h3>
          <ul className="bo-clarify-list">
            {decided.map((entry) => (
              <li key={entry.clarificationId}>
                {t('backoffice.journal.saleNo', { no: entry.saleId })}:{' '}
                {t(
                  entry.decision!.decision === 'paid'
                    ? 'backoffice.clarify.wasPaid'
                    : 'backoffice.clarify.wasNotPaid',
                  {
                    manager: entry.decision!.managerId,
                    reason: entry.decision!.reason,
                    time: time(entry.decision!.at),
                  },
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {deciding && (
        <DecideDialog
          entry={deciding.entry}
          decision={deciding.decision}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null)
            setReload((n) => n + 1)
          }}
        />
      )}
    </section>
  )
}

function DecideDialog({
  entry,
  decision,
  onClose,
  onDone,
}: {
  entry: ClarificationView
  decision: Decision
  onClose(): void
  onDone(): void
}) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const { needsManagerPin } = useActiveSeller()
  const [reason, setReason] = useState('')
  const [pin, setPin] = useState('')
  const decide = useCommand('clarify.decide')
  const ok = reason.trim().length > 0 && (!needsManagerPin || PIN_PATTERN.test(pin))
  const run = async () => {
    const outcome = await decide.run({
      saleId: entry.saleId,
      decision,
      reason: reason.trim(),
      ...(needsManagerPin ? { managerPin: pin } : {}),
    })
    if (outcome.ok) onDone()
    else if (needsManagerPin) setPin('')
  }
  return (
    <Dialog
      title={t(decision === 'paid' ? 'backoffice.clarify.paidTitle' : 'backoffice.clarify.notPaidTitle', {
        no: entry.saleId,
      })}
      role="alertdialog"
      className="bo-dialog"
      onClose={decide.pending ? undefined : onClose}
      footer={
        <>
          <Button size="lg" onClick={onClose} disabled={decide.pending}>
            {t('backoffice.cancel')}
          </Button>
          <Button
            size="lg"
            variant={decision === 'paid' ? 'primary' : 'danger'}
            onClick={() => void run()}
            disabled={!ok || decide.pending}
            pending={decide.pending}
          >
            {t(decision === 'paid' ? 'backoffice.clarify.paid' : 'backoffice.clarify.notPaid')}
          </Button>
        </>
      }
    >
      <div className="bo-dialog-columns">
        <div>
          <p>{t(decision === 'paid' ? 'backoffice.clarify.paidHint' : 'backoffice.clarify.notPaidHint')}</p>
          <ReasonPicker
            legend={t('backoffice.clarify.reason')}
            otherLabel={t('backoffice.storno.reasonOther')}
            reasonKeys={REASON_KEYS}
            value={reason}
            onChange={setReason}
            disabled={decide.pending}
          />
          {decide.errorDetail && <Alert>{errorText(decide.errorDetail)}</Alert>}
        </div>
        {needsManagerPin && <ManagerPin value={pin} onChange={setPin} disabled={decide.pending} />}
      </div>
    </Dialog>
  )
}
