// The VAT per rate of the open basket as main computed it (net, tax, gross): shows the cashier what the
// Im Haus / Außer Haus switch and a combo's split did to the rates.
import { useTranslation } from 'react-i18next'
import type { VatBreakdownRow } from '../../../common/basket'
import { useFormatMoney } from '../ui'

export function VatTable({ rows, label }: { rows: readonly VatBreakdownRow[]; label: string }) {
  const { t } = useTranslation()
  const money = useFormatMoney()
  if (rows.length === 0) return null
  return (
    <table className="vat-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('sale.vatRate')}</th>
          <th scope="col">{t('sale.net')}</th>
          <th scope="col">{t('sale.vat')}</th>
          <th scope="col">{t('sale.gross')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.rate}>
            <th scope="row">{row.rate} %</th>
            <td>{money(row.net)}</td>
            <td>{money(row.vat)}</td>
            <td>{money(row.gross)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
