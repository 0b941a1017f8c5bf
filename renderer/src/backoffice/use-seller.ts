// Who is at the till right now, and whether a manager action needs a manager's PIN: storno, cash
// movements, Z report, drawer opening without a sale and settings changes are manager actions; when the
// active seller is a manager, main takes their login as authority.
import { useEffect, useState } from 'react'
import type { SellerView } from '../../../common/sellers'
import { usePos, usePosEvent } from '../platform/api'

export interface ActiveSeller {
  seller: SellerView | null
  /** Every seller of the till (names for the journal). */
  sellers: SellerView[]
  /** False until both the register and the seller list answered. */
  loaded: boolean
  needsManagerPin: boolean
}

export function useActiveSeller(): ActiveSeller {
  const pos = usePos()
  const [activeId, setActiveId] = useState<string | null>(null)
  const [sellers, setSellers] = useState<SellerView[] | null>(null)
  useEffect(() => {
    let live = true
    void pos.invoke('register.view').then((r) => live && r.ok && setActiveId(r.value.activeSellerId))
    void pos.invoke('seller.list').then((r) => live && setSellers(r.ok ? r.value : []))
    return () => {
      live = false
    }
  }, [pos])
  usePosEvent('register.changed', (view) => setActiveId(view.activeSellerId))
  const seller = sellers?.find((s) => s.id === activeId) ?? null
  return {
    seller,
    sellers: sellers ?? [],
    loaded: sellers !== null,
    needsManagerPin: seller?.role !== 'manager',
  }
}
