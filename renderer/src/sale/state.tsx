// The register as the counter screens see it: catalogue, sellers, the active basket (register.view) and
// the payment (checkout.view), fetched on mount and kept live by their events — a reload loses nothing.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import type { Catalogue } from '../../../common/catalog'
import type { RegisterView } from '../../../common/basket'
import type { CheckoutView } from '../../../common/checkout'
import type { SellerView } from '../../../common/sellers'
import { useLiveState, usePos } from '../ui'

export interface RegisterState {
  catalogue: Catalogue | null
  sellers: SellerView[]
  register: RegisterView | null
  /** null until the checkout service answers (or while it is not there). */
  checkout: CheckoutView | null
  setRegister: (view: RegisterView) => void
  setCheckout: (view: CheckoutView) => void
}

const RegisterContext = createContext<RegisterState | null>(null)

export function RegisterStateProvider({ children }: { children: ReactNode }) {
  const pos = usePos()
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null)
  const [sellers, setSellers] = useState<SellerView[]>([])
  const [register, setRegister] = useLiveState('register.view', 'register.changed')
  const [checkout, setCheckout] = useLiveState('checkout.view', 'checkout.changed')
  useEffect(() => {
    let live = true
    void pos.invoke('catalog.get').then((r) => live && r.ok && setCatalogue(r.value))
    void pos.invoke('seller.list').then((r) => live && r.ok && setSellers(r.value))
    return () => {
      live = false
    }
  }, [pos])
  return (
    <RegisterContext.Provider value={{ catalogue, sellers, register, checkout, setRegister, setCheckout }}>
      {children}
    </RegisterContext.Provider>
  )
}

export function useRegisterState(): RegisterState {
  const state = useContext(RegisterContext)
  if (!state) throw new Error('useRegisterState outside RegisterStateProvider')
  return state
}

/** The seller's display name (falls back to the id). */
export function sellerName(sellers: readonly SellerView[], id: string | null): string {
  if (id === null) return ''
  return sellers.find((s) => s.id === id)?.name ?? id
}

/** A card lookup or PIN check runs: the card panel shows it, not the payment overlay. */
export function cardStepRunning(checkout: CheckoutView | null): boolean {
  return checkout?.phase === 'working' && (checkout.busy?.step === 'card' || checkout.busy?.step === 'pin')
}

/**
 * True while a payment is under way: the basket is frozen and the checkout overlay leads. A paid sale
 * does not block: its summary stays beside the grid and the next product starts the next sale.
 */
export function paymentActive(checkout: CheckoutView | null): boolean {
  return (
    checkout !== null && checkout.phase !== 'open' && checkout.phase !== 'paid' && !cardStepRunning(checkout)
  )
}

/** A paid sale whose receipt still prints: the till waits for the printer before the next payment. */
export function paidBusy(checkout: CheckoutView | null): boolean {
  return checkout?.phase === 'paid' && checkout.busy !== null
}
