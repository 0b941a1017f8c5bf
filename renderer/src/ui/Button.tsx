// The one touch button of the till: ≥ 48 px (CSS), type="button", and a pressed state set on pointerdown
// so a finger sees feedback in the same frame even where :active lags on touch screens.
import { useState, type ButtonHTMLAttributes, type ReactNode } from 'react'

export type ButtonVariant = 'default' | 'primary' | 'danger' | 'ok' | 'card' | 'loyalty' | 'ghost'
export type ButtonSize = 'md' | 'lg' | 'xl'

export interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> {
  variant?: ButtonVariant
  size?: ButtonSize
  /** Shows a busy marker and sets aria-busy; the button stays in the layout. */
  pending?: boolean
  children?: ReactNode
}

export function Button({
  variant = 'default',
  size = 'md',
  pending = false,
  className,
  disabled,
  onPointerDown,
  onPointerUp,
  onPointerLeave,
  onPointerCancel,
  children,
  ...rest
}: ButtonProps) {
  const [pressed, setPressed] = useState(false)
  const classes = [
    'btn',
    `btn-${variant}`,
    `btn-${size}`,
    pressed ? 'is-pressed' : '',
    pending ? 'is-pending' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <button
      type="button"
      className={classes}
      disabled={disabled}
      aria-busy={pending || undefined}
      onPointerDown={(event) => {
        if (!disabled) setPressed(true)
        onPointerDown?.(event)
      }}
      onPointerUp={(event) => {
        setPressed(false)
        onPointerUp?.(event)
      }}
      onPointerLeave={(event) => {
        setPressed(false)
        onPointerLeave?.(event)
      }}
      onPointerCancel={(event) => {
        setPressed(false)
        onPointerCancel?.(event)
      }}
      {...rest}
    >
      {children}
    </button>
  )
}
