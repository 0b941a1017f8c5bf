// Shared touch components of the till (sale screen, back office, settings use the same pieces).
export { Button, type ButtonProps, type ButtonVariant, type ButtonSize } from './Button'
export { Keypad, type KeypadProps } from './Keypad'
export { keypadInput, centsFromDigits, type KeypadKey } from './keypad-input'
export { MoneyText, useFormatMoney, useLocale } from './money'
export { Dialog, type DialogProps } from './Dialog'
export { ToastProvider, useToast, Alert, type ToastKind } from './Toasts'
export { translateError, translateMessage, messageParams, type Translatable } from './errors'
export { useCommand, useEvent, useLiveState, usePos, type CommandState, type CommandOptions } from './hooks'
