// Big touch tabs with the WAI-ARIA tabs pattern (tablist/tab/tabpanel, arrow keys move between tabs),
// so screen readers and tests find each tab by role and name.
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import './tabs.css'

export interface TabsProps<T extends string> {
  label: string
  tabs: readonly { id: T; label: string }[]
  selected: T
  onSelect(id: T): void
  children: ReactNode
  className?: string
}

export function Tabs<T extends string>({
  label,
  tabs,
  selected,
  onSelect,
  children,
  className,
}: TabsProps<T>) {
  const base = useId()
  const refs = useRef(new Map<T, HTMLButtonElement>())
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return
    const index = tabs.findIndex((tab) => tab.id === selected)
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length].id
    onSelect(next)
    refs.current.get(next)?.focus()
  }
  return (
    <div className={`tabs ${className ?? ''}`}>
      <div role="tablist" aria-label={label} className="tab-list" onKeyDown={onKey}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(node) => {
              if (node) refs.current.set(tab.id, node)
              else refs.current.delete(tab.id)
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`${base}-panel`}
            tabIndex={tab.id === selected ? 0 : -1}
            className={`tab ${tab.id === selected ? 'is-active' : ''}`}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${base}-panel`}
        aria-labelledby={`${base}-tab-${selected}`}
        className="tab-panel"
      >
        {children}
      </div>
    </div>
  )
}
