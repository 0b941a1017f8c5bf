// The loyalty card panel: opened by a scanned card (checkout.changed) or by the "Kundenkarte" button to
// type a number. Shows holder, balances and lock state; asks for the PIN when the card group wants one;
// offers paying from the card and topping it up.
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CheckoutView } from '../../../common/checkout'
import {
  Alert,
  Button,
  Dialog,
  Keypad,
  PinPad,
  translateMessage,
  useCommand,
  useFormatMoney,
  useLocale,
} from '../ui'

export interface CardPanelProps {
  checkout: CheckoutView | null
  basketEmpty: boolean
  onTopUp: () => void
  onClose: () => void
  /** "Pay with card" was tapped: the payment overlay takes over. */
  onPaying: () => void
}

const CARD_DIGITS = 16

/** "9276 0044 2464 4352": groups of four while typing. */
const grouped = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ')

export function CardPanel({ checkout, basketEmpty, onTopUp, onClose, onPaying }: CardPanelProps) {
  const { t } = useTranslation()
  const money = useFormatMoney()
  const [number, setNumber] = useState('')
  const [pin, setPin] = useState('')
  const attach = useCommand('card.attach')
  const detach = useCommand('card.detach')
  const verify = useCommand('card.verifyPin')
  // Paying from the card applies its balance and pays at once when it covers the sale; otherwise the
  // remainder screen follows (main decides, one tap either way).
  const pay = useCommand('checkout.payLoyalty')
  const locale = useLocale()
  const card = checkout?.card ?? null
  const step = checkout?.phase === 'working' ? (checkout.busy?.step ?? null) : null
  // Card steps finish in the background: their refusals and failures arrive in the view.
  const viewError =
    checkout?.phase === 'open' && checkout.error && checkout.error.messageKey !== card?.refusalKey
      ? translateMessage(t, locale, checkout.error)
      : null
  const error = attach.error ?? detach.error ?? verify.error ?? pay.error ?? viewError
  const progress =
    step === 'card' || step === 'pin' ? (
      <p className="card-progress" role="status">
        {t(step === 'card' ? 'checkout.busy.card' : 'checkout.busy.pin')}
      </p>
    ) : null

  if (!card) {
    return (
      <CardDialog
        onClose={onClose}
        footer={
          <>
            <Button
              variant="primary"
              size="lg"
              disabled={number.length !== CARD_DIGITS || attach.pending || step === 'card'}
              pending={attach.pending || step === 'card'}
              onClick={() => void attach.run({ cardNumber: number })}
            >
              {t('cardPanel.lookUp')}
            </Button>
          </>
        }
      >
        <p className="hint">{t('cardPanel.scanOrType')}</p>
        {progress}
        <output className="entry card-entry" aria-label={t('cardPanel.number')}>
          {number ? grouped(number) : '–'}
        </output>
        {error && <Alert>{error}</Alert>}
        <Keypad
          label={t('cardPanel.numberKeypad')}
          value={number}
          onChange={(v) => {
            attach.clearError()
            setNumber(v)
          }}
          maxLength={CARD_DIGITS}
          keepLeadingZeros
          showDoubleZero={false}
        />
      </CardDialog>
    )
  }

  const needsPin = card.needsPin && !card.pinVerified
  const refusal = card.refusalKey ? t(card.refusalKey, { defaultValue: t('cardPanel.refused') }) : null
  // One message at a time: what went wrong last, else why the card is refused. "PIN needed" is the PIN
  // pad's own heading, not an alert, so nothing red shows before anyone typed.
  const message = error ?? (needsPin && card.refusalKey === 'checkout.card.pinRequired' ? null : refusal)
  const pinPad = card.valid && !card.locked && needsPin
  return (
    <CardDialog
      wide={pinPad}
      onClose={onClose}
      footer={
        <>
          <Button
            disabled={detach.pending || step !== null}
            onClick={() => void detach.run().then((r) => r.ok && onClose())}
          >
            {t('cardPanel.remove')}
          </Button>
          <Button variant="loyalty" size="lg" disabled={!card.canTopUp} onClick={onTopUp}>
            {t('cardPanel.topUp')}
          </Button>
          <Button
            variant="primary"
            size="lg"
            disabled={!card.canPay || basketEmpty || pay.pending || step !== null}
            pending={pay.pending}
            onClick={() => void pay.run().then((r) => r.ok && onPaying())}
          >
            {t('cardPanel.pay')}
          </Button>
        </>
      }
    >
      <dl className="card-facts">
        <div>
          <dt>{t('cardPanel.card')}</dt>
          <dd>{card.masked}</dd>
        </div>
        {card.holder && (
          <div>
            <dt>{t('cardPanel.holder')}</dt>
            <dd>{card.holder}</dd>
          </div>
        )}
        {card.cardGroup && (
          <div>
            <dt>{t('cardPanel.group')}</dt>
            <dd>{card.cardGroup}</dd>
          </div>
        )}
        {card.valid && (
          <>
            <div>
              <dt>{t('cardPanel.cashBalance')}</dt>
              <dd className="money">{money(card.cashBalance)}</dd>
            </div>
            <div>
              <dt>{t('cardPanel.bonusBalance')}</dt>
              <dd className="money">{money(card.bonusBalance)}</dd>
            </div>
          </>
        )}
        <div>
          <dt>{t('cardPanel.state')}</dt>
          <dd className={card.locked || !card.valid ? 'card-bad' : 'card-ok'}>
            {!card.valid
              ? t('cardPanel.invalid')
              : card.locked
                ? t('cardPanel.locked')
                : t('cardPanel.active')}
          </dd>
        </div>
      </dl>
      {progress}
      {message && !pinPad && <Alert>{message}</Alert>}
      {pinPad && (
        <div className="pin-entry">
          {message && <Alert>{message}</Alert>}
          <p>{t('cardPanel.pinNeeded')}</p>
          <PinPad
            className="entry"
            label={t('cardPanel.pin')}
            keypadLabel={t('cardPanel.pinKeypad')}
            value={pin}
            onChange={(v) => {
              verify.clearError()
              setPin(v)
            }}
            onOk={() => void verify.run({ pin }).then(() => setPin(''))}
            okLabel={t('cardPanel.checkPin')}
            okDisabled={pin.length < 4 || verify.pending || step !== null}
          />
        </div>
      )}
    </CardDialog>
  )
}

function CardDialog({
  onClose,
  footer,
  children,
  wide = false,
}: {
  onClose: () => void
  footer: ReactNode
  children: ReactNode
  /** Card facts and PIN pad side by side, so the dialog fits 1024×768 without scrolling. */
  wide?: boolean
}) {
  const { t } = useTranslation()
  return (
    <Dialog
      title={t('cardPanel.title')}
      onClose={onClose}
      className={wide ? 'card-panel card-panel-pin' : 'card-panel'}
      footer={
        <>
          <Button onClick={onClose}>{t('common.close')}</Button>
          {footer}
        </>
      }
    >
      {children}
    </Dialog>
  )
}
