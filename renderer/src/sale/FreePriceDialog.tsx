// The free-price keys: "Diverses 7 %" / "Diverses 19 %" with a typed amount. Main checks the configured
// maximum and books the line at that VAT rate; the dialog only collects the rate and the amount.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { WeighingInfo } from '../../../common/ipc/weighing-contract'
import { Alert, Button, Dialog, Keypad, centsFromDigits, useCommand, useFormatMoney, usePos } from '../ui'

export function FreePriceDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const money = useFormatMoney()
  const pos = usePos()
  const [info, setInfo] = useState<WeighingInfo | null>(null)
  const [rate, setRate] = useState<7 | 19 | null>(null)
  const [digits, setDigits] = useState('')
  const add = useCommand('basket.addFreePrice')
  useEffect(() => {
    void pos.invoke('weighing.info').then((result) => {
      if (!result.ok) return
      setInfo(result.value)
      setRate((current) => current ?? result.value.freePrice.rates[0] ?? null)
    })
  }, [pos])
  const amount = centsFromDigits(digits)

  const submit = async () => {
    if (rate === null || amount === null) return
    const result = await add.run({ vatRate: rate, amount })
    if (result.ok) onClose()
  }

  return (
    <Dialog
      title={t('freePrice.title')}
      onClose={onClose}
      className="free-price-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            size="lg"
            disabled={rate === null || amount === null || amount < 1 || add.pending}
            pending={add.pending}
            onClick={() => void submit()}
          >
            {t('freePrice.add')}
          </Button>
        </>
      }
    >
      <div className="free-price-rates" role="group" aria-label={t('freePrice.rate')}>
        {(info?.freePrice.rates ?? []).map((r) => (
          <Button
            key={r}
            size="lg"
            variant={rate === r ? 'primary' : undefined}
            aria-pressed={rate === r}
            onClick={() => setRate(r)}
          >
            {t('freePrice.key', { rate: r })}
          </Button>
        ))}
      </div>
      <output className="entry money" aria-label={t('freePrice.amountEntry')}>
        {amount === null ? '–' : money(amount)}
      </output>
      {info && (
        <p className="free-price-max">{t('freePrice.max', { max: money(info.freePrice.maxCents) })}</p>
      )}
      <Keypad
        label={t('freePrice.keypad')}
        value={digits}
        onChange={(v) => {
          add.clearError()
          setDigits(v)
        }}
        maxLength={7}
        showDoubleZero
      />
      {add.error && <Alert>{add.error}</Alert>}
    </Dialog>
  )
}
