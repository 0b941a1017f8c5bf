// The manager's PIN for a manager action when the active seller is not a manager: masked dots and a PIN
// pad (no 00, leading zeros kept). The PIN goes to main with the action and is checked there.
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Keypad } from '../ui'

export const PIN_PATTERN = /^\d{4,6}$/

export function ManagerPin({
  value,
  onChange,
  disabled,
}: {
  value: string
  onChange: (pin: string) => void
  disabled?: boolean
}) {
  const { t } = useTranslation()
  const labelId = useId()
  return (
    <div className="bo-pin">
      <p id={labelId} className="bo-pin-label">
        {t('backoffice.pin.label')}
      </p>
      <output className="bo-pin-dots" aria-labelledby={labelId} aria-live="off">
        <span aria-hidden="true">{value ? '●'.repeat(value.length) : '–'}</span>
        <span className="visually-hidden">{t('backoffice.pin.digits', { count: value.length })}</span>
      </output>
      <Keypad
        value={value}
        onChange={onChange}
        label={t('backoffice.pin.pad')}
        maxLength={6}
        keepLeadingZeros
        showDoubleZero={false}
        disabled={disabled}
      />
      <p className="bo-hint">{t('backoffice.pin.hint')}</p>
    </div>
  )
}
