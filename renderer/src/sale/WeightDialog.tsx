// Weighing a loose article. With a scale the cashier puts the goods on and taps "Wiegen": main takes the
// scale's stable reading (legal for trade, no typed number). Without a scale the grams are typed. Main
// prices the line either way; this dialog only shows what came back.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Product } from '../../../common/catalog'
import type { WeighingInfo } from '../../../common/ipc/weighing-contract'
import { Alert, Button, Dialog, Keypad, useCommand, useFormatMoney, usePos } from '../ui'

export interface WeightDialogProps {
  product: Product
  onClose: () => void
}

export function WeightDialog({ product, onClose }: WeightDialogProps) {
  const { t } = useTranslation()
  const money = useFormatMoney()
  const pos = usePos()
  const [info, setInfo] = useState<WeighingInfo | null>(null)
  const [grams, setGrams] = useState('')
  const weigh = useCommand('basket.weigh')
  useEffect(() => {
    void pos.invoke('weighing.info').then((result) => result.ok && setInfo(result.value))
  }, [pos])
  const withScale = info !== null && info.scale !== 'none'
  const typed = grams === '' ? null : Number(grams)

  const submit = async () => {
    const result = await weigh.run(
      withScale ? { productId: product.id } : { productId: product.id, grams: typed ?? 0 },
    )
    if (result.ok) onClose()
  }

  return (
    <Dialog
      title={t('weighing.title', { name: product.name })}
      onClose={onClose}
      className="weight-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            size="lg"
            disabled={info === null || weigh.pending || (!withScale && (typed === null || typed < 1))}
            pending={weigh.pending}
            onClick={() => void submit()}
          >
            {withScale ? t('weighing.weigh') : t('weighing.add')}
          </Button>
        </>
      }
    >
      <p className="weight-unit-price">{t('sale.perKg', { price: money(product.price) })}</p>
      {withScale ? (
        <p className="weight-hint">{t('weighing.putOn')}</p>
      ) : (
        <>
          <output className="entry" aria-label={t('weighing.gramsEntry')}>
            {grams === '' ? '–' : `${grams} g`}
          </output>
          <Keypad
            label={t('weighing.gramsKeypad')}
            value={grams}
            onChange={(v) => {
              weigh.clearError()
              setGrams(v)
            }}
            maxLength={5}
          />
        </>
      )}
      {weigh.error && <Alert>{weigh.error}</Alert>}
    </Dialog>
  )
}
