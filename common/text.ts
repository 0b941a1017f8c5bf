// Text that ends up on paper or on screen (shop header, footer, reasons): no control characters and no
// invisible direction overrides. A NUL or ESC in a shop name would reach the ESC/POS printer as a
// command byte; U+202E ("RIGHT-TO-LEFT OVERRIDE") makes "Kasse 1" read backwards on a receipt (Unicode
// bidi spoofing, https://www.unicode.org/reports/tr36/#Bidirectional_Text_Spoofing).
import { z } from 'zod'

// C0 controls, DEL, C1 controls, the bidi embeddings/overrides/isolates, LRM/RLM/ALM, line/paragraph
// separators, the BOM and other format characters that hide what a text says.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/u

export function hasControlCharacters(text: string): boolean {
  return FORBIDDEN.test(text)
}

export const CONTROL_CHARACTER_MESSAGE =
  'Steuer- oder Richtungszeichen sind nicht erlaubt — control or direction characters are not allowed'

/** A printable text field of at most `max` characters. */
export function printableText(max: number) {
  return z
    .string()
    .max(max)
    .refine((text) => !hasControlCharacters(text), { message: CONTROL_CHARACTER_MESSAGE })
}

/** True for a real calendar day written YYYY-MM-DD (2026-02-29 and 2026-13-45 are not). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (month < 1 || month > 12 || day < 1) return false
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return day <= days
}
