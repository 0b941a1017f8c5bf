// Partial storno ("Positionen zurücknehmen"): the manager picks lines and how many of each go back.
// Main says what each line can still be returned and computes every amount; the dialog shows the
// cash to pay out and the STORNO receipt only from main's result.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SaleDetailView, StornoResultView } from '../../../common/journal'
import { usePos } from '../platform/api'
import { Alert, Button, Dialog, MoneyText, useCommand } from '../ui'
import { ManagerPin, PIN_PATTERN } from './ManagerPin'
import { ReasonPicker } from './ReasonPicker'
import { ReceiptPreview } from './ReceiptPreview'
import { useErrorText } from './errors'
import { useActiveSeller } from './use-seller'

const REASON_KEYS = ['backoffice.partial.reasons.returned', 'backoffice.partial.reasons.wrongItem']

interface Returnable {
  lineNo: number
  name: string
  sold: number
  returned: number
  wholeOnly: boolean
}

export function ReturnDialog({
  sale,
  title,
  onClose,
  onDone,
}: {
  sale: SaleDetailView
  title: string
  onClose(): void
  onDone(stornoSaleId: number): void
}) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const { needsManagerPin } = useActiveSeller()
  const [lines, setLines] = useState<Returnable[] | null>(null)
  const [refusedKey, setRefusedKey] = useState<string | null>(null)
  const [picked, setPicked] = useState<Record<number, number>>({})
  const [reason, setReason] = useState('')
  const [pin, setPin] = useState('')
  const [result, setResult] = useState<StornoResultView | null>(null)
  const partial = useCommand('storno.partial')
  const pos = usePos()

  useEffect(() => {
    let live = true
    void pos.invoke('storno.returnable', { saleId: sale.saleId }).then((r) => {
      if (!live || !r.ok) return
      setLines(r.value.lines)
      setRefusedKey(r.value.refusedKey)
    })
    return () => {
      live = false
    }
  }, [pos, sale.saleId])

  const chosen = Object.entries(picked)
    .map(([lineNo, quantity]) => ({ lineNo: Number(lineNo), quantity }))
    .filter((l) => l.quantity > 0)
  const pinOk = !needsManagerPin || PIN_PATTERN.test(pin)
  const ready = chosen.length > 0 && reason.trim().length > 0 && pinOk && refusedKey === null

  const step = (line: Returnable, delta: number) => {
    const left = line.sold - line.returned
    setPicked((p) => {
      const now = p[line.lineNo] ?? 0
      const next = line.wholeOnly ? (delta > 0 ? left : 0) : Math.max(0, Math.min(left, now + delta))
      return { ...p, [line.lineNo]: next }
    })
  }

  const execute = async () => {
    const outcome = await partial.run({
      saleId: sale.saleId,
      lines: chosen,
      reason: reason.trim(),
      ...(needsManagerPin ? { managerPin: pin } : {}),
    })
    if (outcome.ok) setResult(outcome.value)
    else if (needsManagerPin) setPin('')
  }

  if (result) {
    return (
      <Dialog
        title={t('backoffice.storno.doneTitle', { no: result.receiptNo })}
        className="bo-dialog bo-storno"
        footer={
          <Button size="lg" variant="primary" onClick={() => onDone(result.stornoSaleId)}>
            {t('backoffice.done')}
          </Button>
        }
      >
        <div className="bo-dialog-columns">
          <div>
            <p className="bo-big">
              {t('backoffice.storno.payOut')} <MoneyText cents={result.cashRefund} />
            </p>
            <p>{t(`backoffice.storno.drawer.${result.drawer}`)}</p>
            {result.print === 'failed' && <Alert>{t('backoffice.storno.printFailed')}</Alert>}
            {result.print === 'printed' && <p>{t('backoffice.storno.printed')}</p>}
          </div>
          <ReceiptPreview
            document={result.receipt}
            label={t('backoffice.storno.receiptLabel', { no: result.receiptNo })}
          />
        </div>
      </Dialog>
    )
  }

  return (
    <Dialog
      title={t('backoffice.partial.title', { title })}
      role="alertdialog"
      className="bo-dialog bo-storno"
      onClose={partial.pending ? undefined : onClose}
      footer={
        <>
          <Button size="lg" onClick={onClose} disabled={partial.pending}>
            {t('backoffice.cancel')}
          </Button>
          <Button
            size="lg"
            variant="danger"
            onClick={() => void execute()}
            disabled={!ready || partial.pending}
            pending={partial.pending}
          >
            {t('backoffice.partial.confirm')}
          </Button>
        </>
      }
    >
      <div className="bo-dialog-columns">
        <div className="bo-storno-main">
          {refusedKey && <Alert>{errorText({ messageKey: refusedKey })}</Alert>}
          <ul className="bo-return-lines" aria-label={t('backoffice.partial.lines')}>
            {(lines ?? []).map((line) => {
              const left = line.sold - line.returned
              const n = picked[line.lineNo] ?? 0
              return (
                <li key={line.lineNo} className="bo-return-line">
                  <span className="bo-return-name">
                    {line.name} <small>{t('backoffice.partial.left', { left, sold: line.sold })}</small>
                  </span>
                  <Button
                    size="lg"
                    aria-label={t('backoffice.partial.less', { name: line.name })}
                    onClick={() => step(line, -1)}
                    disabled={n === 0 || partial.pending}
                  >
                    −
                  </Button>
                  <output aria-label={t('backoffice.partial.count', { name: line.name })}>{n}</output>
                  <Button
                    size="lg"
                    aria-label={t('backoffice.partial.more', { name: line.name })}
                    onClick={() => step(line, 1)}
                    disabled={n >= left || refusedKey !== null || partial.pending}
                  >
                    +
                  </Button>
                </li>
              )
            })}
          </ul>
          <ReasonPicker
            legend={t('backoffice.storno.reason')}
            otherLabel={t('backoffice.storno.reasonOther')}
            reasonKeys={REASON_KEYS}
            value={reason}
            onChange={setReason}
            disabled={partial.pending}
          />
          <p className="bo-hint">{t('backoffice.partial.hint')}</p>
          {partial.errorDetail && <Alert>{errorText(partial.errorDetail)}</Alert>}
        </div>
        {needsManagerPin && <ManagerPin value={pin} onChange={setPin} disabled={partial.pending} />}
      </div>
    </Dialog>
  )
}
