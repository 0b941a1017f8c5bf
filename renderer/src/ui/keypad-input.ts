// What a keypad key does to the digits typed so far: pure, so it is tested without a browser.

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | 'back' | 'clear'

/** The next value after `key`; never longer than `maxLength`, no leading zeros unless `keepLeadingZeros`. */
export function keypadInput(
  value: string,
  key: KeypadKey,
  maxLength: number,
  keepLeadingZeros = false,
): string {
  if (key === 'back') return value.slice(0, -1)
  if (key === 'clear') return ''
  let next = value + key
  // An amount or quantity starts with a non-zero digit; a PIN or PLU may start with 0.
  if (!keepLeadingZeros) next = next.replace(/^0+/, '')
  return next.length > maxLength ? value : next
}

/** Digits typed on an amount keypad are cents: "796" → 796 (7,96 €). Empty → null. */
export function centsFromDigits(value: string): number | null {
  if (value === '') return null
  const n = Number(value)
  return Number.isSafeInteger(n) ? n : null
}
