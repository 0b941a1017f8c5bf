// secucard loyalty numbers: 16 digits starting 9276 (docs/secuconnect.md, docs/hardware-scanner.md).
// The issuer publishes no check digit, so none is verified.

export const CARD_PREFIX = '9276'
const CARD_RE = /^9276\d{12}$/

export function isCardNumber(code: string): boolean {
  return CARD_RE.test(code)
}

/** "•••• •••• •••• 2845": what logs and screens show of a card number. */
export function maskCardNumber(card: string): string {
  const digits = card.replace(/\D/g, '')
  if (digits.length < 8) return '••••'
  return `•••• •••• •••• ${digits.slice(-4)}`
}

/**
 * Replaces every card-number-like run of 15–19 digits in free text by its masked form. Shorter runs
 * stay readable: EAN-13/GTIN-14 product codes and epoch milliseconds (13 digits) are not card numbers.
 */
export function maskCardNumbersIn(text: string): string {
  return text.replace(/(?<!\d)\d{15,19}(?!\d)/g, (m) => maskCardNumber(m))
}
