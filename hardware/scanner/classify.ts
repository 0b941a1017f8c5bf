// Turns the text of one read into a Scan. Products are only ever EAN-13/EAN-8/UPC-A codes whose check digit
// verifies; everything doubtful ends up `invalid` with a reason or `raw`, so a misread never sells something.
import { isCardNumber, maskCardNumber } from '../../common/card'
import type { InStoreLayout } from '../../common/config/devices'
import type { Scan } from '../../common/devices'
import { readTrack } from './magstripe'

export type InvalidReason =
  | 'bad-check-digit'
  | 'partial-read'
  | 'unmapped-key'
  | 'bad-report'
  | 'unprintable'
  | 'track-incomplete'
  | 'track-read-error'
  | 'not-a-secucard'

export interface ReadInfo {
  /** Transport: "hid-pos", "keyboard", "serial", "virtual", "manual". */
  source: string
  symbology?: string
  /** Set by the framing layer when the read did not end properly or carried undecodable input. */
  problem?: Extract<InvalidReason, 'partial-read' | 'unmapped-key' | 'bad-report'>
}

export const DEFAULT_IN_STORE: InStoreLayout = {
  pricePrefixes: ['21', '22', '23', '24', '25'],
  weightPrefixes: ['26', '27', '28', '29'],
  articleDigits: 5,
  valueDigits: 5,
}

/** GS1 mod-10 check digit of the digits before it (weights 3,1,3,… from the right). */
export function gs1CheckDigit(body: string): number {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48
    sum += i % 2 === 0 ? digit * 3 : digit
  }
  return (10 - (sum % 10)) % 10
}

export function hasValidCheckDigit(code: string): boolean {
  return /^\d{2,}$/.test(code) && gs1CheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48
}

// Scanners end codes with CR/LF and pad HID buffers with NULs; neither is part of the code.
function trimFraming(text: string): string {
  return text.replace(/^[\r\n\0]+|[\r\n\0]+$/g, '')
}

// GS (0x1D) is legitimate inside GS1-128/DataMatrix codes (FNC1 separator); any other control
// character means line noise or a layout mismatch.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\x00-\x1c\x1e\x1f\x7f]/

function invalid(code: string, info: ReadInfo, reason: InvalidReason): Scan {
  return {
    code,
    kind: 'invalid',
    source: info.source,
    ...(info.symbology ? { symbology: info.symbology } : {}),
    reason,
  }
}

export function classifyCode(text: string, info: ReadInfo, inStore: InStoreLayout = DEFAULT_IN_STORE): Scan {
  const code = trimFraming(text)
  const base = { source: info.source, ...(info.symbology ? { symbology: info.symbology } : {}) }
  // A read that did not end cleanly is never used, even if what arrived looks like a valid code:
  // `400638133393` of a cut-off `4006381333931` could pass as a UPC-A.
  if (info.problem) return invalid(code, info, info.problem)
  if (UNPRINTABLE.test(code)) return invalid(code, info, 'unprintable')

  const track = readTrack(code)
  if (track) {
    if (!track.ok) return invalid(track.pan ? maskCardNumber(track.pan) : '', info, track.reason)
    // Only secucards are ours to read; a payment card's track must not travel further than this line.
    if (!isCardNumber(track.pan)) return invalid(maskCardNumber(track.pan), info, 'not-a-secucard')
    return { ...base, code: track.pan, kind: 'card', source: 'magstripe', symbology: `track${track.track}` }
  }

  if (isCardNumber(code)) return { ...base, code, kind: 'card' }

  if (/^\d+$/.test(code) && (code.length === 8 || code.length === 12 || code.length === 13)) {
    if (!hasValidCheckDigit(code)) return invalid(code, info, 'bad-check-digit')
    if (code.length === 8) return { ...base, code, kind: 'ean8' }
    if (code.length === 12) return { ...base, code, kind: 'upca' }
    return classifyEan13(code, base, inStore)
  }
  return { ...base, code, kind: 'raw' }
}

function classifyEan13(code: string, base: Pick<Scan, 'source' | 'symbology'>, layout: InStoreLayout): Scan {
  const prefix = code.slice(0, 2)
  const isPrice = layout.pricePrefixes.includes(prefix)
  if (!isPrice && !layout.weightPrefixes.includes(prefix)) return { ...base, code, kind: 'ean13' }
  const article = code.slice(2, 2 + layout.articleDigits)
  // [I] Value = cents for price prefixes, grams for weight prefixes (what German shop scales print; GS1
  // leaves it to the retailer). The value sits right before the check digit; digits between article and value (a price check digit in
  // some layouts) are skipped unverified — the EAN check digit still covers the whole code.
  const value = Number(code.slice(12 - layout.valueDigits, 12))
  return isPrice
    ? { ...base, code, kind: 'instore-price', article, priceCents: value }
    : { ...base, code, kind: 'instore-weight', article, weightGrams: value }
}

/** Kinds the sale may turn into an article line. */
export function isProductScan(scan: Scan): boolean {
  return (
    scan.kind === 'ean13' ||
    scan.kind === 'ean8' ||
    scan.kind === 'upca' ||
    scan.kind === 'instore-price' ||
    scan.kind === 'instore-weight'
  )
}
