// X report: the running period's totals at any time, changing nothing. Shown on screen first; printed on
// request.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandOutput } from '../../../common/ipc/contract'
import { Button, Dialog, Alert, useCommand } from '../ui'
import { ReportPrint } from './ReportView'
import { useErrorText } from './errors'

type Printed = CommandOutput<'report.x'>

export function XReportDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const report = useCommand('report.x')
  const [shown, setShown] = useState<Printed | null>(null)
  const { run } = report

  useEffect(() => {
    void run({ print: false }).then((result) => result.ok && setShown(result.value))
  }, [run])

  const print = async () => {
    const result = await report.run({ print: true })
    if (result.ok) setShown(result.value)
  }

  return (
    <Dialog
      title={t('backoffice.report.xTitle')}
      className="bo-dialog bo-report"
      onClose={onClose}
      footer={
        <>
          <Button size="lg" onClick={onClose}>
            {t('backoffice.close')}
          </Button>
          <Button
            size="lg"
            variant="primary"
            onClick={() => void print()}
            disabled={report.pending || !shown}
            pending={report.pending}
          >
            {t('backoffice.report.print')}
          </Button>
        </>
      }
    >
      {report.pending && !shown && (
        <p role="status" className="bo-progress" aria-busy="true">
          {t('backoffice.loading')}
        </p>
      )}
      {report.errorDetail && (
        <Alert>
          {errorText(report.errorDetail)}{' '}
          <Button onClick={() => void run({ print: false }).then((r) => r.ok && setShown(r.value))}>
            {t('backoffice.retry')}
          </Button>
        </Alert>
      )}
      {shown && (
        <ReportPrint
          key={`${shown.receiptId}-${shown.print}`}
          printed={shown}
          label={t('backoffice.report.xTitle')}
        />
      )}
    </Dialog>
  )
}
