// The basket: one compact row per line ("3 × Weizenbrötchen … 1,65 €"); the line just added or changed
// is highlighted and scrolled into view; a tap on a line opens its editor. Below: total and payment
// keys, and the "Bon" key of the last sale. After a payment the paid summary takes the lines' place
// until the next product is tapped.
import { memo, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { BasketLine, BasketView } from '../../../common/basket'
import type { LastReceiptView } from '../../../common/counter'
import { Button, useCommand, useFormatMoney, useToast } from '../ui'

export interface BasketPanelProps {
  basket: BasketView | null
  /** A payment runs or nobody is logged in: lines cannot change. */
  locked: boolean
  onPayCash: () => void
  onPayCard: () => void
  onLoyalty: () => void
  onEditLine: (line: BasketLine) => void
  /** "Leeren" waits 5 s for an undo; while it waits the lines are shown dimmed. */
  clearPending: boolean
  onClear: () => void
  onUndoClear: () => void
  /** The paid summary of the last sale (shown while the basket is empty). */
  paid: ReactNode
  lastReceipt: LastReceiptView | null
  /** Card chip of an attached customer card. */
  cardChip: ReactNode
  onSaleDiscount: () => void
}

export function lineDetail(line: BasketLine, money: (c: number) => string, t: TFunction): string {
  if (line.kind === 'weight' && line.weightGrams)
    return t('sale.weightLine', {
      kg: (line.weightGrams / 1000).toLocaleString('de-DE', { minimumFractionDigits: 3 }),
      price: money(line.unitPrice),
    })
  if (line.kind === 'topup') return t('sale.topupLine')
  if (line.kind === 'price') return t('sale.priceLine')
  return `${line.quantity} × ${money(line.unitPrice)}`
}

/**
 * The line that changed between two views (new, or another quantity/total): the one to show. A deposit
 * that followed its bottle is not it — the bottle is.
 */
export function changedLine(before: readonly BasketLine[], after: readonly BasketLine[]): string | null {
  const old = new Map(before.map((l) => [l.lineId, l]))
  const changed = after.filter((line) => {
    const prev = old.get(line.lineId)
    return !prev || prev.quantity !== line.quantity || prev.total !== line.total
  })
  const shown = changed.filter((l) => l.depositFor === undefined)
  return (shown.at(-1) ?? changed.at(-1))?.lineId ?? null
}

/** Same line on screen: every event brings new objects, so rows compare what they show. */
export function sameLine(a: BasketLine, b: BasketLine): boolean {
  if (a === b) return true
  return (
    a.lineId === b.lineId &&
    a.name === b.name &&
    a.kind === b.kind &&
    a.quantity === b.quantity &&
    a.total === b.total &&
    a.depositFor === b.depositFor &&
    a.discount?.kind === b.discount?.kind &&
    a.discount?.value === b.discount?.value &&
    a.discount?.amount === b.discount?.amount &&
    JSON.stringify(a.components) === JSON.stringify(b.components)
  )
}

/**
 * One compact row; memoised by what it shows, so a tap re-renders only the line it changed (and the one
 * it un-highlights), not all 30.
 */
const BasketRow = memo(
  function BasketRow({
    line,
    fresh,
    disabled,
    onEdit,
  }: {
    line: BasketLine
    fresh: boolean
    disabled: boolean
    onEdit: (line: BasketLine) => void
  }) {
    const { t } = useTranslation()
    const money = useFormatMoney()
    return (
      <li
        data-line={line.lineId}
        data-deposit-for={line.depositFor}
        className={`basket-line${fresh ? ' is-fresh' : ''}${line.depositFor ? ' is-deposit' : ''}`}
        aria-label={line.name}
        aria-current={fresh ? 'true' : undefined}
      >
        <button type="button" className="line-button" disabled={disabled} onClick={() => onEdit(line)}>
          <span className="line-qty">{line.kind === 'piece' ? `${line.quantity} ×` : ''}</span>{' '}
          <span className="line-name">
            {line.name}
            {line.discount && (
              <span className="line-discount">
                {' '}
                −{line.discount.kind === 'percent' ? `${line.discount.value} %` : money(line.discount.amount)}
              </span>
            )}
            {line.components && (
              <span className="line-combo">
                {t('sale.comboOf', {
                  parts: line.components
                    .map((c) => `${c.name} ${money(c.amount)} (${c.vatRate} %)`)
                    .join(' · '),
                })}
              </span>
            )}
          </span>{' '}
          <span className="line-total money">{money(line.total)}</span>{' '}
          <span className="visually-hidden">{t('sale.editLine')}</span>
        </button>
      </li>
    )
  },
  (a, b) =>
    a.fresh === b.fresh && a.disabled === b.disabled && a.onEdit === b.onEdit && sameLine(a.line, b.line),
)

export function BasketPanel(props: BasketPanelProps) {
  const { basket, locked, onPayCash, onPayCard, onLoyalty, onEditLine, lastReceipt } = props
  const { t } = useTranslation()
  const money = useFormatMoney()
  const toast = useToast()
  const printLast = useCommand('counter.printLast', { onError: (text) => toast.show('error', text) })
  const lines = useMemo(() => basket?.lines ?? [], [basket])
  const total = basket?.total ?? 0
  const empty = lines.length === 0

  // Highlight and scroll to the line that changed last: the cashier sees every tap land.
  const previous = useRef<readonly BasketLine[]>(lines)
  const [fresh, setFresh] = useState<string | null>(null)
  const listRef = useRef<HTMLUListElement>(null)
  // A layout effect: highlight and scroll land before the browser paints, so the frame that shows the
  // new quantity shows it in view (a passive effect can run after that paint, costing a frame).
  useLayoutEffect(() => {
    const id = changedLine(previous.current, lines)
    previous.current = lines
    if (id === null) return
    setFresh(id)
    // The deposit following the line first, then the line: both end up in view.
    listRef.current
      ?.querySelector<HTMLElement>(`[data-deposit-for="${id}"]`)
      ?.scrollIntoView({ block: 'nearest' })
    listRef.current?.querySelector<HTMLElement>(`[data-line="${id}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [lines])

  const showPaid = empty && Boolean(props.paid)
  // On the paid summary its own Bon key prints through the checkout; here: the last sale's, later on.
  const bon =
    !showPaid && lastReceipt && lastReceipt.print !== 'printed' ? (
      <Button
        className="bon-key"
        variant="primary"
        aria-label={t('sale.bonLabel', { no: lastReceipt.receiptNo })}
        pending={printLast.pending}
        disabled={printLast.pending}
        onClick={() =>
          void printLast.run().then((r) => {
            if (r.ok && r.value?.print === 'failed')
              toast.show(
                'error',
                r.value.printErrorKey
                  ? t('pay.printFailedWhy', {
                      reason: t(r.value.printErrorKey, { defaultValue: r.value.printErrorKey }),
                    })
                  : t('pay.printFailed'),
              )
          })
        }
      >
        {t('sale.bon')}
      </Button>
    ) : null

  return (
    <aside className="basket" aria-label={t('sale.basket')}>
      <div className="basket-head">
        <h2>{t('sale.basket')}</h2>
        <span className="item-count">{!empty && t('sale.itemCount', { count: basket?.itemCount ?? 0 })}</span>
        {bon}
        {!empty && !props.clearPending && (
          <Button
            className="basket-discount"
            variant="ghost"
            disabled={locked}
            onClick={props.onSaleDiscount}
          >
            {t('discount.title')}
          </Button>
        )}
        {props.clearPending ? (
          <Button className="basket-clear" variant="primary" onClick={props.onUndoClear}>
            {t('sale.undoClear')}
          </Button>
        ) : (
          !empty && (
            <Button className="basket-clear" variant="ghost" disabled={locked} onClick={props.onClear}>
              {t('sale.clear')}
            </Button>
          )
        )}
      </div>
      {props.cardChip}
      {empty ? (
        showPaid ? (
          <div className="paid-area">{props.paid}</div>
        ) : (
          <p className="empty">{t('sale.basketEmpty')}</p>
        )
      ) : (
        <ul
          ref={listRef}
          className={props.clearPending ? 'basket-lines is-clearing' : 'basket-lines'}
          aria-label={t('sale.lines')}
        >
          {lines.map((line) => (
            <BasketRow
              key={line.lineId}
              line={line}
              fresh={line.lineId === fresh}
              disabled={locked || props.clearPending}
              onEdit={onEditLine}
            />
          ))}
        </ul>
      )}
      {basket?.saleDiscount && (
        <p className="sale-discount">
          {t('discount.onSale', {
            reason: basket.saleDiscount.reason,
            value:
              basket.saleDiscount.kind === 'percent'
                ? `${basket.saleDiscount.value} %`
                : money(basket.saleDiscount.value),
          })}
          <span className="money">−{money(basket.saleDiscount.amount)}</span>
        </p>
      )}
      <div className="total">
        <span>{t('sale.total')}</span>
        <output aria-label={t('sale.total')}>{money(total)}</output>
      </div>

      <div className="pay-buttons">
        <Button
          className="pay pay-cash"
          variant="ok"
          size="lg"
          disabled={locked || empty}
          onClick={onPayCash}
        >
          {t('sale.payCash')}
        </Button>
        <Button className="pay" variant="card" size="lg" disabled={locked || empty} onClick={onPayCard}>
          {t('sale.payCard')}
        </Button>
        <Button className="pay" variant="loyalty" size="lg" disabled={locked} onClick={onLoyalty}>
          {t('sale.payLoyalty')}
        </Button>
      </div>
    </aside>
  )
}
