// Catalogue: what the import at start read, kept and left out — each problem with its row number and
// reason — so a shop owner sees a bad CSV row here instead of only in the log.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImportProblem, ImportReport } from '../../../common/catalog'
import type { AppError } from '../../../common/ipc/contract'
import { usePos } from '../platform/api'
import { Alert } from '../ui'
import { useErrorText } from './errors'

/** The import report, loaded once (it changes only with a restart). */
export function useCatalogueReport(): { report: ImportReport | null; error: AppError | null } {
  const pos = usePos()
  const [report, setReport] = useState<ImportReport | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  useEffect(() => {
    let live = true
    void pos.invoke('catalog.report').then((result) => {
      if (!live) return
      if (result.ok) setReport(result.value)
      else setError(result.error)
    })
    return () => {
      live = false
    }
  }, [pos])
  return { report, error }
}

export function CataloguePanel({ report, error }: { report: ImportReport | null; error: AppError | null }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  if (error) return <Alert>{errorText(error)}</Alert>
  if (!report) return <p className="bo-hint">{t('backoffice.loading')}</p>
  const reason = (p: ImportProblem) => {
    const key = p.messageKey.replace(/^catalog\.import\./, '')
    const text = t(`catalogReport.reasons.${key}`, { defaultValue: '' })
    // The English detail (which value, which column) follows the translated reason.
    return text ? `${text} — ${p.problem}` : p.problem
  }
  return (
    <section className="bo-catalogue" aria-labelledby="bo-catalogue-heading">
      <h2 id="bo-catalogue-heading">{t('catalogReport.heading')}</h2>
      <p>
        {report.format === 'builtin'
          ? t('catalogReport.builtin')
          : t('catalogReport.source', { source: report.source })}
      </p>
      <p>
        {t('catalogReport.summary', {
          products: report.productsImported,
          categories: report.categoriesImported,
          rows: report.rowsRead,
        })}
      </p>
      {report.problems.length === 0 ? (
        <p className="bo-note">{t('catalogReport.allGood')}</p>
      ) : (
        <>
          <Alert kind="info">
            {t('catalogReport.problemsHeading', { count: report.problems.length })}. {t('catalogReport.fix')}
          </Alert>
          <table className="bo-table" aria-label={t('catalogReport.heading')}>
            <thead>
              <tr>
                <th scope="col">{t('catalogReport.row')}</th>
                <th scope="col">{t('catalogReport.field')}</th>
                <th scope="col">{t('catalogReport.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p, i) => (
                <tr key={`${p.row}-${p.field}-${i}`}>
                  <td>{p.row > 0 ? p.row : t('catalogReport.fileRow')}</td>
                  <td>{p.field}</td>
                  <td>{reason(p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
