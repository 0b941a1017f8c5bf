// What an X or Z report printed (or would print): the receipt as on paper, whether it printed, and a
// second print from the journal when the printer failed.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReceiptDocument } from '../../../common/receipt/model'
import { Button, Alert, useCommand } from '../ui'
import { ReceiptPreview } from './ReceiptPreview'
import { useErrorText } from './errors'

export interface PrintedPaper {
  receiptId: number
  receipt: ReceiptDocument
  print: 'printed' | 'failed' | 'none'
  printErrorKey: string | null
}

export function ReportPrint({ printed, label }: { printed: PrintedPaper; label: string }) {
  const { receiptId, receipt, print, printErrorKey } = printed
  const { t } = useTranslation()
  const errorText = useErrorText()
  const reprint = useCommand('receipt.reprint')
  const [reprinted, setReprinted] = useState<'printed' | 'failed' | null>(null)
  const status = reprinted ?? print
  return (
    <div className="bo-report-print">
      <ReceiptPreview document={receipt} label={label} />
      {status === 'printed' && <Alert kind="success">{t('backoffice.report.printed')}</Alert>}
      {status === 'failed' && (
        <Alert>
          {printErrorKey && reprinted === null
            ? t([printErrorKey, `backoffice.${printErrorKey}`], {
                defaultValue: t('backoffice.report.printFailed'),
              })
            : t('backoffice.report.printFailed')}{' '}
          {t('backoffice.report.savedAnyway')}
        </Alert>
      )}
      {reprint.errorDetail && <Alert>{errorText(reprint.errorDetail)}</Alert>}
      {status === 'failed' && (
        <Button
          size="lg"
          onClick={async () => {
            const result = await reprint.run({ receiptId })
            if (result.ok) setReprinted(result.value.print)
          }}
          disabled={reprint.pending}
          pending={reprint.pending}
        >
          {t('backoffice.report.printAgain')}
        </Button>
      )}
    </div>
  )
}
