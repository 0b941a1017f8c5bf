// Opening float, cash in and cash out: an amount on the keypad (digits are cents), a reason, and the
// manager's PIN when needed. Main refuses a cash out larger than the drawer should hold.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CashBusinessCase } from '../../../common/journal'
import type { CommandOutput } from '../../../common/ipc/contract'
import { Button, Dialog, Keypad, centsFromDigits, Alert, MoneyText, useCommand } from '../ui'
import { ManagerPin, PIN_PATTERN } from './ManagerPin'
import { ReasonPicker } from './ReasonPicker'
import { useErrorText } from './errors'
import { useActiveSeller } from './use-seller'

export type CashMovementKind = 'opening_float' | 'cash_in' | 'cash_out'

/** Usual reasons per kind, each with its DSFinV-K business case (main defaults it by kind otherwise). */
const REASONS: Record<CashMovementKind, { key: string; businessCase: CashBusinessCase }[]> = {
  opening_float: [{ key: 'backoffice.cash.reasons.float', businessCase: 'Anfangsbestand' }],
  cash_in: [
    { key: 'backoffice.cash.reasons.change', businessCase: 'Einzahlung' },
    { key: 'backoffice.cash.reasons.deposit', businessCase: 'Privateinlage' },
  ],
  cash_out: [
    { key: 'backoffice.cash.reasons.bank', businessCase: 'Geldtransit' },
    { key: 'backoffice.cash.reasons.purchase', businessCase: 'Auszahlung' },
    { key: 'backoffice.cash.reasons.wages', businessCase: 'Lohnzahlung' },
    { key: 'backoffice.cash.reasons.private', businessCase: 'Privatentnahme' },
  ],
}
const MAX_CENTS = 10_000_000

export function CashMovementDialog({
  kind,
  onClose,
  onDone,
}: {
  kind: CashMovementKind
  onClose(): void
  onDone(result: CommandOutput<'cash.movement'>): void
}) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const { needsManagerPin } = useActiveSeller()
  const [digits, setDigits] = useState('')
  const [reason, setReason] = useState(kind === 'opening_float' ? t('backoffice.cash.reasons.float') : '')
  const [pin, setPin] = useState('')
  const movement = useCommand('cash.movement')
  const amount = centsFromDigits(digits) ?? 0
  const ready =
    amount > 0 && amount <= MAX_CENTS && reason.trim() !== '' && (!needsManagerPin || PIN_PATTERN.test(pin))

  const save = async () => {
    // A usual reason tapped and left as it is carries its business case; a typed one gets main's default.
    const businessCase = REASONS[kind].find((r) => t(r.key) === reason.trim())?.businessCase
    const result = await movement.run({
      kind,
      amount,
      reason: reason.trim(),
      ...(businessCase ? { businessCase } : {}),
      ...(needsManagerPin ? { managerPin: pin } : {}),
    })
    if (result.ok) onDone(result.value)
    else if (needsManagerPin) setPin('')
  }

  return (
    <Dialog
      title={t(`backoffice.cash.kind.${kind}`)}
      className="bo-dialog bo-cash-dialog"
      onClose={movement.pending ? undefined : onClose}
      footer={
        <>
          <Button size="lg" onClick={onClose} disabled={movement.pending}>
            {t('backoffice.cancel')}
          </Button>
          <Button
            size="lg"
            variant="primary"
            onClick={() => void save()}
            disabled={!ready || movement.pending}
            pending={movement.pending}
          >
            {t('backoffice.cash.book')}
          </Button>
        </>
      }
    >
      <div className="bo-dialog-columns">
        <div>
          <p className="bo-amount">
            <span>{t('backoffice.cash.amount')}</span>{' '}
            <output aria-label={t('backoffice.cash.amount')}>
              <MoneyText cents={amount} />
            </output>
          </p>
          <Keypad
            value={digits}
            onChange={setDigits}
            label={t('backoffice.cash.amountPad')}
            maxLength={7}
            disabled={movement.pending}
          />
        </div>
        <div>
          <ReasonPicker
            legend={t('backoffice.cash.reason')}
            otherLabel={t('backoffice.cash.reasonOther')}
            reasonKeys={REASONS[kind].map((r) => r.key)}
            value={reason}
            onChange={setReason}
            disabled={movement.pending}
          />
          {needsManagerPin && <ManagerPin value={pin} onChange={setPin} disabled={movement.pending} />}
          {movement.errorDetail && <Alert>{errorText(movement.errorDetail)}</Alert>}
        </div>
      </div>
    </Dialog>
  )
}
