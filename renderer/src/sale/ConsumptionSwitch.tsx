// "Außer Haus / Im Haus" for the open sale: two large keys (one pressed) in the toolbar beside the
// seller, so the basket keeps its room for eight lines. Main re-prices the basket
// (drinks and milk drinks change rate, gross prices stay) and refuses the switch once a payment started,
// so the keys are disabled then too (docs/vat-rates.md).
import { useTranslation } from 'react-i18next'
import type { Consumption } from '../../../common/consumption'
import { Button, useCommand, useToast } from '../ui'

const CHOICES: readonly Consumption[] = ['takeaway', 'inhouse']

export function ConsumptionSwitch({ value, disabled }: { value: Consumption; disabled: boolean }) {
  const { t } = useTranslation()
  const toast = useToast()
  const set = useCommand('basket.setConsumption', { onError: (text) => toast.show('error', text) })
  return (
    <div className="consumption-switch" role="group" aria-label={t('consumption.label')}>
      {CHOICES.map((choice) => (
        <Button
          key={choice}
          className="consumption-key"
          variant={value === choice ? 'primary' : 'ghost'}
          aria-pressed={value === choice}
          disabled={disabled || set.pending}
          onClick={() => {
            if (value !== choice) void set.run({ consumption: choice })
          }}
        >
          {t(`consumption.${choice}`)}
        </Button>
      ))}
    </div>
  )
}
