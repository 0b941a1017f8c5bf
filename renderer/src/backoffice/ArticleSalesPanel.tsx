// Sales per article for one day, with the pieces per hour: the baking plan for tomorrow. Main sums the
// journal (stornos and returns subtract) and writes the CSV; this panel shows it and saves the file.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleSalesReport } from '../../../common/counter'
import { Alert, Button, useCommand, useFormatMoney, useLiveState, usePos } from '../ui'
import { useErrorText } from './errors'
import type { AppError } from '../../../common/result'

/** "YYYY-MM-DD" of the day `offset` days from `date`. */
export function shiftDate(date: string, offset: number): string {
  const d = new Date(`${date}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + offset)
  return d.toISOString().slice(0, 10)
}

export function ArticleSalesPanel() {
  const { t } = useTranslation()
  const money = useFormatMoney()
  const pos = usePos()
  const errorText = useErrorText()
  const [date, setDate] = useState<string | undefined>(undefined)
  const [report, setReport] = useState<ArticleSalesReport | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [favourites] = useLiveState('counter.favourites', 'counter.favouritesChanged')
  const [names, setNames] = useState<Map<string, string>>(new Map())
  const setFavourites = useCommand('counter.setFavourites')
  const own = favourites?.source === 'backoffice' ? favourites.productIds : []
  const toggle = (productId: string) =>
    void setFavourites.run({
      productIds: own.includes(productId) ? own.filter((id) => id !== productId) : [...own, productId],
    })
  useEffect(() => {
    let live = true
    void pos.invoke('catalog.get').then((r) => {
      if (live && r.ok) setNames(new Map(r.value.products.map((p) => [p.id, p.name])))
    })
    return () => {
      live = false
    }
  }, [pos])
  useEffect(() => {
    let live = true
    void pos.invoke('report.articleSales', date ? { date } : {}).then((r) => {
      if (!live) return
      if (r.ok) {
        setReport(r.value)
        setError(null)
      } else setError(r.error)
    })
    return () => {
      live = false
    }
  }, [pos, date])

  const download = () => {
    if (!report) return
    // A BOM so spreadsheet programs read the umlauts as UTF-8.
    const blob = new Blob(['\ufeff', report.csv], { type: 'text/csv;charset=utf-8' })
    const url = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = url
    a.download = `artikel-${report.date}.csv`
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }

  return (
    <section className="bo-panel bo-articles" aria-label={t('backoffice.articles.title')}>
      <div className="bo-toolbar">
        <Button onClick={() => report && setDate(shiftDate(report.date, -1))}>
          {t('backoffice.articles.prev')}
        </Button>
        <strong className="bo-articles-date">{report?.date ?? '…'}</strong>
        <Button onClick={() => report && setDate(shiftDate(report.date, 1))}>
          {t('backoffice.articles.next')}
        </Button>
        <Button variant="primary" disabled={!report || report.rows.length === 0} onClick={download}>
          {t('backoffice.articles.csv')}
        </Button>
      </div>
      {error && <Alert>{errorText(error)}</Alert>}
      <div className="bo-favourites" role="group" aria-label={t('backoffice.articles.favourites')}>
        <strong>{t('backoffice.articles.favourites')}:</strong>{' '}
        {favourites?.source === 'backoffice' ? (
          <>
            {own.map((id) => (
              <Button
                key={id}
                aria-label={t('backoffice.articles.removeFavourite', { name: names.get(id) ?? id })}
                onClick={() => toggle(id)}
              >
                {names.get(id) ?? id} ✕
              </Button>
            ))}
            <Button variant="ghost" onClick={() => void setFavourites.run({ productIds: [] })}>
              {t('backoffice.articles.automatic')}
            </Button>
          </>
        ) : favourites?.source === 'headoffice' ? (
          <span>{t('backoffice.articles.headOffice')}</span>
        ) : (
          <span>{t('backoffice.articles.auto')}</span>
        )}
        {setFavourites.errorDetail && <Alert>{errorText(setFavourites.errorDetail)}</Alert>}
      </div>
      {report && report.rows.length === 0 && <p>{t('backoffice.articles.empty')}</p>}
      {report && report.rows.length > 0 && (
        <table className="bo-table" aria-label={t('backoffice.articles.title')}>
          <thead>
            <tr>
              <th scope="col">{t('backoffice.articles.article')}</th>
              <th scope="col">{t('backoffice.articles.quantity')}</th>
              <th scope="col">{t('backoffice.articles.turnover')}</th>
              <th scope="col">{t('backoffice.articles.hours')}</th>
              <th scope="col">{t('backoffice.articles.favourite')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.productId}>
                <th scope="row">{r.name}</th>
                <td>{r.quantity}</td>
                <td className="money">{money(r.total)}</td>
                <td>
                  {r.byHour
                    .map((q, h) => (q === 0 ? null : t('backoffice.articles.hour', { hour: h, count: q })))
                    .filter(Boolean)
                    .join(' · ')}
                </td>
                <td>
                  <Button
                    aria-pressed={own.includes(r.productId)}
                    aria-label={t('backoffice.articles.favouriteOf', { name: r.name })}
                    disabled={setFavourites.pending}
                    onClick={() => toggle(r.productId)}
                  >
                    {own.includes(r.productId) ? '★' : '☆'}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
