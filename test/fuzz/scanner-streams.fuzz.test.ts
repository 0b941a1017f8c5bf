// Report streams into the scanner decoders, as a scanner with a loose cable, a wrong layout or line
// noise would send them: keyboard boot reports (both layouts), HID POS reports (page 0x8C) and magstripe
// text. Oracles: every Scan matches the contract's `scan` schema; a product is only ever a numeric
// EAN/UPC with a valid check digit; a card only a secucard number; a non-secucard track never leaves
// the decoder unmasked; and valid codes between noise come out exactly, nothing else becomes a sale.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { scan as scanSchema, type Scan } from '../../common/devices'
import { manualClock, memoryLogger } from '../../common/ports'
import { isCardNumber } from '../../common/card'
import { manualTimers } from '../../hardware/manager/timers'
import { VirtualScanner } from '../../hardware/scanner/virtual-scanner'
import {
  classifyCode,
  gs1CheckDigit,
  hasValidCheckDigit,
  isProductScan,
} from '../../hardware/scanner/classify'
import { encodeKeyboardReports } from '../../hardware/scanner/keyboard'
import { looksLikeTrackData } from '../../hardware/scanner/magstripe'
import type { LayoutName } from '../../hardware/scanner/keyboard-layouts'
import { budget, fcParams } from './budget'

const INTER_CHAR_MS = 100
const CARD_WINDOW_MS = 1500
const RUNS = budget(150, 5000)

function rig(layout: LayoutName) {
  const clock = manualClock()
  const timers = manualTimers(clock)
  const scanner = new VirtualScanner({
    clock,
    logger: memoryLogger(),
    timers,
    layout,
    interCharTimeoutMs: INTER_CHAR_MS,
  })
  const scans: Scan[] = []
  scanner.onScan((s) => scans.push(s))
  return { scanner, scans, timers }
}

/** Invariants every scan from any input must hold. */
function wellFormed(s: Scan): void {
  expect(scanSchema.safeParse(s).success).toBe(true)
  if (isProductScan(s)) {
    expect(s.code).toMatch(/^(\d{8}|\d{12}|\d{13})$/)
    expect(hasValidCheckDigit(s.code)).toBe(true)
  }
  if (s.kind === 'card') expect(isCardNumber(s.code)).toBe(true)
  if (s.kind === 'invalid') expect(s.reason).toBeTruthy()
}

const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''))
const withCheckDigit = (body: string) => body + String(gs1CheckDigit(body))

/** Codes a till must read exactly: EAN-13, EAN-8, UPC-A, in-store price EANs and secucard numbers. */
const validCode = fc.oneof(
  digits(12, 12)
    .map(withCheckDigit)
    .map((code) => ({ code, kinds: ['ean13', 'instore-price', 'instore-weight'] })),
  digits(7, 7)
    .map(withCheckDigit)
    .map((code) => ({ code, kinds: ['ean8'] })),
  digits(11, 11)
    .map(withCheckDigit)
    .map((code) => ({ code, kinds: ['upca'] })),
  digits(12, 12).map((d) => ({ code: `9276${d}`, kinds: ['card'] })),
)

const TERMINATOR_USAGES = new Set([0x28, 0x58, 0x2b])

/** Keyboard-report noise without Enter/Tab: whatever it types ends by the timeout, i.e. as a partial read. */
const keyboardNoise = fc.array(
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 0, max: 255 }),
          fc.array(fc.integer({ min: 0, max: 0xe7 }), { minLength: 6, maxLength: 6 }),
        )
        .map(([mod, keys]) => [mod, 0, ...keys.map((k) => (TERMINATOR_USAGES.has(k) ? 0 : k))]),
    },
    { weight: 1, arbitrary: fc.constant([0, 0, 1, 1, 1, 1, 1, 1]) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.integer({ min: 0, max: 255 }), { minLength: 0, maxLength: 12 })
        .filter((r) => r.length !== 8 && r.length !== 9),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.integer({ min: 0, max: 255 }), { minLength: 8, maxLength: 8 })
        .map((r) => [r[0], r[1] || 1, ...r.slice(2).map((k) => (TERMINATOR_USAGES.has(k) ? 0 : k))]),
    },
  ),
  { minLength: 1, maxLength: 30 },
)

