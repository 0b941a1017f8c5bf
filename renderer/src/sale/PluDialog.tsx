// PLU and quantity entry: type digits, then either add the article with that PLU or use the number as
// the quantity of the next product tap ("6 ×" then "Weizenbrötchen").
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_QUANTITY } from '../../../common/basket'
import { Alert, Button, Dialog, Keypad, useCommand } from '../ui'

export interface PluDialogProps {
  quantity: number
  onQuantity: (quantity: number) => void
  onClose: () => void
}

export function PluDialog({ quantity, onQuantity, onClose }: PluDialogProps) {
  const { t } = useTranslation()
  const [digits, setDigits] = useState('')
  const addPlu = useCommand('basket.addPlu')
  const n = digits === '' ? null : Number(digits)
  const submitPlu = async () => {
    if (digits === '') return
    const result = await addPlu.run({ plu: digits, quantity })
    if (result.ok) {
      onQuantity(1)
      onClose()
    }
  }
  return (
    <Dialog
      title={t('sale.pluTitle')}
      onClose={onClose}
      className="plu-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common.close')}</Button>
          <Button
            disabled={n === null || n < 1 || n > MAX_QUANTITY}
            onClick={() => {
              onQuantity(n ?? 1)
              onClose()
            }}
          >
            {t('sale.asQuantity')}
          </Button>
          <Button
            variant="primary"
            disabled={digits === '' || addPlu.pending}
            pending={addPlu.pending}
            onClick={() => void submitPlu()}
          >
            {t('sale.addPlu')}
          </Button>
        </>
      }
    >
      <output className="entry" aria-label={t('sale.pluEntry')}>
        {quantity > 1 ? `${quantity} × ` : ''}
        {digits || '–'}
      </output>
      {addPlu.error && <Alert>{addPlu.error}</Alert>}
      <Keypad
        label={t('sale.pluKeypad')}
        value={digits}
        onChange={(v) => {
          addPlu.clearError()
          setDigits(v)
        }}
        maxLength={6}
        keepLeadingZeros
        showDoubleZero
      />
    </Dialog>
  )
}
