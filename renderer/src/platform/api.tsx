// The register API reaches components through context, so tests can swap the transport.
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react'
import type { EventName, EventPayload, PosApi } from '../../../common/ipc/contract'

const PosContext = createContext<PosApi | null>(null)

export function PosProvider({ api, children }: { api: PosApi; children: ReactNode }) {
  return <PosContext.Provider value={api}>{children}</PosContext.Provider>
}

export function usePos(): PosApi {
  const api = useContext(PosContext)
  if (!api) throw new Error('usePos outside PosProvider')
  return api
}

/** Subscribes to a main-process event for the component's lifetime. */
export function usePosEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): void {
  const api = usePos()
  const latest = useRef(listener)
  useEffect(() => {
    latest.current = listener
  })
  useEffect(() => api.on(event, (payload) => latest.current(payload)), [api, event])
}