const RELEASE = [0, 0, 0, 0, 0, 0, 0, 0]

describe('keyboard-report streams', () => {
  for (const layout of ['de', 'us'] as const) {
    it(`${layout}: valid codes between noise are read exactly; noise only ever yields invalid scans`, () => {
      const segment = fc.oneof(
        { weight: 2, arbitrary: validCode.map((v) => ({ type: 'code' as const, ...v })) },
        { weight: 1, arbitrary: keyboardNoise.map((reports) => ({ type: 'noise' as const, reports })) },
      )
      fc.assert(
        fc.property(fc.array(segment, { minLength: 1, maxLength: 12 }), (segments) => {
          const { scanner, scans, timers } = rig(layout)
          const expected: { code: string; kinds: string[] }[] = []
          for (const seg of segments) {
            if (seg.type === 'code') {
              scanner.injectKeyboardReports(encodeKeyboardReports(seg.code, layout))
              expected.push(seg)
            } else {
              scanner.injectKeyboardReports(seg.reports)
              // A real scanner releases its keys; then the pause that ends a code without terminator.
              scanner.injectKeyboardReports([RELEASE])
            }
            timers.advance(CARD_WINDOW_MS + INTER_CHAR_MS)
          }
          scans.forEach(wellFormed)
          const read = scans.filter((s) => s.kind !== 'invalid')
          expect(read.map((s) => s.code)).toEqual(expected.map((e) => e.code))
          read.forEach((s, i) => expect(expected[i].kinds).toContain(s.kind))
        }),
        fcParams(RUNS),
      )
    })
  }

  it('a code cut off before its Enter never sells, even when the prefix looks like a valid code', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 1, max: 12 }), (v, keep) => {
        const { scanner, scans, timers } = rig('us')
        const reports = encodeKeyboardReports(v.code, 'us', { terminator: 'none' })
        scanner.injectKeyboardReports(reports.slice(0, Math.min(reports.length, keep * 2)))
        timers.advance(INTER_CHAR_MS * 2)
        expect(scans).toHaveLength(1)
        expect(scans[0]).toMatchObject({ kind: 'invalid', reason: 'partial-read' })
      }),
      fcParams(RUNS),
    )
  })
})

/** A node-hid HID POS buffer: report ID 2, count, AIM, code bytes, continuation flag. */
function hidPosReport(chunk: Uint8Array, aim: string, more: boolean): Uint8Array {
  const b = new Uint8Array(64)
  b[0] = 0x02
  b[1] = chunk.length
  for (let i = 0; i < 3; i++) b[2 + i] = aim.charCodeAt(i)
  b.set(chunk, 5)
  b[63] = more ? 1 : 0
  return b
}

function chunked(text: string, sizes: number[]): Uint8Array[] {
  const bytes = Buffer.from(text, 'latin1')
  const out: Uint8Array[] = []
  let at = 0
  for (const size of sizes) {
    if (at >= bytes.length) break
    out.push(bytes.subarray(at, at + size))
    at += size
  }
  if (at < bytes.length) for (; at < bytes.length; at += 56) out.push(bytes.subarray(at, at + 56))
  return out
}

