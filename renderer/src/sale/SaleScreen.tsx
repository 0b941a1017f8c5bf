// The counter: products on the left, the basket and the payment buttons on the right. What is on screen
// comes from main (register.view, checkout.view and their events); this component only keeps which
// dialog is open and the quantity typed for the next tap.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Product } from '../../../common/catalog'
import type { CheckoutView } from '../../../common/checkout'
import { Button, useCommand, useEvent, useFormatMoney, useToast } from '../ui'
import { BasketPanel } from './BasketPanel'
import { CardPanel } from './CardPanel'
import { CashDialog } from './CashDialog'
import { CheckoutOverlay, type PaymentStep } from './CheckoutOverlay'
import { ProductGrid } from './ProductGrid'
import { PluDialog } from './PluDialog'
import { SellerDialog } from './SellerDialog'
import { TopupDialog } from './TopupDialog'
import { WeightDialog } from './WeightDialog'
import { FreePriceDialog } from './FreePriceDialog'
import { cardStepRunning, paymentActive, sellerName, useRegisterState } from './state'

type Open =
  | null
  | { kind: 'plu' }
  | { kind: 'topup'; product: Product }
  | { kind: 'weigh'; product: Product }
  | { kind: 'freePrice' }
  | { kind: 'cash' }
  | { kind: 'card' }
  | { kind: 'seller'; preselect: string | null }

const LAST_STEP_KEY = 'tresen.lastPaymentStep'

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
  const [quantity, setQuantity] = useState(1)
  const [lastStep, setLastStep] = useLastStep()
  const onError = (text: string) => toast.show('error', text)
  const add = useCommand('basket.addProduct', { onError })
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

  const basket = register?.basket ?? null
  const activeSeller = register?.activeSellerId ?? null
  const paying = paymentActive(checkout)
  const locked = paying || activeSeller === null
  const due =
    checkout && checkout.phase === 'card-applied' ? checkout.due : (checkout?.due ?? basket?.total ?? 0)
  const hasCard = Boolean(checkout?.card)

  const onProduct = (product: Product) => {
    if (product.kind === 'topup') {
      setOpen({ kind: 'topup', product })
      return
    }
    if (product.kind === 'weighed') {
      setOpen({ kind: 'weigh', product })
      return
    }
    const q = quantity
    setQuantity(1)
    void add.run({ productId: product.id, quantity: q })
  }
  const payTerminal = () => {
    setLastStep({ command: 'checkout.payTerminal' })
    void terminal.run()
  }

  const parked = (register?.sellers ?? []).filter((s) => !s.active)
  const mustLogin = register !== null && activeSeller === null

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
          <span className="toolbar-fill" />
          {quantity > 1 && (
            <Button
              className="quantity-chip"
              variant="primary"
              aria-label={t('sale.quantityPending', { count: quantity })}
              onClick={() => setQuantity(1)}
            >
              {quantity} ×
            </Button>
          )}
          <Button
            className="free-price-button"
            disabled={locked}
            onClick={() => setOpen({ kind: 'freePrice' })}
          >
            {t('freePrice.button')}
          </Button>
          <Button className="plu-button" disabled={locked} onClick={() => setOpen({ kind: 'plu' })}>
            {t('sale.pluButton')}
          </Button>
        </div>
        {mustLogin && open?.kind !== 'seller' ? (
          <SellerDialog
            key="login"
            inline
            sellers={sellers}
            activeSellerId={null}
            onLoggedIn={() => setOpen(null)}
          />
        ) : (
          <ProductGrid catalogue={catalogue} onProduct={onProduct} disabled={locked} />
        )}
      </div>
      <BasketPanel
        basket={basket}
        locked={locked}
        onPayCash={() => setOpen({ kind: 'cash' })}
        onPayCard={payTerminal}
        onLoyalty={() => setOpen({ kind: 'card' })}
      />

      {checkout && paying && open?.kind !== 'cash' && (
        <CheckoutOverlay
          checkout={checkout}
          lastStep={lastStep}
          onStep={setLastStep}
          onPayCash={() => setOpen({ kind: 'cash' })}
        />
      )}
      {open?.kind === 'weigh' && <WeightDialog product={open.product} onClose={() => setOpen(null)} />}
      {open?.kind === 'freePrice' && <FreePriceDialog onClose={() => setOpen(null)} />}
      {open?.kind === 'plu' && (
        <PluDialog quantity={quantity} onQuantity={setQuantity} onClose={() => setOpen(null)} />
      )}
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
