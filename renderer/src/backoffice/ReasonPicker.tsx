// A reason for a manager action: one tap on a usual reason, or typed (the OS keyboard).
import { useTranslation } from 'react-i18next'
import { Button } from '../ui'

export function ReasonPicker({
  legend,
  otherLabel,
  reasonKeys,
  value,
  onChange,
  disabled,
}: {
  legend: string
  otherLabel: string
  reasonKeys: readonly string[]
  value: string
  onChange(reason: string): void
  disabled?: boolean
}) {
  const { t } = useTranslation()
  return (
    <fieldset className="bo-reasons" disabled={disabled}>
      <legend>{legend}</legend>
      <div className="bo-chips">
        {reasonKeys.map((key) => {
          const text = t(key)
          return (
            <Button key={key} aria-pressed={value === text} onClick={() => onChange(text)}>
              {text}
            </Button>
          )
        })}
      </div>
      <input
        type="text"
        className="bo-text"
        value={value}
        maxLength={200}
        onChange={(event) => onChange(event.target.value)}
        aria-label={otherLabel}
        placeholder={otherLabel}
      />
    </fieldset>
  )
}
