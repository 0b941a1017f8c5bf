import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createKeyboardDecoder,
  encodeKeyboardReports,
  type KeyEvent,
} from '../../../../hardware/scanner/keyboard'
import { LAYOUTS, keyFor, type LayoutName } from '../../../../hardware/scanner/keyboard-layouts'
import { hexReport } from '../../../../hardware/scanner/virtual-scanner'
import { loadFixture, type Recording } from './helpers'

function decode(layout: LayoutName, reports: Iterable<Uint8Array>): KeyEvent[] {
  const d = createKeyboardDecoder(layout)
  return [...reports].flatMap((r) => d.push(r))
}
const text = (events: KeyEvent[]) =>
  events
    .map((e) => (e.type === 'char' ? e.char : e.type === 'terminator' ? `<${e.key}>` : `{${e.type}}`))
    .join('')

describe('keyboard report decoder', () => {
  it('decodes the node-hid#323 capture to 6957842208856, Enter, and ignores the trailing Ctrl+Shift+J', () => {
    const fx = loadFixture<{ reports: Recording }>('keyboard-us-6957842208856.json')
    const events = decode(
      'us',
      fx.reports.map(([, hex]) => hexReport(hex)),
    )
    expect(text(events)).toBe('6957842208856<enter>{shortcut}')
    expect(events.at(-1)).toEqual({ type: 'shortcut', usage: 0x0d, modifiers: 0x03 })
  })

  it('is edge-triggered: a held key counts once, a release in between makes repeated digits', () => {
    const held = ['00 00 1f 00 00 00 00 00', '00 00 1f 00 00 00 00 00', '00 00 1f 27 00 00 00 00']
    expect(text(decode('us', held.map(hexReport)))).toBe('20')
    const repeated = ['00 00 1f 00 00 00 00 00', '00 00 00 00 00 00 00 00', '00 00 1f 00 00 00 00 00']
    expect(text(decode('us', repeated.map(hexReport)))).toBe('22')
  })

  it('reads 9-byte reports (report ID first) like 8-byte ones', () => {
    expect(
      text(decode('us', ['02 00 00 27 00 00 00 00 00', '02 00 00 00 00 00 00 00 00'].map(hexReport))),
    ).toBe('0')
  })

  it('ignores ErrorRollOver reports entirely and flags reports that are no boot reports', () => {
    expect(decode('us', [hexReport('00 00 01 01 01 01 01 01')])).toEqual([])
    expect(decode('us', [hexReport('00 00 22 00 00')])).toEqual([{ type: 'bad-report', length: 5 }])
    expect(decode('us', [hexReport('00 5a 27 00 00 00 00 00')])).toEqual([{ type: 'bad-report', length: 8 }])
  })

  it('keys the layout has no character for are reported, not dropped', () => {
    expect(decode('us', [hexReport('00 00 3a 00 00 00 00 00')])).toEqual([
      { type: 'unmapped', usage: 0x3a, modifiers: 0 },
    ])
  })

  it('German layout: y/z swapped, track sentinels on other keys, AltGr level', () => {
    const de = (hex: string[]) => text(decode('de', hex.map(hexReport)))
    expect(de(['00 00 1c 00 00 00 00 00', '00 00 1d 00 00 00 00 00'])).toBe('zy')
    expect(de(['02 00 36 00 00 00 00 00', '02 00 27 00 00 00 00 00', '02 00 2d 00 00 00 00 00'])).toBe(';=?')
    expect(de(['40 00 08 00 00 00 00 00', '40 00 14 00 00 00 00 00'])).toBe('€@')
    // the same keys under US give other characters: layout mismatch garbles track data, not digits
    expect(
      text(
        decode(
          'us',
          ['02 00 36 00 00 00 00 00', '02 00 27 00 00 00 00 00', '02 00 2d 00 00 00 00 00'].map(hexReport),
        ),
      ),
    ).toBe('<)_')
    // on US, right Alt is Alt: a shortcut, not a character
    expect(decode('us', [hexReport('40 00 08 00 00 00 00 00')])[0].type).toBe('shortcut')
  })

  it('the reference table (A.3) holds for both layouts', () => {
    const table: [string, LayoutName, number, boolean][] = [
      [';', 'us', 0x33, false],
      ['=', 'us', 0x2e, false],
      ['?', 'us', 0x38, true],
      ['%', 'us', 0x22, true],
      ['^', 'us', 0x23, true],
      [';', 'de', 0x36, true],
      ['=', 'de', 0x27, true],
      ['?', 'de', 0x2d, true],
      ['%', 'de', 0x22, true],
      ['^', 'de', 0x35, false],
      ['-', 'de', 0x38, false],
      ['/', 'de', 0x24, true],
      ['ß', 'de', 0x2d, false],
    ]
    for (const [char, layout, usage, shift] of table)
      expect(keyFor(layout, char), `${layout} ${char}`).toMatchObject({ usage, shift })
  })

  it('keypad digits type digits whatever the Shift state ([I] NumLock assumed on)', () => {
    expect(
      text(
        decode(
          'de',
          [
            '00 00 59 00 00 00 00 00',
            '00 00 00 00 00 00 00 00',
            '00 00 62 00 00 00 00 00',
            '00 00 58 00 00 00 00 00',
          ].map(hexReport),
        ),
      ),
    ).toBe('10<enter>')
  })

  for (const layout of ['us', 'de'] as const) {
    it(`${layout}: encoding any typable text and decoding it gives the text back (property)`, () => {
      const chars = [...new Set([...LAYOUTS[layout].values()].flatMap((k) => [...k]).filter((c) => c !== ''))]
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 40 }), (arr) => {
          const s = arr.join('')
          const events = decode(layout, encodeKeyboardReports(s, layout))
          expect(text(events)).toBe(`${s}<enter>`)
        }),
      )
    })
  }

  it('never throws on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 12 }), { maxLength: 30 }),
        fc.constantFrom<LayoutName>('us', 'de'),
        (reports, layout) => {
          const events = decode(layout, reports)
          for (const e of events)
            expect(['char', 'terminator', 'shortcut', 'unmapped', 'bad-report']).toContain(e.type)
        },
      ),
    )
  })
})
