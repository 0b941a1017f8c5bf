// A basket line's editor, opened by tapping the line: quantity (− / + or typed), discount, remove. Main
// checks and computes everything; this dialog only sends the cashier's choice.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_QUANTITY, type BasketLine } from '../../../common/basket'
import { Alert, Button, Dialog, Keypad, useCommand, useFormatMoney } from '../ui'
import { lineDetail } from './BasketPanel'
import { DiscountPanel } from './DiscountPanel'

export interface LineEditorProps {
  line: BasketLine
  onClose: () => void
}

export function LineEditor({ line, onClose }: LineEditorProps) {
  const { t } = useTranslation()
  const money = useFormatMoney()
  const setQuantity = useCommand('basket.setQuantity')
  const voidLine = useCommand('basket.voidLine')
  const [typed, setTyped] = useState('')
  // Deposits follow their article (or are returns): no quantity or discount of their own.
  const piece = line.kind === 'piece' && !line.deposit
  const canDiscount = line.kind !== 'topup' && !line.deposit
  const [mode, setMode] = useState<'quantity' | 'discount'>(piece ? 'quantity' : 'discount')
  const typedQuantity = typed === '' ? null : Number(typed)
  const change = async (quantity: number) => {
    const result = await setQuantity.run({ lineId: line.lineId, quantity })
    if (result.ok) setTyped('')
  }
  const remove = async () => {
    const result = await voidLine.run({ lineId: line.lineId })
    if (result.ok) onClose()
  }
  const error = setQuantity.error ?? voidLine.error
  return (
    <Dialog
      title={line.name}
      onClose={onClose}
      className="line-editor"
      footer={
        <>
          <Button
            variant="danger"
            size="lg"
            hidden={line.depositFor !== undefined}
            aria-label={t('sale.void', { name: line.name })}
            disabled={voidLine.pending}
            onClick={() => void remove()}
          >
            {t('lineEditor.remove')}
          </Button>
          <Button size="lg" variant="ok" onClick={onClose}>
            {t('lineEditor.done')}
          </Button>
        </>
      }
    >
      <p className="line-editor-detail">
        {lineDetail(line, money, t)}
        {line.discount && ` − ${money(line.discount.amount)}`} ={' '}
        <strong className="money">{money(line.total)}</strong>
      </p>
      {piece && canDiscount && (
        <div className="line-editor-modes" role="group" aria-label={t('lineEditor.modes')}>
          <Button
            variant={mode === 'quantity' ? 'primary' : 'default'}
            aria-pressed={mode === 'quantity'}
            onClick={() => setMode('quantity')}
          >
            {t('lineEditor.quantity')}
          </Button>
          <Button
            variant={mode === 'discount' ? 'primary' : 'default'}
            aria-pressed={mode === 'discount'}
            onClick={() => setMode('discount')}
          >
            {t('discount.title')}
          </Button>
        </div>
      )}
      {error && <Alert>{error}</Alert>}
      {piece && mode === 'quantity' && (
        <div className="line-editor-quantity">
          <div className="quantity-row" role="group" aria-label={t('lineEditor.quantity')}>
            <Button
              className="qty"
              size="lg"
              aria-label={t('sale.less', { name: line.name })}
              disabled={line.quantity <= 1 || setQuantity.pending}
              onClick={() => void change(line.quantity - 1)}
            >
              −
            </Button>
            <output className="qty-value" aria-label={t('sale.quantityOf', { name: line.name })}>
              {line.quantity}
            </output>
            <Button
              className="qty"
              size="lg"
              aria-label={t('sale.more', { name: line.name })}
              disabled={line.quantity >= MAX_QUANTITY || setQuantity.pending}
              onClick={() => void change(line.quantity + 1)}
            >
              +
            </Button>
          </div>
          <Keypad
            label={t('lineEditor.keypad')}
            value={typed}
            onChange={setTyped}
            maxLength={3}
            showDoubleZero={false}
            onOk={() => typedQuantity !== null && void change(typedQuantity)}
            okLabel={t('lineEditor.setQuantity', { quantity: typed || '–' })}
            okDisabled={typedQuantity === null || typedQuantity < 1 || typedQuantity > MAX_QUANTITY}
          />
        </div>
      )}
      {canDiscount && mode === 'discount' && (
        <DiscountPanel
          lineId={line.lineId}
          current={line.discount ?? null}
          currentAmount={line.discount?.amount ?? 0}
        />
      )}
    </Dialog>
  )
}
