// Numeric keypad for PLU, quantity, amounts and PINs: digits, 00, ⌫ and OK, every key a labelled button.
import { useTranslation } from 'react-i18next'
import { Button } from './Button'
import { keypadInput, type KeypadKey } from './keypad-input'

export interface KeypadProps {
  value: string
  onChange: (next: string) => void
  /** OK key; omitted → no OK key (the screen has its own confirm button). */
  onOk?: () => void
  okLabel?: string
  okDisabled?: boolean
  /** Accessible name of the key group, e.g. "PIN-Eingabe". */
  label: string
  maxLength?: number
  /** PINs and PLUs keep leading zeros; amounts and quantities drop them. */
  keepLeadingZeros?: boolean
  /** PIN pads have no 00 key. */
  showDoubleZero?: boolean
  disabled?: boolean
}

const DIGITS: KeypadKey[] = ['7', '8', '9', '4', '5', '6', '1', '2', '3']

export function Keypad({
  value,
  onChange,
  onOk,
  okLabel,
  okDisabled,
  label,
  maxLength = 8,
  keepLeadingZeros = false,
  showDoubleZero = true,
  disabled = false,
}: KeypadProps) {
  const { t } = useTranslation()
  const press = (key: KeypadKey) => onChange(keypadInput(value, key, maxLength, keepLeadingZeros))
  return (
    <div className="keypad" role="group" aria-label={label}>
      {DIGITS.map((d) => (
        <Button key={d} className="key" onClick={() => press(d)} disabled={disabled}>
          {d}
        </Button>
      ))}
      {showDoubleZero ? (
        <Button className="key" onClick={() => press('00')} disabled={disabled}>
          00
        </Button>
      ) : (
        <Button
          className="key"
          onClick={() => press('clear')}
          disabled={disabled}
          aria-label={t('ui.keypad.clear')}
        >
          C
        </Button>
      )}
      <Button className="key" onClick={() => press('0')} disabled={disabled}>
        0
      </Button>
      <Button
        className="key key-back"
        onClick={() => press('back')}
        disabled={disabled}
        aria-label={t('ui.keypad.back')}
      >
        ⌫
      </Button>
      {onOk && (
        <Button className="key key-ok" variant="primary" onClick={onOk} disabled={disabled || okDisabled}>
          {okLabel ?? t('ui.keypad.ok')}
        </Button>
      )}
    </div>
  )
}
