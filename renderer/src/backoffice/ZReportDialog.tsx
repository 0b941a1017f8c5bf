// Z report (day's closing) in three steps: count the drawer per coin and note (+/− or the keypad, live
// counted total against the expected cash and the difference), confirm (it closes the period for good),
// then the printed report. Main refuses it while a sale is unfinished and says so.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CashSummaryView } from '../../../common/journal'
import type { CommandOutput } from '../../../common/ipc/contract'
import { isCoin } from '../../../common/cash'
import { Button, Dialog, Keypad, Alert, MoneyText, useFormatMoney, useCommand } from '../ui'
import { COUNTING_ORDER, countedDenominations, countedTotal, setCount, type Counts } from './counting'
import { ManagerPin, PIN_PATTERN } from './ManagerPin'
import { ReportPrint } from './ReportView'
import { useErrorText } from './errors'
import { useActiveSeller } from './use-seller'
import { usePos } from '../platform/api'

type Step = 'count' | 'confirm' | 'done'

export function useDenominationLabel(): (value: number) => string {
  const { t } = useTranslation()
  return (value) =>
    value >= 100 ? t('backoffice.z.euro', { n: value / 100 }) : t('backoffice.z.cent', { n: value })
}

export function ZReportDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation()
  const pos = usePos()
  const errorText = useErrorText()
  const { needsManagerPin } = useActiveSeller()
  const [step, setStep] = useState<Step>('count')
  const [counts, setCounts] = useState<Counts>({})
  const [selected, setSelected] = useState<number | null>(null)
  const [typed, setTyped] = useState('')
  const [summary, setSummary] = useState<CashSummaryView | null>(null)
  const [pin, setPin] = useState('')
  const [printed, setPrinted] = useState<CommandOutput<'report.z'> | null>(null)
  const z = useCommand('report.z')
  const denominationLabel = useDenominationLabel()

  useEffect(() => {
    let live = true
    void pos.invoke('cash.summary').then((result) => live && result.ok && setSummary(result.value))
    return () => {
      live = false
    }
  }, [pos])

  const counted = countedTotal(counts)
  const difference = summary ? counted - summary.expected : null

  const select = (value: number) => {
    setSelected(value)
    setTyped('')
  }
  const change = (value: number, count: number) => setCounts((current) => setCount(current, value, count))
  const onTyped = (next: string) => {
    if (selected === null) return
    setTyped(next)
    change(selected, Number(next || '0'))
  }

  const execute = async () => {
    const result = await z.run({
      denominations: countedDenominations(counts),
      ...(needsManagerPin ? { managerPin: pin } : {}),
    })
    if (result.ok) {
      setPrinted(result.value)
      setStep('done')
    } else if (needsManagerPin) setPin('')
  }

  if (step === 'done' && printed) {
    const report = printed.report
    return (
      <Dialog
        title={t('backoffice.z.doneTitle', { no: report.zNumber ?? '' })}
        className="bo-dialog bo-report"
        footer={
          <Button size="lg" variant="primary" onClick={onClose}>
            {t('backoffice.done')}
          </Button>
        }
      >
        <div className="bo-dialog-columns">
          <div>
            <Totals
              counted={report.counted?.total ?? counted}
              expected={report.cash.expected}
              difference={report.difference ?? null}
            />
          </div>
          <ReportPrint
            printed={printed}
            label={t('backoffice.z.receiptLabel', { no: report.zNumber ?? '' })}
          />
        </div>
      </Dialog>
    )
  }

  if (step === 'confirm') {
    return (
      <Dialog
        title={t('backoffice.z.confirmTitle')}
        role="alertdialog"
        className="bo-dialog bo-z-confirm"
        onClose={z.pending ? undefined : () => setStep('count')}
        footer={
          <>
            <Button size="lg" onClick={() => setStep('count')} disabled={z.pending}>
              {t('backoffice.z.back')}
            </Button>
            <Button
              size="lg"
              variant="danger"
              onClick={() => void execute()}
              disabled={z.pending || (needsManagerPin && !PIN_PATTERN.test(pin))}
              pending={z.pending}
            >
              {z.pending ? t('backoffice.z.running') : t('backoffice.z.execute')}
            </Button>
          </>
        }
      >
        <div className="bo-dialog-columns">
          <div>
            <Totals counted={counted} expected={summary?.expected ?? null} difference={difference} />
            <p className="bo-hint">{t('backoffice.z.irreversible')}</p>
            {z.pending && (
              <p role="status" className="bo-progress" aria-busy="true">
                {t('backoffice.z.running')}
              </p>
            )}
            {z.errorDetail && (
              <Alert>
                {errorText(z.errorDetail)} {t('backoffice.z.next')}
              </Alert>
            )}
          </div>
          {needsManagerPin && <ManagerPin value={pin} onChange={setPin} disabled={z.pending} />}
        </div>
      </Dialog>
    )
  }

  return (
    <Dialog
      title={t('backoffice.z.countTitle')}
      className="bo-dialog bo-counting"
      onClose={onClose}
      footer={
        <>
          <Button size="lg" onClick={onClose}>
            {t('backoffice.cancel')}
          </Button>
          <Button size="lg" onClick={() => setCounts({})} disabled={counted === 0}>
            {t('backoffice.z.reset')}
          </Button>
          <Button size="lg" variant="primary" onClick={() => setStep('confirm')} disabled={!summary}>
            {t('backoffice.z.continue')}
          </Button>
        </>
      }
    >
      <div className="bo-counting-layout">
        <CountColumn
          legend={t('backoffice.z.notes')}
          values={COUNTING_ORDER.filter((v) => !isCoin(v))}
          counts={counts}
          selected={selected}
          onSelect={select}
          onChange={change}
        />
        <CountColumn
          legend={t('backoffice.z.coins')}
          values={COUNTING_ORDER.filter((v) => isCoin(v))}
          counts={counts}
          selected={selected}
          onSelect={select}
          onChange={change}
        />
        <div className="bo-counting-side">
          <Totals counted={counted} expected={summary?.expected ?? null} difference={difference} />
          <Keypad
            value={typed}
            onChange={onTyped}
            label={t('backoffice.z.countPad')}
            maxLength={5}
            showDoubleZero={false}
            disabled={selected === null}
          />
          <p className="bo-hint">
            {selected === null
              ? t('backoffice.z.pickRow')
              : t('backoffice.z.typing', { what: denominationLabel(selected) })}
          </p>
        </div>
      </div>
    </Dialog>
  )
}

