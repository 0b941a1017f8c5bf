// The paid sale, shown where the basket lines were: receipt number, total, payments, given, the change
// in large type, the VAT per rate, drawer and printer problems. Not modal: the next product tap starts
// the next sale (main closes this sale then).
import { useTranslation } from 'react-i18next'
import type { CheckoutResult } from '../../../common/checkout'
import { Alert, Button, useCommand, useFormatMoney, useToast } from '../ui'

export function PaidSummary({ result, actions }: { result: CheckoutResult; actions: readonly string[] }) {
  const { t } = useTranslation()
  const money = useFormatMoney()
  const toast = useToast()
  const receipt = useCommand('checkout.receipt', { onError: (text) => toast.show('error', text) })
  const vat = result.receipt.vat
  return (
    <section className="paid-summary" aria-label={t('pay.paidTitle')} role="region">
      <h3 className="paid-title">
        {t('pay.paidTitle')}{' '}
        <span className="receipt-no">{t('pay.receiptNo', { no: result.receiptNo })}</span>
      </h3>
      <dl className="sum-table">
        <div>
          <dt>{t('pay.total')}</dt>
          <dd className="money">{money(result.total)}</dd>
        </div>
        {result.payments.map((p, i) => (
          <div key={i}>
            <dt>{t(`pay.kind.${p.kind}`)}</dt>
            <dd className="money">{money(p.amount)}</dd>
          </div>
        ))}
        {/* A pay-out (returned deposits) hands nothing over. */}
        {result.tendered !== null && result.tendered >= 0 && (
          <div>
            <dt>{t('pay.given')}</dt>
            <dd className="money">{money(result.tendered)}</dd>
          </div>
        )}
      </dl>
      <p className="change-big">
        <span>{t('pay.change')}</span>
        <output className="money" aria-label={t('pay.change')}>
          {money(result.change)}
        </output>
      </p>
      {result.card && result.card.valid && (
        <p className="card-line">
          {t('pay.cardAfter', {
            balance: money(result.card.cashBalance),
            bonus: money(result.card.bonusBalance),
          })}
        </p>
      )}
      {result.drawer === 'failed' && <Alert>{t('pay.drawerFailed')}</Alert>}
      {result.print === 'failed' && (
        <Alert>
          {result.printErrorKey === 'device.printer.maybePartial'
            ? t('pay.printMaybePartial')
            : result.printErrorKey
              ? t('pay.printFailedWhy', {
                  reason: t(result.printErrorKey, { defaultValue: result.printErrorKey }),
                })
              : t('pay.printFailed')}
        </Alert>
      )}
      {!actions.includes('reprint') && result.print !== 'printed' && (
        <Button
          className="bon-key"
          variant="primary"
          size="lg"
          aria-label={t('sale.bonLabel', { no: result.receiptNo })}
          disabled={receipt.pending || result.print === 'failed'}
          pending={receipt.pending}
          onClick={() => void receipt.run({ print: true })}
        >
          {t('sale.bon')}
        </Button>
      )}
      {actions.includes('reprint') && (
        <div className="paid-actions">
          <Button size="lg" disabled={receipt.pending} onClick={() => void receipt.run({ print: false })}>
            {t('pay.action.printLater')}
          </Button>
          <Button
            variant="primary"
            size="lg"
            disabled={receipt.pending}
            pending={receipt.pending}
            onClick={() => void receipt.run({ print: true })}
          >
            {t('pay.action.reprint')}
          </Button>
        </div>
      )}
      {vat.length > 0 && (
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
            {vat.map((row) => (
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
      <p className="hint">{t('pay.nextHint')}</p>
    </section>
  )
}
