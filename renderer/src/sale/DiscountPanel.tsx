// A discount on one line (in its editor) or on the whole sale: a reason from the shop's list (a preset
// such as "Vortag 50 %" fills the value), percent or euro, the value on a keypad. Main works out the
// cents and asks for a manager above the limit: then the manager's PIN is typed here and sent along.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DiscountConfig, DiscountKind, LineDiscount } from '../../../common/discount'
import { Alert, Button, Keypad, PinPad, useCommand, useFormatMoney, usePos } from '../ui'

export interface DiscountPanelProps {
  /** The line to discount; absent: the whole sale. */
  lineId?: string
  /** What is on the line or sale now (to show and remove it). */
  current: Pick<LineDiscount, 'kind' | 'value' | 'reason'> | null
  currentAmount: number
  onApplied?: () => void
}

export function DiscountPanel({ lineId, current, currentAmount, onApplied }: DiscountPanelProps) {
  const { t } = useTranslation()
  const money = useFormatMoney()
  const pos = usePos()
  const apply = useCommand('basket.discount')
  const remove = useCommand('basket.removeDiscount')
  const [config, setConfig] = useState<DiscountConfig | null>(null)
  const [reasonId, setReasonId] = useState<string | null>(null)
  const [kind, setKind] = useState<DiscountKind>('percent')
  const [digits, setDigits] = useState('')
  const [pin, setPin] = useState('')
  // Above the manager limit main answers "manager required": from then on the PIN pad is shown.
  const [needsManager, setNeedsManager] = useState(false)
  const managerAsked = apply.errorDetail?.messageKey === 'seller.error.managerRequired'

  useEffect(() => {
    let live = true
    void pos.invoke('discount.config').then((r) => live && r.ok && setConfig(r.value))
    return () => {
      live = false
    }
  }, [pos])

  const value = digits === '' ? 0 : Number(digits)
  const valid = reasonId !== null && value > 0 && (kind !== 'percent' || value <= 100)
  const submit = async () => {
    if (!valid || reasonId === null) return
    const result = await apply.run({
      ...(lineId ? { lineId } : {}),
      kind,
      value,
      reasonId,
      ...(pin ? { managerPin: pin } : {}),
    })
    setPin('')
    if (result.ok) {
      setDigits('')
      setNeedsManager(false)
      onApplied?.()
    } else if (result.error.messageKey === 'seller.error.managerRequired') setNeedsManager(true)
  }

  return (
    <section className="discount-panel" aria-label={t('discount.title')}>
      {current && (
        <p className="discount-current">
          {t('discount.current', {
            reason: current.reason,
            value: current.kind === 'percent' ? `${current.value} %` : money(current.value),
            amount: money(currentAmount),
          })}{' '}
          <Button
            variant="ghost"
            disabled={remove.pending}
            onClick={() => void remove.run(lineId ? { lineId } : {})}
          >
            {t('discount.remove')}
          </Button>
        </p>
      )}
      <div className="discount-reasons" role="group" aria-label={t('discount.reasons')}>
        {(config?.reasons ?? []).map((r) => (
          <Button
            key={r.id}
            className="discount-reason"
            variant={reasonId === r.id ? 'primary' : 'default'}
            aria-pressed={reasonId === r.id}
            onClick={() => {
              setReasonId(r.id)
              apply.clearError()
              if (r.kind && r.value) {
                setKind(r.kind)
                setDigits(String(r.value))
              }
            }}
          >
            {r.kind === 'percent' && r.value ? `${r.label} −${r.value} %` : r.label}
          </Button>
        ))}
      </div>
      <div className="discount-kind" role="group" aria-label={t('discount.kind')}>
        <Button
          variant={kind === 'percent' ? 'primary' : 'default'}
          aria-pressed={kind === 'percent'}
          onClick={() => setKind('percent')}
        >
          %
        </Button>
        <Button
          variant={kind === 'amount' ? 'primary' : 'default'}
          aria-pressed={kind === 'amount'}
          onClick={() => setKind('amount')}
        >
          €
        </Button>
        <output className="discount-value" aria-label={t('discount.value')}>
          {digits === '' ? '–' : kind === 'percent' ? `${digits} %` : money(value)}
        </output>
      </div>
      {apply.error && !managerAsked && <Alert>{apply.error}</Alert>}
      {needsManager ? (
        <div className="discount-manager">
          <p>{t('discount.managerNeeded')}</p>
          <PinPad
            label={t('discount.managerPin')}
            keypadLabel={t('discount.managerPinKeypad')}
            value={pin}
            onChange={setPin}
          />
        </div>
      ) : (
        <Keypad
          label={t('discount.valueKeypad')}
          value={digits}
          onChange={setDigits}
          maxLength={kind === 'percent' ? 3 : 5}
          showDoubleZero={kind === 'amount'}
        />
      )}
      <Button
        variant="primary"
        size="lg"
        disabled={!valid || apply.pending || (needsManager && pin.length < 4)}
        pending={apply.pending}
        onClick={() => void submit()}
      >
        {t('discount.apply')}
      </Button>
    </section>
  )
}