describe('HID POS report streams', () => {
  it('random reports never throw and never become a product or card they do not spell', () => {
    const report = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 80 }),
      fc.uint8Array({ minLength: 63, maxLength: 63 }),
      fc.uint8Array({ minLength: 64, maxLength: 64 }).map((b) => {
        b[0] = 0x02
        return b
      }),
    )
    fc.assert(
      fc.property(
        fc.array(fc.tuple(report, fc.integer({ min: 0, max: 400 })), { maxLength: 40 }),
        (stream) => {
          const { scanner, scans, timers } = rig('us')
          for (const [bytes, pause] of stream) {
            scanner.injectHidPosReports([bytes])
            timers.advance(pause)
          }
          timers.advance(1000)
          scans.forEach(wellFormed)
        },
      ),
      fcParams(RUNS),
    )
  })

  it('a code split over any number of reports, between foreign reports, is reassembled exactly', () => {
    const aim = fc.constantFrom(']E0', ']E4', ']C0', '\0\0\0')
    fc.assert(
      fc.property(
        validCode,
        fc.array(fc.integer({ min: 1, max: 56 }), { minLength: 1, maxLength: 13 }),
        aim,
        fc.boolean(),
        (v, sizes, id, suffix) => {
          const { scanner, scans, timers } = rig('us')
          const parts = chunked(v.code + (suffix ? '\r' : ''), sizes)
          parts.forEach((part, i) => {
            scanner.injectHidPosReports([Uint8Array.from([0x04, ...new Array(63).fill(0x41)])])
            scanner.injectHidPosReports([hidPosReport(part, id, i < parts.length - 1)])
            timers.advance(50)
          })
          timers.advance(CARD_WINDOW_MS)
          expect(scans.map((s) => s.code)).toEqual([v.code])
          expect(v.kinds).toContain(scans[0].kind)
        },
      ),
      fcParams(RUNS),
    )
  })

  it('a continuation that never comes is a partial read, never a product', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 1, max: 12 }), (v, cut) => {
        const { scanner, scans, timers } = rig('us')
        const bytes = Buffer.from(v.code, 'latin1')
        scanner.injectHidPosReports([hidPosReport(bytes.subarray(0, cut), ']E0', true)])
        timers.advance(1000)
        expect(scans).toEqual([expect.objectContaining({ kind: 'invalid', reason: 'partial-read' })])
      }),
      fcParams(RUNS),
    )
  })
})

describe('magstripe text', () => {
  const pan = fc.oneof(
    digits(12, 12).map((d) => `9276${d}`),
    digits(12, 19).filter((d) => !d.startsWith('9276')),
  )
  const name = fc.stringMatching(/^[A-Z /]{0,26}$/)
  const track2 = fc
    .tuple(pan, digits(0, 12), fc.boolean(), fc.boolean())
    .map(([p, rest, start, end]) => `${start ? ';' : ''}${p}=${rest}${end ? '?' : ''}`)
  const track1 = fc.tuple(pan, name, digits(4, 12)).map(([p, n, rest]) => `%B${p}^${n}^${rest}?`)
  const swipe = fc.oneof(
    track2,
    track1,
    fc.tuple(track1, track2).map(([a, b]) => a + b),
  )
  const text = fc.oneof(
    swipe,
    swipe.chain((s) => fc.integer({ min: 0, max: s.length }).map((n) => s.slice(0, n))),
    fc.constantFrom(';E?', '%E?', ';', '%B', '%', ';?', '=', ';=?'),
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
  )

  it('never throws; a swipe becomes a secucard or an invalid scan whose code shows at most 4 digits', () => {
    fc.assert(
      fc.property(text, (t) => {
        const s = classifyCode(t, { source: 'keyboard' })
        wellFormed(s)
        if (!looksLikeTrackData(t.replace(/^[\r\n\0]+/, ''))) return
        if (s.kind === 'card') {
          expect(t).toContain(s.code)
          expect(s.source).toBe('magstripe')
        } else {
          expect(s.kind).toBe('invalid')
          // A payment card's number must not travel past the decoder (logs, UI, events).
          expect(s.code).not.toMatch(/\d{5,}/)
        }
      }),
      fcParams(budget(1000, 50_000)),
    )
  })

  it('a whole track-2 swipe typed by a US-layout reader gives exactly its card, or a masked refusal', () => {
    fc.assert(
      fc.property(track2, (swiped) => {
        const { scanner, scans, timers } = rig('us')
        scanner.type(swiped)
        timers.advance(CARD_WINDOW_MS)
        const p = /\d{12,19}/.exec(swiped)![0]
        expect(scans).toHaveLength(1)
        if (isCardNumber(p)) expect(scans[0]).toMatchObject({ kind: 'card', code: p })
        else
          expect(scans[0]).toMatchObject({
            kind: 'invalid',
            reason: 'not-a-secucard',
            code: `•••• •••• •••• ${p.slice(-4)}`,
          })
      }),
      fcParams(RUNS),
    )
  })
})
