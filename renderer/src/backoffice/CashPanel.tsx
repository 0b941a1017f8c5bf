// Cash: what the drawer should hold (opening float, cash sales, cash in/out), the manager actions on it,
// X and Z reports, and the day's earlier closings.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CashSummaryView, PeriodReportView } from '../../../common/journal'
import type { AppError } from '../../../common/ipc/contract'
import { usePos, usePosEvent } from '../platform/api'
import { Button, Alert, MoneyText } from '../ui'
import { CashMovementDialog, type CashMovementKind } from './CashMovementDialog'
import { DrawerOpenDialog } from './DrawerOpenDialog'
import { XReportDialog } from './XReportDialog'
import { ZReportDialog } from './ZReportDialog'
import { useFormatTime } from './format'
import { useErrorText } from './errors'

type Open =
  { kind: 'movement'; movement: CashMovementKind } | { kind: 'drawer' } | { kind: 'x' } | { kind: 'z' } | null

const SUMMARY_ROWS: (keyof CashSummaryView)[] = ['openingFloat', 'cashSales', 'cashIn', 'cashOut']
/** Cash out is subtracted, so it is shown negative (the rows add up to the expected cash); 0 stays "0,00". */
const signed = (key: keyof CashSummaryView, cents: number) =>
  key === 'cashOut' && cents !== 0 ? -cents : cents

export function CashPanel() {
  const { t } = useTranslation()
  const pos = usePos()
  const errorText = useErrorText()
  const time = useFormatTime()
  const [summary, setSummary] = useState<CashSummaryView | null>(null)
  const [closings, setClosings] = useState<PeriodReportView[]>([])
  const [error, setError] = useState<AppError | null>(null)
  const [reload, setReload] = useState(0)
  const [open, setOpen] = useState<Open>(null)
  const [booked, setBooked] = useState<{
    kind: CashMovementKind
    drawer?: 'opened' | 'failed'
    drawerMessageKey?: string | null
  } | null>(null)

  useEffect(() => {
    let live = true
    void pos.invoke('cash.summary').then((result) => {
      if (!live) return
      if (result.ok) {
        setSummary(result.value)
        setError(null)
      } else setError(result.error)
    })
    void pos.invoke('report.zList').then((result) => live && result.ok && setClosings(result.value))
    return () => {
      live = false
    }
  }, [pos, reload])
  usePosEvent('journal.changed', () => setReload((n) => n + 1))

  const close = () => setOpen(null)
  const show = (next: Open) => {
    setBooked(null)
    setOpen(next)
  }
  return (
    <div className="bo-cash">
      <section className="bo-cash-summary" aria-labelledby="bo-cash-heading">
        <h2 id="bo-cash-heading">{t('backoffice.cash.heading')}</h2>
        {error && (
          <Alert>
            {errorText(error)}{' '}
            <Button onClick={() => setReload((n) => n + 1)}>{t('backoffice.retry')}</Button>
          </Alert>
        )}
        {!summary && !error && (
          <p role="status" className="bo-progress" aria-busy="true">
            {t('backoffice.loading')}
          </p>
        )}
        {summary && (
          <dl className="bo-summary">
            {SUMMARY_ROWS.map((key) => (
              <div key={key}>
                <dt>{t(`backoffice.cash.summary.${key}`)}</dt>
                <dd>
                  <MoneyText cents={signed(key, summary[key])} />
                </dd>
              </div>
            ))}
            <div className="bo-summary-total">
              <dt>{t('backoffice.cash.summary.expected')}</dt>
              <dd>
                <MoneyText cents={summary.expected} />
              </dd>
            </div>
            <div>
              <dt>{t('backoffice.cash.summary.drawerOpenings')}</dt>
              <dd>{summary.drawerOpenings}</dd>
            </div>
          </dl>
        )}
      </section>

      <section className="bo-cash-actions" aria-labelledby="bo-cash-actions-heading">
        <h2 id="bo-cash-actions-heading">{t('backoffice.cash.actions')}</h2>
        {booked && (
          <Alert kind={booked.drawer === 'failed' ? 'error' : 'success'}>
            {t('backoffice.cash.booked', { what: t(`backoffice.cash.kind.${booked.kind}`) })}{' '}
            {booked.drawer === 'opened' && t('backoffice.cash.drawerOpened')}
            {booked.drawer === 'failed' &&
              (booked.drawerMessageKey
                ? errorText({
                    messageKey: booked.drawerMessageKey,
                    message: t('backoffice.cash.drawerFailed'),
                  })
                : t('backoffice.cash.drawerFailed'))}
          </Alert>
        )}
        <div className="bo-action-grid">
          <Button size="lg" onClick={() => show({ kind: 'movement', movement: 'opening_float' })}>
            {t('backoffice.cash.kind.opening_float')}
          </Button>
          <Button size="lg" onClick={() => show({ kind: 'movement', movement: 'cash_in' })}>
            {t('backoffice.cash.kind.cash_in')}
          </Button>
          <Button size="lg" onClick={() => show({ kind: 'movement', movement: 'cash_out' })}>
            {t('backoffice.cash.kind.cash_out')}
          </Button>
          <Button size="lg" onClick={() => show({ kind: 'drawer' })}>
            {t('backoffice.drawer.title')}
          </Button>
          <Button size="lg" variant="primary" onClick={() => show({ kind: 'x' })}>
            {t('backoffice.report.xButton')}
          </Button>
          <Button size="lg" variant="danger" onClick={() => show({ kind: 'z' })}>
            {t('backoffice.z.button')}
          </Button>
        </div>
      </section>

      <section className="bo-closings" aria-labelledby="bo-closings-heading">
        <h2 id="bo-closings-heading">{t('backoffice.closings.heading')}</h2>
        {closings.length === 0 ? (
          <p className="empty">{t('backoffice.closings.none')}</p>
        ) : (
          <table className="bo-table">
            <thead>
              <tr>
                <th scope="col">{t('backoffice.closings.no')}</th>
                <th scope="col">{t('backoffice.closings.end')}</th>
                <th scope="col">{t('backoffice.closings.receipts')}</th>
                <th scope="col">{t('backoffice.closings.total')}</th>
                <th scope="col">{t('backoffice.closings.difference')}</th>
              </tr>
            </thead>
            <tbody>
              {closings.map((c) => (
                <tr key={c.zNumber ?? c.periodEnd}>
                  <td>{c.zNumber}</td>
                  <td>{time(c.periodEnd, true)}</td>
                  <td>{c.receiptCount}</td>
                  <td>
                    <MoneyText cents={c.total} />
                  </td>
                  <td>{c.difference === undefined ? '–' : <MoneyText cents={c.difference} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {open?.kind === 'movement' && (
        <CashMovementDialog
          kind={open.movement}
          onClose={close}
          onDone={(next) => {
            setSummary(next)
            setBooked({ kind: open.movement, drawer: next.drawer, drawerMessageKey: next.drawerMessageKey })
            close()
          }}
        />
      )}
      {open?.kind === 'drawer' && <DrawerOpenDialog onClose={close} />}
      {open?.kind === 'x' && <XReportDialog onClose={close} />}
      {open?.kind === 'z' && <ZReportDialog onClose={close} />}
    </div>
  )
}
