// Storno of a completed sale: what will be paid back, a reason (one tap on a usual one, or typed), the
// manager's PIN when the active seller is not a manager, and an explicit confirmation. While main
// cancels the card part at secuconnect the dialog cannot be closed; the result says how much cash to
// pay out and shows the storno receipt.
import { useTranslation } from 'react-i18next'
import { Alert, MoneyText } from '../ui'
import {
  StornoDone,
  StornoFrame,
  StornoPin,
  StornoReason,
  useStornoCommand,
  type StornoDialogProps,
} from './StornoParts'
import { METHOD_KEYS } from './format'
import { useErrorText } from './errors'

const REASON_KEYS = [
  'backoffice.storno.reasons.wrongItem',
  'backoffice.storno.reasons.customer',
  'backoffice.storno.reasons.wrongPayment',
  'backoffice.storno.reasons.test',
]

export function StornoDialog({ sale, title, onClose, onDone }: StornoDialogProps) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const run = useStornoCommand('storno.execute')
  const storno = run.command
  const execute = () => run.run({ saleId: sale.saleId })

  if (run.result) return <StornoDone result={run.result} onDone={onDone} />

  return (
    <StornoFrame
      title={t('backoffice.storno.title', { title })}
      pending={storno.pending}
      ready={run.filledIn}
      confirmLabel={storno.pending ? t('backoffice.storno.running') : t('backoffice.storno.confirm')}
      onClose={onClose}
      onConfirm={() => void execute()}
    >
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
        <StornoReason run={run} reasonKeys={REASON_KEYS} />
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
      <StornoPin run={run} />
    </StornoFrame>
  )
}
