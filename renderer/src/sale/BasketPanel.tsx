// The basket: lines with quantity +/− and void, the total, the VAT per rate, and the payment buttons.
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { BasketLine, BasketView } from '../../../common/basket'
import { Button, useCommand, useFormatMoney, useToast } from '../ui'

export interface BasketPanelProps {
  basket: BasketView | null
  /** A payment runs or nobody is logged in: lines cannot change. */
  locked: boolean
  onPayCash: () => void
  onPayCard: () => void
  onLoyalty: () => void
}

function lineDetail(line: BasketLine, money: (c: number) => string, t: TFunction): string {
  if (line.kind === 'weight' && line.weightGrams)
    return t('sale.weightLine', {
      kg: (line.weightGrams / 1000).toLocaleString('de-DE', { minimumFractionDigits: 3 }),
      price: money(line.unitPrice),
    })
  if (line.kind === 'topup') return t('sale.topupLine')
  if (line.kind === 'price') return t('sale.priceLine')
  return `${line.quantity} × ${money(line.unitPrice)}`
}

export function BasketPanel({ basket, locked, onPayCash, onPayCard, onLoyalty }: BasketPanelProps) {
  const { t } = useTranslation()
  const money = useFormatMoney()
  const toast = useToast()
  const onError = (text: string) => toast.show('error', text)
  const setQuantity = useCommand('basket.setQuantity', { onError })
  const voidLine = useCommand('basket.voidLine', { onError })
  const clear = useCommand('basket.clear', { onError })
  const lines = basket?.lines ?? []
  const total = basket?.total ?? 0
  const empty = lines.length === 0
  return (
    <aside className="basket" aria-label={t('sale.basket')}>
      <div className="basket-head">
        <h2>{t('sale.basket')}</h2>
        {!empty && (
          <span className="item-count">{t('sale.itemCount', { count: basket?.itemCount ?? 0 })}</span>
        )}
        {!empty && (
          <Button
            className="basket-clear"
            variant="ghost"
            disabled={locked || clear.pending}
            onClick={() => void clear.run()}
          >
            {t('sale.clear')}
          </Button>
        )}
      </div>
      {empty ? (
        <p className="empty">{t('sale.basketEmpty')}</p>
      ) : (
        <ul className="basket-lines" aria-label={t('sale.lines')}>
          {lines.map((line) => (
            <li key={line.lineId} className="basket-line" aria-label={line.name}>
              <div className="line-text">
                <span className="line-name">{line.name}</span>
                <span className="line-detail">{lineDetail(line, money, t)}</span>
              </div>
              <span className="line-total money">{money(line.total)}</span>
              <div className="line-actions">
                {line.kind === 'piece' && (
                  <>
                    <Button
                      className="qty"
                      aria-label={t('sale.less', { name: line.name })}
                      disabled={locked || line.quantity <= 1}
                      onClick={() =>
                        void setQuantity.run({ lineId: line.lineId, quantity: line.quantity - 1 })
                      }
                    >
                      −
                    </Button>
                    <span className="qty-value" aria-label={t('sale.quantityOf', { name: line.name })}>
                      {line.quantity}
                    </span>
                    <Button
                      className="qty"
                      aria-label={t('sale.more', { name: line.name })}
                      disabled={locked}
                      onClick={() =>
                        void setQuantity.run({ lineId: line.lineId, quantity: line.quantity + 1 })
                      }
                    >
                      +
                    </Button>
                  </>
                )}
                <Button
                  className="void"
                  variant="danger"
                  aria-label={t('sale.void', { name: line.name })}
                  disabled={locked}
                  onClick={() => void voidLine.run({ lineId: line.lineId })}
                >
                  ✕
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {basket && basket.vat.length > 0 && (
        <table className="vat-table" aria-label={t('sale.vatTable')}>
          <thead>
            <tr>
              <th scope="col">{t('sale.vatRate')}</th>
              <th scope="col">{t('sale.net')}</th>
              <th scope="col">{t('sale.vat')}</th>
              <th scope="col">{t('sale.gross')}</th>
            </tr>
          </thead>
          <tbody>
            {basket.vat.map((row) => (
              <tr key={row.rate}>
                <th scope="row">{row.rate} %</th>
                <td>{money(row.net)}</td>
                <td>{money(row.vat)}</td>
                <td>{money(row.gross)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="total">
        <span>{t('sale.total')}</span>
        <output aria-label={t('sale.total')}>{money(total)}</output>
      </div>
      <div className="pay-buttons">
        <Button className="pay" variant="ok" size="xl" disabled={locked || empty} onClick={onPayCash}>
          {t('sale.payCash')}
        </Button>
        <Button className="pay" variant="loyalty" size="xl" disabled={locked} onClick={onLoyalty}>
          {t('sale.payLoyalty')}
        </Button>
        <Button className="pay" variant="card" size="xl" disabled={locked || empty} onClick={onPayCard}>
          {t('sale.payCard')}
        </Button>
      </div>
    </aside>
  )
}
