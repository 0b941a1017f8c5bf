// Partial storno ("Positionen zurücknehmen"): the manager picks lines and how many of each go back.
// Main says what each line can still be returned and computes every amount; the dialog shows the
// cash to pay out and the STORNO receipt only from main's result.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReturnableLineView } from '../../../common/journal'
import { usePos } from '../platform/api'
import { Alert, Button, MoneyText } from '../ui'
import {
  StornoDone,
  StornoFrame,
  StornoPin,
  StornoReason,
  useStornoCommand,
  type StornoDialogProps,
} from './StornoParts'
import { useErrorText } from './errors'

const REASON_KEYS = ['backoffice.partial.reasons.returned', 'backoffice.partial.reasons.wrongItem']

type Returnable = ReturnableLineView

/** Pieces of a line that can still go back (a returned-deposit line, negative, has none). */
const leftOf = (line: Returnable) => Math.max(0, line.sold - line.returned)

export function ReturnDialog({ sale, title, onClose, onDone }: StornoDialogProps) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const run = useStornoCommand('storno.partial')
  const partial = run.command
  const [lines, setLines] = useState<Returnable[] | null>(null)
  const [refusedKey, setRefusedKey] = useState<string | null>(null)
  const [picked, setPicked] = useState<Record<number, number>>({})
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
  // What these lines pay back, as main computes it (deposits that follow, discounted shares).
  const chosenKey = JSON.stringify(chosen)
  const [quote, setQuote] = useState<{ key: string; total: number } | null>(null)
  useEffect(() => {
    if (chosenKey === '[]') return
    let live = true
    void pos
      .invoke('storno.returnQuote', { saleId: sale.saleId, lines: JSON.parse(chosenKey) as typeof chosen })
      .then((r) => {
        if (live && r.ok) setQuote({ key: chosenKey, total: r.value.total })
      })
    return () => {
      live = false
    }
  }, [pos, sale.saleId, chosenKey])
  const refund = chosen.length > 0 && quote?.key === chosenKey ? quote.total : null
  const ready = chosen.length > 0 && run.filledIn && refusedKey === null

  /** A bottle's deposit follows the bottles picked, as far as the empties picked leave some (as main does). */
  const following = (line: Returnable): { count: number; name: string } | null => {
    if (!line.deposit || line.depositFor == null) return null
    const bottle = lines?.find((l) => l.lineNo === line.depositFor)
    if (!bottle) return null
    const count = Math.min(picked[bottle.lineNo] ?? 0, leftOf(line) - (picked[line.lineNo] ?? 0))
    return count > 0 ? { count, name: bottle.name } : null
  }

  const step = (line: Returnable, delta: number) => {
    const left = leftOf(line)
    setPicked((p) => {
      const now = p[line.lineNo] ?? 0
      const next = line.wholeOnly ? (delta > 0 ? left : 0) : Math.max(0, Math.min(left, now + delta))
      return { ...p, [line.lineNo]: next }
    })
  }

  const execute = () => run.run({ saleId: sale.saleId, lines: chosen })

  if (run.result) return <StornoDone result={run.result} onDone={onDone} texts="partial" />

  return (
    <StornoFrame
      title={t('backoffice.partial.title', { title })}
      pending={partial.pending}
      ready={ready}
      confirmLabel={t('backoffice.partial.confirm')}
      onClose={onClose}
      onConfirm={() => void execute()}
    >
      <div className="bo-storno-main">
        {refusedKey && <Alert>{errorText({ messageKey: refusedKey })}</Alert>}
        <ul className="bo-return-lines" aria-label={t('backoffice.partial.lines')}>
          {(lines ?? []).map((line) => {
            const left = leftOf(line)
            const n = picked[line.lineNo] ?? 0
            const withBottle = following(line)
            return (
              <li
                key={line.lineNo}
                className={line.depositFor != null ? 'bo-return-line is-deposit' : 'bo-return-line'}
              >
                <span className="bo-return-name">
                  {line.name} <small>{t('backoffice.partial.left', { left, sold: line.sold })}</small>
                  {withBottle && (
                    <small className="bo-return-follows">
                      {' '}
                      {t('backoffice.partial.withBottle', withBottle)}
                    </small>
                  )}
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
        {refund !== null && (
          <p className="bo-big" role="status">
            {t('backoffice.storno.payOut')} <MoneyText cents={refund} />
          </p>
        )}
        <StornoReason run={run} reasonKeys={REASON_KEYS} />
        <p className="bo-hint">{t('backoffice.partial.hint')}</p>
        {partial.errorDetail && <Alert>{errorText(partial.errorDetail)}</Alert>}
      </div>
      <StornoPin run={run} />
    </StornoFrame>
  )
}
