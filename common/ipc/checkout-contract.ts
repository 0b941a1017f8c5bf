// Commands and events of the checkout: the loyalty card, the payment kinds and the receipt choice.
// Every command returns the new CheckoutView; every change is also published as `checkout.changed`.
import { z } from 'zod'
import { command } from './define'
import { cardAttachInput, cardPinInput, checkoutView, payCashInput, printChoiceInput } from '../checkout'

const none = z.object({}).strict().default({})

export const checkoutCommands = {
  'checkout.view': command(none, checkoutView),
  /** Typed card number (a scanned card arrives through the scanner and does the same). */
  'card.attach': command(cardAttachInput, checkoutView),
  'card.detach': command(none, checkoutView),
  'card.verifyPin': command(cardPinInput, checkoutView),
  /** Apply the card balance (create/PUT transaction → preTransaction); `due` becomes missing_sum. */
  'checkout.applyCard': command(none, checkoutView),
  /** Pay what is due in cash (start/cash when a card or transaction is involved; no API call otherwise). */
  'checkout.payCash': command(payCashInput, checkoutView),
  /** Pay what is due on the card terminal (start/cashless). */
  'checkout.payTerminal': command(none, checkoutView),
  /** Pay fully from the card (start/loyalty; due must be 0 after applyCard). */
  'checkout.payLoyalty': command(none, checkoutView),
  /** Give up before money moved: undo the applied card balance, keep the basket. */
  'checkout.cancel': command(none, checkoutView),
  /** Policy "ask": print the receipt or not. Also "print later" after a printer failure (print: true retries). */
  'checkout.receipt': command(printChoiceInput, checkoutView),
  /** Close the paid sale's screen and start the next sale. */
  'checkout.done': command(none, checkoutView),
} as const

export const checkoutEvents = {
  'checkout.changed': checkoutView,
} as const
