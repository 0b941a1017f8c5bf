// Short messages for the cashier: errors in a role=alert region (announced at once), notes in a
// role=status region. Each disappears after a while or on tap.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export type ToastKind = 'error' | 'info' | 'success'
export interface Toast {
  id: number
  kind: ToastKind
  text: string
}

interface ToastApi {
  show(kind: ToastKind, text: string): void
  dismiss(id: number): void
}

const ToastContext = createContext<ToastApi | null>(null)
const SHOW_MS = { error: 8000, info: 4000, success: 4000 } as const
const MAX_TOASTS = 4

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const [toasts, setToasts] = useState<Toast[]>([])
  const nextId = useRef(1)
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((x) => x.id !== id)), [])
  const show = useCallback(
    (kind: ToastKind, text: string) => {
      const id = nextId.current++
      // The same message twice in a row (a scanner firing twice) shows once.
      setToasts((list) => [...list.filter((x) => x.text !== text), { id, kind, text }].slice(-MAX_TOASTS))
      setTimeout(() => dismiss(id), SHOW_MS[kind])
    },
    [dismiss],
  )
  const api = useMemo(() => ({ show, dismiss }), [show, dismiss])
  const render = (list: Toast[]) =>
    list.map((toast) => (
      <div key={toast.id} className={`toast toast-${toast.kind}`}>
        <span className="toast-text">{toast.text}</span>
        <button
          type="button"
          className="toast-close"
          aria-label={t('ui.toast.dismiss')}
          onClick={() => dismiss(toast.id)}
        >
          ×
        </button>
      </div>
    ))
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts">
        <div role="alert" className="toast-region" data-testid="toast-alerts">
          {render(toasts.filter((x) => x.kind === 'error'))}
        </div>
        <div
          role="status"
          aria-label={t('ui.toast.notes')}
          className="toast-region"
          data-testid="toast-notes"
        >
          {render(toasts.filter((x) => x.kind !== 'error'))}
        </div>
      </div>
    </ToastContext.Provider>
  )
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext)
  if (!api) throw new Error('useToast outside ToastProvider')
  return api
}

/** An inline alert inside a screen or dialog (not transient). */
export function Alert({ kind = 'error', children }: { kind?: ToastKind; children: ReactNode }) {
  return (
    <div role={kind === 'error' ? 'alert' : 'status'} className={`inline-alert inline-alert-${kind}`}>
      {children}
    </div>
  )
}
