// Cash: one tap on "exact" or a note pays at once; or type what the customer handed over. The change
// is shown while typing, and large once paid (checkout overlay).
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert, Button, Dialog, Keypad, centsFromDigits, useCommand, useFormatMoney } from '../ui'

const NOTES = [500, 1000, 2000, 5000]

export interface CashDialogProps {
  due: number
  /** The payment was accepted (it may still run in main); `tendered` as sent. */
  onPaid: (tendered: number | undefined) => void
  onClose: () => void
}

export function CashDialog({ due, onPaid, onClose }: CashDialogProps) {
  const { t } = useTranslation()
  const money = useFormatMoney()
  const [digits, setDigits] = useState('')
  const pay = useCommand('checkout.payCash')
  const typed = centsFromDigits(digits)
  // Returned deposits worth more than the purchase: the drawer pays the amount out, nothing is handed over.
  const payOut = due < 0
  const submit = async (tendered?: number) => {
    const result = await pay.run(tendered === undefined ? {} : { tendered })
    if (result.ok) onPaid(tendered)
  }
  return (
    <Dialog
      title={t('pay.cashTitle')}
      onClose={pay.pending ? undefined : onClose}
      className="cash-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={pay.pending}>
            {t('common.cancel')}
          </Button>
          <Button
            variant="ok"
            size="lg"
            disabled={typed === null || typed < due || pay.pending}
            pending={pay.pending}
            onClick={() => typed !== null && void submit(typed)}
          >
            {t('pay.payTyped')}
          </Button>
        </>
      }
    >
      <p className="due-line">
        {t('pay.due')}: <strong className="money due-amount">{money(due)}</strong>
      </p>
      <div className="quick-amounts" role="group" aria-label={t('pay.quick')}>
        <Button size="lg" variant="ok" disabled={pay.pending} onClick={() => void submit()}>
          {payOut ? t('pay.payOut') : t('pay.exact')}
        </Button>
        {!payOut &&
          NOTES.map((cents) => (
            <Button
              key={cents}
              size="lg"
              disabled={pay.pending || cents < due}
              onClick={() => void submit(cents)}
            >
              {money(cents)}
            </Button>
          ))}
      </div>
      <div className="cash-entry">
        <output className="entry" aria-label={t('pay.given')}>
          {typed === null ? '–' : money(typed)}
        </output>
        <output className="change-preview" aria-label={t('pay.changePreview')}>
          {typed !== null && typed >= due ? `${t('pay.change')}: ${money(typed - due)}` : ''}
        </output>
      </div>
      {pay.error && <Alert>{pay.error}</Alert>}
      <Keypad
        label={t('pay.keypad')}
        value={digits}
        onChange={setDigits}
        maxLength={7}
        disabled={pay.pending}
      />
    </Dialog>
  )
}
