// Loading a customer card: choose 10/20/50 € or type an amount, then the top-up line goes into the basket.
// A top-up needs a card (the amount is loaded onto it at payment), so the card panel follows when none is
// attached yet.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Product } from '../../../common/catalog'
import { Alert, Button, Dialog, Keypad, centsFromDigits, useCommand, useFormatMoney } from '../ui'

const QUICK = [1000, 2000, 5000]

export interface TopupDialogProps {
  product: Product
  hasCard: boolean
  onAdded: () => void
  onClose: () => void
}

export function TopupDialog({ product, hasCard, onAdded, onClose }: TopupDialogProps) {
  const { t } = useTranslation()
  const money = useFormatMoney()
  const [digits, setDigits] = useState(product.price > 0 ? String(product.price) : '')
  const add = useCommand('basket.addProduct')
  const amount = centsFromDigits(digits)
  const submit = async (cents: number) => {
    const result = await add.run({ productId: product.id, amount: cents })
    if (result.ok) onAdded()
  }
  return (
    <Dialog
      title={t('topup.title')}
      onClose={onClose}
      className="topup-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            size="lg"
            disabled={amount === null || add.pending}
            pending={add.pending}
            onClick={() => amount !== null && void submit(amount)}
          >
            {t('topup.add', { amount: amount === null ? '' : money(amount) })}
          </Button>
        </>
      }
    >
      {!hasCard && <Alert kind="info">{t('topup.needsCard')}</Alert>}
      <div className="quick-amounts" role="group" aria-label={t('topup.quick')}>
        {QUICK.map((cents) => (
          <Button key={cents} size="lg" disabled={add.pending} onClick={() => void submit(cents)}>
            {money(cents)}
          </Button>
        ))}
      </div>
      <output className="entry" aria-label={t('topup.amount')}>
        {amount === null ? '–' : money(amount)}
      </output>
      {add.error && <Alert>{add.error}</Alert>}
      <Keypad label={t('topup.keypad')} value={digits} onChange={setDigits} maxLength={6} />
    </Dialog>
  )
}
