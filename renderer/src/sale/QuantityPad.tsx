// The quantity pad beside the product grid, always on screen: digits then a product = that many (two taps
// for "3 Brötchen"), "×" to show the number as a multiplier, "PLU" to add the article with the typed PLU.
// The slot below the pad is kept for the weight and free-price keys ("Gewicht", "Diverses").
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../ui'
import {
  entryText,
  pluRequest,
  pressTimes,
  typeDigit,
  EMPTY_ENTRY,
  type QuantityEntry,
} from './quantity-entry'

export interface QuantityPadProps {
  entry: QuantityEntry
  onEntry: (entry: QuantityEntry) => void
  onPlu: (request: { plu: string; quantity: number }) => void
  disabled: boolean
  /** Keys other parts of the till add below the pad (weight entry, free price). */
  extraKeys?: ReactNode
}

const DIGITS = ['7', '8', '9', '4', '5', '6', '1', '2', '3']

export function QuantityPad({ entry, onEntry, onPlu, disabled, extraKeys }: QuantityPadProps) {
  const { t } = useTranslation()
  const text = entryText(entry)
  const plu = pluRequest(entry)
  return (
    <section className="quantity-pad" aria-label={t('pad.title')}>
      <output className="pad-display" aria-label={t('pad.display')} aria-live="polite">
        {text === '' ? <span className="pad-hint">{t('pad.hint')}</span> : text}
      </output>
      <div className="pad-keys" role="group" aria-label={t('pad.keys')}>
        {DIGITS.map((d) => (
          <Button
            key={d}
            className="pad-key"
            disabled={disabled}
            onClick={() => onEntry(typeDigit(entry, d))}
          >
            {d}
          </Button>
        ))}
        <Button
          className="pad-key"
          aria-label={t('pad.clear')}
          disabled={disabled || (entry.digits === '' && entry.times === null)}
          onClick={() => onEntry(EMPTY_ENTRY)}
        >
          C
        </Button>
        <Button className="pad-key" disabled={disabled} onClick={() => onEntry(typeDigit(entry, '0'))}>
          0
        </Button>
        <Button
          className="pad-key"
          aria-label={t('pad.times')}
          disabled={disabled || entry.digits === ''}
          onClick={() => onEntry(pressTimes(entry))}
        >
          ×
        </Button>
        <Button
          className="pad-key pad-plu"
          variant="primary"
          disabled={disabled || plu === null}
          onClick={() => plu && onPlu(plu)}
        >
          {t('pad.plu')}
        </Button>
      </div>
      <div className="pad-extra" data-slot="weight-and-free-price">
        {extraKeys}
      </div>
    </section>
  )
}
