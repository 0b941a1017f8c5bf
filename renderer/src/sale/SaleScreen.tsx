// The counter: products (favourites first) with the quantity pad beside them, the basket and the payment
// keys on the right. What is on screen comes from main (register.view, checkout.view and their events);
// this component only keeps which dialog is open, the pad's entry and a "Leeren" waiting for its undo.
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BasketLine } from '../../../common/basket'
import type { Product } from '../../../common/catalog'
import type { CheckoutView } from '../../../common/checkout'
import { Button, Dialog, useCommand, useEvent, useFormatMoney, useLiveState, useToast } from '../ui'
import { BasketPanel } from './BasketPanel'
import { CardChip } from './CardChip'
import { CardPanel } from './CardPanel'
import { CashDialog } from './CashDialog'
import { CheckoutOverlay, type PaymentStep } from './CheckoutOverlay'
import { LineEditor } from './LineEditor'
import { DiscountPanel } from './DiscountPanel'
import { DepositReturnDialog } from './DepositReturnDialog'
import { OpeningFloatPrompt } from './OpeningFloat'
import { ConsumptionSwitch } from './ConsumptionSwitch'
import { PaidSummary } from './PaidSummary'
import { ProductGrid } from './ProductGrid'
import { QuantityPad } from './QuantityPad'
import { EMPTY_ENTRY, quantityForProduct, type QuantityEntry } from './quantity-entry'
import { SellerDialog } from './SellerDialog'
import { TopupDialog } from './TopupDialog'
import { WeightDialog } from './WeightDialog'
import { FreePriceDialog } from './FreePriceDialog'
import { cardStepRunning, paidBusy, paymentActive, sellerName, useRegisterState } from './state'

type Open =
  | null
  | { kind: 'topup'; product: Product }
  | { kind: 'weigh'; product: Product }
  | { kind: 'freePrice' }
  | { kind: 'cash' }
  | { kind: 'card' }
  | { kind: 'line'; lineId: string }
  | { kind: 'saleDiscount' }
  | { kind: 'deposit'; quantity: number }
  | { kind: 'seller'; preselect: string | null }

const LAST_STEP_KEY = 'tresen.lastPaymentStep'
const NO_FAVOURITES: string[] = []
/** How long "Leeren" waits for "Rückgängig" before the basket is emptied. */
export const CLEAR_UNDO_MS = 5000

/** The last payment command, kept across a reload so "retry" still knows what to repeat. */
function useLastStep(): [PaymentStep | null, (step: PaymentStep) => void] {
  const [step, setStep] = useState<PaymentStep | null>(() => {
    try {
      return JSON.parse(sessionStorage.getItem(LAST_STEP_KEY) ?? 'null') as PaymentStep | null
    } catch {
      return null
    }
  })
  const remember = (next: PaymentStep) => {
    setStep(next)
    sessionStorage.setItem(LAST_STEP_KEY, JSON.stringify(next))
  }
  return [step, remember]
}