function CountColumn({
  legend,
  values,
  counts,
  selected,
  onSelect,
  onChange,
}: {
  legend: string
  values: number[]
  counts: Counts
  selected: number | null
  onSelect(value: number): void
  onChange(value: number, count: number): void
}) {
  const { t } = useTranslation()
  const label = useDenominationLabel()
  return (
    <fieldset className="bo-count-column">
      <legend>{legend}</legend>
      {values.map((value) => {
        const name = label(value)
        const count = counts[value] ?? 0
        return (
          <div
            key={value}
            className={`bo-count-row ${selected === value ? 'is-selected' : ''}`}
            role="group"
            aria-label={name}
          >
            <span className="bo-count-label" aria-hidden="true">
              {name}
            </span>
            <Button
              aria-label={t('backoffice.z.less', { what: name })}
              onClick={() => onChange(value, count - 1)}
              disabled={count === 0}
            >
              −
            </Button>
            <Button
              className="bo-count-value"
              aria-label={t('backoffice.z.count', { what: name, count })}
              aria-pressed={selected === value}
              onClick={() => onSelect(value)}
            >
              {count}
            </Button>
            <Button
              aria-label={t('backoffice.z.more', { what: name })}
              onClick={() => onChange(value, count + 1)}
            >
              +
            </Button>
            <MoneyText cents={value * count} className="bo-count-amount" />
          </div>
        )
      })}
    </fieldset>
  )
}

function Totals({
  counted,
  expected,
  difference,
}: {
  counted: number
  expected: number | null
  difference: number | null
}) {
  const { t } = useTranslation()
  const format = useFormatMoney()
  const tone =
    difference === null ? '' : difference === 0 ? 'is-even' : difference > 0 ? 'is-over' : 'is-short'
  return (
    <dl className="bo-totals" aria-label={t('backoffice.z.totals')}>
      <div>
        <dt>{t('backoffice.z.counted')}</dt>
        <dd data-testid="z-counted">{format(counted)}</dd>
      </div>
      <div>
        <dt>{t('backoffice.z.expected')}</dt>
        <dd data-testid="z-expected">{expected === null ? '…' : format(expected)}</dd>
      </div>
      <div className={`bo-difference ${tone}`}>
        <dt>{t('backoffice.z.difference')}</dt>
        <dd data-testid="z-difference">
          {difference === null ? '…' : `${difference > 0 ? '+' : ''}${format(difference)}`}
          {difference !== null && (
            <span className="bo-difference-word">
              {' '}
              (
              {difference === 0
                ? t('backoffice.z.even')
                : difference > 0
                  ? t('backoffice.z.over')
                  : t('backoffice.z.short')}
              )
            </span>
          )}
        </dd>
      </div>
    </dl>
  )
}
