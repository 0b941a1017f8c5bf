// A PIN entry: the typed digits shown masked, and a PIN keypad (no 00 key, leading zeros kept, at most
// six digits). The PIN goes to main with what it authorises and is checked there.
import { Keypad, type KeypadProps } from './Keypad'

export const PIN_MAX_DIGITS = 6

export interface PinPadProps extends Omit<
  KeypadProps,
  'label' | 'maxLength' | 'keepLeadingZeros' | 'showDoubleZero'
> {
  /** Accessible name of the masked digits, e.g. "Manager-PIN". */
  label: string
  /** Accessible name of the key group, e.g. "Manager-PIN-Eingabe". */
  keypadLabel: string
  /** Class of the masked digits. */
  className?: string
}

export function PinPad({ label, keypadLabel, className = 'pin-dots', ...keypad }: PinPadProps) {
  return (
    <>
      <output className={className} aria-label={label}>
        {keypad.value ? '●'.repeat(keypad.value.length) : '–'}
      </output>
      <Keypad
        {...keypad}
        label={keypadLabel}
        maxLength={PIN_MAX_DIGITS}
        keepLeadingZeros
        showDoubleZero={false}
      />
    </>
  )
}
