// A modal dialog for touch: role=dialog, aria-modal, named by its title; focus moves in on open, Tab
// stays inside, Escape closes when the dialog may be closed, and focus returns where it came from.
import { useEffect, useId, useRef, type ReactNode } from 'react'

export interface DialogProps {
  title: string
  /** Omitted: the dialog cannot be dismissed (e.g. a payment in progress). */
  onClose?: () => void
  children: ReactNode
  /** Buttons at the bottom. */
  footer?: ReactNode
  className?: string
  /** alertdialog for confirmations and failures. */
  role?: 'dialog' | 'alertdialog'
}

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

export function Dialog({ title, onClose, children, footer, className, role = 'dialog' }: DialogProps) {
  const titleId = useId()
  const ref = useRef<HTMLDivElement>(null)
  const closeRef = useRef(onClose)
  useEffect(() => {
    closeRef.current = onClose
  })

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    const node = ref.current
    const first = node?.querySelector<HTMLElement>(FOCUSABLE)
    ;(first ?? node)?.focus()
    const onKey = (event: KeyboardEvent) => {
      if (!node) return
      if (event.key === 'Escape' && closeRef.current) {
        event.preventDefault()
        closeRef.current()
        return
      }
      if (event.key !== 'Tab') return
      const items = [...node.querySelectorAll<HTMLElement>(FOCUSABLE)]
      if (items.length === 0) return
      const [head, tail] = [items[0], items[items.length - 1]]
      if (event.shiftKey && document.activeElement === head) {
        event.preventDefault()
        tail.focus()
      } else if (!event.shiftKey && document.activeElement === tail) {
        event.preventDefault()
        head.focus()
      }
    }
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('keydown', onKey)
      if (previous && document.contains(previous)) previous.focus()
    }
  }, [])

  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className={`dialog ${className ?? ''}`}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
      >
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">{children}</div>
        {footer && <div className="dialog-footer">{footer}</div>}
      </div>
    </div>
  )
}
