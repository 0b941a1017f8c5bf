// Storno of a completed sale: what will be paid back, a reason (one tap on a usual one, or typed), the
// manager's PIN when the active seller is not a manager, and an explicit confirmation. While main
// cancels the card part at secuconnect the dialog cannot be closed; the result says how much cash to
// pay out and shows the storno receipt.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SaleDetailView, StornoResultView } from '../../../common/journal'
import { Dialog, Alert, MoneyText, useCommand } from '../ui'
import { ManagerPin, PIN_PATTERN } from './ManagerPin'
import { ReasonPicker } from './ReasonPicker'
import { StornoDone, StornoFooter } from './StornoParts'
import { METHOD_KEYS } from './format'
import { useErrorText } from './errors'
import { useActiveSeller } from './use-seller'

const REASON_KEYS = [
  'backoffice.storno.reasons.wrongItem',
  'backoffice.storno.reasons.customer',
  'backoffice.storno.reasons.wrongPayment',
  'backoffice.storno.reasons.test',
]

export function StornoDialog({
  sale,
  title,
  onClose,
  onDone,
}: {
  sale: SaleDetailView
  title: string
  onClose(): void
  onDone(stornoSaleId: number): void
}) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const { needsManagerPin } = useActiveSeller()
  const [reason, setReason] = useState('')
  const [pin, setPin] = useState('')
  const [result, setResult] = useState<StornoResultView | null>(null)
  const storno = useCommand('storno.execute')

  const reasonOk = reason.trim().length > 0
  const pinOk = !needsManagerPin || PIN_PATTERN.test(pin)

  const execute = async () => {
    const outcome = await storno.run({
      saleId: sale.saleId,
      reason: reason.trim(),
      ...(needsManagerPin ? { managerPin: pin } : {}),
    })
    if (outcome.ok) setResult(outcome.value)
    // A wrong PIN is typed again from scratch.
    else if (needsManagerPin) setPin('')
  }

  if (result) return <StornoDone result={result} onDone={onDone} />

  return (
    <Dialog
      title={t('backoffice.storno.title', { title })}
      role="alertdialog"
      className="bo-dialog bo-storno"
      onClose={storno.pending ? undefined : onClose}
      footer={
        <StornoFooter
          pending={storno.pending}
          ready={reasonOk && pinOk}
          confirmLabel={storno.pending ? t('backoffice.storno.running') : t('backoffice.storno.confirm')}
          onClose={onClose}
          onConfirm={() => void execute()}
        />
      }
    >
      <div className="bo-dialog-columns">
        <div className="bo-storno-main">
          <p className="bo-big">
            {t('backoffice.storno.amount')} <MoneyText cents={sale.total} />
          </p>
          <ul className="bo-refunds" aria-label={t('backoffice.storno.refunds')}>
            {sale.payments
              .filter((p) => p.settled !== 0)
              .map((p) => (
                <li key={p.paymentId}>
                  {t(METHOD_KEYS[p.method] ?? p.method)}: <MoneyText cents={p.settled} /> —{' '}
                  {t(p.method === 'cash' ? 'backoffice.storno.refundCash' : 'backoffice.storno.refundCard')}
                </li>
              ))}
          </ul>
          <ReasonPicker
            legend={t('backoffice.storno.reason')}
            otherLabel={t('backoffice.storno.reasonOther')}
            reasonKeys={REASON_KEYS}
            value={reason}
            onChange={setReason}
            disabled={storno.pending}
          />
          <p className="bo-hint">{t('backoffice.storno.irreversible')}</p>
          {storno.pending && (
            <p role="status" className="bo-progress" aria-busy="true">
              {t('backoffice.storno.running')}
            </p>
          )}
          {storno.errorDetail && (
            <Alert>
              {errorText(storno.errorDetail)} {t('backoffice.storno.next')}
            </Alert>
          )}
        </div>
        {needsManagerPin && <ManagerPin value={pin} onChange={setPin} disabled={storno.pending} />}
      </div>
    </Dialog>
  )
}
