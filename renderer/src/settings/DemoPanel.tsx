// The demo panel (demo mode only): feed the virtual scanner a product EAN or a demo card, read the
// virtual printer's paper, see and close the virtual drawer, and switch device and API faults on and off.
// Everything goes through main (demo.*), so the sale screen reacts exactly as to real hardware.
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Catalogue } from '../../../common/catalog'
import type { DemoFault } from '../../../common/ipc/settings-contract'
import type { ScanOutcome } from '../../../common/ipc/contract'
import { demoFault } from '../../../common/ipc/settings-contract'
import { useErrorText } from '../backoffice'
import { Alert, Button, useCommand, useEvent, useLiveState, usePos } from '../ui'
import { useFormatTime } from '../backoffice/format'
import './settings.css'

/** The simulator's demo cards (docs/secuconnect.md). */
export const DEMO_CARDS = [
  { number: '9276004429942845', key: 'settings.demo.cards.gift' },
  { number: '9276004424644352', key: 'settings.demo.cards.regular' },
  { number: '9276004400000018', key: 'settings.demo.cards.locked' },
  { number: '9276004400000026', key: 'settings.demo.cards.pin' },
] as const

const QUICK_PRODUCTS = 6
const FAULTS = demoFault.options

export function DemoPanel() {
  const { t } = useTranslation()
  const pos = usePos()
  const errorText = useErrorText()
  const [view, setView] = useLiveState('demo.view', 'demo.changed')
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null)
  const [code, setCode] = useState('')
  const [lastScan, setLastScan] = useState<ScanOutcome | null>(null)
  const scan = useCommand('demo.scan')
  const fault = useCommand('demo.fault')
  const closeDrawer = useCommand('demo.closeDrawer')
  const time = useFormatTime()

  useEffect(() => {
    let live = true
    void pos.invoke('catalog.get').then((result) => live && result.ok && setCatalogue(result.value))
    return () => {
      live = false
    }
  }, [pos])
  useEvent('scan.result', setLastScan)

  const quick = useMemo(
    () => (catalogue?.products ?? []).filter((p) => p.ean && p.kind !== 'topup').slice(0, QUICK_PRODUCTS),
    [catalogue],
  )

  const feed = async (value: string) => {
    setLastScan(null)
    const result = await scan.run({ code: value })
    if (result.ok) setView(result.value)
  }
  const toggle = async (name: DemoFault, on: boolean) => {
    const result = await fault.run({ fault: name, on })
    if (result.ok) setView(result.value)
  }

  return (
    <main className="demo-panel screen-page" aria-labelledby="demo-heading">
      <h1 id="demo-heading" className="visually-hidden">
        {t('settings.demo.heading')}
      </h1>
      <section className="st-demo-scan" aria-labelledby="demo-scan-heading">
        <h2 id="demo-scan-heading">{t('settings.demo.scan')}</h2>
        <form
          className="st-row"
          onSubmit={(event) => {
            event.preventDefault()
            if (code.trim()) void feed(code.trim())
          }}
        >
          <input
            className="bo-text"
            inputMode="numeric"
            value={code}
            maxLength={64}
            onChange={(event) => setCode(event.target.value)}
            aria-label={t('settings.demo.code')}
            placeholder={t('settings.demo.codePlaceholder')}
          />
          <Button
            size="lg"
            variant="primary"
            disabled={!code.trim() || scan.pending}
            onClick={() => void feed(code.trim())}
          >
            {t('settings.demo.scanButton')}
          </Button>
        </form>
        <h3>{t('settings.demo.products')}</h3>
        <div className="st-demo-buttons">
          {quick.map((product) => (
            <Button
              key={product.id}
              onClick={() => void feed(product.ean!)}
              disabled={scan.pending}
              aria-label={t('settings.demo.scanProduct', { name: product.name })}
            >
              {product.name}
            </Button>
          ))}
        </div>
        <h3>{t('settings.demo.cardsHeading')}</h3>
        <div className="st-demo-buttons">
          {DEMO_CARDS.map((card) => (
            <Button
              key={card.number}
              onClick={() => void feed(card.number)}
              disabled={scan.pending}
              aria-label={t('settings.demo.scanCard', { name: t(card.key), number: card.number })}
            >
              <span>{t(card.key)}</span> <small className="st-card-no">{card.number}</small>
            </Button>
          ))}
        </div>
        {scan.errorDetail && <Alert>{errorText(scan.errorDetail)}</Alert>}
        {lastScan && (
          <p role="status" className="st-scan-result">
            {t(`settings.demo.outcome.${lastScan.outcome}`, { code: lastScan.scan.code })}
            {lastScan.messageKey &&
              ` — ${errorText({ messageKey: lastScan.messageKey, params: lastScan.params, message: '' })}`}
          </p>
        )}
      </section>

      <section className="st-demo-paper" aria-labelledby="demo-paper-heading">
        <h2 id="demo-paper-heading">{t('settings.demo.paper')}</h2>
        <Paper
          entries={view?.paper ?? []}
          label={(at) => t('settings.demo.printedAt', { time: time(at) })}
          empty={t('settings.demo.noPaper')}
        />
      </section>

      <section className="st-demo-side" aria-labelledby="demo-drawer-heading">
        <h2 id="demo-drawer-heading">{t('settings.demo.drawer')}</h2>
        {view && (
          <>
            <p className={`st-drawer ${view.drawer.open ? 'is-open' : ''}`} data-testid="demo-drawer">
              {view.drawer.open ? t('settings.demo.drawerOpen') : t('settings.demo.drawerClosed')}
              <span className="bo-hint">
                {' '}
                · {t('settings.demo.openings', { count: view.drawer.openings })}
              </span>
            </p>
            <Button
              size="lg"
              onClick={() => void closeDrawer.run().then((r) => r.ok && setView(r.value))}
              disabled={!view.drawer.open || closeDrawer.pending}
            >
              {t('settings.demo.closeDrawer')}
            </Button>
          </>
        )}
        <h2>{t('settings.demo.faults')}</h2>
        <div className="st-faults">
          {FAULTS.map((name) => {
            const on = view?.faults.includes(name) ?? false
            return (
              <Button
                key={name}
                role="switch"
                aria-checked={on}
                className={`st-fault ${on ? 'is-on' : ''}`}
                disabled={!view || fault.pending}
                onClick={() => void toggle(name, !on)}
              >
                <span className="st-switch" aria-hidden="true" />
                {t(`settings.demo.fault.${name}`)}
              </Button>
            )
          })}
        </div>
        {fault.errorDetail && <Alert>{errorText(fault.errorDetail)}</Alert>}
        {closeDrawer.errorDetail && <Alert>{errorText(closeDrawer.errorDetail)}</Alert>}
      </section>
    </main>
  )
}

/** The paper roll: receipts as the virtual printer received them, newest at the bottom and in view. */
function Paper({
  entries,
  label,
  empty,
}: {
  entries: { key: string; text: string; at: string }[]
  label: (at: string) => string
  empty: string
}) {
  const end = useRef<HTMLDivElement>(null)
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' })
  }, [entries.length])
  if (entries.length === 0) return <p className="empty">{empty}</p>
  return (
    <div
      className="st-paper-roll"
      tabIndex={0}
      aria-label={label(entries[entries.length - 1].at)}
      role="region"
    >
      {entries.map((entry) => (
        <pre key={entry.key} className="st-paper" aria-label={label(entry.at)}>
          {entry.text}
        </pre>
      ))}
      <div ref={end} />
    </div>
  )
}