export function SaleScreen() {
  const { t } = useTranslation()
  const money = useFormatMoney()
  const toast = useToast()
  const { catalogue, sellers, register, checkout } = useRegisterState()
  const [open, setOpen] = useState<Open>(null)
  const [entry, setEntry] = useState<QuantityEntry>(EMPTY_ENTRY)
  const [lastStep, setLastStep] = useLastStep()
  const [favouritesView] = useLiveState('counter.favourites', 'counter.favouritesChanged')
  const favourites = favouritesView?.productIds ?? NO_FAVOURITES
  const [lastReceipt] = useLiveState('counter.lastReceipt', 'counter.lastReceipt')
  const onError = (text: string) => toast.show('error', text)
  // Taps show their result through register.changed: no pending state, no extra render per tap.
  const add = useCommand('basket.addProduct', { onError, stateless: true })
  const addPlu = useCommand('basket.addPlu', { onError, stateless: true })
  const clear = useCommand('basket.clear', { onError })
  const terminal = useCommand('checkout.payTerminal', { onError })

  // A card scanned at the counter (or from the demo panel) opens the card panel by itself: its lookup
  // shows there, then the card.
  const [knownCard, setKnownCard] = useState<string | null>(checkout?.card?.masked ?? null)
  useEvent('checkout.changed', (view: CheckoutView) => {
    const masked = view.card?.masked ?? null
    const scanned =
      (masked !== null && masked !== knownCard && view.phase === 'open') ||
      (cardStepRunning(view) && view.busy?.step === 'card')
    if (scanned && (open === null || open.kind === 'topup')) setOpen({ kind: 'card' })
    setKnownCard(masked)
  })

  // "Leeren": the basket is emptied after CLEAR_UNDO_MS unless "Rückgängig" is tapped; the next product
  // tap empties it at once (the cashier has moved on to the next customer).
  const clearTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const [clearPending, setClearPending] = useState(false)
  const stopClearTimer = () => {
    if (clearTimer.current) clearTimeout(clearTimer.current)
    clearTimer.current = null
  }
  const clearNow = async () => {
    stopClearTimer()
    setClearPending(false)
    await clear.run()
  }
  useEffect(() => stopClearTimer, [])

  const basket = register?.basket ?? null
  const activeSeller = register?.activeSellerId ?? null
  const paying = paymentActive(checkout)
  const locked = paying || activeSeller === null
  const due =
    checkout && checkout.phase === 'card-applied' ? checkout.due : (checkout?.due ?? basket?.total ?? 0)
  // On the paid summary the card belongs to the finished sale; the next sale starts without it.
  const hasCard = checkout?.phase !== 'paid' && Boolean(checkout?.card)

  const onProduct = async (product: Product) => {
    if (product.kind === 'topup') {
      setOpen({ kind: 'topup', product })
      return
    }
    if (product.kind === 'weighed') {
      setEntry(EMPTY_ENTRY)
      if (clearPending) await clearNow()
      setOpen({ kind: 'weigh', product })
      return
    }
    const quantity = quantityForProduct(entry)
    setEntry(EMPTY_ENTRY)
    if (quantity === null) {
      toast.show('error', t('pad.invalid'))
      return
    }
    if (clearPending) await clearNow()
    void add.run({ productId: product.id, quantity })
  }
  const onPlu = async (request: { plu: string; quantity: number }) => {
    setEntry(EMPTY_ENTRY)
    if (clearPending) await clearNow()
    void addPlu.run(request)
  }
  const deposits = (catalogue?.products ?? []).filter((p) => p.kind === 'deposit')
  const onDepositReturn = async () => {
    const quantity = quantityForProduct(entry)
    setEntry(EMPTY_ENTRY)
    if (quantity === null) {
      toast.show('error', t('pad.invalid'))
      return
    }
    if (clearPending) await clearNow()
    setOpen({ kind: 'deposit', quantity })
  }
  // Stable callbacks for the memoised grid: the latest handler is read through a ref.
  const onProductRef = useRef(onProduct)
  useEffect(() => {
    onProductRef.current = onProduct
  })
  const tapProduct = useCallback((p: Product) => void onProductRef.current(p), [])
  const editLine = useCallback((line: BasketLine) => setOpen({ kind: 'line', lineId: line.lineId }), [])
  const payTerminal = () => {
    setLastStep({ command: 'checkout.payTerminal' })
    void terminal.run()
  }

  const parked = (register?.sellers ?? []).filter((s) => !s.active)
  const mustLogin = register !== null && activeSeller === null
  const editing: BasketLine | undefined =
    open?.kind === 'line' ? basket?.lines.find((l) => l.lineId === open.lineId) : undefined
  const paidResult = checkout?.phase === 'paid' ? checkout.result : null

  return (
    <main className="sale" aria-labelledby="sale-heading">
      <h1 id="sale-heading" className="visually-hidden">
        {t('sale.heading')}
      </h1>
      <div className="sale-left">
        <div className="sale-toolbar">
          <Button
            className={activeSeller ? 'seller-chip seller-on' : 'seller-chip'}
            onClick={() => setOpen({ kind: 'seller', preselect: null })}
            aria-label={
              activeSeller ? t('seller.switchLabel', { name: sellerName(sellers, activeSeller) }) : undefined
            }
          >
            {activeSeller ? sellerName(sellers, activeSeller) : t('seller.title')}
          </Button>
          {parked.length > 0 && (
            <div className="parked" role="group" aria-label={t('seller.parked')}>
              {parked.map((p) => (
                <Button
                  key={p.sellerId}
                  className="parked-basket"
                  aria-label={t('seller.resume', {
                    name: sellerName(sellers, p.sellerId),
                    count: p.itemCount,
                    total: money(p.total),
                  })}
                  disabled={paying}
                  onClick={() => setOpen({ kind: 'seller', preselect: p.sellerId })}
                >
                  {sellerName(sellers, p.sellerId)} · {money(p.total)}
                  {p.till ? ` · ${t('central.atTill', { till: p.till })}` : ''}
                </Button>
              ))}
            </div>
          )}
          {/* Im Haus / Außer Haus beside the seller: the basket keeps its room for ≥ 8 lines. */}
          {basket && <ConsumptionSwitch value={basket.consumption} disabled={locked || paidBusy(checkout)} />}
        </div>
        <OpeningFloatPrompt
          sellerId={activeSeller}
          isManager={sellers.find((s) => s.id === activeSeller)?.role === 'manager'}
        />
        {mustLogin && open?.kind !== 'seller' ? (
          <SellerDialog
            key="login"
            inline
            sellers={sellers}
            activeSellerId={null}
            onLoggedIn={() => setOpen(null)}
          />
        ) : (
          <div className="products-and-pad">
            <ProductGrid
              catalogue={catalogue}
              favourites={favourites}
              onProduct={tapProduct}
              disabled={locked}
            />
            <QuantityPad
              entry={entry}
              onEntry={setEntry}
              onPlu={(request) => void onPlu(request)}
              disabled={locked}
              extraKeys={
                <>
                  <Button
                    className="pad-extra-key free-price-button"
                    disabled={locked}
                    onClick={() => setOpen({ kind: 'freePrice' })}
                  >
                    {t('freePrice.button')}
                  </Button>
                  {deposits.length > 0 && (
                    <Button
                      className="pad-extra-key"
                      disabled={locked}
                      onClick={() => void onDepositReturn()}
                    >
                      {t('deposit.key')}
                    </Button>
                  )}
                </>
              }
            />
          </div>
        )}
      </div>
      <BasketPanel
        basket={basket}
        locked={locked || paidBusy(checkout)}
        onPayCash={() => setOpen({ kind: 'cash' })}
        onPayCard={payTerminal}
        onLoyalty={() => setOpen({ kind: 'card' })}
        onEditLine={editLine}
        onSaleDiscount={() => setOpen({ kind: 'saleDiscount' })}
        clearPending={clearPending}
        onClear={() => {
          stopClearTimer()
          setClearPending(true)
          clearTimer.current = setTimeout(() => void clearNow(), CLEAR_UNDO_MS)
        }}
        onUndoClear={() => {
          stopClearTimer()
          setClearPending(false)
        }}
        paid={paidResult ? <PaidSummary result={paidResult} actions={checkout?.actions ?? []} /> : null}
        lastReceipt={lastReceipt}
        cardChip={
          checkout?.card && checkout.phase === 'open' ? (
            <CardChip card={checkout.card} onOpen={() => setOpen({ kind: 'card' })} />
          ) : null
        }
      />

      {checkout && paying && open?.kind !== 'cash' && (
        <CheckoutOverlay
          checkout={checkout}
          lastStep={lastStep}
          onStep={setLastStep}
          onPayCash={() => setOpen({ kind: 'cash' })}
        />
      )}
      {editing && !locked && <LineEditor line={editing} onClose={() => setOpen(null)} />}
      {open?.kind === 'deposit' && !locked && (
        <DepositReturnDialog
          deposits={deposits}
          quantity={open.quantity}
          onDone={() => setOpen(null)}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'saleDiscount' && !locked && (
        <Dialog
          title={t('discount.saleTitle')}
          onClose={() => setOpen(null)}
          className="line-editor"
          footer={<Button onClick={() => setOpen(null)}>{t('common.close')}</Button>}
        >
          <DiscountPanel
            current={basket?.saleDiscount ?? null}
            currentAmount={basket?.saleDiscount?.amount ?? 0}
            onApplied={() => setOpen(null)}
          />
        </Dialog>
      )}
      {open?.kind === 'weigh' && <WeightDialog product={open.product} onClose={() => setOpen(null)} />}
      {open?.kind === 'freePrice' && <FreePriceDialog onClose={() => setOpen(null)} />}
      {open?.kind === 'topup' && (
        <TopupDialog
          product={open.product}
          hasCard={hasCard}
          onAdded={() => setOpen(hasCard ? null : { kind: 'card' })}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'cash' && (
        <CashDialog
          due={due}
          onPaid={(tendered) => {
            setLastStep({ command: 'checkout.payCash', tendered })
            setOpen(null)
          }}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'card' && !paying && (
        <CardPanel
          checkout={checkout}
          basketEmpty={!basket || basket.lines.length === 0}
          onTopUp={() => {
            const product =
              catalogue?.products.find((p) => p.kind === 'topup' && p.price === 0) ??
              catalogue?.products.find((p) => p.kind === 'topup')
            if (product) setOpen({ kind: 'topup', product })
          }}
          onClose={() => setOpen(null)}
          onPaying={() => {
            setLastStep({ command: 'checkout.payLoyalty' })
            setOpen(null)
          }}
        />
      )}
      {open?.kind === 'seller' && (
        <SellerDialog
          key={open.preselect ?? 'all'}
          sellers={sellers}
          activeSellerId={activeSeller}
          preselect={open.preselect}
          onClose={() => setOpen(null)}
          onLoggedIn={() => setOpen(null)}
        />
      )}
    </main>
  )
}
