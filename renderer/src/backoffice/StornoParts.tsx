// What the storno and the partial return dialogs share: the cancel/confirm footer that cannot be left
// while main runs the refund, and the result (cash to pay out, card refunded, drawer, paper, and the
// STORNO receipt) — all from main's result, never computed here.
import { useTranslation } from 'react-i18next'
import type { StornoResultView } from '../../../common/journal'
import { Alert, Button, Dialog, MoneyText } from '../ui'
import { ReceiptPreview } from './ReceiptPreview'

export function StornoFooter({
  pending,
  ready,
  confirmLabel,
  onClose,
  onConfirm,
}: {
  pending: boolean
  ready: boolean
  confirmLabel: string
  onClose(): void
  onConfirm(): void
}) {
  const { t } = useTranslation()
  return (
    <>
      <Button size="lg" onClick={onClose} disabled={pending}>
        {t('backoffice.cancel')}
      </Button>
      <Button size="lg" variant="danger" onClick={onConfirm} disabled={!ready || pending} pending={pending}>
        {confirmLabel}
      </Button>
    </>
  )
}

export function StornoDone({
  result,
  onDone,
}: {
  result: StornoResultView
  onDone(stornoSaleId: number): void
}) {
  const { t } = useTranslation()
  return (
    <Dialog
      title={t('backoffice.storno.doneTitle', { no: result.receiptNo })}
      className="bo-dialog bo-storno"
      footer={
        <Button size="lg" variant="primary" onClick={() => onDone(result.stornoSaleId)}>
          {t('backoffice.done')}
        </Button>
      }
    >
      <div className="bo-dialog-columns">
        <div>
          {(result.cashRefund > 0 || result.cardRefund === 0) && (
            <p className="bo-big">
              {t('backoffice.storno.payOut')} <MoneyText cents={result.cashRefund} />
            </p>
          )}
          {result.cardRefund > 0 && (
            <p>
              {t('backoffice.storno.cardRefunded')} <MoneyText cents={result.cardRefund} />
            </p>
          )}
          <p>{t(`backoffice.storno.drawer.${result.drawer}`)}</p>
          {result.print === 'failed' && <Alert>{t('backoffice.storno.printFailed')}</Alert>}
          {result.print === 'printed' && <p>{t('backoffice.storno.printed')}</p>}
        </div>
        <ReceiptPreview
          document={result.receipt}
          label={t('backoffice.storno.receiptLabel', { no: result.receiptNo })}
        />
      </div>
    </Dialog>
  )
}
