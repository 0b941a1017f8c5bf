// Opening the drawer without a sale: every opening is logged with its reason, and it is a manager action.
// The kick is sent once and never retried; the answer says whether the drawer opened.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, Dialog, Alert, useCommand } from '../ui'
import { ManagerPin, PIN_PATTERN } from './ManagerPin'
import { ReasonPicker } from './ReasonPicker'
import { useErrorText } from './errors'
import { useActiveSeller } from './use-seller'

const REASONS = [
  'backoffice.drawer.reasons.change',
  'backoffice.drawer.reasons.check',
  'backoffice.drawer.reasons.test',
]

export function DrawerOpenDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const { needsManagerPin } = useActiveSeller()
  const [reason, setReason] = useState('')
  const [pin, setPin] = useState('')
  const [outcome, setOutcome] = useState<{ opened: boolean; messageKey: string | null } | null>(null)
  const open = useCommand('drawer.open')
  const ready = reason.trim() !== '' && (!needsManagerPin || PIN_PATTERN.test(pin))

  const run = async () => {
    const result = await open.run({ reason: reason.trim(), ...(needsManagerPin ? { managerPin: pin } : {}) })
    if (result.ok) setOutcome(result.value)
    else if (needsManagerPin) setPin('')
  }

  if (outcome) {
    return (
      <Dialog
        title={t('backoffice.drawer.title')}
        onClose={onClose}
        className="bo-dialog"
        footer={
          <Button size="lg" variant="primary" onClick={onClose}>
            {t('backoffice.done')}
          </Button>
        }
      >
        {outcome.opened ? (
          <Alert kind="success">{t('backoffice.drawer.opened')}</Alert>
        ) : (
          <Alert>
            {outcome.messageKey
              ? t([outcome.messageKey, `backoffice.${outcome.messageKey}`], {
                  defaultValue: t('backoffice.drawer.failed'),
                })
              : t('backoffice.drawer.failed')}{' '}
            {t('backoffice.drawer.next')}
          </Alert>
        )}
      </Dialog>
    )
  }

  return (
    <Dialog
      title={t('backoffice.drawer.title')}
      className="bo-dialog"
      onClose={open.pending ? undefined : onClose}
      footer={
        <>
          <Button size="lg" onClick={onClose} disabled={open.pending}>
            {t('backoffice.cancel')}
          </Button>
          <Button
            size="lg"
            variant="primary"
            onClick={() => void run()}
            disabled={!ready || open.pending}
            pending={open.pending}
          >
            {t('backoffice.drawer.openButton')}
          </Button>
        </>
      }
    >
      <div className="bo-dialog-columns">
        <div>
          <ReasonPicker
            legend={t('backoffice.drawer.reason')}
            otherLabel={t('backoffice.drawer.reasonOther')}
            reasonKeys={REASONS}
            value={reason}
            onChange={setReason}
            disabled={open.pending}
          />
          {open.errorDetail && <Alert>{errorText(open.errorDetail)}</Alert>}
        </div>
        {needsManagerPin && <ManagerPin value={pin} onChange={setPin} disabled={open.pending} />}
      </div>
    </Dialog>
  )
}
