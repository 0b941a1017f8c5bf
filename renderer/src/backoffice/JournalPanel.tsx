// Receipts and journal: today's sales (newest first), search by receipt number or article, one sale's
// receipt as it looks on paper, reprint ("KOPIE") and storno. Refreshes on every journal.changed.
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SaleDetailView, SaleSummaryView, ReceiptView } from '../../../common/journal'
import type { AppError } from '../../../common/ipc/contract'
import { usePos, usePosEvent } from '../platform/api'
import { Button, Alert, MoneyText, useCommand } from '../ui'
import { ReceiptPreview } from './ReceiptPreview'
import { StornoDialog } from './StornoDialog'
import { ReturnDialog } from './ReturnDialog'
import { METHOD_KEYS, useFormatTime } from './format'
import { useErrorText } from './errors'
import { useActiveSeller } from './use-seller'

const SEARCH_DELAY_MS = 250

export function JournalPanel() {
  const { t } = useTranslation()
  const pos = usePos()
  const errorText = useErrorText()
  const [search, setSearch] = useState('')
  const [sales, setSales] = useState<SaleSummaryView[] | null>(null)
  const [listError, setListError] = useState<AppError | null>(null)
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [reload, setReload] = useState(0)
  const { sellers } = useActiveSeller()
  const sellerName = useCallback((id: string) => sellers.find((s) => s.id === id)?.name ?? id, [sellers])

  useEffect(() => {
    let live = true
    const timer = setTimeout(
      () => {
        const query = search.trim()
        void pos.invoke('journal.sales', query ? { search: query } : {}).then((result) => {
          if (!live) return
          if (result.ok) {
            setSales(result.value)
            setListError(null)
          } else setListError(result.error)
        })
      },
      search ? SEARCH_DELAY_MS : 0,
    )
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [pos, search, reload])
  usePosEvent('journal.changed', () => setReload((n) => n + 1))

  const receiptNoOf = useMemo(() => new Map((sales ?? []).map((s) => [s.saleId, s.receiptNo])), [sales])

  return (
    <div className="bo-journal">
      <section className="bo-list" aria-labelledby="bo-list-heading">
        <h2 id="bo-list-heading">{t('backoffice.journal.today')}</h2>
        <input
          type="search"
          className="bo-search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          aria-label={t('backoffice.journal.search')}
          placeholder={t('backoffice.journal.searchPlaceholder')}
          maxLength={64}
          enterKeyHint="search"
        />
        {listError && (
          <Alert>
            {errorText(listError)}{' '}
            <Button size="md" onClick={() => setReload((n) => n + 1)}>
              {t('backoffice.retry')}
            </Button>
          </Alert>
        )}
        {sales === null && !listError && (
          <p className="bo-progress" role="status" aria-busy="true">
            {t('backoffice.loading')}
          </p>
        )}
        {sales !== null && sales.length === 0 && (
          <p className="empty">
            {search.trim() ? t('backoffice.journal.noMatch') : t('backoffice.journal.empty')}
          </p>
        )}
        {sales !== null && sales.length > 0 && (
          <ul className="bo-sales" aria-label={t('backoffice.journal.list')}>
            {sales.map((sale) => (
              <li key={sale.saleId}>
                <SaleRow
                  sale={sale}
                  sellerName={sellerName(sale.sellerId)}
                  originalNo={sale.originalSaleId ? receiptNoOf.get(sale.originalSaleId) : undefined}
                  selected={sale.saleId === selectedId}
                  onSelect={() => setSelectedId(sale.saleId)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="bo-detail" aria-label={t('backoffice.journal.detail')}>
        {selectedId === null ? (
          <p className="empty">{t('backoffice.journal.pick')}</p>
        ) : (
          <SaleDetail
            key={selectedId}
            saleId={selectedId}
            reload={reload}
            sellerName={sellerName}
            onSelect={setSelectedId}
          />
        )}
      </section>
    </div>
  )
}

function SaleRow({
  sale,
  sellerName,
  originalNo,
  selected,
  onSelect,
}: {
  sale: SaleSummaryView
  sellerName: string
  originalNo: number | undefined
  selected: boolean
  onSelect(): void
}) {
  const { t } = useTranslation()
  const time = useFormatTime()
  const marks: string[] = []
  if (sale.kind === 'storno')
    marks.push(
      originalNo ? t('backoffice.journal.stornoOf', { no: originalNo }) : t('backoffice.journal.storno'),
    )
  if (sale.stornoSaleId) marks.push(t('backoffice.journal.cancelled'))
  if (sale.status === 'aborted') marks.push(t('backoffice.journal.aborted'))
  if (sale.status === 'open') marks.push(t('backoffice.journal.open'))
  if (sale.training) marks.push(t('backoffice.journal.training'))
  return (
    <button
      type="button"
      className={`bo-sale ${selected ? 'is-selected' : ''} ${sale.kind === 'storno' ? 'is-storno' : ''} ${sale.stornoSaleId ? 'is-cancelled' : ''}`}
      aria-pressed={selected}
      onClick={onSelect}
    >
      <span className="bo-sale-no">
        {sale.receiptNo !== undefined
          ? t('backoffice.journal.receiptNo', { no: sale.receiptNo })
          : t('backoffice.journal.noReceiptNo')}
      </span>
      <span className="bo-sale-time">{time(sale.completedAt ?? sale.startedAt)}</span>
      <span className="bo-sale-seller">{sellerName}</span>
      <MoneyText cents={sale.total} className="bo-sale-total" />
      <span className="bo-sale-methods">{sale.methods.map((m) => t(METHOD_KEYS[m] ?? m)).join(', ')}</span>
      {marks.length > 0 && (
        <span className="bo-sale-marks">
          {marks.map((mark) => (
            <span key={mark} className="bo-mark">
              {mark}
            </span>
          ))}
        </span>
      )}
    </button>
  )
}

function SaleDetail({
  saleId,
  reload,
  sellerName,
  onSelect,
}: {
  saleId: number
  reload: number
  sellerName: (id: string) => string
  onSelect(saleId: number): void
}) {
  const { t } = useTranslation()
  const pos = usePos()
  const time = useFormatTime()
  const errorText = useErrorText()
  const [detail, setDetail] = useState<SaleDetailView | null>(null)
  const [loadError, setLoadError] = useState<AppError | null>(null)
  const [copy, setCopy] = useState<{
    receipt: ReceiptView
    print: 'printed' | 'failed'
    printErrorKey: string | null
  } | null>(null)
  const [stornoOpen, setStornoOpen] = useState(false)
  const [returnOpen, setReturnOpen] = useState(false)
  const [retryLoad, setRetryLoad] = useState(0)
  const reprint = useCommand('receipt.reprint')

  useEffect(() => {
    let live = true
    void pos.invoke('journal.sale', { saleId }).then((result) => {
      if (!live) return
      if (result.ok) {
        setDetail(result.value)
        setLoadError(null)
      } else setLoadError(result.error)
    })
    return () => {
      live = false
    }
  }, [pos, saleId, reload, retryLoad])

  if (loadError)
    return (
      <Alert>
        {errorText(loadError)}{' '}
        <Button onClick={() => setRetryLoad((n) => n + 1)}>{t('backoffice.retry')}</Button>
      </Alert>
    )
  if (!detail)
    return (
      <p className="bo-progress" role="status" aria-busy="true">
        {t('backoffice.loading')}
      </p>
    )

  // The original receipt (sale or storno); copies are listed in its print history.
  const original = detail.receipts.find((r) => r.kind === 'sale' || r.kind === 'storno') ?? null
  const shown = copy?.receipt ?? original
  const title =
    detail.receiptNo !== undefined
      ? t('backoffice.journal.receiptNo', { no: detail.receiptNo })
      : t('backoffice.journal.saleNo', { no: detail.saleId })
  const copies = detail.receipts.filter((r) => r.kind === 'copy').length

  const doReprint = async () => {
    if (!original) return
    const result = await reprint.run({ receiptId: original.receiptId })
    if (result.ok) setCopy(result.value)
  }

  return (
    <div className="bo-detail-body">
      <header className="bo-detail-head">
        <h2>{title}</h2>
        <dl className="bo-facts">
          <div>
            <dt>{t('backoffice.journal.time')}</dt>
            <dd>{time(detail.completedAt ?? detail.startedAt, true)}</dd>
          </div>
          <div>
            <dt>{t('backoffice.journal.seller')}</dt>
            <dd>{sellerName(detail.sellerId)}</dd>
          </div>
          <div>
            <dt>{t('backoffice.journal.total')}</dt>
            <dd>
              <MoneyText cents={detail.total} />
            </dd>
          </div>
          <div>
            <dt>{t('backoffice.journal.payments')}</dt>
            <dd>
              {detail.payments.length === 0
                ? '–'
                : detail.payments.map((p) => (
                    <span key={p.paymentId} className="bo-payment">
                      {t(METHOD_KEYS[p.method] ?? p.method)} <MoneyText cents={p.settled} />
                    </span>
                  ))}
            </dd>
          </div>
        </dl>
        {detail.kind === 'storno' && detail.reason && (
          <p className="bo-note">{t('backoffice.journal.reason', { reason: detail.reason })}</p>
        )}
        {detail.stornoSaleId && (
          <p className="bo-note">
            {t('backoffice.journal.cancelledBy')}{' '}
            <Button variant="ghost" onClick={() => onSelect(detail.stornoSaleId!)}>
              {t('backoffice.journal.showStorno')}
            </Button>
          </p>
        )}
        {detail.originalSaleId && (
          <p className="bo-note">
            <Button variant="ghost" onClick={() => onSelect(detail.originalSaleId!)}>
              {t('backoffice.journal.showOriginal')}
            </Button>
          </p>
        )}
      </header>

      <div className="bo-preview-area">
        {shown ? (
          <ReceiptPreview
            document={shown.document}
            label={
              copy ? t('backoffice.receipt.copyLabel', { title }) : t('backoffice.receipt.label', { title })
            }
          />
        ) : (
          <p className="empty">{t('backoffice.receipt.none')}</p>
        )}
        {original && <PrintHistory receipts={detail.receipts} />}
      </div>

      {reprint.errorDetail && (
        <Alert>
          {errorText(reprint.errorDetail)} {t('backoffice.reprint.next')}
        </Alert>
      )}
      {copy && copy.print === 'printed' && <Alert kind="success">{t('backoffice.reprint.printed')}</Alert>}
      {copy && copy.print === 'failed' && (
        <Alert>
          {copy.printErrorKey
            ? t([copy.printErrorKey, `backoffice.${copy.printErrorKey}`], {
                defaultValue: t('backoffice.reprint.failed'),
              })
            : t('backoffice.reprint.failed')}{' '}
          {t('backoffice.reprint.next')}
        </Alert>
      )}

      <div className="bo-actions">
        <Button
          size="lg"
          onClick={() => void doReprint()}
          disabled={!original || reprint.pending}
          pending={reprint.pending}
        >
          {reprint.pending
            ? t('backoffice.reprint.running')
            : copies > 0 || copy
              ? t('backoffice.reprint.again')
              : t('backoffice.reprint.button')}
        </Button>
        {copy && (
          <Button size="lg" variant="ghost" onClick={() => setCopy(null)}>
            {t('backoffice.reprint.showOriginal')}
          </Button>
        )}
        <Button size="lg" variant="danger" onClick={() => setStornoOpen(true)} disabled={!detail.canStorno}>
          {t('backoffice.storno.button')}
        </Button>
        {detail.kind === 'sale' && detail.status === 'completed' && (
          <Button size="lg" variant="danger" onClick={() => setReturnOpen(true)}>
            {t('backoffice.partial.button')}
          </Button>
        )}
      </div>
      {!detail.canStorno &&
        detail.kind === 'sale' &&
        detail.status === 'completed' &&
        detail.stornoSaleId && <p className="bo-hint">{t('backoffice.storno.alreadyDone')}</p>}

      {stornoOpen && (
        <StornoDialog
          sale={detail}
          title={title}
          onClose={() => setStornoOpen(false)}
          onDone={(stornoSaleId) => {
            setStornoOpen(false)
            onSelect(stornoSaleId)
          }}
        />
      )}
      {returnOpen && (
        <ReturnDialog
          sale={detail}
          title={title}
          onClose={() => setReturnOpen(false)}
          onDone={(stornoSaleId) => {
            setReturnOpen(false)
            onSelect(stornoSaleId)
          }}
        />
      )}
      {copies > 0 && !copy && <p className="bo-hint">{t('backoffice.reprint.count', { count: copies })}</p>}
    </div>
  )
}

function PrintHistory({ receipts }: { receipts: ReceiptView[] }) {
  const { t } = useTranslation()
  const time = useFormatTime()
  const entries = receipts.flatMap((r) =>
    r.prints.map((p) => ({ ...p, copy: r.kind === 'copy', key: `${r.receiptId}-${p.at}-${p.status}` })),
  )
  if (entries.length === 0) return <p className="bo-hint">{t('backoffice.print.never')}</p>
  return (
    <ul className="bo-print-history" aria-label={t('backoffice.print.history')}>
      {entries.map((e) => (
        <li key={e.key}>
          {time(e.at)} · {e.copy ? t('backoffice.print.copy') : t('backoffice.print.original')}:{' '}
          {t(`backoffice.print.status.${e.status}`)}
        </li>
      ))}
    </ul>
  )
}
