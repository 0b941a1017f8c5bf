// Pfandrücknahme: which deposit the returned containers carry; the count comes from the quantity pad
// (digits first, as for products). Main adds a negative deposit line; below a total of 0 the cash
// payment pays the customer out.
import { useTranslation } from 'react-i18next'
import type { Product } from '../../../common/catalog'
import { Alert, Button, Dialog, useCommand, useFormatMoney } from '../ui'

export function DepositReturnDialog({
  deposits,
  quantity,
  onDone,
  onClose,
}: {
  deposits: readonly Product[]
  quantity: number
  onDone: () => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const money = useFormatMoney()
  const ret = useCommand('basket.returnDeposit')
  return (
    <Dialog
      title={t('deposit.title', { count: quantity })}
      onClose={onClose}
      className="deposit-dialog"
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
    >
      <div className="deposit-choices" role="group" aria-label={t('deposit.choose')}>
        {deposits.map((d) => (
          <Button
            key={d.id}
            size="lg"
            disabled={ret.pending}
            onClick={() =>
              void ret.run({ productId: d.id, quantity }).then((r) => {
                if (r.ok) onDone()
              })
            }
          >
            {d.name} {money(d.price)}
          </Button>
        ))}
      </div>
      {ret.error && <Alert>{ret.error}</Alert>}
    </Dialog>
  )
}
