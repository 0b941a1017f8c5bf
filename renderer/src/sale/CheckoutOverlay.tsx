// Where the payment stands, straight from main's CheckoutView: progress while an external call runs,
// the remainder after the card balance, the failure with the next steps main offers. The paid sale is
// not modal (PaidSummary in the basket).
import { useTranslation } from 'react-i18next'
import type { CheckoutAction, CheckoutView } from '../../../common/checkout'
import {
  Alert,
  Button,
  Dialog,
  translateMessage,
  useCommand,
  useFormatMoney,
  useLocale,
  useToast,
} from '../ui'

/** The last payment step the cashier started, so "retry" repeats exactly that (cash: with the amount given). */
export type PaymentStep =
  | { command: 'checkout.payTerminal' | 'checkout.payLoyalty' | 'checkout.applyCard' }
  | { command: 'checkout.payCash'; tendered?: number }

export interface CheckoutOverlayProps {
  checkout: CheckoutView
  lastStep: PaymentStep | null
  onStep: (step: PaymentStep) => void
  onPayCash: () => void
}

export function CheckoutOverlay({ checkout, lastStep, onStep, onPayCash }: CheckoutOverlayProps) {
  const { t } = useTranslation()
  const locale = useLocale()
  const money = useFormatMoney()
  const toast = useToast()
  const onError = (text: string) => toast.show('error', text)
  const terminal = useCommand('checkout.payTerminal', { onError })
  const loyalty = useCommand('checkout.payLoyalty', { onError })
  const applyCard = useCommand('checkout.applyCard', { onError })
  const cancel = useCommand('checkout.cancel', { onError })
  const receipt = useCommand('checkout.receipt', { onError })
  const detach = useCommand('card.detach', { onError })
  const cash = useCommand('checkout.payCash', { onError })
  const busy = terminal.pending || loyalty.pending || cancel.pending || receipt.pending || applyCard.pending

  const payTerminal = () => {
    onStep({ command: 'checkout.payTerminal' })
    void terminal.run()
  }
  const payLoyalty = () => {
    onStep({ command: 'checkout.payLoyalty' })
    void loyalty.run()
  }
  const retry = () => {
    if (lastStep?.command === 'checkout.payTerminal') payTerminal()
    else if (lastStep?.command === 'checkout.payLoyalty') payLoyalty()
    else if (lastStep?.command === 'checkout.applyCard') void applyCard.run()
    // A cash payment whose API step failed is repeated with the same note, so the change stays right.
    else if (lastStep?.command === 'checkout.payCash')
      void cash.run(lastStep.tendered === undefined ? {} : { tendered: lastStep.tendered })
  }

  const actionButton = (action: CheckoutAction) => {
    switch (action) {
      case 'retry':
        return (
          <Button
            key={action}
            variant="primary"
            size="lg"
            disabled={busy || lastStep === null}
            onClick={retry}
          >
            {t('pay.action.retry')}
          </Button>
        )
      case 'pay-cash':
        return (
          <Button key={action} variant="ok" size="lg" disabled={busy} onClick={onPayCash}>
            {t('pay.action.payCash')}
          </Button>
        )
      case 'pay-terminal':
        return (
          <Button key={action} variant="card" size="lg" disabled={busy} onClick={payTerminal}>
            {t('pay.action.payTerminal')}
          </Button>
        )
      case 'remove-card':
        return (
          <Button key={action} size="lg" disabled={busy} onClick={() => void detach.run()}>
            {t('pay.action.removeCard')}
          </Button>
        )
      case 'cancel':
        return (
          <Button key={action} size="lg" disabled={busy} onClick={() => void cancel.run()}>
            {t('pay.action.cancel')}
          </Button>
        )
      case 'print-later':
        return (
          <Button key={action} size="lg" disabled={busy} onClick={() => void receipt.run({ print: false })}>
            {t('pay.action.printLater')}
          </Button>
        )
      case 'reprint':
        return (
          <Button
            key={action}
            variant="primary"
            size="lg"
            disabled={busy}
            onClick={() => void receipt.run({ print: true })}
          >
            {t('pay.action.reprint')}
          </Button>
        )
    }
  }

  const { phase } = checkout

  if (phase === 'working' || phase === 'reconciling') {
    const step = checkout.busy
    return (
      <Dialog
        title={phase === 'reconciling' ? t('pay.reconcilingTitle') : t('pay.workingTitle')}
        className="checkout-dialog"
        role="alertdialog"
      >
        <div className="progress" role="progressbar" aria-label={t('pay.progress')} aria-busy="true">
          <span className="progress-bar" />
        </div>
        <p className="busy-text" role="status">
          {step
            ? translateMessage(t, locale, { messageKey: step.messageKey, message: step.step })
            : t('pay.pleaseWait')}
        </p>
        <p className="due-line">
          {t('pay.due')}: <strong className="money">{money(checkout.due)}</strong>
        </p>
        {step?.cancellable && (
          <Button
            size="lg"
            variant="danger"
            disabled={cancel.pending}
            pending={cancel.pending}
            onClick={() => void cancel.run()}
          >
            {t('pay.action.cancel')}
          </Button>
        )}
      </Dialog>
    )
  }

  if (phase === 'card-applied') {
    const card = checkout.card
    return (
      <Dialog
        title={t('pay.cardAppliedTitle')}
        className="checkout-dialog"
        footer={
          // Paying buttons are in the body; the footer holds the ways back (cancel, remove the card).
          <>{checkout.actions.filter((a) => a === 'cancel' || a === 'remove-card').map(actionButton)}</>
        }
      >
        <dl className="sum-table">
          <div>
            <dt>{t('pay.total')}</dt>
            <dd className="money">{money(checkout.total)}</dd>
          </div>
          <div>
            <dt>{t('pay.fromCard')}</dt>
            <dd className="money">− {money(checkout.fromCard)}</dd>
          </div>
          <div className="sum-due">
            <dt>{checkout.due > 0 ? t('pay.remaining') : t('pay.nothingDue')}</dt>
            <dd className="money" aria-label={t('pay.remaining')}>
              {money(checkout.due)}
            </dd>
          </div>
        </dl>
        {card && <p className="card-line">{card.holder ? `${card.holder} · ${card.masked}` : card.masked}</p>}
        <div className="pay-buttons">
          {checkout.due === 0 ? (
            <Button
              variant="loyalty"
              size="xl"
              disabled={busy}
              pending={loyalty.pending}
              onClick={payLoyalty}
            >
              {t('pay.payFromCard')}
            </Button>
          ) : (
            <>
              <Button variant="ok" size="xl" disabled={busy} onClick={onPayCash}>
                {t('pay.remainderCash')}
              </Button>
              <Button
                variant="card"
                size="xl"
                disabled={busy}
                pending={terminal.pending}
                onClick={payTerminal}
              >
                {t('pay.remainderCard')}
              </Button>
            </>
          )}
        </div>
      </Dialog>
    )
  }

  if (phase === 'failed') {
    const error = checkout.error
    return (
      <Dialog
        title={t('pay.failedTitle')}
        className="checkout-dialog"
        role="alertdialog"
        footer={<>{checkout.actions.map(actionButton)}</>}
      >
        <Alert>{error ? translateMessage(t, locale, error) : t('pay.failedUnknown')}</Alert>
        <p className="due-line">
          {t('pay.due')}: <strong className="money">{money(checkout.due)}</strong>
        </p>
      </Dialog>
    )
  }

  return null
}
