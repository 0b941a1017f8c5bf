// "Dialog 06" (also "DIALOG 06", "Checkout-Dialogue 06", ECR type 12): the serial protocol between a
// legal-for-trade price-computing shop scale and a till, as German and European scales (Bizerba, Mettler
// Toledo, Dibal, Cely, Ohaus, CAS …) implement it. Its frames are printed in the scales' public manuals,
// e.g. Cely PI100 series manual §7.5 "DIAL06 / DIALOG 06 protocol", Dibal DPOS400 manual §4.39 "DIALOG 06
// protocol", Ohaus Aviator 7000 service manual §6.1.6 "Dialog 02 / 04" (docs/hardware-scale.md):
//
//   till → scale   EOT STX "01" ESC PPPPPP ESC ETX           unit price (cents per kg), 6 digits
//   scale → till   ACK | NAK
//   till → scale   EOT ENQ                                    "send the weighing"
//   scale → till   STX "02" ESC D ESC WWWWW ESC PPPPPP ESC IIIIII ETX   (only when the weight is stable)
//                  | NAK                                      (motion, no load, under zero, overload …)
//   till → scale   EOT STX "08" ETX                           "why the NAK?"
//   scale → till   STX "09" ESC S1 S2 ETX                     two status digits
//
// W = weight in grams (5 digits; D, the digit after "02", is the number of weight decimals in kg, 3),
// P = unit price, I = the amount the scale computed (cents). Pure functions; no I/O here.

export const EOT = 0x04
export const STX = 0x02
export const ETX = 0x03
export const ENQ = 0x05
export const ACK = 0x06
export const NAK = 0x15
export const ESC = 0x1b

/** The largest unit price (cents per kg) and amount the 6-digit fields carry: 9 999,99 €. */
export const MAX_FIELD_CENTS = 999_999
/** The largest weight the 5-digit field carries, in grams. */
export const MAX_FIELD_GRAMS = 99_999

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0))
const digits = (n: number, width: number) => String(n).padStart(width, '0')

export function unitPriceRecord(unitPriceCents: number): Uint8Array {
  if (!Number.isInteger(unitPriceCents) || unitPriceCents < 0 || unitPriceCents > MAX_FIELD_CENTS)
    throw new RangeError(`unit price ${unitPriceCents} does not fit Dialog 06's 6 digits`)
  return Uint8Array.from([EOT, STX, ...ascii('01'), ESC, ...ascii(digits(unitPriceCents, 6)), ESC, ETX])
}

export const WEIGHT_REQUEST = Uint8Array.of(EOT, ENQ)
export const STATUS_REQUEST = Uint8Array.from([EOT, STX, ...ascii('08'), ETX])

export function weightRecord(grams: number, unitPrice: number, amount: number): Uint8Array {
  return Uint8Array.from([
    STX,
    ...ascii('02'),
    ESC,
    ...ascii('3'),
    ESC,
    ...ascii(digits(grams, 5)),
    ESC,
    ...ascii(digits(unitPrice, 6)),
    ESC,
    ...ascii(digits(amount, 6)),
    ETX,
  ])
}

export function statusRecord(code: string): Uint8Array {
  return Uint8Array.from([STX, ...ascii('09'), ESC, ...ascii(code.slice(0, 2).padStart(2, '0')), ETX])
}

/** What a status code means for the cashier. [I] The code list is taken from scale manuals, not verified on hardware. */
export type ScaleRefusal =
  'motion' | 'same-weighing' | 'below-minimum' | 'under-zero' | 'overload' | 'price-refused' | 'error'

export const STATUS_CODES: Record<string, { refusal: ScaleRefusal | null; text: string }> = {
  '00': { refusal: null, text: 'no error' },
  '01': { refusal: 'error', text: 'general error' },
  '02': { refusal: 'error', text: 'parity error or buffer overflow' },
  '10': { refusal: 'error', text: 'invalid record number' },
  '11': { refusal: 'price-refused', text: 'invalid unit price' },
  '12': { refusal: 'error', text: 'invalid tare' },
  '13': { refusal: 'error', text: 'invalid text' },
  '20': { refusal: 'motion', text: 'scale still in motion (no equilibrium)' },
  '21': { refusal: 'same-weighing', text: 'no motion since the last weighing' },
  '22': { refusal: 'motion', text: 'price calculation not yet finished' },
  '30': { refusal: 'below-minimum', text: 'weight below the minimum load' },
  '31': { refusal: 'under-zero', text: 'weight under zero' },
  '32': { refusal: 'overload', text: 'scale overloaded' },
}

export function describeStatus(code: string): { refusal: ScaleRefusal | null; text: string } {
  return STATUS_CODES[code] ?? { refusal: 'error', text: `unknown status ${code}` }
}

export type ScaleReply =
  | { type: 'ack' }
  | { type: 'nak' }
  | { type: 'weight'; grams: number; unitPrice: number; amount: number }
  | { type: 'status'; code: string }
  /** A frame the driver cannot use (wrong record, bad digits); `text` says what it was. */
  | { type: 'invalid'; text: string }

/**
 * Reads the first reply from `buffer`. Returns the reply and how many bytes it used, or null while the
 * frame is still incomplete. Bytes before a frame that are not ACK, NAK or STX are skipped (line noise).
 */
export function readReply(buffer: Uint8Array): { reply: ScaleReply; used: number } | null {
  let start = 0
  while (start < buffer.length && ![ACK, NAK, STX].includes(buffer[start])) start++
  if (start >= buffer.length) return null
  const first = buffer[start]
  if (first === ACK) return { reply: { type: 'ack' }, used: start + 1 }
  if (first === NAK) return { reply: { type: 'nak' }, used: start + 1 }
  const end = buffer.indexOf(ETX, start)
  if (end < 0) return null
  const used = end + 1
  const body = String.fromCharCode(...buffer.subarray(start + 1, end))
  const fields = body.split('\x1b')
  const record = fields[0]
  if (record === '02') {
    const [, decimals, w, p, i] = fields
    if (fields.length !== 5 || ![w, p, i].every((f) => /^\d+$/.test(f ?? '')))
      return { reply: { type: 'invalid', text: `malformed weight record "${printable(body)}"` }, used }
    if (decimals !== '3')
      return {
        reply: { type: 'invalid', text: `weight with ${decimals} decimals, expected 3 (grams)` },
        used,
      }
    return {
      reply: { type: 'weight', grams: Number(w), unitPrice: Number(p), amount: Number(i) },
      used,
    }
  }
  if (record === '09' && fields.length === 2 && /^\d{2}$/.test(fields[1]))
    return { reply: { type: 'status', code: fields[1] }, used }
  return { reply: { type: 'invalid', text: `unexpected record "${printable(body)}"` }, used }
}

const printable = (s: string) =>
  Array.from(s, (c) => (c.charCodeAt(0) < 0x20 ? `<${c.charCodeAt(0).toString(16)}>` : c)).join('')
